import type * as Crypto from 'node:crypto';

// Node's crypto module costs about a tenth of node's own start to load, and
// most runs of a command hash nothing: a warm `explain`, `check-config` or
// guard decision finds what it would hash already kept. So it is loaded on
// the first hash, not when the bundle is.

let loadedCrypto: typeof Crypto | undefined;

/** The SHA-256 of the parts, one after another, in hex. */
export function sha256Hex(...parts: (string | Buffer)[]): string {
  return hashHex('sha256', ...parts);
}

/** The hash `algorithm` (git's object ids: SHA-1 or SHA-256) of the parts, one after another, in hex. */
export function hashHex(algorithm: 'sha1' | 'sha256', ...parts: (string | Buffer)[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hasher = (loadedCrypto ??= require('node:crypto') as typeof Crypto).createHash(algorithm);
  for (const part of parts) hasher.update(part);
  return hasher.digest('hex');
}
