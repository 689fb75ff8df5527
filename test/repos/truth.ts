// The labelled truth of the real-repository tier: which paths of a real tree
// the working agreement keeps for engineering, written by hand, for the test
// only. It shares no code with the product's scan (src/core/init/scan.ts) on
// purpose: a rule both used would measure nothing. Each rule is a word a path
// is made of (split at `-`, `_`, `.`, `/` and camelCase), or a file's name.
//
// Labels:
// - engineering: a topic the agreement names (authentication and sessions,
//   permissions, payments, billing and invoices, migrations and schemas,
//   infrastructure, CI, security, cryptography, audit).
// - controls: the files that switch the controls themselves off or change
//   what runs (hook managers, package managers' programs and configuration,
//   patches applied to installed packages, every stack's manifests and
//   lockfiles, changesets, CODEOWNERS, agent instructions). PM Zone locks
//   these by a built-in list (changesets by the draft); every one must be.
// - pm-copy: user-facing copy about those topics that a PM edits (strings
//   files, markdown and MDX documentation): must never be locked by a word.
// - unlabelled: everything else, and what the review below left undecided
//   (login pages, examples, images of a payment provider's logo).
//
// The disagreements looked at while writing it are in test/repos/README.md.

export type Label = 'engineering' | 'controls' | 'pm-copy' | 'unlabelled';

export interface Truth {
  label: Label;
  /** The topic (engineering, controls) or the kind of copy, for the report. */
  topic: string;
}

/** The words of a path: `apps/web/(auth)/apiKeys/AuthService.php` → apps web auth api keys auth service php. */
export function wordsOf(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const TOPIC_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  // Authentication, sessions, permissions.
  ...Object.fromEntries(['auth', 'authn', 'authz', 'authenticate', 'authenticated', 'authentication', 'authenticator', 'authorize', 'authorized', 'authorization', 'authorizer', 'oauth', 'oauth2', 'sso', 'saml', 'oidc', 'passport', 'session', 'sessions', 'permission', 'permissions', 'rbac', 'acl', 'acls', 'apikey', 'apikeys', 'jwt', 'mfa', '2fa', 'totp', 'webauthn', 'passkey', 'passkeys', 'password', 'passwords', 'credential', 'credentials', 'csrf'].map((word) => [word, 'auth'])),
  // Payments, billing, invoices.
  ...Object.fromEntries(['payment', 'payments', 'stripe', 'paypal', 'braintree', 'adyen', 'razorpay', 'mollie', 'paddle', 'billing', 'invoice', 'invoices', 'invoicing', 'refund', 'refunds', 'payout', 'payouts'].map((word) => [word, 'payments'])),
  // Migrations and schemas.
  ...Object.fromEntries(['migration', 'migrations', 'migrate', 'migrator', 'alembic', 'prisma'].map((word) => [word, 'migrations'])),
  // Infrastructure.
  ...Object.fromEntries(['dockerfile', 'helm', 'k8s', 'kubernetes', 'terraform', 'pulumi', 'ansible', 'infra', 'infrastructure', 'devcontainer', 'tilt', 'tiltfile'].map((word) => [word, 'infrastructure'])),
  // Security, cryptography, audit.
  ...Object.fromEntries(['security', 'crypto', 'cryptography', 'encryption', 'encrypt', 'encrypted', 'decrypt', 'decryption', 'cipher', 'secret', 'secrets', 'audit', 'audits', 'kms'].map((word) => [word, 'security'])),
}));

/** Two words that make a topic only together. */
const TOPIC_PAIRS: readonly [string, string, string][] = [
  ['api', 'key', 'auth'],
  ['api', 'keys', 'auth'],
  ['api', 'token', 'auth'],
  ['api', 'tokens', 'auth'],
  ['access', 'token', 'auth'],
  ['two', 'factor', 'auth'],
];

/** Words that look like a topic and are not: a session storage hook is a browser API, not a login. */
const NOT_A_TOPIC: readonly [string, string][] = [['session', 'storage']];

const FILE_NAMES: readonly [RegExp, string][] = [
  [/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i, 'infrastructure'],
  [/^\.dockerignore$/, 'infrastructure'],
  [/\.(tf|tfvars|hcl)$/, 'infrastructure'],
  [/^(fly\.toml|render\.yaml|vercel\.json|netlify\.toml|railway\.json|Procfile(\.[\w-]+)?|Caddyfile|[\w.-]+\.Caddyfile|nginx\.conf|app\.yaml)$/, 'infrastructure'],
  [/^Chart\.ya?ml$/, 'infrastructure'],
  [/^(schema\.rb|structure\.sql)$/, 'migrations'],
  [/\.prisma$/, 'migrations'],
  [/^SECURITY\.md$/, 'security'],
];

const PATHS: readonly [RegExp, string][] = [
  [/^\.github\/(workflows|actions)\//, 'ci'],
  [/^\.github\/(dependabot\.ya?ml|renovate\.json5?)$/, 'ci'],
  [/^(renovate\.json5?|\.renovaterc(\.json)?)$/, 'ci'],
  [/^\.gitlab-ci\.ya?ml$|^\.gitlab\/ci\//, 'ci'],
  [/^\.circleci\/|^\.buildkite\/|^Jenkinsfile$|^azure-pipelines\.ya?ml$|^bitbucket-pipelines\.yml$|^\.travis\.yml$/, 'ci'],
  [/(^|\/)(deploy|deployment|deployments|\.do|\.devops|k8s)\//, 'infrastructure'],
  [/(^|\/)(helm|charts)\/[^/]+\/(templates\/|values[\w.-]*\.ya?ml$|Chart\.ya?ml$)/, 'infrastructure'],
  [/(^|\/)db\/migrate\//, 'migrations'],
  [/(^|\/)(supabase|drizzle)\/.*\.sql$/, 'migrations'],
];

const CONTROLS: readonly [RegExp, string][] = [
  [/(^|\/)package\.json$/, 'manifest'],
  [/(^|\/)(composer\.json|Gemfile|go\.mod|pyproject\.toml|setup\.cfg|setup\.py|requirements[\w.-]*\.txt|Cargo\.toml)$/, 'manifest'],
  [/(^|\/)(yarn\.lock|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|bun\.lockb?|composer\.lock|Gemfile\.lock|go\.sum|uv\.lock|poetry\.lock|Cargo\.lock)$/, 'lockfile'],
  [/^\.husky\/|(^|\/)\.?lefthook(-local)?\.ya?ml$|^\.pre-commit-config\.yaml$|^\.simple-git-hooks\.(json|js|cjs)$/, 'hook manager'],
  [/(^|\/)(\.yarnrc\.yml|\.yarnrc|\.npmrc|\.pnpmfile\.cjs|bunfig\.toml|pnpm-workspace\.yaml)$|^\.yarn\/(releases|plugins|patches)\//, 'package manager'],
  [/(^|\/)patches\/[^/]+\.patch$/, 'package manager'],
  [/^\.changeset\//, 'release'],
  [/(^|\/)CODEOWNERS$/, 'CODEOWNERS'],
  [/(^|\/)(CLAUDE|AGENTS|GEMINI)\.md$|^\.github\/copilot-instructions\.md$|(^|\/)\.cursorrules$|(^|\/)\.cursor\/rules\//i, 'agent instructions'],
  [/^\.claude\/(agents|commands|skills)\/|^\.github\/(instructions|prompts|chatmodes|agents|skills)\/|^\.agents\/skills\/|^\.gemini\/commands\/|^\.cursor\/commands\//, 'agent instructions'],
  [/^\.(gitattributes|gitmodules)$/, 'git'],
];

/** Strings files: the copy a PM edits, whatever their words say (`lang/en/auth.php`, `locales/de/billing.json`). */
const STRINGS = /(^|\/)(locales?|i18n|l10n|lang|langs|translations|messages)\/(.+\/)?[^/]+\.(json|ya?ml|php|po|properties|xlf|xliff|arb|ftl)$/i;
const DOCUMENTATION = /\.(md|mdx|markdown|rst)$/i;
/** Not the application: an example's auth folder, a fixture's Dockerfile, a logo. */
const NOT_THE_APPLICATION = /(^|\/)(node_modules|vendor|third_party|examples?|samples?|fixtures?|__fixtures__|__mocks__|testdata|test-data)\//i;
/** A documentation site: pages that are copy, and an API reference generated from the code. */
const DOCUMENTATION_SITE = /(^|\/)(docs?|documentation|www|website)\//i;
const NOT_CODE = /\.(svg|png|jpe?g|gif|webp|ico|avif|ttf|woff2?|otf|mp4|webm|mp3|wav|pdf)$/i;

export function labelPath(path: string): Truth {
  const control = CONTROLS.find(([pattern]) => pattern.test(path));
  if (control) return { label: 'controls', topic: control[1] };
  const topic = topicOf(path);
  if (STRINGS.test(path)) return topic ? { label: 'pm-copy', topic: 'strings' } : { label: 'unlabelled', topic: 'strings' };
  // A module's own README and CHANGELOG are its engineers' notes: either answer is right.
  if (/(^|\/)(README|CHANGELOG)\.md$/i.test(path) && path.includes('/')) return { label: 'unlabelled', topic: 'module notes' };
  if (DOCUMENTATION.test(path) && !/(^|\/)SECURITY\.md$/.test(path)) return topic ? { label: 'pm-copy', topic: 'documentation' } : { label: 'unlabelled', topic: 'documentation' };
  if (!topic) return { label: 'unlabelled', topic: '' };
  if (NOT_THE_APPLICATION.test(path)) return { label: 'unlabelled', topic: `example: ${topic}` };
  if (NOT_CODE.test(path)) return { label: 'unlabelled', topic: `image: ${topic}` };
  if (DOCUMENTATION_SITE.test(path) && !INFRASTRUCTURE_EVERYWHERE.has(topic)) return { label: 'unlabelled', topic: `documentation site: ${topic}` };
  return { label: 'engineering', topic };
}

/** Topics that hold in a documentation site too: its Dockerfile, its CI. */
const INFRASTRUCTURE_EVERYWHERE = new Set(['infrastructure', 'ci']);

function topicOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byPath = PATHS.find(([pattern]) => pattern.test(path));
  if (byPath) return byPath[1];
  const byName = FILE_NAMES.find(([pattern]) => pattern.test(name));
  if (byName) return byName[1];
  if (/^Dockerfile|\.dockerfile$|\.Dockerfile$/i.test(name)) return 'infrastructure';
  for (const segment of path.split('/')) {
    const words = wordsOf(segment);
    for (const [index, word] of words.entries()) {
      const next = words[index + 1];
      if (NOT_A_TOPIC.some(([first, second]) => first === word && second === next)) continue;
      const pair = TOPIC_PAIRS.find(([first, second]) => first === word && second === next);
      if (pair) return pair[2];
      const topic = TOPIC_WORDS.get(word);
      if (topic) return topic;
    }
  }
  return undefined;
}
