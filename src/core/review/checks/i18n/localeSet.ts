// The locale files that hold the same strings, and which of them is the
// source the others are translated from.
import type { FileSource } from '../../../types';
import { baseName, dirName, readableText } from '../contentSupport';
import { projectLocalesFor, type ProjectLocales } from './localeConfig';
import { namesIn } from '../folderListing';
import { localeWeight } from './localeNames';
import { platformSetOf } from './platformSets';
import { formatOf, isStringsFolderName, LOCALE, scanStrings, stemOf, type StringsScan } from './stringsFile';

export interface LocaleFile {
  locale: string;
  path: string;
}

/** The files of one set of strings, one per locale. */
export interface LocaleSet {
  /** The same for every file of the set: `src/i18n/*.json`, `locales/* /common.json`. */
  id: string;
  files: LocaleFile[];
  /**
   * The i18next namespace the set's files hold, where the layout names one:
   * `common` for `locales/<lang>/common.json`, `locales/common/<lang>.json`
   * or `common.<lang>.json`; `layout/header` for `<lang>/layout/header.json`.
   */
  namespace?: string;
  /** The source locale the project's configuration names, when it names one. */
  configuredSource?: string;
  /** The file the platform shows where a translation lacks a string (Android's `values/`, Java's base bundle): the source, where it exists. */
  defaultSource?: string;
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

/** Folders above a strings file that may be its locale (`<lang>/layout/header.json`). */
const MAX_NAMESPACE_DEPTH = 3;

/** One way to read a strings file's path: which part is the locale, and the other locales' files. */
interface Layout {
  id: string;
  files: LocaleFile[];
  /** The locale this layout reads the file's own path as. */
  own: string;
  namespace?: string;
}

/**
 * The locale files of the set `path` belongs to. The layouts of i18next,
 * react-i18next, next-i18next, vue-i18n and Rails: one file per locale
 * (`i18n/en.json`), a name then the locale (`devise.en.yml`, `common.de.json`),
 * one folder per locale holding a file per namespace (`locales/de/app.json`,
 * nested: `locales/de/layout/header.json`), or one folder per namespace
 * holding a file per locale (`locales/common/de.json`). Each reading of the
 * path is weighed by the set of names it makes locales: a folder of
 * `de/`, `en/`, `fr/` is locales even when its files are `app.json` and
 * `sdk.json` (registered three-letter languages too), decided by BCP 47 and
 * IANA's registry (localeNames.ts), the locales the project's configuration
 * names and Crowdin's paths (localeConfig.ts), not by a name's length. A
 * name that is not a registered tag (`zhtw`, `cn`) still is a locale when its
 * file sits among locales and holds their keys. A file in none of them is a
 * set of its own, with no locale. Guessed files may not exist: whoever reads
 * them drops those that do not.
 */
export async function localeSetOf(path: string, files: FileSource, keys: KeysReader = keysReader(files)): Promise<LocaleSet> {
  const project = await projectLocalesFor(dirName(path), files);
  const platform = await platformSetOf(path, files, COMMON_LOCALES);
  if (platform) return project.source ? { ...platform, configuredSource: project.source } : platform;
  const layouts = await layoutsOf(path, files);
  const ranked = layouts
    .map((layout) => ({ layout, score: scoreOf(layout, path, project) }))
    .filter(({ score }) => score !== undefined)
    .sort((a, b) => (b.score as number) - (a.score as number));
  for (const { layout } of ranked) {
    const set = await confirmed({ id: layout.id, files: layout.files, ...(layout.namespace ? { namespace: layout.namespace } : {}) }, path, keys, project);
    if (set) return project.source ? { ...set, configuredSource: project.source } : set;
  }
  return { id: path, files: [] };
}

/** Every reading of the path as a locale set: by its file name, then by each folder above it. */
async function layoutsOf(path: string, files: FileSource): Promise<Layout[]> {
  const layouts: Layout[] = [];
  const folder = dirName(path);
  const name = baseName(path);
  const stem = stemOf(path);
  const extension = name.slice(stem.length);
  // A locale with its region or script after a name (Flutter's `app_pt_BR`, `intl_zh_Hant`) starts at its language, not its last part.
  const regional = /[._-](?=[a-z]{2,3}(?:[_-](?:[A-Z][a-z]{3}|[A-Z]{2}|\d{3}))+$)/.exec(stem);
  const withRegion = regional !== null && localeWeight(stem.slice(0, regional.index)) < 2 && localeWeight(stem.slice(regional.index + 1)) === 2;
  const separator = withRegion ? regional : /[._-](?=[^._-]+$)/.exec(stem);
  // A name before the locale (`common.en`, `main-de`), unless the whole stem is a locale (`fr-FR`, `en_US`). Flutter's
  // `app_de` also reads as a tag (the language `app`, the region `DE`): a known language after a name that is none is a locale.
  const named = separator !== null && (withRegion || localeWeight(stem) === 0 || (localeWeight(stem.slice(0, separator.index)) < 2 && /^[a-z]{2,3}$/.test(stem.slice(separator.index + 1)) && localeWeight(stem.slice(separator.index + 1)) === 2));
  for (const prefix of ['', ...(separator && named ? [stem.slice(0, separator.index + 1)] : [])]) {
    if (!mayBeLocale(stem.slice(prefix.length))) continue;
    const entries = withOwn(await entriesOf(files, folder, (locale) => `${prefix}${locale}${extension}`), name);
    const set = entries.flatMap((entry) => {
      const locale = entry.startsWith(prefix) && entry.endsWith(extension) ? entry.slice(prefix.length, entry.length - extension.length) : '';
      return LOCALE_LIKE.test(locale) ? [{ locale, path: join(folder, entry) }] : [];
    });
    // `common.en.json`: the namespace is the name before the locale; `locales/common/en.json`: the folder.
    const container = baseName(folder);
    const namespace = prefix !== '' ? prefix.slice(0, -1) : folder !== '' && localeWeight(container) === 0 && !isStringsFolderName(container) ? container : undefined;
    layouts.push({ id: join(folder, `${prefix}*${extension}`), files: set, own: stem.slice(prefix.length), ...(namespace ? { namespace } : {}) });
  }
  let localeFolder = folder;
  let within = name;
  for (let depth = 1; depth <= MAX_NAMESPACE_DEPTH && localeFolder !== ''; depth++) {
    const own = baseName(localeFolder);
    const parent = dirName(localeFolder);
    if (mayBeLocale(own)) {
      const entries = withOwn(await entriesOf(files, parent, (locale) => locale), own);
      const set = entries.filter((entry) => LOCALE_LIKE.test(entry)).map((locale) => ({ locale, path: join(join(parent, locale), within) }));
      layouts.push({ id: join(parent, `*/${within}`), files: set, own, namespace: within.replace(/\.(?:json|ya?ml)$/i, '') });
    }
    within = `${own}/${within}`;
    localeFolder = parent;
  }
  return layouts;
}

/**
 * How much a layout reads like a locale set, or undefined when it cannot be
 * the file's: the file's own name is neither a locale nor configured as one,
 * nor a name among locales (kept only if its keys say so). Crowdin's path
 * decides outright; then the locales the configuration names; then the mean
 * weight of the names (a two-letter `de` weighs more than a three-letter
 * `app`, a namespace's `common` nothing); then the layout with more files.
 */
function scoreOf(layout: Layout, path: string, project: ProjectLocales): number | undefined {
  const crowdin = project.crowdin.some((pattern) => pattern.exec(path)?.groups?.locale === layout.own);
  const configured = (name: string) => project.locales.has(name) || [...project.locales].some((locale) => normalize(locale) === normalize(name));
  const weights = layout.files.map((file) => (configured(file.locale) ? 2 : localeWeight(file.locale)));
  const mean = weights.reduce((sum: number, weight) => sum + weight, 0) / Math.max(1, weights.length);
  const ownWeight = configured(layout.own) ? 2 : localeWeight(layout.own);
  // A name that is no locale is taken only beside names that are (`zhtw` beside `de` and `en`), and kept only if its keys are theirs.
  if (!crowdin && ownWeight === 0 && (!LOCALE_LIKE.test(layout.own) || !layout.files.some((file) => file.locale !== layout.own && localeWeight(file.locale) === 2))) return undefined;
  if (!crowdin && mean < 0.75) return undefined;
  const configuredShare = layout.files.filter((file) => configured(file.locale)).length / Math.max(1, layout.files.length);
  return (crowdin ? 1000 : 0) + configuredShare * 100 + mean * 10 + Math.min(layout.files.length, 99) / 100;
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
async function confirmed(set: LocaleSet, path: string, keysIn: KeysReader, project: ProjectLocales): Promise<LocaleSet | undefined> {
  const written = (file: LocaleFile) => project.locales.has(file.locale) || (LOCALE.test(file.locale) && localeWeight(file.locale) > 0) || localeWeight(file.locale) === 2;
  const unusual = set.files.filter((file) => !written(file));
  if (unusual.length === 0) return set;
  const others = set.files.filter((file) => written(file) && file.path !== path);
  const reference = sourceOf({ id: set.id, files: others }, undefined) ?? others[0];
  const referenceKeys = reference ? await keysIn(reference.path) : undefined;
  const kept: LocaleFile[] = set.files.filter(written);
  const unusualKeys = referenceKeys ? await Promise.all(unusual.map((file) => keysIn(file.path))) : [];
  for (const [index, keys] of unusualKeys.entries()) {
    if (referenceKeys && keys && keys.size > 0 && [...keys].filter((key) => referenceKeys.has(key)).length * 2 >= keys.size) kept.push(unusual[index]);
  }
  return kept.some((file) => file.path === path) ? { ...set, files: kept } : undefined;
}

/** The keys of a strings file of the repository, or undefined when it does not exist or does not parse. */
export type KeysReader = (path: string) => Promise<ReadonlySet<string> | undefined>;

/**
 * A reading of the file at `path` whose text, as the file source gives it,
 * is `text`, already made elsewhere (a changed file's version, read once in
 * the review), with the same keys `scanStrings` finds in it; or undefined.
 */
export type KnownScan = (path: string, text: string) => StringsScan | undefined;

/**
 * Reads each file's keys once: the sets of a review's strings files are
 * found one file at a time, and each reads the same reference files (a
 * translation drop of 11 locales read them 22 times). `known` offers
 * readings made anyway: a translation drop's reference files are files of
 * the change, whose versions the review reads as strings in any case.
 */
export function keysReader(files: FileSource, known?: KnownScan): KeysReader {
  const read = new Map<string, Promise<ReadonlySet<string> | undefined>>();
  return (path) => {
    let keys = read.get(path);
    if (!keys) read.set(path, (keys = keysOf(files, path, known)));
    return keys;
  };
}

async function keysOf(files: FileSource, path: string, known: KnownScan | undefined): Promise<Set<string> | undefined> {
  const format = formatOf(path);
  const raw = format ? await files.readText(path) : undefined;
  const text = readableText(raw);
  const scan = text === undefined || !format ? undefined : ((raw !== undefined ? known?.(path, raw) : undefined) ?? scanStrings(text, format));
  return scan?.ok ? new Set(scan.leaves.keys()) : undefined;
}

/** The names in `folder`, listed when the file source can, else the common locales as `guess` names them. */
async function entriesOf(files: FileSource, folder: string, guess: (locale: string) => string): Promise<string[]> {
  const listed = files.listDirectory || files.listFiles ? await namesIn(files, folder) : undefined;
  return listed ?? COMMON_LOCALES.map(guess);
}

/**
 * A name worth reading as a locale: a registered tag, or a short code a
 * project made up (`zhtw`, `cn`, `jp`). A longer name that is no tag
 * (`widgets`, `common`, `translation`) is a namespace or a folder: its
 * siblings are not even listed.
 */
function mayBeLocale(name: string): boolean {
  return LOCALE_LIKE.test(name) && (localeWeight(name) > 0 || name.length <= 5);
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

/**
 * The source locale of a set: the one CLAUDE.md or a setting names
 * (`explicit`), else the one the project's configuration names, else English.
 * A configured locale no file of the set has (`defaultLocale: 'default'`) is passed over.
 */
export function sourceOfSet(set: LocaleSet, explicit: string | undefined): LocaleFile | undefined {
  const fallback = set.files.find((file) => file.path === set.defaultSource);
  if (fallback) return fallback;
  if (explicit !== undefined) return sourceOf(set, explicit);
  return (set.configuredSource === undefined ? undefined : sourceOf(set, set.configuredSource)) ?? sourceOf(set, undefined);
}

export function normalize(locale: string): string {
  return locale.toLowerCase().replace(/_/g, '-');
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
