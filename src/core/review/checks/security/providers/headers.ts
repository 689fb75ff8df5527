// Credentials written into a request: an Authorization header (in a curl
// command, an HTTP client's options or a proxy config) and a user:password
// given to curl. The scheme says how to read the value.
import type { SecretRule } from '../secretRules';
import { isPlaceholder, shannonEntropy } from '../placeholders';

/** A shell or template variable, or a slot to fill, stands for the value: `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `{{token}}`, `<password>`, `[PASSWORD]`. */
const VARIABLE = /^[$%{]|\$\{|\{\{|[<>[\]]/;

/** `Basic` carries base64 of `user:password`: a credential when it decodes to one with a real password. */
function isBasicCredential(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !isPlaceholder(password) && !/^(?:password|passwd|pass|secret|changeme)$/i.test(password);
}

/** A bearer or unnamed token: long and random, not a template. A JWT is the JWT rule's to judge. */
function isRandomToken(value: string): boolean {
  return value.length >= 20 && !value.startsWith('eyJ') && !VARIABLE.test(value) && !isPlaceholder(value) && shannonEntropy(value) >= 3.2;
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
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?\s*(?!Basic\s)(?:(?:Bearer|Token|token|Bot)\s+)?([A-Za-z0-9+/=._~-]{20,})/dg,
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
    confirm: (secret) => !VARIABLE.test(secret) && !isPlaceholder(secret) && shannonEntropy(secret) >= 3.0 && /\d/.test(secret),
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
      const bare = password.replace(/^\{|\}$/g, '');
      return bare.length >= 6 && !VARIABLE.test(password) && !isPlaceholder(bare) && !/^(?:password|passwd|pass|secret|changeme)$/i.test(bare) && shannonEntropy(bare) >= 2.5;
    },
  },
];
