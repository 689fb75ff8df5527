// Whether a file or folder name is a locale, read as BCP 47 (the `bcp-47`
// parser) and checked against IANA's language subtag registry (the
// `language-subtag-registry` package's data): `de`, `pt_BR`, `ka_ge`,
// `zh-Hant-TW`, `es-419`, `de-CH-1996`. The registry alone cannot tell a
// namespace from a locale, since it lists 8,000 three-letter languages (`app`
// is Apma, `sdk` Sos Kundi): a name's weight says how much it looks like a
// locale an app ships, and the set of sibling names decides (localeSet.ts).
import { parse } from 'bcp-47';
import languages from 'language-subtag-registry/data/json/language.json';
import regions from 'language-subtag-registry/data/json/region.json';
import scripts from 'language-subtag-registry/data/json/script.json';
import variants from 'language-subtag-registry/data/json/variant.json';

/** Only the registry's subtags are read (the build keeps only those): `{ "de": …, "en": … }`. */
type SubtagIndex = Readonly<Record<string, unknown>>;

function registered(index: SubtagIndex, subtag: string): boolean {
  return Object.prototype.hasOwnProperty.call(index, subtag.toLowerCase());
}

/**
 * How much a name looks like a locale an app ships: 2 for a registered
 * two-letter language or any registered language with a registered script
 * or region (`de`, `pt_br`, `ka_ge`, `fil-PH`); 1 for a bare registered
 * three-letter language (`fil`, but also `app`, `sdk`); 0 for anything else
 * (`common`, `cn`, `zhtw`). Case and `_` for `-` aside.
 */
export function localeWeight(name: string): 0 | 1 | 2 {
  if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(name)) return 0;
  const tag = parse(name.replace(/_/g, '-'));
  if (!tag.language || !registered(languages as SubtagIndex, tag.language)) return 0;
  if (tag.extendedLanguageSubtags.length > 0 || tag.extensions.length > 0 || tag.privateuse.length > 0) return 0;
  if (tag.script && !registered(scripts as SubtagIndex, tag.script)) return 0;
  if (tag.region && !registered(regions as SubtagIndex, tag.region)) return 0;
  if (tag.variants.some((variant) => !registered(variants as SubtagIndex, variant))) return 0;
  return tag.language.length === 2 || tag.script || tag.region ? 2 : 1;
}

/** A registered BCP 47 tag, however weakly it looks like one. */
export function isRegisteredLocale(name: string): boolean {
  return localeWeight(name) > 0;
}
