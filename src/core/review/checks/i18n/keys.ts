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

/**
 * The source string a translation is compared with: the source locale's,
 * or, where that file lacks it or leaves it empty, the one the translation's
 * own file gives (a `.po` entry's msgid, the English key of Laravel's JSON).
 */
export function sourceFor(source: Leaves | undefined, own: Leaves | undefined, key: string, grammar: Grammar | undefined, locale?: string): string | undefined {
  // Russian's `one` is also 21 and 31: it translates the source's `other`, which shows the count, not English's "One item".
  const plural = locale === undefined ? undefined : pluralFormOf(key, grammar);
  const other = plural && !countMayBeLeftOut(key, undefined, locale as string, grammar) ? stringAt(source, `${plural.base}${plural.separator}other`) : undefined;
  if (other !== undefined && other.trim() !== '') return other;
  const fromSource = sourceString(source, key, grammar);
  if (fromSource !== undefined && fromSource.trim() !== '') return fromSource;
  // One string where the source has plural forms: Rails shows it for every count, so it translates the source's `other`.
  const group = fromSource === undefined && grammar === 'rails' && !pluralFormOf(key, grammar) ? stringAt(source, `${key}.other`) : undefined;
  if (group !== undefined && group.trim() !== '') return group;
  return own?.get(key)?.source ?? fromSource;
}

/**
 * Whether a translation's plural form may leave the count out: a form that
 * stands for one number in its locale ("One item" for `one` in English, `zero`
 * in Arabic) names it in words. `other`, `few` and `many` stand for many
 * numbers, and so does Russian's `one` (1, 21, 31…): without the count the
 * reader cannot tell which. Ordinal forms always show their number.
 */
export function countMayBeLeftOut(key: string, form: string | undefined, locale: string, grammar: Grammar | undefined): boolean {
  const plural = form === undefined ? pluralFormOf(key, grammar) : undefined;
  const name = form ?? (plural ? key.slice(plural.base.length + plural.separator.length) : undefined);
  if (name === undefined || plural?.separator.includes('ordinal')) return false;
  if (!['zero', 'one', 'two'].includes(name)) return false;
  const rules = pluralRules(locale);
  let numbers = 0;
  for (let n = 0; n <= 200 && numbers <= 2; n++) if (rules.select(n) === name) numbers++;
  return numbers <= 2;
}

function pluralRules(locale: string): Intl.PluralRules {
  for (const name of [locale.replace(/_/g, '-'), 'en']) {
    try {
      return new Intl.PluralRules(name);
    } catch {
      // Not a locale Intl knows: English's rules.
    }
  }
  return new Intl.PluralRules('en');
}

/** The key as the code names it: a plural form is asked for by its base (`t('items', { count })`). */
export function keyInCode(key: string, grammar: Grammar | undefined): string {
  return pluralFormOf(key, grammar)?.base ?? key;
}

/** Not translated yet: empty, or still the source text. Never a placeholder mismatch. */
export function isUntranslated(translation: string, source: string): boolean {
  return translation.trim() === '' || translation.trim() === source.trim();
}

/**
 * Whether the code can still ask for `key` by its own name once the change
 * removed it: i18next answers `t('items', { count })` from `items_one` and
 * `items_other` (every form the locale's plural rules use), and
 * `t('place', { count, ordinal: true })` from `place_ordinal_*`. It tries the
 * count's own form, then the key itself, so a removed form (`items_one`)
 * still resolves when the key itself is there, or when the locale has no
 * such form (`_few` in English).
 */
export function stillResolves(after: Leaves | undefined, key: string, locale: string, grammar: Grammar | undefined): boolean {
  if (!after) return false;
  if (grammar !== undefined && grammar !== 'i18next') return false;
  const plural = pluralFormOf(key, 'i18next');
  if (plural) {
    const ordinal = plural.separator.includes('ordinal');
    const form = key.slice(plural.base.length + plural.separator.length);
    return after.has(plural.base) || !categoriesOf(locale, ordinal).includes(form);
  }
  return [false, true].some((ordinal) => categoriesOf(locale, ordinal).every((form) => after.has(`${key}_${ordinal ? 'ordinal_' : ''}${form}`)));
}

/** CLDR plural categories of a locale (`pt_BR` and `pt-BR` alike); English's when the name is not a locale Intl knows. */
export function categoriesOf(locale: string, ordinal: boolean): readonly string[] {
  // Asked once a removed key (thousands in a translation drop): Intl builds its rules anew each time.
  const cacheKey = `${ordinal ? 'o' : 'c'}:${locale}`;
  let known = categoriesByLocale.get(cacheKey);
  if (known === undefined) categoriesByLocale.set(cacheKey, (known = categoriesFromIntl(locale, ordinal)));
  return known;
}

const categoriesByLocale = new Map<string, readonly string[]>();

function categoriesFromIntl(locale: string, ordinal: boolean): readonly string[] {
  const type = ordinal ? 'ordinal' : 'cardinal';
  for (const name of [locale.replace(/_/g, '-'), 'en']) {
    try {
      return Object.freeze(new Intl.PluralRules(name, { type }).resolvedOptions().pluralCategories);
    } catch {
      // Not a locale Intl knows (`zhtw`): English's forms, which every source string set has.
    }
  }
  return Object.freeze(['one', 'other']);
}
