import type { Severity } from '../../../types';
import { isPlaceholder, shannonEntropy } from './placeholders';

/** What a rule sees around a match, to confirm it. */
export interface MatchContext {
  /** The rest of the line after the match. */
  after: string;
  /** Up to three lines of the new text after the matched line. */
  following: string[];
}

/** One kind of credential: a fixed, linear pattern and what confirms a match. */
export interface SecretRule {
  /** What a PM reads: "GitHub token". */
  kind: string;
  /** Global; with the `d` flag when `group` is set. */
  pattern: RegExp;
  /** The capture group holding the secret; the whole match when absent. */
  group?: number;
  /** The capture group holding the name the secret is assigned to, for generic rules. */
  nameGroup?: number;
  /** The part of the secret before its random body (for the placeholder test). */
  prefix?: RegExp;
  severity: Severity;
  /** What to do about it; "remove it and rotate the credential" when absent. */
  advice?: string;
  /** True when the match is a credential (after the placeholder test). */
  confirm?(secret: string, around: MatchContext, name: string | undefined): boolean;
  /** When the secret itself is not what is shown, such as the header of a key block. */
  shown?(secret: string): string;
}

const ROTATE = 'remove it and rotate the credential';

/**
 * Specific rules first: a match is reported once, by the first rule that
 * covers it, so a GitHub token in `token: "ghp_..."` is a GitHub token and
 * not a generic secret. No pattern has a quantifier inside a quantified
 * group, so matching stays linear in the line length.
 */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    kind: 'private key',
    pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
    severity: 'error',
    // The header alone appears in docs ("paste your -----BEGIN PRIVATE KEY----- here"):
    // a key is only there when a base64 body or an encryption header follows.
    confirm: (_secret, around) =>
      [around.after, ...around.following].some((text) => {
        const body = /[A-Za-z0-9+/=]{40,}/.exec(text);
        return (body !== null && !isPlaceholder(body[0])) || text.includes('Proc-Type:');
      }),
    shown: (header) => header,
  },
  {
    kind: 'AWS access key id',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    prefix: /^(?:AKIA|ASIA)/,
    severity: 'error',
  },
  {
    kind: 'AWS secret access key',
    pattern:
      /(?<![A-Za-z0-9])(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s*(?:=>|:=|[:=])\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
    severity: 'error',
  },
  {
    kind: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    prefix: /^(?:gh[pousr]_|github_pat_)/,
    severity: 'error',
  },
  {
    kind: 'GitLab token',
    pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}/g,
    prefix: /^glpat-/,
    severity: 'error',
  },
  {
    kind: 'Slack token',
    pattern: /(?<![A-Za-z0-9_])xox[abprs]-[A-Za-z0-9-]{20,}/g,
    prefix: /^xox[abprs]-/,
    severity: 'error',
    // Real Slack tokens start with numeric team and user ids.
    confirm: (secret) => /\d{6}/.test(secret),
  },
  {
    kind: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/g,
    prefix: /^https:\/\/hooks\.slack\.com\/[a-z]+\//,
    severity: 'error',
  },
  {
    kind: 'Stripe live key',
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,}/g,
    prefix: /^[sr]k_live_/,
    severity: 'error',
  },
  {
    // A test-mode key cannot move money or read live customers, so it warns
    // instead of blocking; it still opens the account's test data.
    kind: 'Stripe test key',
    pattern: /(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{16,}/g,
    prefix: /^[sr]k_test_/,
    severity: 'warning',
    advice: 'remove it and keep it in a secret store',
  },
  {
    kind: 'Anthropic API key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,}/g,
    prefix: /^sk-ant-(?:[a-z]+\d*-)?/,
    severity: 'error',
  },
  {
    kind: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,})/g,
    prefix: /^sk-(?:proj-|svcacct-|admin-)?/,
    severity: 'error',
  },
  {
    kind: 'npm token',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
    prefix: /^npm_/,
    severity: 'error',
  },
  {
    kind: 'Google API key',
    pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    prefix: /^AIza/,
    severity: 'error',
  },
  {
    kind: 'hard-coded secret',
    // `key = "value"`, `"key": "value"`, `key: 'value'`, `key => "value"`.
    pattern: /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?\s*(?:=>|:=|[:=])\s*(["'`])([^"'`\s\\]{8,200})\2/dg,
    group: 3,
    nameGroup: 1,
    severity: 'error',
    advice: 'move it to a secret store and rotate it',
    confirm: (value, _around, name) => isSecretName(name ?? '') && looksRandom(value),
  },
  {
    kind: 'hard-coded secret',
    // Unquoted `key: value` (YAML), `KEY=value` (.env, properties, shell) as a whole line.
    pattern: /^\s*(?:export )?\s*([A-Za-z_][\w.-]{0,63})\s*[:=]\s*([^\s"'`#,;(){}[\]<>$]{8,200})\s*(?:$|#)/dg,
    group: 2,
    nameGroup: 1,
    severity: 'error',
    advice: 'move it to a secret store and rotate it',
    confirm: (value, _around, name) => isSecretName(name ?? '') && looksRandom(value),
  },
];

export function adviceOf(rule: SecretRule): string {
  return rule.advice ?? ROTATE;
}

/** The random part of a secret, without its well-known prefix. */
export function bodyOf(rule: SecretRule, secret: string): string {
  return rule.prefix ? secret.replace(rule.prefix, '') : secret;
}

/** True when the rule's match is a credential and not a placeholder. */
export function isCredential(rule: SecretRule, secret: string, around: MatchContext, name: string | undefined): boolean {
  if (rule.kind !== 'private key' && isPlaceholder(secret, bodyOf(rule, secret))) return false;
  return rule.confirm ? rule.confirm(secret, around, name) : true;
}

const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'credential', 'credentials']);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'auth key', 'signing key', 'encryption key', 'client secret']);
/** Names that hold something about a secret, not the secret: `tokenUrl`, `password_label`. */
const NOT_A_SECRET_SUFFIX = new Set([
  'name', 'names', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'label', 'hint', 'placeholder', 'title',
  'text', 'message', 'msg', 'type', 'id', 'ids', 'length', 'len', 'count', 'ttl', 'expiry', 'expires',
  'expiration', 'header', 'field', 'env', 'var', 'prefix', 'description', 'desc', 'help', 'error', 'regex',
  'pattern', 'policy', 'min', 'max', 'format', 'route', 'version', 'enabled', 'required', 'ref',
]);

/** True for an identifier that names a credential: `dbPassword`, `API_KEY`, `client-secret`. */
export function isSecretName(identifier: string): boolean {
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || NOT_A_SECRET_SUFFIX.has(words[words.length - 1] ?? '')) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  return words.some((word, i) => i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${word}`));
}

/** Bits per character a generic value needs to count as random rather than a word. */
const MIN_GENERIC_ENTROPY = 3.0;

/**
 * A literal random enough to be a credential: long, high entropy, mixing
 * character classes, and neither a URL, a path nor a dotted identifier such
 * as an i18n key.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || shannonEntropy(value) < MIN_GENERIC_ENTROPY) return false;
  if (/:\/\/|^\.{0,2}\//.test(value)) return false;
  if (/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/.test(value)) return false;
  if (/^[\d.,:_-]+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((cls) => cls.test(value)).length;
  return classes >= 2;
}
