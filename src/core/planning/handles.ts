/** GitHub handles compare case-insensitively, with or without the `@`. */
export function sameHandle(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return canonicalHandle(a) === canonicalHandle(b);
}

/** `alice` and `@Alice` both become `@alice`. */
export function canonicalHandle(handle: string): string {
  const trimmed = handle.trim().toLowerCase();
  return trimmed.startsWith('@') ? trimmed : `@${trimmed}`;
}

/** `alice` becomes `@alice`; the letter case is kept. */
export function withAt(handle: string): string {
  const trimmed = handle.trim();
  return trimmed.startsWith('@') || trimmed.length === 0 ? trimmed : `@${trimmed}`;
}
