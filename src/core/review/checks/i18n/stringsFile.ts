// The strings layer: reading a strings file of any format the review knows
// into its leaves (the flattened key of every string, its value and where
// it is written, so a finding lands on its line), each format through its
// own reader: JSON (i18next, react-intl, vue-i18n, Laravel's JSON, Flutter's
// ARB), YAML (Rails), gettext `.po` (po.ts), Laravel's PHP arrays
// (php.ts), Android's strings.xml (android.ts), Apple's `.strings`,
// `.stringsdict` and `.xcstrings` (apple.ts), XLIFF (xliff.ts), Java's
// `.properties` (properties.ts) and Fluent's `.ftl` (fluent.ts). Strings
// files of the formats it cannot read yet are named by `unreadFormatOf`,
// so the review says it left them unread.
import { LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml } from '../../../text/yaml';
import { baseName } from '../contentSupport';
import { scanJson, type JsonLeaf, type KeyPaths } from './json';
import type { Grammar } from './placeholders';
import { scanPhpArray } from './php';
import { scanPo } from './po';
import { scanAndroid } from './android';
import { scanAppleStrings, scanStringsdict, scanXcstrings } from './apple';
import { scanFluent } from './fluent';
import { scanProperties } from './properties';
import { scanXliff } from './xliff';

export interface StringsLeaf extends JsonLeaf {
  /** The source string the file itself gives for this one: a `.po` entry's msgid, the English key of Laravel's JSON. */
  source?: string;
  /** The plural form the file says this string is (`one`, `other`): a `.po` entry's `msgstr[n]`. */
  form?: string;
  /** The first and last line of the string's entry, where it spans several (a `.po` entry's msgstr). */
  lines?: [number, number];
  /** The language of this string, in a file that holds several (an `.xcstrings` catalog's `de`). */
  locale?: string;
}
export type StringsFormat = 'json' | 'yaml' | 'po' | 'php' | 'android' | 'strings' | 'stringsdict' | 'xcstrings' | 'xliff' | 'properties' | 'fluent';

export type StringsScan =
  | {
      ok: true;
      leaves: Map<string, StringsLeaf>;
      /** The grammar the file says it speaks (a Lingui catalog: ICU; Laravel's PHP: `:name`; Android's: printf). */
      grammar?: Grammar;
      /** The language the file says its sources are in (an `.xcstrings` catalog's `sourceLanguage`). */
      sourceLanguage?: string;
    }
  | { ok: false; error: { line: number; column: number; message: string } };

/** The name a person knows each format by, in findings. */
export const FORMAT_NAMES: Readonly<Record<StringsFormat, string>> = {
  json: 'JSON',
  yaml: 'YAML',
  po: 'gettext (.po)',
  php: 'PHP',
  android: 'Android strings.xml',
  strings: 'iOS .strings',
  stringsdict: 'iOS .stringsdict',
  xcstrings: 'Xcode string catalog (.xcstrings)',
  xliff: 'XLIFF',
  properties: 'Java .properties',
  fluent: 'Fluent (.ftl)',
};

const STRINGS_FOLDERS = new Set(['i18n', 'l10n', 'locale', 'locales', 'lang', 'langs', 'languages', 'translations', 'intl']);
/** A language with optional script or region: `en`, `pt-BR`, `zh_Hant_TW`, `es-419`. */
export const LOCALE = /^[a-z]{2,3}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}))*$/;

/** A folder named for strings (`locales`, `i18n`, next-intl's `messages`): it holds sets, it is not a namespace. */
export function isStringsFolderName(name: string): boolean {
  return STRINGS_FOLDERS.has(name.toLowerCase()) || name === 'messages';
}

export function formatOf(path: string): StringsFormat | undefined {
  const name = baseName(path);
  const folders = path.split('/').slice(0, -1);
  if (/\.xcstrings$/i.test(name)) return 'xcstrings';
  if (/\.stringsdict$/i.test(name)) return 'stringsdict';
  if (/\.strings$/i.test(name) && folders.some((folder) => /\.lproj$/i.test(folder))) return 'strings';
  if (/^(?:strings|plurals|arrays)\.xml$/i.test(name) && folders.some((folder) => /^values(?:-|$)/.test(folder))) return 'android';
  if (/\.(?:xliff|xlf)$/i.test(name)) return 'xliff';
  if (/\.ftl$/i.test(name)) return 'fluent';
  if (/\.properties$/i.test(name) && (/_[a-z]{2,3}(?:_[A-Z]{2})?\.properties$/.test(name) || /^messages/i.test(name) || folders.some((folder) => STRINGS_FOLDERS.has(folder.toLowerCase())))) return 'properties';
  if (/\.(?:json|arb)$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.pot?$/i.test(path)) return 'po';
  // Laravel's `lang/es/messages.php` (and `resources/lang/…`): arrays of strings, one file per group.
  if (/(?:^|\/)lang\/[^/]+\/[^/]+\.php$/i.test(path)) return 'php';
  return undefined;
}

/** Laravel's JSON strings (`lang/es.json`): the English text is the key, and what shows when a translation lacks it. */
export function isTextKeyedFile(path: string): boolean {
  return /(?:^|\/)lang\/[^/]+\.json$/i.test(path);
}

/** Strings files of a format the review does not read yet, by name: .NET's `.resx`. Undefined for anything else. */
export function unreadFormatOf(path: string): string | undefined {
  if (/\.resx$/i.test(baseName(path))) return '.NET .resx';
  return undefined;
}

/**
 * A file of translated strings: JSON or YAML inside a strings folder
 * (`i18n/`, `locales/`, `lang/`, `translations/`, `intl/`…), or named after
 * its locale inside a `messages/` folder (next-intl's `messages/en.json`).
 */
export function isStringsFile(path: string): boolean {
  const format = formatOf(path);
  if (format === undefined) return false;
  // A gettext catalog is strings wherever it lies (`locale/de/LC_MESSAGES/django.po`, `po/de.po`); so are the formats known by their own names.
  if (format !== 'json' && format !== 'yaml') return true;
  const folders = path.split('/').slice(0, -1);
  if (folders.some((folder) => STRINGS_FOLDERS.has(folder.toLowerCase()))) return true;
  return folders[folders.length - 1] === 'messages' && LOCALE.test(stemOf(path));
}

/** `common.en.json` → `common.en`. */
export function stemOf(path: string): string {
  return baseName(path).replace(STRINGS_EXTENSION, '');
}

export const STRINGS_EXTENSION = /\.(?:json|ya?ml|arb|pot?|php|xml|strings|stringsdict|xcstrings|xliff|xlf|properties|ftl)$/i;

/**
 * The strings of a file in `format`; `path` tells the formats apart that
 * share a syntax (ARB's metadata, Laravel's English keys); a JSON file's key
 * paths are the strings `keyPaths` has for them, where given (json.ts).
 */
export function scanStrings(text: string, format: StringsFormat, path = '', keyPaths?: KeyPaths): StringsScan {
  if (format === 'po') return scanPo(text);
  if (format === 'php') return scanPhpArray(text);
  if (format === 'android') return scanAndroid(text);
  if (format === 'strings') return scanAppleStrings(text);
  if (format === 'stringsdict') return scanStringsdict(text);
  if (format === 'xcstrings') return scanXcstrings(text);
  if (format === 'xliff') return scanXliff(text);
  if (format === 'properties') return scanProperties(text);
  if (format === 'fluent') return scanFluent(text);
  if (format === 'json') {
    const scan = scanJson(text, { leavesOnly: true, keyPaths });
    if (!scan.ok) return scan;
    if (/\.arb$/i.test(path)) return { ok: true, leaves: new Map([...scan.leaves].filter(([key]) => !key.startsWith('@'))) };
    if (isTextKeyedFile(path) && textKeyed(scan.leaves)) return { ok: true, leaves: new Map([...scan.leaves].map(([key, leaf]) => [key, { ...leaf, source: key }])) };
    return { ok: true, leaves: scan.leaves };
  }
  return scanYaml(text);
}

/** Keys that are sentences (`"Your Ticket for :event"`), at least half of them: not paths such as `auth.failed`. */
function textKeyed(leaves: Map<string, StringsLeaf>): boolean {
  const keys = [...leaves.keys()];
  return keys.length > 0 && keys.filter((key) => /\s/.test(key)).length * 2 >= keys.length;
}

function scanYaml(text: string): StringsScan {
  const lineCounter = new LineCounter();
  const document = parseYaml(text, { lineCounter, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { ok: false, error: { line, column: col, message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') } };
  }
  const leaves = new Map<string, StringsLeaf>();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const visit = (node: unknown, path: string, keyOffset: number): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? keyOffset;
        visit(pair.value, path === '' ? key : `${path}.${key}`, offset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, path === '' ? String(index) : `${path}.${index}`, (item as Node | null)?.range?.[0] ?? keyOffset));
    } else if (path !== '') {
      leaves.set(path, { path, value: isScalar(node) ? node.value : null, ...position(keyOffset) });
    }
  };
  visit(document.contents, '', 0);
  return { ok: true, leaves: withoutLocaleRoot(leaves) };
}

/**
 * Rails and i18n-js files start with their locale (`en:` in en.yml, `de:` in
 * de.yml): keys are compared without it, or no two locales would share one.
 */
function withoutLocaleRoot(leaves: Map<string, StringsLeaf>): Map<string, StringsLeaf> {
  const roots = new Set([...leaves.keys()].map((key) => key.split('.')[0]));
  if (roots.size !== 1) return leaves;
  const [root] = roots;
  if (!LOCALE.test(root)) return leaves;
  const stripped = new Map<string, StringsLeaf>();
  for (const [key, leaf] of leaves) {
    const path = key.slice(root.length + 1);
    if (path !== '') stripped.set(path, { ...leaf, path });
  }
  return stripped;
}
