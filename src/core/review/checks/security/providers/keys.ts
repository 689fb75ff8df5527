// Keys and credentials that name no provider: private keys, signed tokens,
// passwords written into a connection URL.
import { nodeCrypto } from '../../../../digest';
import type { SecretRule } from '../secretRules';
import { isPlaceholder, isPlainPlaceholder } from '../placeholders';
import { token } from './shapes';

/** Hosts a credential cannot reach beyond the developer's machine or a document. */
const LOCAL_HOST =
  /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|192\.168\.\d+\.\d+|\[::1\]|host\.docker\.internal|[a-z0-9-]+)$|(?:^|\.)(?:example(?:\.com|\.org|\.net)?|test|invalid|localhost|local)$/i;
/**
 * A password that stands for one: `password`, `[password]`, `<pass>`, `{pwd}`,
 * a Makefile's or shell's `$(PGPASSWORD)`, or one that spells the word out
 * (`mypassword`, `REPLACE_WITH_PASSWORD`).
 */
const TEMPLATE_PASSWORD = /[[\]<>{}]|^\$|^(?:pass|pwd|secret|changeme)$|passw(?:or)?d/i;
/** A host that is a template: `{{host}}`, `<host>`, `$(PGHOST)`, `${HOST}`. */
const TEMPLATE_HOST = /[[\]<>{}$()]/;

/** The JSON of one base64url part of a JWT, or undefined. */
function jwtPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * HMAC keys published with their products, so that anyone can sign with them:
 * jwt.io's default secrets (before and since 2025) and the one `supabase
 * start` signs every local project's keys with. A token they verify opens
 * nothing anyone could not open already.
 */
const PUBLISHED_HMAC_KEYS = ['your-256-bit-secret', 'a-string-secret-at-least-256-bits-long', 'super-secret-jwt-token-with-at-least-32-characters-long'];
const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function isSignedWithPublishedKey(header: string, payload: string, signature: string, alg: string): boolean {
  const hash = HMAC_HASHES[alg];
  return hash !== undefined && PUBLISHED_HMAC_KEYS.some((key) => nodeCrypto().createHmac(hash, key).update(`${header}.${payload}`).digest('base64url') === signature);
}

/**
 * A signed JWT with a real header and claims. Public tokens pass: the `anon`
 * key a Supabase front end ships with. So do samples: signed with a published
 * key (jwt.io's, the Supabase CLI's local one), whatever they claim, or made
 * for a placeholder subject or name (jwt.io's `"sub": "1234567890"`). A token
 * a real issuer signed for a test account (`admin@example.com` on a local
 * server) is still a token: the other claims are not read for placeholders.
 */
function isSecretJwt(secret: string): boolean {
  const [header = '', payload = '', signature = ''] = secret.split('.');
  const head = jwtPart(header);
  const claims = jwtPart(payload);
  if (!head || !claims || typeof head.alg !== 'string' || head.alg.toLowerCase() === 'none') return false;
  if (claims.role === 'anon' || isSignedWithPublishedKey(header, payload, signature, head.alg)) return false;
  // A subject that counts in a stretch (`user_1234567`) is a real one; only a plain placeholder (`<user>`, `xxxx`) is not.
  return ![claims.sub, claims.name].some((who) => typeof who === 'string' && isPlainPlaceholder(who));
}

/** A password in a URL that reaches a real host, and is not a template or a word like `password`. */
function isLiveUrlCredential(password: string, around: { after: string }): boolean {
  if (TEMPLATE_PASSWORD.test(password)) return false;
  const host = /^([^/:?#\s"'`]+)/.exec(around.after)?.[1] ?? '';
  return host !== '' && !TEMPLATE_HOST.test(host) && !LOCAL_HOST.test(host);
}

export const KEY_RULES: readonly SecretRule[] = [
  {
    kind: 'private key',
    pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
    quickTest: /-----BEGIN /,
    severity: 'error',
    // The header alone appears in docs ("paste your -----BEGIN PRIVATE KEY----- here"):
    // a key is only there when a base64 body or an encryption header follows.
    confirm: (_secret, around) =>
      [around.after, ...around.following].some((text) => {
        const body = /[A-Za-z0-9+/=]{40,}/.exec(text.replace(/\\n/g, ' '));
        return (body !== null && !isPlaceholder(body[0])) || text.includes('Proc-Type:');
      }),
    shown: (header) => header,
  },
  token('age secret key', /^AGE-SECRET-KEY-1/, 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
  token('JWT', /^eyJ/, 'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}', { edge: 'A-Za-z0-9_.-', confirm: isSecretJwt }),
  token('Mapbox secret token', /^sk\.eyJ/, 'sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,}', { edge: 'A-Za-z0-9_.-' }),
  {
    // scheme://user:password@host, as in database, cache and queue URLs.
    kind: 'password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/"'`]{1,64}:([^\s:@/"'`]{6,128})@/dg,
    quickTest: /:\/\//,
    group: 1,
    severity: 'error',
    advice: 'move the password out of the URL into a secret store, and rotate it',
    confirm: isLiveUrlCredential,
  },
];
