// The generic "hard-coded secret": a random value under a name that says it
// is a credential (`dbPassword = "…"`), for the credentials no provider rule
// knows. Names and values both have to agree, and the value must not be words:
// translated labels (`"password": "Wachtwoord"`) are the usual look-alike.
import type { SecretRule } from './secretRules';
import { shannonEntropy } from './placeholders';
import { PROVIDER_RULES } from './providers';

const ADVICE = 'move it to a secret store and rotate it';

/** `eyJ` is base64 for `{"`: any JSON encoded so begins with it. Without the dots of a JWT it is a value like any other. */
const JWT_PREFIX = '^eyJ';

/**
 * A value that begins with a provider's prefix and that the provider's rule
 * did not take is cut short or made up (`pypi-AgEIcHlwaS5vcmc` alone, in docs).
 */
const isProviderFragment = (value: string): boolean =>
  PROVIDER_RULES.some((rule) => rule.prefix !== undefined && rule.prefix.source !== '^' && rule.prefix.test(value) && !(rule.prefix.source === JWT_PREFIX && !value.includes('.')));

/** Keys made to be published in front-end code: Mapbox and Stripe publishable keys, Supabase's, New Relic's browser key. */
const PUBLIC_KEY = /^(?:pk\.eyJ|pk_(?:live|test)_|sb_publishable_|NRJS-)/;

const confirmGeneric: SecretRule['confirm'] = (value) => looksRandom(value) && !isProviderFragment(value) && !PUBLIC_KEY.test(value);

/** A generic rule: the value in `group`, the name it is given in `nameGroup`. */
function generic(pattern: RegExp, group: number, extra: Partial<SecretRule> = {}): SecretRule {
  return { kind: 'hard-coded secret', pattern, group, nameGroup: 1, severity: 'error', advice: ADVICE, nameTest: isSecretName, confirm: confirmGeneric, notInCopy: true, warnsInTests: true, ...extra };
}

export const GENERIC_RULES: readonly SecretRule[] = [
  // `key = "value"`, `"key": "value"`, `key: 'value'`, `key => "value"`.
  generic(/(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?[ \t]*(?:=>|:=|[:=])[ \t]*(["'`])([^"'`\s\\]{8,200})\2/dg, 3),
  // Unquoted `key: value` (YAML), `KEY=value` (.env, properties, shell) as a whole line. Not in
  // code, where an unquoted value is an expression (`token: settings.apiKey`), never a literal.
  generic(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]{0,63})[ \t]*[:=][ \t]*([^\s"'`#,;(){}[\]<>$]{8,200})[ \t]*(?:$|#)/dgm, 2, { notInCode: true }),
  // A quoted name, then a quoted value: the default of an environment lookup
  // (`getenv("API_TOKEN", "…")`, `ENV.fetch('SECRET_KEY', '…')`), a header set in code (`set("X-Api-Key", "…")`).
  generic(/(["'])([A-Za-z_][\w.-]{0,63})\1[ \t]*,[ \t]*(["'`])([^"'`\s\\]{8,200})\3/dg, 4, { nameGroup: 2, quickTest: /["'][ \t]*,[ \t]*["'`]/ }),
];

const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'credential', 'credentials']);
/**
 * `auth` names a credential only as the name's last word (`_auth` in .npmrc,
 * `"auth"` in Docker's config.json, `BASIC_AUTH`); before another word it
 * names a setting about one (`authMode`, `auth_state`, `authHash`).
 */
const LAST_SECRET_WORDS = new Set(['auth']);
/**
 * Words that say the value is made to be seen: a key a front end ships
 * (`publicToken`, `NEXT_PUBLIC_…_KEY`, `publishableKey`), a form's anti-forgery
 * token (`csrf-token`, Rails' `authenticity_token`). Unless the name also says
 * secret, password or private: `NEXT_PUBLIC_STRIPE_SECRET_KEY` is a leak.
 */
const SEEN_WORDS = new Set(['public', 'publishable', 'csrf', 'xsrf', 'authenticity']);
const HIDDEN_WORDS = new Set(['secret', 'password', 'passwd', 'private']);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'auth key', 'signing key', 'encryption key', 'client secret']);
/** Every secret word and pair holds one of these. */
const SECRET_STEMS = /pass|pwd|secret|token|key|credential|auth/i;
/** Names that hold something about a secret, not the secret: `tokenUrl`, `password_label`. */
const NOT_A_SECRET_SUFFIX = new Set([
  'name', 'names', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'label', 'hint', 'placeholder', 'title',
  'text', 'message', 'msg', 'type', 'id', 'ids', 'length', 'len', 'count', 'ttl', 'expiry', 'expires',
  'expiration', 'header', 'field', 'env', 'var', 'prefix', 'description', 'desc', 'help', 'error', 'regex',
  'pattern', 'policy', 'min', 'max', 'format', 'route', 'version', 'enabled', 'required', 'ref',
]);

/** True for an identifier that names a credential: `dbPassword`, `API_KEY`, `client-secret`. */
export function isSecretName(identifier: string): boolean {
  // Most names hold none of the words: a substring test spares the split.
  if (!SECRET_STEMS.test(identifier)) return false;
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || NOT_A_SECRET_SUFFIX.has(words[words.length - 1] ?? '')) return false;
  if (words.some((word) => SEEN_WORDS.has(word)) && !words.some((word) => HIDDEN_WORDS.has(word))) return false;
  if (words.some((word) => SECRET_WORDS.has(word)) || LAST_SECRET_WORDS.has(words[words.length - 1] ?? '')) return true;
  return words.some((word, i) => i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${word}`));
}

/**
 * A path within a project: folders by `/` and a file with an extension
 * (`apps/web/lib/auth.ts`, where an OpenAPI spec says its code is), or all
 * in lower case (`config/keys/staging`). Base64 has `/` but no `.`, and
 * mixes cases.
 */
const RELATIVE_PATH = /^(?:[\w@.-]+\/)+[\w@-]+\.[A-Za-z0-9]{1,8}$|^[a-z0-9_.@-]+(?:\/[a-z0-9_.@-]+)+\/?$/;

/** Bits per character a generic value needs to count as random rather than a word. */
const MIN_GENERIC_ENTROPY = 3.0;

/**
 * A literal random enough to be a credential: printable ASCII (generated
 * secrets are; labels in Dutch, Japanese or Arabic are not), long, high
 * entropy, mixing character classes, and neither words, a URL, a path nor a
 * dotted identifier such as an i18n key.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || !/^[\x21-\x7e]+$/.test(value) || shannonEntropy(value) < MIN_GENERIC_ENTROPY) return false;
  if (/:\/\/|^\.{0,2}\//.test(value) || RELATIVE_PATH.test(value)) return false;
  if (isHexKey(value)) return true;
  if (/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/.test(value)) return false;
  if (/^[\d.,:_-]+$/.test(value) || isWords(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((cls) => cls.test(value)).length;
  return classes >= 2;
}

/**
 * Words as people write them, joined by hyphens, dots, underscores or case:
 * `API-sleutel`, `Wachtwoord`, `Mot-de-passe`, `accessToken`, `SIGN_IN`. Each
 * word is lower case, capitalised or all capitals, with no digit inside, and
 * longer than one letter (random letters split by case give single ones).
 */
function isWords(value: string): boolean {
  const trimmed = value.replace(/[.!?:\u2026]+$/, '');
  const words = trimmed.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s._'\u2019-]+/).filter(Boolean);
  return words.length > 0 && words.every((word) => word.length >= 2 && /^(?:[A-Z]?[a-z]+|[A-Z]+)$/.test(word));
}

/**
 * Lower-case hex of 16 digits or more, letters and digits mixed, or a UUID:
 * how keys and digests are written, though it reads like a dotted name
 * (`d41d8cd9…`, `dafa7817-e246-…`).
 */
function isHexKey(value: string): boolean {
  return (/^[0-9a-f]{16,}$/.test(value) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) && /[a-f]/.test(value) && /\d/.test(value);
}
