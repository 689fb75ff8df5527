// Whole-file checks shared by the parser and the locator: GitHub loads no
// CODEOWNERS file of 3 MB or more, and a binary file holds no rules.

import type { Problem } from '../types';

/**
 * GitHub's docs say a CODEOWNERS file "must be under 3 MB" without saying
 * which megabyte; 3 × 1024 × 1024 bytes is assumed here.
 */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

/** UTF-8 size of a text (counted, not encoded). */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function isTooLarge(bytes: number): boolean {
  return bytes >= CODEOWNERS_MAX_BYTES;
}

export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

export function tooLargeProblem(file: string, bytes: number): Problem {
  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    kind: 'file-too-large',
    message: `${file} is ${megabytes} MB; GitHub does not load a CODEOWNERS file of 3 MB or more, so no owners are assigned. Use wildcard patterns to make it smaller.`,
  };
}

export function binaryProblem(file: string): Problem {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    kind: 'binary-file',
    message: `${file} is not a text file (it contains a NUL byte), so it assigns no owners.`,
  };
}
