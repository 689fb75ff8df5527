// Reading a strings file (JSON, or YAML as Rails and many others keep them)
// into its leaves: the flattened key of every string, its value and where
// its key is written, so a finding lands on the key's line.
import { LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml } from '../../../text/yaml';
import { baseName } from '../contentSupport';
import { scanJson, type JsonLeaf } from './json';

export type StringsLeaf = JsonLeaf;
export type StringsFormat = 'json' | 'yaml';

export type StringsScan =
  | { ok: true; leaves: Map<string, StringsLeaf> }
  | { ok: false; error: { line: number; column: number; message: string } };

const STRINGS_FOLDERS = new Set(['i18n', 'l10n', 'locale', 'locales', 'lang', 'langs', 'languages', 'translations', 'intl']);
/** A language with optional script or region: `en`, `pt-BR`, `zh_Hant_TW`, `es-419`. */
export const LOCALE = /^[a-z]{2,3}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}))*$/;

/** A folder named for strings (`locales`, `i18n`, next-intl's `messages`): it holds sets, it is not a namespace. */
export function isStringsFolderName(name: string): boolean {
  return STRINGS_FOLDERS.has(name.toLowerCase()) || name === 'messages';
}

export function formatOf(path: string): StringsFormat | undefined {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return undefined;
}

/**
 * A file of translated strings: JSON or YAML inside a strings folder
 * (`i18n/`, `locales/`, `lang/`, `translations/`, `intl/`…), or named after
 * its locale inside a `messages/` folder (next-intl's `messages/en.json`).
 */
export function isStringsFile(path: string): boolean {
  if (formatOf(path) === undefined) return false;
  const folders = path.split('/').slice(0, -1);
  if (folders.some((folder) => STRINGS_FOLDERS.has(folder.toLowerCase()))) return true;
  return folders[folders.length - 1] === 'messages' && LOCALE.test(stemOf(path));
}

/** `common.en.json` → `common.en`. */
export function stemOf(path: string): string {
  return baseName(path).replace(/\.(?:json|ya?ml)$/i, '');
}

export function scanStrings(text: string, format: StringsFormat): StringsScan {
  if (format === 'json') {
    const scan = scanJson(text, { leavesOnly: true });
    return scan.ok ? { ok: true, leaves: scan.leaves } : scan;
  }
  return scanYaml(text);
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
