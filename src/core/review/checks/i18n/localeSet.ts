// The locale files that hold the same strings, and which of them is the
// source the others are translated from.
import type { FileSource } from '../../../types';
import { baseName, dirName, readableText } from '../contentSupport';
import { formatOf, LOCALE, scanStrings, stemOf } from './stringsFile';

export interface LocaleFile {
  locale: string;
  path: string;
}

/** The files of one set of strings, one per locale. */
export interface LocaleSet {
  /** The same for every file of the set: `src/i18n/*.json`, `locales/* /common.json`. */
  id: string;
  files: LocaleFile[];
}

/**
 * Locales looked for when the file source cannot list a folder. A FileSource
 * that also offers `listDirectory` is asked instead, and then every locale counts.
 */
export const COMMON_LOCALES: readonly string[] = [
  'en', 'en-US', 'en-GB', 'en_US', 'en_GB', 'fr', 'fr-FR', 'fr-CA', 'fr_FR', 'de', 'de-DE', 'de_DE', 'es', 'es-ES',
  'es-MX', 'es_ES', 'it', 'pt', 'pt-BR', 'pt_BR', 'pt-PT', 'nl', 'sv', 'da', 'nb', 'no', 'fi', 'pl', 'cs', 'ru', 'uk',
  'tr', 'ar', 'he', 'hi', 'ja', 'ko', 'zh', 'zh-CN', 'zh-TW', 'zh_CN', 'zh_TW', 'id', 'th', 'vi', 'ro', 'hu', 'el',
];

/** Tried in order when neither CLAUDE.md nor a setting names the source locale. */
const DEFAULT_SOURCES = ['en', 'en-us', 'en-gb'];

/**
 * The locale files of the set `path` belongs to. Three layouts: one file per
 * locale (`i18n/en.json`), a name then the locale (`devise.en.yml`), or one
 * folder per locale (`locales/en/common.json`). A name that is not written
 * as a locale (`zhtw`, `pt_br`) still is one when its file sits beside
 * locales and holds their keys: a set is known by its shape, not only by a
 * list of names. A file in none of them is a set of its own, with no
 * locale. Guessed files may not exist: whoever reads them drops those that
 * do not.
 */
export async function localeSetOf(path: string, files: FileSource): Promise<LocaleSet> {
  const folder = dirName(path);
  const name = baseName(path);
  const stem = stemOf(path);
  const extension = name.slice(stem.length);
  const dot = stem.lastIndexOf('.');
  const prefix = LOCALE_LIKE.test(stem) ? '' : dot > 0 && LOCALE_LIKE.test(stem.slice(dot + 1)) ? stem.slice(0, dot + 1) : undefined;
  if (prefix !== undefined) {
    const entries = withOwn(await entriesOf(files, folder, (locale) => `${prefix}${locale}${extension}`), name);
    const set = entries.flatMap((entry) => {
      const locale = entry.startsWith(prefix) && entry.endsWith(extension) ? entry.slice(prefix.length, entry.length - extension.length) : '';
      return LOCALE_LIKE.test(locale) ? [{ locale, path: join(folder, entry) }] : [];
    });
    const byName = await confirmed({ id: join(folder, `${prefix}*${extension}`), files: set }, path, files);
    if (byName) return byName;
  }
  const parent = dirName(folder);
  if (folder !== '' && LOCALE_LIKE.test(baseName(folder))) {
    const entries = withOwn(await entriesOf(files, parent, (locale) => locale), baseName(folder));
    const set = entries.filter((entry) => LOCALE_LIKE.test(entry)).map((locale) => ({ locale, path: join(join(parent, locale), name) }));
    const byFolder = await confirmed({ id: join(parent, `*/${name}`), files: set }, path, files);
    if (byFolder) return byFolder;
  }
  return { id: path, files: [] };
}

/** The entries of a folder with the file's own among them, also when they were guessed. */
function withOwn(entries: string[], own: string): string[] {
  return entries.includes(own) ? entries : [...entries, own];
}

/** A name that could be a locale written any way: `en`, `pt_BR`, `zhtw`, `zh-Hant-TW`, `sr-Latn`. Confirmed by its keys unless it is written as one. */
const LOCALE_LIKE = /^[A-Za-z]{2,3}(?:[-_]?[A-Za-z0-9]{2,8}){0,3}$/;

/**
 * The set without members whose names are not written as locales and whose
 * keys are not the set's (`common.json` beside `en.json`): kept only beside
 * a locale that is, and holding at least half of its keys. Undefined when
 * `path` itself is not confirmed: it belongs to no set of this layout.
 */
async function confirmed(set: LocaleSet, path: string, files: FileSource): Promise<LocaleSet | undefined> {
  const unusual = set.files.filter((file) => !LOCALE.test(file.locale));
  if (unusual.length === 0) return set;
  const written = set.files.filter((file) => LOCALE.test(file.locale) && file.path !== path);
  const reference = sourceOf({ id: set.id, files: written }, undefined) ?? written[0];
  const referenceKeys = reference ? await keysOf(files, reference.path) : undefined;
  const kept: LocaleFile[] = set.files.filter((file) => LOCALE.test(file.locale));
  for (const file of unusual) {
    if (!referenceKeys) break;
    const keys = await keysOf(files, file.path);
    if (keys && keys.size > 0 && [...keys].filter((key) => referenceKeys.has(key)).length * 2 >= keys.size) kept.push(file);
  }
  return kept.some((file) => file.path === path) ? { id: set.id, files: kept } : undefined;
}

async function keysOf(files: FileSource, path: string): Promise<Set<string> | undefined> {
  const format = formatOf(path);
  const text = format ? readableText(await files.readText(path)) : undefined;
  const scan = text === undefined || !format ? undefined : scanStrings(text, format);
  return scan?.ok ? new Set(scan.leaves.keys()) : undefined;
}

/** The names in `folder`, listed when the file source can, else the common locales as `guess` names them. */
async function entriesOf(files: FileSource, folder: string, guess: (locale: string) => string): Promise<string[]> {
  const listed = files.listDirectory ? await files.listDirectory(folder) : undefined;
  return listed ?? COMMON_LOCALES.map(guess);
}

/**
 * The source locale of a set: the one named in CLAUDE.md or a setting
 * (`en_US` and `en-us` alike; `en` also finds `en-US`), else English.
 */
export function sourceOf(set: LocaleSet, configured: string | undefined): LocaleFile | undefined {
  const wanted = configured ? [normalize(configured)] : DEFAULT_SOURCES;
  for (const locale of wanted) {
    const exact = set.files.find((file) => normalize(file.locale) === locale);
    if (exact) return exact;
  }
  const language = (configured ? normalize(configured) : 'en').split('-')[0];
  return set.files.filter((file) => normalize(file.locale).split('-')[0] === language).sort((a, b) => a.locale.length - b.locale.length)[0];
}

export function normalize(locale: string): string {
  return locale.toLowerCase().replace(/_/g, '-');
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
