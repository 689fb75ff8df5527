// The readable text inside a file git calls binary. One NUL byte makes a file
// binary to git, and a credential after it is as live as in any text file, so
// the security checks read what can be read: UTF-16 decoded, and otherwise the
// runs of printable characters, as `strings` does, on their own lines.

/**
 * Files larger than this are not read (GitHub warns at the same size). The
 * security checks report such a file as not scanned rather than pass it.
 */
export const MAX_READABLE_BINARY_BYTES = 50 * 1024 * 1024;

/** Shorter runs of printable characters in binary data are noise, not text (`strings` uses 4; tokens are longer). */
const MIN_RUN = 8;
/** A lone carriage return is a byte like any other in binary data: lines are counted by `\n`. */
const RUN_OR_LINE_BREAK = new RegExp(String.raw`[\t\x20-\x7e]{${MIN_RUN},}|\r?\n`, 'g');
const UTF16_SNIFF_BYTES = 8000;

/** The text of binary content as far as it can be read, lines kept; undefined when it is too large to read. */
export function readableBinaryText(content: Uint8Array): string | undefined {
  if (content.length > MAX_READABLE_BINARY_BYTES) return undefined;
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const encoding = utf16Encoding(bytes);
  const text = encoding === 'utf16le' ? bytes.toString('utf16le')
    : encoding === 'utf16be' ? swapped(bytes).toString('utf16le')
      : bytes.toString('latin1');
  return printableRuns(text.replace(/^\uFEFF/, ''));
}

/** The printable runs of `text`, separated by a space, with every line break kept so lines keep their numbers. */
function printableRuns(text: string): string {
  const parts: string[] = [];
  let lineHasRun = false;
  for (const match of text.matchAll(RUN_OR_LINE_BREAK)) {
    if (match[0].endsWith('\n')) {
      parts.push('\n');
      lineHasRun = false;
    } else {
      // A space between runs, so that two runs never join into one token.
      if (lineHasRun) parts.push(' ');
      parts.push(match[0]);
      lineHasRun = true;
    }
  }
  return parts.join('');
}

/**
 * UTF-16 by its byte-order mark, or by the pattern of ASCII text in it: a
 * NUL in every other byte of the first kilobytes.
 */
function utf16Encoding(bytes: Buffer): 'utf16le' | 'utf16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const sniff = bytes.subarray(0, Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1);
  if (sniff.length < 16) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sniff.length; i += 2) {
    if (sniff[i] === 0) evenZero++;
    if (sniff[i + 1] === 0) oddZero++;
  }
  const pairs = sniff.length / 2;
  if (oddZero > pairs * 0.9 && evenZero < pairs * 0.1) return 'utf16le';
  if (evenZero > pairs * 0.9 && oddZero < pairs * 0.1) return 'utf16be';
  return undefined;
}

function swapped(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  return copy.swap16();
}
