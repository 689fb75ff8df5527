// The locale sets of the platforms that name their locales their own way:
// Android's resource folders (`values/` the default, `values-de/`,
// `values-pt-rBR/`, `values-b+sr+Latn/`), Apple's `.lproj` folders
// (`en.lproj/`, `Base.lproj/`) and Java's resource bundles
// (`messages.properties` the default, `messages_de.properties`,
// `messages_pt_BR.properties`). The default of Android and Java is the
// source: it is what shows where a translation lacks a string.
import type { FileSource } from '../../../types';
import { baseName, dirName } from '../contentSupport';
import { namesIn } from '../folderListing';
import type { LocaleFile, LocaleSet } from './localeSet';

/** The set `path` belongs to, for these platforms; undefined for any other file. */
export async function platformSetOf(path: string, files: FileSource, guesses: readonly string[]): Promise<LocaleSet | undefined> {
  const name = baseName(path);
  const folder = dirName(path);
  const parent = dirName(folder);
  const own = baseName(folder);
  if (/^values(?:-|$)/.test(own) && /\.xml$/i.test(name)) {
    const entries = (await namesIn(files, parent)) ?? ['values', ...guesses.map((locale) => `values-${locale.replace(/[-_]([A-Z]{2})$/, '-r$1')}`)];
    const set = entries.flatMap((entry): LocaleFile[] => {
      const locale = androidLocale(entry);
      return locale === undefined ? [] : [{ locale, path: join(join(parent, entry), name) }];
    });
    return { id: join(parent, `values*/${name}`), files: set, defaultSource: join(join(parent, 'values'), name) };
  }
  if (/\.lproj$/i.test(own)) {
    const entries = (await namesIn(files, parent)) ?? ['Base.lproj', ...guesses.map((locale) => `${locale}.lproj`)];
    const set = entries.filter((entry) => /\.lproj$/i.test(entry)).map((entry) => ({ locale: entry.replace(/\.lproj$/i, ''), path: join(join(parent, entry), name) }));
    return { id: join(parent, `*.lproj/${name}`), files: set };
  }
  const bundle = /^(.+?)(?:_([a-z]{2,3}(?:_[A-Za-z]{4})?(?:_[A-Z]{2}|_\d{3})?))?\.properties$/.exec(name);
  if (bundle) {
    const base = bundle[1];
    const entries = (await namesIn(files, folder)) ?? [`${base}.properties`, ...guesses.map((locale) => `${base}_${locale.replace(/-/g, '_')}.properties`)];
    const set = entries.flatMap((entry): LocaleFile[] => {
      if (entry === `${base}.properties`) return [{ locale: 'default', path: join(folder, entry) }];
      const match = /^_([a-z]{2,3}(?:_[A-Za-z]{4})?(?:_[A-Z]{2}|_\d{3})?)\.properties$/.exec(entry.slice(base.length));
      return entry.startsWith(base) && match ? [{ locale: match[1], path: join(folder, entry) }] : [];
    });
    return { id: join(folder, `${base}*.properties`), files: set, defaultSource: join(folder, `${base}.properties`) };
  }
  return undefined;
}

/** `values` → `default`; `values-de` → `de`; `values-pt-rBR` → `pt-BR`; `values-b+sr+Latn` → `sr-Latn`; `values-night`, `values-v21` → none. */
function androidLocale(folder: string): string | undefined {
  if (folder === 'values') return 'default';
  const bcp = /^values-b\+([a-zA-Z]{2,3}(?:\+[A-Za-z0-9]{2,8})*)$/.exec(folder);
  if (bcp) return bcp[1].replace(/\+/g, '-');
  const legacy = /^values-([a-z]{2,3})(?:-r([A-Z]{2}|\d{3}))?$/.exec(folder);
  return legacy ? `${legacy[1]}${legacy[2] ? `-${legacy[2]}` : ''}` : undefined;
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
