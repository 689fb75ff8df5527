// Matching one path segment (no `/` inside) against one pattern segment.
//
// Patterns come from files we do not control, so no regular expression is
// ever built from them: the classic two-pointer wildcard algorithm below
// runs in O(pattern × text) at worst and never backtracks exponentially.

/** `*`: any run of characters, possibly empty. */
export const STAR = -1;
/** `?`: exactly one character (one Unicode code point). */
export const ANY = -2;

/**
 * A compiled segment: UTF-16 code units for literal characters, `STAR` and
 * `ANY` for the wildcards. Consecutive stars are already collapsed to one.
 */
export type GlobCodes = readonly number[];

/** Width in UTF-16 code units of the code point that starts at `index`. */
function codePointWidth(text: string, index: number): number {
  const first = text.charCodeAt(index);
  if (first >= 0xd800 && first <= 0xdbff && index + 1 < text.length) {
    const second = text.charCodeAt(index + 1);
    if (second >= 0xdc00 && second <= 0xdfff) return 2;
  }
  return 1;
}

export function matchGlobSegment(codes: GlobCodes, text: string): boolean {
  const codeCount = codes.length;
  const textLength = text.length;
  let codeIndex = 0;
  let textIndex = 0;
  // Where the last star was seen, and where in the text its run currently ends.
  let starCodeIndex = -1;
  let starTextIndex = 0;

  while (textIndex < textLength) {
    if (codeIndex < codeCount) {
      const code = codes[codeIndex];
      if (code === STAR) {
        starCodeIndex = codeIndex++;
        starTextIndex = textIndex;
        continue;
      }
      if (code === ANY) {
        codeIndex++;
        textIndex += codePointWidth(text, textIndex);
        continue;
      }
      if (code === text.charCodeAt(textIndex)) {
        codeIndex++;
        textIndex++;
        continue;
      }
    }
    if (starCodeIndex < 0) return false;
    // Let the last star swallow one more code point and retry after it.
    codeIndex = starCodeIndex + 1;
    starTextIndex += codePointWidth(text, starTextIndex);
    textIndex = starTextIndex;
  }
  while (codeIndex < codeCount && codes[codeIndex] === STAR) codeIndex++;
  return codeIndex === codeCount;
}
