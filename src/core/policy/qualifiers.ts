import type { Qualifier } from './model';

const PHRASES: [Qualifier, RegExp][] = [
  ['additions-only', /\badditions?[\s-]+only\b|\bnew events only\b|\bappend[\s-]+only\b|\badd[\s-]+only\b/i],
  ['owned-flags-only', /\bowned flags only\b|\bflags? (?:they|you|the pm|the author) owns?\b|\btheir own flags\b/i],
  [
    'own-feature-folder',
    /\bown feature folders?\b|\b(?:within|inside|in) (?:their|your|the pm's) (?:own |assigned )?feature folders?\b|\bfeature folders? (?:they|you) own\b/i,
  ],
  ['non-breaking', /\bnon[\s-]?breaking\b/i],
];

/** The qualifiers a note, an item or a heading names, in a stable order. */
export function qualifiersIn(text: string): Qualifier[] {
  return PHRASES.filter(([, phrase]) => phrase.test(text)).map(([qualifier]) => qualifier);
}

export function mergeQualifiers(...lists: Qualifier[][]): Qualifier[] {
  const wanted = new Set(lists.flat());
  return PHRASES.map(([qualifier]) => qualifier).filter((qualifier) => wanted.has(qualifier));
}

/**
 * True for prose such as "Any file outside their assigned feature folder
 * without engineering co-authorship.": it restates the built-in outside rule,
 * so it needs no glob and is not a problem.
 */
export function restatesOutsideRule(text: string): boolean {
  return /\b(outside|beyond|not in)\b/i.test(text) && /\b(feature folders?|pm zone|their zone|the zone)\b/i.test(text);
}
