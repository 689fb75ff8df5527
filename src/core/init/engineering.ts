// The engineering-only globs `pm-zone init` drafts from a repository's paths:
// what the working agreement keeps for engineering (authentication and
// sessions, permissions, payments, billing and invoices, migrations and
// schemas, infrastructure, CI, security, cryptography, audit), found by the
// words folder and file names are made of (`auth-google`, `payment-stripe`,
// `apiKeys`, `Authenticate.php`, `store/migration`), in any language's
// layout. Each glob says what it was drawn from. PM copy about those topics
// (strings files, markdown) stays the PM's: where a glob would also lock such
// copy, it is narrowed to the folders the code sits in.

export interface EngineeringGlob {
  glob: string;
  /** What the glob protects: "authentication", "payments". */
  why: string;
  /** Up to three folders or files it was drawn from, then how many in all. */
  from: string[];
  count: number;
}

/** The words that make a folder or a file engineering's, each with what it stands for. */
const SENSITIVE_WORDS: ReadonlyMap<string, string> = new Map([
  ...words('authentication', ['auth', 'authn', 'authenticate', 'authenticated', 'authentication', 'authenticator', 'oauth', 'oauth2', 'sso', 'saml', 'oidc', 'passport', 'jwt', 'mfa', '2fa', 'totp', 'webauthn', 'passkey', 'passkeys', 'password', 'passwords', 'credential', 'credentials', 'csrf']),
  ...words('sessions', ['session', 'sessions']),
  ...words('authorization', ['authz', 'authorize', 'authorized', 'authorization', 'authorizer', 'permission', 'permissions', 'rbac', 'acl', 'acls', 'iam']),
  ...words('API keys', ['apikey', 'apikeys']),
  ...words('payments', ['payment', 'payments', 'stripe', 'paypal', 'braintree', 'adyen', 'razorpay', 'mollie', 'paddle', 'refund', 'refunds', 'payout', 'payouts']),
  ...words('billing', ['billing', 'invoice', 'invoices', 'invoicing']),
  ...words('database migrations', ['migration', 'migrations', 'migrate', 'migrator', 'alembic']),
  ...words('database schema', ['prisma']),
  ...words('infrastructure', ['infra', 'infrastructure', 'terraform', 'pulumi', 'ansible', 'k8s', 'kubernetes', 'helm', 'devcontainer', 'devops', 'tilt']),
  ...words('deployment', ['deploy', 'deployment', 'deployments']),
  ...words('security', ['security']),
  ...words('cryptography', ['crypto', 'cryptography', 'encryption', 'encrypt', 'encrypted', 'decrypt', 'decryption', 'cipher', 'kms']),
  ...words('secrets', ['secret', 'secrets']),
  ...words('audit trail', ['audit', 'audits']),
  ...words('protected health data', ['phi']),
  ...words('personal data', ['pii']),
]);

/** Two words that make a topic only together (`api-keys`, `apiKeys`, `two_factor`). */
const SENSITIVE_PAIRS: readonly [string, string, string][] = [
  ['api', 'key', 'API keys'],
  ['api', 'keys', 'API keys'],
  ['api', 'token', 'API keys'],
  ['api', 'tokens', 'API keys'],
  ['access', 'token', 'authentication'],
  ['two', 'factor', 'authentication'],
];

/** A session storage hook is the browser's storage, not a login. */
const NOT_SENSITIVE: readonly [string, string][] = [['session', 'storage']];

function words(why: string, list: readonly string[]): [string, string][] {
  return list.map((word) => [word, why]);
}

/** Files named for what they build or deploy, whatever folder holds them, and the glob that locks their kind. */
const FILE_KINDS: readonly { name: RegExp; glob: string; why: string }[] = [
  { name: /^Dockerfile/i, glob: '**/Dockerfile*', why: 'container images' },
  { name: /\.dockerfile$/i, glob: '**/*.dockerfile', why: 'container images' },
  { name: /^\.dockerignore$/, glob: '**/.dockerignore', why: 'container images' },
  { name: /^docker-compose/i, glob: '**/docker-compose*', why: 'containers' },
  { name: /^compose(\.[\w-]+)*\.ya?ml$/i, glob: '**/compose*.y*ml', why: 'containers' },
  { name: /\.tf$/, glob: '**/*.tf', why: 'infrastructure' },
  { name: /\.tfvars$/, glob: '**/*.tfvars', why: 'infrastructure' },
  { name: /\.hcl$/, glob: '**/*.hcl', why: 'infrastructure' },
  { name: /^Procfile/, glob: '**/Procfile*', why: 'deployment' },
  { name: /^(fly\.toml|render\.yaml|vercel\.json|netlify\.toml|railway\.json|app\.yaml|nginx\.conf|Tiltfile)$/, glob: '', why: 'deployment' },
  { name: /(^|\.)Caddyfile$/, glob: '**/*Caddyfile', why: 'deployment' },
  { name: /\.prisma$/, glob: '**/*.prisma', why: 'database schema' },
  { name: /^(schema\.rb|structure\.sql)$/, glob: '', why: 'database schema' },
  { name: /\.sql$/i, glob: '**/*.sql', why: 'database schema and queries' },
  { name: /^SECURITY\.md$/, glob: '', why: 'the security policy' },
];

/** Copy a PM edits: strings files and documentation. A glob that would lock it is narrowed. */
const STRINGS_FOLDER = /(^|\/)(locales?|i18n|l10n|lang|langs|languages|translations|intl|messages)\//i;
const COPY = /\.(md|mdx|markdown|rst)$/i;
const STRINGS_FILE = /\.(json|ya?ml|php|po|pot|properties|xlf|xliff|arb|ftl|strings|resx)$/i;

export function isCopy(path: string): boolean {
  return COPY.test(path) || (STRINGS_FOLDER.test(path) && STRINGS_FILE.test(path));
}

/** `apps/web/(auth)/apiKeys` → words of one name: ["api", "keys"]. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** What a folder or file name stands for when it is engineering's, and the word that made it so. */
export function sensitiveName(name: string): { why: string; word: string } | undefined {
  if (name === '.do') return { why: 'deployment', word: '.do' };
  const found = wordsOf(name);
  for (const [index, word] of found.entries()) {
    const next = found[index + 1];
    if (NOT_SENSITIVE.some(([first, second]) => first === word && second === next)) continue;
    const pair = SENSITIVE_PAIRS.find(([first, second]) => first === word && second === next);
    if (pair) return { why: pair[2], word: `${word}-${next}` };
    const why = SENSITIVE_WORDS.get(word);
    if (why) return { why, word };
  }
  return undefined;
}

interface Candidate {
  kind: 'folder' | 'file';
  /** The name pattern of one folder or file: `auth`, `*payment*`, `crypto.*`, `Dockerfile*`. */
  name: string;
  /** A whole glob, when it is not `**\/name` or `**\/name/**`. */
  glob?: string;
  why: string;
  /** The folders (for a folder name) or files it was drawn from. */
  sources: Set<string>;
}

/** A documentation site: its pages are copy, its generated API reference nobody edits by hand; it lends no word to a lock. */
const DOCUMENTATION_SITE = /(^|\/)(docs?|documentation|www|website)\//i;
/** Not code: a payment provider's logo locks nothing. */
const NOT_CODE = /\.(svg|png|jpe?g|gif|webp|ico|avif|bmp|ttf|woff2?|otf|eot|mp4|webm|mp3|wav|pdf|lottie)$/i;

/**
 * The engineering-only globs of a repository, from git's list of its files
 * (examples and fixtures already left out), each with what it was drawn
 * from, CI not included.
 */
export function engineeringGlobs(paths: readonly string[]): EngineeringGlob[] {
  const candidates = new Map<string, Candidate>();
  const add = (kind: Candidate['kind'], name: string, why: string, source: string, glob?: string) => {
    const key = `${kind}:${glob ?? name.toLowerCase()}`;
    const candidate = candidates.get(key) ?? { kind, name, why, sources: new Set<string>(), ...(glob ? { glob } : {}) };
    candidate.sources.add(source);
    candidates.set(key, candidate);
  };
  const words = new Map<string, { kind: Candidate['kind']; word: string; why: string; sources: { name: string; source: string }[] }>();
  for (const path of paths) {
    if (isCopy(path) && !/(^|\/)SECURITY\.md$/.test(path)) continue;
    const segments = path.split('/');
    const name = segments[segments.length - 1];
    const application = !DOCUMENTATION_SITE.test(path) && !NOT_CODE.test(path);
    const folder = application ? segments.findIndex((segment, index) => index < segments.length - 1 && sensitiveName(segment) !== undefined) : -1;
    const kind = folder < 0 ? FILE_KINDS.find((entry) => entry.name.test(name)) : undefined;
    if (kind) {
      if (kind.glob === '') add('file', name, kind.why, path);
      else add('file', kind.glob.slice(3), kind.why, path, kind.glob);
      continue;
    }
    if (folder < 0 && name === 'Chart.yaml' && segments.length > 1) {
      const chart = segments.slice(0, -1).join('/');
      add('folder', chart, 'a Helm chart', chart, `${chart}/**`);
      continue;
    }
    if (!application) continue;
    const at = folder >= 0 ? folder : segments.length - 1;
    const sensitive = sensitiveName(folder >= 0 ? segments[at] : name.replace(/\.[^.]*$/, ''));
    if (!sensitive) continue;
    const key = `${folder >= 0 ? 'folder' : 'file'}:${sensitive.word}`;
    const entry = words.get(key) ?? { kind: folder >= 0 ? 'folder' : 'file', word: sensitive.word, why: sensitive.why, sources: [] };
    entry.sources.push({ name: segments[at], source: segments.slice(0, at + 1).join('/') });
    words.set(key, entry);
  }
  for (const { kind, word, why, sources } of words.values()) {
    for (const [name, list] of namePatterns(kind, word, sources, paths)) for (const source of list) add(kind, name, why, source);
  }
  const globs = [...candidates.values()].flatMap((candidate) => narrowed(candidate, paths));
  const merged = new Map<string, EngineeringGlob>();
  for (const glob of globs) {
    const known = merged.get(glob.glob);
    if (known) known.count += glob.count;
    else merged.set(glob.glob, glob);
  }
  return withoutSubsumed([...merged.values()]).sort((a, b) => a.glob.localeCompare(b.glob));
}

const WORD_GLOB = /^(?:(.+)\/)?\*\*\/\*([a-z0-9]+)\*(\/\*\*)?$/;

/**
 * Without the globs another one already covers: `**\/*authenticate*` under
 * `**\/*auth*`, `packages/**\/*payment*\/**` under `**\/*payment*\/**`; what
 * they were drawn from is counted with the wider one.
 */
function withoutSubsumed(globs: EngineeringGlob[]): EngineeringGlob[] {
  const wide = globs.flatMap((glob) => {
    const match = WORD_GLOB.exec(glob.glob);
    return match ? [{ glob, prefix: match[1], word: match[2], folder: match[3] !== undefined }] : [];
  });
  return globs.filter((glob) => {
    const match = WORD_GLOB.exec(glob.glob);
    if (!match) return true;
    const [, prefix, word, folder] = match;
    const wider = wide.find((other) => other.glob !== glob && other.folder === (folder !== undefined) && word.includes(other.word) && (other.prefix === undefined || other.prefix === prefix) && (other.word !== word || (other.prefix === undefined && prefix !== undefined)));
    if (wider) wider.glob.count += glob.count;
    return wider === undefined;
  });
}

/**
 * The name patterns that cover every folder or file a word was found in: the
 * word itself (`auth`) when every name is just the word; else any name
 * holding it (`*payment*`), when no name of the repository holds it without
 * being engineering's (`*auth*` would take `author.ts`); else each name's own
 * shape (`auth-*`, `*-auth`, `crypto.*`, or the name as written).
 */
function namePatterns(kind: Candidate['kind'], word: string, sources: readonly { name: string; source: string }[], paths: readonly string[]): Map<string, string[]> {
  const byPattern = new Map<string, string[]>();
  const put = (pattern: string, source: string) => byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), source]);
  const stem = (name: string) => (kind === 'file' ? name.replace(/\.[^.]*$/, '') : name);
  if (sources.every(({ name }) => stem(name).toLowerCase() === word)) {
    for (const { name, source } of sources) put(kind === 'file' ? `${stem(name)}.*` : name, source);
    return byPattern;
  }
  const plain = /^[a-z0-9]+$/.test(word);
  if (plain && !holdsWordElsewhere(kind, word, paths)) {
    for (const { source } of sources) put(`*${word}*`, source);
    return byPattern;
  }
  for (const { name, source } of sources) put(shapeOf(name, word, kind === 'file'), source);
  return byPattern;
}

/** Some folder (or file) name of the repository holds the word's letters and is not engineering's: `author` for `auth`. */
function holdsWordElsewhere(kind: Candidate['kind'], word: string, paths: readonly string[]): boolean {
  for (const path of paths) {
    if (isCopy(path) || DOCUMENTATION_SITE.test(path) || NOT_CODE.test(path)) continue;
    const segments = path.split('/');
    const names = kind === 'file' ? [segments[segments.length - 1]] : segments.slice(0, -1);
    for (const name of names) {
      if (name.toLowerCase().includes(word) && sensitiveName(kind === 'file' ? name.replace(/\.[^.]*$/, '') : name) === undefined) return true;
    }
  }
  return false;
}

/**
 * The name pattern of a folder or file that stands for its kind: `auth` for
 * `auth`, `auth-*` for `auth-google`, `*-auth` for `better-auth`, `crypto.*`
 * for `crypto.ts`; any other name as written (`apiKeys`, `Authenticate.php`).
 */
function shapeOf(name: string, word: string, file: boolean): string {
  const extension = file ? (/\.[^.]*$/.exec(name)?.[0] ?? '') : '';
  const stem = name.slice(0, name.length - extension.length);
  if (word.includes('-') || /[*?[\]{}!]/.test(name)) return name;
  const lower = stem.toLowerCase();
  if (lower === word) return file ? `${stem}.*` : stem;
  for (const separator of ['-', '_']) {
    if (lower.startsWith(`${word}${separator}`)) return `${stem.slice(0, word.length)}${separator}*`;
    if (lower.endsWith(`${separator}${word}`)) return `*${separator}${stem.slice(stem.length - word.length)}${file ? '.*' : ''}`;
  }
  return name;
}

/** A name pattern with `*` as its only wildcard, as a test of one name (any letter case, as the zone locks). */
function nameTest(pattern: string): (name: string) => boolean {
  const expression = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return (name) => expression.test(name);
}

/**
 * The candidate as globs: `**\/auth/**` where that locks no copy of the
 * repository; where it would (a docs site's `auth/` pages, Laravel's
 * `lang/en/auth.php`), one glob per top folder the code sits in
 * (`packages/**\/auth/**`), or the folder itself when copy and code share
 * every folder above it.
 */
function narrowed(candidate: Candidate, paths: readonly string[]): EngineeringGlob[] {
  const describe = (glob: string, sources: readonly string[]): EngineeringGlob => ({ glob, why: candidate.why, from: sources.slice(0, 3), count: sources.length });
  const sources = [...candidate.sources].sort();
  if (candidate.glob) return [describe(candidate.glob, sources)];
  const test = nameTest(candidate.name);
  const matchAt = (path: string): number => {
    const segments = path.split('/');
    if (candidate.kind === 'file') return test(segments[segments.length - 1]) ? segments.length - 1 : -1;
    return segments.findIndex((segment, index) => index < segments.length - 1 && test(segment));
  };
  const tail = candidate.kind === 'folder' ? `${candidate.name}/**` : candidate.name;
  // Copy the generic glob would lock, unless it sits beside the code (an auth module's README is the module's).
  const codeFolders = new Set(paths.filter((path) => !isCopy(path) && matchAt(path) >= 0).map(parentOf));
  const copy = paths.filter((path) => isCopy(path) && matchAt(path) >= 0 && !codeFolders.has(parentOf(path)));
  if (copy.length === 0) return [describe(`**/${tail}`, sources)];
  const byGlob = new Map<string, string[]>();
  for (const source of sources) {
    const segments = source.split('/');
    const at = candidate.kind === 'folder' ? segments.length - 1 : segments.length - 1;
    let glob = candidate.kind === 'folder' ? `${source}/**` : source;
    for (let depth = 1; depth < at; depth++) {
      const prefix = `${segments.slice(0, depth).join('/')}/`;
      if (!copy.some((path) => path.startsWith(prefix))) {
        glob = `${prefix}**/${tail}`;
        break;
      }
    }
    byGlob.set(glob, [...(byGlob.get(glob) ?? []), source]);
  }
  return [...byGlob.entries()].map(([glob, from]) => describe(glob, from));
}

function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
