// The locale files that hold the same strings, and which of them is the
// source the others are translated from.
import type { FileSource } from '../../../types';
import { baseName, dirName } from '../contentSupport';
import { LOCALE, stemOf } from './stringsFile';

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
 * folder per locale (`locales/en/common.json`). A file in none of them is a
 * set of its own, with no locale. Guessed files may not exist: whoever reads
 * them drops those that do not.
 */
export async function localeSetOf(path: string, files: FileSource): Promise<LocaleSet> {
  const folder = dirName(path);
  const name = baseName(path);
  const stem = stemOf(path);
  const extension = name.slice(stem.length);
  const dot = stem.lastIndexOf('.');
  const prefix = LOCALE.test(stem) ? '' : dot > 0 && LOCALE.test(stem.slice(dot + 1)) ? stem.slice(0, dot + 1) : undefined;
  if (prefix !== undefined) {
    const entries = await entriesOf(files, folder, (locale) => `${prefix}${locale}${extension}`);
    const set = entries.flatMap((entry) => {
      const locale = entry.startsWith(prefix) && entry.endsWith(extension) ? entry.slice(prefix.length, entry.length - extension.length) : '';
      return LOCALE.test(locale) ? [{ locale, path: join(folder, entry) }] : [];
    });
    return { id: join(folder, `${prefix}*${extension}`), files: set };
  }
  const parent = dirName(folder);
  if (folder !== '' && LOCALE.test(baseName(folder))) {
    const entries = await entriesOf(files, parent, (locale) => locale);
    const set = entries.filter((entry) => LOCALE.test(entry)).map((locale) => ({ locale, path: join(join(parent, locale), name) }));
    return { id: join(parent, `*/${name}`), files: set };
  }
  return { id: path, files: [] };
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
