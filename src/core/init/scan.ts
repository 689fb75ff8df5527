// What `pm-zone init` reads in a repository before it drafts a PM zone: the
// agent instruction file the team already keeps, the strings files and their
// formats, the feature folders, the paths only engineers should change
// (auth, payments, migrations, infrastructure, CI), and the files that say
// where PMs work (prompts, flags, analytics, components). Read from git's
// list of files, so dependencies and build output never count.
import { INSTRUCTION_FILES } from '../defaults';
import { isStringsFile } from '../review/checks/i18n/stringsFile';

export interface RepositoryScan {
  /** The agent instruction files present, in the order PM Zone prefers them. */
  instructionFiles: string[];
  /** Globs of the strings files, one per shape (`**\/locales/*.json`), each with what it matched. */
  strings: { glob: string; files: number; format: string }[];
  /** Translation files in formats PM Zone's review does not read (`.po`, `.arb`, `.xliff`…). */
  otherTranslations: { format: string; files: number }[];
  /** Folders that look like one feature each (`src/features/checkout`). */
  featureFolders: string[];
  /** Engineering-only globs drawn from the paths, with what each was drawn from. */
  engineering: { glob: string; why: string }[];
  /** CI configuration files and folders. */
  ci: string[];
  prompts: boolean;
  flags: string[];
  analytics: string[];
  /** Component files (`*.tsx`, `*.jsx`, `*.vue`, `*.svelte`) inside feature folders. */
  components: string[];
}

export { INSTRUCTION_FILES };

/** Folder names that hold what only engineers change, and what each stands for. */
const SENSITIVE_FOLDERS: Readonly<Record<string, string>> = {
  auth: 'authentication', authentication: 'authentication', authn: 'authentication', authz: 'authorization', oauth: 'authentication', sso: 'single sign-on',
  permissions: 'authorization', rbac: 'authorization', iam: 'access control',
  payments: 'payments', payment: 'payments', billing: 'billing', invoicing: 'billing',
  migrations: 'database migrations', migrate: 'database migrations',
  infra: 'infrastructure', infrastructure: 'infrastructure', terraform: 'infrastructure', k8s: 'infrastructure', kubernetes: 'infrastructure', helm: 'infrastructure', deploy: 'deployment', deployment: 'deployment',
  security: 'security', secrets: 'secrets', crypto: 'cryptography', audit: 'audit trail', phi: 'protected health data', pii: 'personal data',
};

/** Folders whose paths are examples, not the application: a fixture's `auth/` locks nothing. */
const NOT_THE_APPLICATION = /(^|\/)(node_modules|vendor|third_party|fixtures?|__fixtures__|__mocks__|examples?|samples?|test-data|testdata)\//i;

const CI_FILES: readonly [RegExp, string][] = [
  [/^\.github\/workflows\//, '.github/workflows/**'],
  [/^\.github\/actions\//, '.github/actions/**'],
  [/^\.gitlab-ci\.ya?ml$/, '.gitlab-ci.yml'],
  [/^\.circleci\//, '.circleci/**'],
  [/^\.buildkite\//, '.buildkite/**'],
  [/^Jenkinsfile$/, 'Jenkinsfile'],
  [/^azure-pipelines\.ya?ml$/, 'azure-pipelines.yml'],
  [/^bitbucket-pipelines\.yml$/, 'bitbucket-pipelines.yml'],
  [/^\.travis\.yml$/, '.travis.yml'],
];

const FEATURE_PARENTS = new Set(['features', 'feature', 'modules', 'domains']);
const OTHER_TRANSLATION = /\.(po|pot|arb|xlf|xliff|properties|strings|resx|ftl)$/i;
const COMPONENT = /\.(tsx|jsx|vue|svelte)$/;

export function scanRepository(paths: readonly string[]): RepositoryScan {
  const present = new Set(paths);
  const application = paths.filter((path) => !NOT_THE_APPLICATION.test(`${path}`));
  return {
    instructionFiles: INSTRUCTION_FILES.filter((file) => present.has(file)),
    ...translations(application),
    featureFolders: featureFolders(application),
    engineering: engineeringGlobs(application),
    ci: [...new Set(paths.flatMap((path) => CI_FILES.filter(([pattern]) => pattern.test(path)).map(([, glob]) => glob)))],
    prompts: application.some((path) => /(^|\/)prompts\/[^/]+\.md$/.test(path)),
    flags: application.filter((path) => /(^|\/)flags\.ya?ml$/.test(path)),
    analytics: application.filter((path) => /(^|\/)analytics\/events\.[jt]s$/.test(path)),
    components: application.filter((path) => COMPONENT.test(path) && /(^|\/)components\//.test(path) && featureOf(path) !== undefined),
  };
}

/** Each strings file as the glob of its shape: the strings folder anywhere, then `*` for each folder below it, then the extension. */
function translations(paths: readonly string[]): Pick<RepositoryScan, 'strings' | 'otherTranslations'> {
  const strings = new Map<string, { files: number; format: string }>();
  const other = new Map<string, number>();
  for (const path of paths) {
    if (isStringsFile(path)) {
      const segments = path.split('/');
      const at = segments.findIndex((segment, index) => index < segments.length - 1 && /^(i18n|l10n|locales?|lang|langs|languages|translations|intl|messages)$/i.test(segment));
      if (at < 0) continue;
      const below = segments.slice(at + 1, -1).map(() => '*');
      const extension = /\.[^.]+$/.exec(path)?.[0] ?? '';
      const glob = `**/${[segments[at], ...below].join('/')}/*${extension}`;
      const entry = strings.get(glob) ?? { files: 0, format: extension.slice(1).toLowerCase() === 'json' ? 'JSON' : 'YAML' };
      entry.files++;
      strings.set(glob, entry);
    } else if (OTHER_TRANSLATION.test(path) && /(^|\/)(i18n|l10n|locales?|lang|translations|intl|res\/values)/i.test(path)) {
      const format = /\.([^.]+)$/.exec(path)![1].toLowerCase();
      other.set(format, (other.get(format) ?? 0) + 1);
    }
  }
  return {
    strings: [...strings.entries()].map(([glob, { files, format }]) => ({ glob, files, format })).sort((a, b) => b.files - a.files),
    otherTranslations: [...other.entries()].map(([format, files]) => ({ format, files })),
  };
}

/** `src/features/checkout/components/Button.tsx` → `src/features/checkout`. */
function featureOf(path: string): string | undefined {
  const segments = path.split('/');
  const at = segments.findIndex((segment, index) => index < segments.length - 2 && FEATURE_PARENTS.has(segment.toLowerCase()));
  return at < 0 ? undefined : segments.slice(0, at + 2).join('/');
}

/** Documentation and assets describe features; they are not where a feature's code lives. */
const NOT_CODE = /(^|\/)(docs?|documentation|images?|assets|static|public)\//i;

function featureFolders(paths: readonly string[]): string[] {
  return [...new Set(paths.filter((path) => !NOT_CODE.test(path)).map(featureOf).filter((folder): folder is string => folder !== undefined))].sort();
}

function engineeringGlobs(paths: readonly string[]): RepositoryScan['engineering'] {
  const found = new Map<string, string>();
  for (const path of paths) {
    for (const segment of path.split('/').slice(0, -1)) {
      const why = SENSITIVE_FOLDERS[segment.toLowerCase()];
      if (why && !found.has(segment)) found.set(segment, why);
    }
    if (/(^|\/)Dockerfile$/.test(path)) found.set('Dockerfile', 'build and deploy configuration');
  }
  return [...found.entries()].map(([name, why]) => ({ glob: name === 'Dockerfile' ? '**/Dockerfile' : `**/${name}/**`, why })).sort((a, b) => a.glob.localeCompare(b.glob));
}
