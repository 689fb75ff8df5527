// Keys across locales: plural forms and the key the code asks for.
import type { Grammar } from './placeholders';
import { PLURAL_FORMS } from './compare';
import type { Leaves } from './versions';
import { stringAt } from './versions';

const I18NEXT_PLURAL = /_(?:ordinal_)?(zero|one|two|few|many|other)$/;

/** The plural form a key stands for (`items_one`, `too_long.one`), with the key without it. */
export function pluralFormOf(key: string, grammar: Grammar | undefined): { base: string; separator: string } | undefined {
  if (grammar === 'i18next') {
    const match = I18NEXT_PLURAL.exec(key);
    return match ? { base: key.slice(0, match.index), separator: match[0].slice(0, match[0].length - match[1].length) } : undefined;
  }
  const dot = key.lastIndexOf('.');
  return dot > 0 && PLURAL_FORMS.has(key.slice(dot + 1)) ? { base: key.slice(0, dot), separator: '.' } : undefined;
}

/**
 * The source string a translation's key is compared with: the same key, or
 * for a plural form the source lacks (`few` in Polish), the source's `other`.
 */
export function sourceString(source: Leaves | undefined, key: string, grammar: Grammar | undefined): string | undefined {
  const same = stringAt(source, key);
  if (same !== undefined) return same;
  const plural = pluralFormOf(key, grammar);
  return plural ? stringAt(source, `${plural.base}${plural.separator}other`) : undefined;
}

/** The key as the code names it: a plural form is asked for by its base (`t('items', { count })`). */
export function keyInCode(key: string, grammar: Grammar | undefined): string {
  return pluralFormOf(key, grammar)?.base ?? key;
}

/** Not translated yet: empty, or still the source text. Never a placeholder mismatch. */
export function isUntranslated(translation: string, source: string): boolean {
  return translation.trim() === '' || translation.trim() === source.trim();
}
