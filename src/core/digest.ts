import type * as Crypto from 'node:crypto';
import type * as Zlib from 'node:zlib';

// Node's crypto module costs about a tenth of node's own start to load, and
// most runs of a command hash nothing: a warm `explain`, `check-config`,
// review or guard decision finds what it would hash already kept. So it is
// loaded on the first hash, not when the bundle is, and every module that
// hashes asks it here.

let loadedCrypto: typeof Crypto | undefined;

/** Node's crypto module, loaded on first use. */
export function nodeCrypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedCrypto ??= require('node:crypto') as typeof Crypto);
}

/** The SHA-256 of the parts, one after another, in hex. */
export function sha256Hex(...parts: (string | Buffer)[]): string {
  return digestHex('sha256', ...parts);
}

/** The hash `algorithm` of the parts, one after another, in hex. */
export function digestHex(algorithm: 'sha1' | 'sha256', ...parts: (string | Buffer)[]): string {
  const hasher = nodeCrypto().createHash(algorithm);
  for (const part of parts) hasher.update(part);
  return hasher.digest('hex');
}

/**
 * A check that a record of bytes kept on disk (a code cache, about 1 MB)
 * reads back as it was written (a file cut short or damaged), never a key
 * that tells two contents apart: zlib's CRC-32 in hex where node has it
 * (Node 20.15; zlib loads in about a third of what crypto costs, 1.1 ms
 * against 3.8 after node's child process module, and reads a megabyte in a
 * twentieth of the time JavaScript does), else the SHA-256. So a record
 * written by one Node is damaged to the other, and written again. Records of
 * text: textChecksum.
 */
export function recordChecksum(data: Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { crc32 } = require('node:zlib') as typeof Zlib & { crc32?: (data: Buffer) => number };
  return crc32 ? crc32(data).toString(16) : sha256Hex(data);
}

/**
 * The hash `algorithm` of `data`, as text of one byte a character (latin1),
 * for many small inputs (a tree's objects): node's one-shot `crypto.hash`
 * where it has one (Node 20.12), which makes no Hash stream for each, about
 * 20 µs apiece; `createHash` elsewhere (an older editor's Node).
 */
export function hashText(algorithm: 'sha1' | 'sha256', data: Buffer): string {
  const crypto = nodeCrypto() as typeof Crypto & { hash?: (algorithm: string, data: Buffer, encoding: 'binary') => string };
  return crypto.hash ? crypto.hash(algorithm, data, 'binary') : crypto.createHash(algorithm).update(data).digest('binary');
}
