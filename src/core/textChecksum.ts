import type * as Crc32 from 'crc-32';

/**
 * The check a record of text kept on disk carries (the guard's shell lines,
 * the command line's checklist), so that one cut short or damaged reads as
 * damaged: zlib's CRC-32 of its UTF-8 bytes, in hex, as recordChecksum gives
 * it for bytes, never a key that tells two contents apart. By the `crc-32`
 * package, required on first use (its tables are made when it loads): node's
 * zlib module, with the streams it brings, costs about 2.5 ms to load, a
 * tenth of node's own start, in a guard decision that reads a shell line
 * anew, for a record of a few kilobytes.
 */
export function textChecksum(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ((require('crc-32') as typeof Crc32).str(text) >>> 0).toString(16);
}
