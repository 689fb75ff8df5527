import type * as Crypto from 'node:crypto';

// Node's crypto module costs about a tenth of node's own start to load, and
// most runs of a command hash nothing: a warm `explain`, `check-config` or
// guard decision finds what it would hash already kept. So it is loaded on
// the first hash, not when the bundle is.

let loadedCrypto: typeof Crypto | undefined;

/** The SHA-256 of the parts, one after another, in hex. */
export function sha256Hex(...parts: (string | Buffer)[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hasher = (loadedCrypto ??= require('node:crypto') as typeof Crypto).createHash('sha256');
  for (const part of parts) hasher.update(part);
  return hasher.digest('hex');
}

/**
 * The hash `algorithm` of `data`, as text of one byte a character (latin1),
 * for many small inputs (a tree's objects): node's one-shot `crypto.hash`
 * where it has one (Node 20.12), which makes no Hash stream for each, about
 * 20 µs apiece; `createHash` elsewhere (an older editor's Node).
 */
export function hashText(algorithm: 'sha1' | 'sha256', data: Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = (loadedCrypto ??= require('node:crypto') as typeof Crypto) as typeof Crypto & { hash?: (algorithm: string, data: Buffer, encoding: 'binary') => string };
  return crypto.hash ? crypto.hash(algorithm, data, 'binary') : crypto.createHash(algorithm).update(data).digest('binary');
}
