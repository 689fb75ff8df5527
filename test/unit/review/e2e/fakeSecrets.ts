// Credentials shaped like real ones, built while the tests run: no
// secret-shaped literal is ever committed to this repository, so secret
// scanners have nothing to find in it.

import * as zlib from 'node:zlib';

const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWYZabcdefghkmnprstuvwyz23456789';

/** `length` characters that look random (no keyboard or counting runs), the same on every run for a seed. */
export function randomBody(length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  let body = '';
  for (let i = 0; i < length; i++) {
    // xorshift32: deterministic, and spread enough to pass an entropy test.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    body += ALPHABET[state % ALPHABET.length];
  }
  return body;
}

/** `length` digits, the same on every run for a seed. */
export function randomDigits(length: number, seed: number): string {
  return [...randomBody(length, seed)].map((ch) => String(ch.charCodeAt(0) % 10)).join('');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * 30 random characters and their CRC-32 in six base62 digits: the body of a
 * GitHub or npm token as the provider issues it (zlib's CRC, so the product's
 * own checksum code is not what makes the test data).
 */
export function checksummedBody(seed: number): string {
  const random = randomBody(30, seed);
  let crc = zlib.crc32(random);
  let digits = '';
  for (let i = 0; i < 6; i++) {
    digits = BASE62[crc % 62] + digits;
    crc = Math.floor(crc / 62);
  }
  return random + digits;
}

export const fakeSecrets = {
  githubToken: (seed = 1) => ['gh', 'p_', checksummedBody(seed)].join(''),
  /** Shaped like a GitHub token, but its checksum fails: a hand-made sample. */
  githubLookAlike: (seed = 1) => ['gh', 'p_', randomBody(36, seed)].join(''),
  awsAccessKeyId: (seed = 2) => ['AK', 'IA', randomBody(16, seed).toUpperCase()].join(''),
  stripeLiveKey: (seed = 3) => ['sk', '_live_', randomBody(24, seed)].join(''),
  stripeTestKey: (seed = 5) => ['sk', '_test_', randomBody(24, seed)].join(''),
  slackBotToken: (seed = 4) => ['xo', 'xb-', randomDigits(12, seed), '-', randomDigits(13, seed + 1), '-', randomBody(24, seed + 2)].join(''),
};
