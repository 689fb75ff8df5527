// Credentials written into a request: an Authorization header (in a curl
// command, an HTTP client's options or a proxy config) and a user:password
// given to curl. The scheme says how to read the value.
import type { SecretRule } from '../secretRules';
import { isPlaceholder, shannonEntropy } from '../placeholders';

/** A shell or template variable, or a slot to fill, stands for the value: `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `{{token}}`, `<password>`, `[PASSWORD]`. */
const VARIABLE = /^[$%{]|\$\{|\{\{|[<>[\]]/;

/** A password that names itself instead of being one. */
const WORD_PASSWORD = /^(?:password|passwd|pass|secret|changeme)$/i;

/**
 * `Basic` carries base64 of `user:password`: a credential when it decodes to
 * one with a real password, or to `key:` with no password, the way Stripe
 * and others take an API key as the user name.
 */
function isBasicCredential(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const password = decoded.slice(colon + 1);
  if (password === '') return isKeyAsUser(decoded.slice(0, colon));
  return password.length >= 4 && !isPlaceholder(password) && !WORD_PASSWORD.test(password);
}

/** A user name that is a key: random (letters and digits mixed, high entropy), not a name like `browser` or `admin`. */
function isKeyAsUser(user: string): boolean {
  return user.length >= 10 && /\d/.test(user) && /[A-Za-z]/.test(user) && !VARIABLE.test(user) && !isPlaceholder(user) && shannonEntropy(user) >= 3.0;
}

/**
 * A bearer or unnamed token: long and random, with a digit (an expression
 * such as `session.accessToken` has none), not a template. A JWT is the JWT
 * rule's to judge.
 */
function isRandomToken(value: string): boolean {
  return value.length >= 20 && /\d/.test(value) && !value.startsWith('eyJ') && !VARIABLE.test(value) && !isPlaceholder(value) && shannonEntropy(value) >= 3.2;
}

/**
 * A value in braces is a slot to fill when it names something (`{password}`,
 * `{API_KEY}`), and a value someone wrapped in braces when it is random
 * (`{ZqL5kVrX1n8tA2}`, as IBM's docs write credentials): the value inside.
 */
function unbraced(value: string): string {
  const inner = /^\{([^{}]+)\}$/.exec(value)?.[1];
  return inner !== undefined && /\d/.test(inner) && /[A-Za-z]/.test(inner) ? inner : value;
}

const ADVICE = 'take the credential out of the request and read it from a secret store, and rotate it';

export const HEADER_RULES: readonly SecretRule[] = [
  {
    kind: 'credential in an Authorization header',
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?\s*Basic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=.])/dg,
    quickTest: /Authorization/,
    group: 1,
    severity: 'error',
    advice: ADVICE,
    confirm: isBasicCredential,
  },
  {
    kind: 'credential in an Authorization header',
    // After any scheme (`Bearer`, `Token`, `Api-Token`, `SSWS`, `GenieKey`) or none; up to a space, a quote or code's punctuation.
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?\s*(?!Basic\s)(?:[A-Za-z][\w-]{0,30}\s+)?([^\s"'`(),;]{20,})/dg,
    quickTest: /Authorization/,
    group: 1,
    severity: 'error',
    advice: ADVICE,
    confirm: isRandomToken,
  },
  {
    // A header whose name says it carries a key or token, in a curl command: `-H "X-Octopus-ApiKey: …"`, `--header "Api-Token: …"`.
    kind: 'credential in a request header',
    pattern: /(?:-H|--header)\s*["']\s*(?!Authorization\b)[\w-]*(?:api-?key|api-?token|token|secret)[\w-]*\s*:\s*(?:(?:Bearer|Token)\s+)?([A-Za-z0-9+/=._~-]{10,})/dgi,
    quickTest: /-H|--header/,
    group: 1,
    severity: 'error',
    advice: ADVICE,
    // Short hex keys (`Token: 3fea6af1349166ea`) carry less entropy than long ones: 16 random hex digits often under 3 bits a character.
    confirm: (secret) => !VARIABLE.test(secret) && !isPlaceholder(secret) && shannonEntropy(secret) >= 2.5 && /\d/.test(secret) && /[A-Za-z]/.test(secret),
  },
  {
    // curl -u user:password, --user "user":"password", also on a continued line of the command.
    kind: 'password given to curl',
    pattern: /(?:^|\s)(?:-u|--user)\s*["']?([^\s"':]*)["']?:["']?([^\s"']+)/dgm,
    quickTest: /(?:-u|--user)\s/,
    fileTest: /\bcurl\b/,
    group: 2,
    severity: 'error',
    advice: 'read the password from a secret store (curl --netrc, or an environment variable), and rotate it',
    confirm: (password) => {
      const bare = unbraced(password);
      return bare.length >= 6 && !VARIABLE.test(bare) && !isPlaceholder(bare) && !WORD_PASSWORD.test(bare) && shannonEntropy(bare) >= 2.5;
    },
  },
  {
    // curl -u key: : an API key given as the user, with no password (Stripe's docs, Mailgun's, many more).
    kind: 'key given to curl',
    pattern: /(?:^|\s)(?:-u|--user)\s*["']?([^\s"':]+):["']?(?=\s|$)/dgm,
    quickTest: /(?:-u|--user)\s/,
    fileTest: /\bcurl\b/,
    group: 1,
    severity: 'error',
    advice: 'read the key from a secret store (curl --netrc, or an environment variable), and rotate it',
    confirm: (user) => isKeyAsUser(unbraced(user)),
  },
];
