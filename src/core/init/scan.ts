// What `pm-zone init` reads in a repository before it drafts a PM zone: the
// agent instruction file the team already keeps, the strings files and their
// formats, the feature folders, the paths only engineers should change
// (auth, payments, migrations, infrastructure, CI), and the files that say
// where PMs work (prompts, flags, analytics, components). Read from git's
// list of files, so dependencies and build output never count.
import { INSTRUCTION_FILES } from '../defaults';
import { FORMAT_NAMES, formatOf, isStringsFile } from '../review/checks/i18n/stringsFile';
import { engineeringGlobs, sensitiveName, type EngineeringGlob } from './engineering';

export interface RepositoryScan {
  /** The agent instruction files present, in the order PM Zone prefers them. */
  instructionFiles: string[];
  /** Globs of the strings files, one per shape (`**\/locales/*.json`), each with what it matched. */
  strings: { glob: string; files: number; format: string }[];
  /** Translation files in formats PM Zone's review does not read (`.po`, `.arb`, `.xliff`…). */
  otherTranslations: { format: string; files: number }[];
  /** Folders that look like one feature each (`src/features/checkout`). */
  featureFolders: string[];
  /** Engineering-only globs drawn from the paths, with what each protects and was drawn from. */
  engineering: EngineeringGlob[];
  /** CI configuration files and folders. */
  ci: string[];
  /** Changesets' folder: its markdown files choose the next version. */
  changesets: boolean;
  /** MDX pages (a documentation site's, Next.js's `page.mdx`): copy, which `**\/*.md` does not reach. */
  mdx: number;
  prompts: boolean;
  flags: string[];
  analytics: string[];
  /** Component files (`*.tsx`, `*.jsx`, `*.vue`, `*.svelte`) inside feature folders. */
  components: string[];
}

export { INSTRUCTION_FILES };

/** Folders whose paths are examples, not the application: a fixture's `auth/` locks nothing. */
const NOT_THE_APPLICATION = /(^|\/)(node_modules|vendor|third_party|fixtures?|__fixtures__|__mocks__|examples?|samples?|test-data|testdata)\//i;

const CI_FILES: readonly [RegExp, string][] = [
  [/^\.github\/workflows\//, '.github/workflows/**'],
  [/^\.github\/actions\//, '.github/actions/**'],
  // Bots that open pull requests: '' is the file itself.
  [/^\.github\/dependabot\.ya?ml$/, ''],
  [/^(\.github\/)?renovate\.json5?$|^\.renovaterc(\.json)?$/, ''],
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
    ci: [...new Set(paths.flatMap((path) => CI_FILES.filter(([pattern]) => pattern.test(path)).map(([, glob]) => glob || path)))],
    changesets: paths.some((path) => path.startsWith('.changeset/')),
    mdx: application.filter((path) => /\.mdx$/i.test(path)).length,
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
      const entry = strings.get(glob) ?? { files: 0, format: FORMAT_NAMES[formatOf(path)!] };
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

/** Documentation, assets, tests and generated code describe or exercise features; they are not where a feature's code lives. */
const NOT_CODE = /(^|\/)(docs?|documentation|www|website|images?|assets|static|public|tests?|__tests__|specs?|e2e|integration-tests|generated|gen|dist|build)\//i;
/** Folders named for the kind of code they hold, not a feature: `domains/components`, `features/hooks`. */
const CODE_KIND = /^(components?|hooks?|utils?|helpers?|lib|libs|ui|shared|common|types?|styles?|constants?|providers?|contexts?|stores?|services?|api|server|client|icons?|layouts?)$/i;
/** What a PM edits in a feature: its screens (its copy is a strings file, or its planning doc). */
const SCREEN = /\.(tsx|jsx|vue|svelte|html|erb|haml|slim|blade\.php|twig)$/i;
const pmWork = (path: string) => SCREEN.test(path) || isStringsFile(path) || /(^|\/)PLANNING\.md$/.test(path);

/**
 * Folders that hold one feature each and something a PM edits in it (a
 * screen, a strings file, a planning doc): a backend module folder or a test suite
 * is no PM's feature, nor is a folder engineering keeps (`modules/auth`) or
 * one named for a kind of code (`domains/components`).
 */
function featureFolders(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    if (NOT_CODE.test(path) || !pmWork(path)) continue;
    const folder = featureOf(path);
    const name = folder?.slice(folder.lastIndexOf('/') + 1);
    if (folder === undefined || name === undefined || /(^|\/)[._]/.test(folder) || sensitiveName(name) || CODE_KIND.test(name)) continue;
    folders.add(folder);
  }
  return [...folders].sort();
}
