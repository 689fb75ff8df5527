// Copy and i18n checks on strings files: the JSON parses, no key silently
// disappears, and every changed string keeps the placeholders the code fills,
// before and after, and across the other locales of the same strings.
import type { FileSource, Finding } from '../../types';
import type { ChangedFile, Check, CheckContext } from '../model';
import { baseName, dirName, finding, matchesAny, newLineForOldLine, readableText } from './contentSupport';
import { scanJson } from './i18nJson';
import type { JsonLeaf } from './i18nJson';
import { missingPlaceholders, placeholdersOf, samePlaceholders } from './i18nPlaceholders';

export { scanJson } from './i18nJson';
export type { JsonLeaf, JsonScan } from './i18nJson';
export { placeholdersOf, samePlaceholders } from './i18nPlaceholders';

export const STRINGS_GLOBS: readonly string[] = ['**/i18n/**/*.json', '**/locales/**/*.json', '**/lang/**/*.json'];

/** A two-letter language with optional region or script: `en`, `pt-BR`, `zh_Hant_TW`. */
const LOCALE = /^[a-z]{2}(?:[-_][A-Za-z0-9]{2,8})*$/;

/**
 * Locales looked for when the file source cannot list a folder. A FileSource
 * that also offers `listDirectory` is asked instead, and then every locale counts.
 */
export const COMMON_LOCALES: readonly string[] = [
  'en', 'en-US', 'en-GB', 'en_US', 'en_GB', 'fr', 'fr-FR', 'fr-CA', 'fr_FR', 'de', 'de-DE', 'de_DE', 'es', 'es-ES',
  'es-MX', 'es_ES', 'it', 'pt', 'pt-BR', 'pt_BR', 'pt-PT', 'nl', 'sv', 'da', 'nb', 'no', 'fi', 'pl', 'cs', 'ru', 'uk',
  'tr', 'ar', 'he', 'hi', 'ja', 'ko', 'zh', 'zh-CN', 'zh-TW', 'zh_CN', 'zh_TW', 'id', 'th', 'vi', 'ro', 'hu', 'el',
];

/** A file source that can also name the entries of a folder (not every front end can). */
type ListingFileSource = FileSource & { listDirectory?(relDir: string): Promise<string[] | undefined> };

export function isStringsFile(path: string): boolean {
  return matchesAny(path, STRINGS_GLOBS);
}

export const i18nCheck: Check = {
  ids: ['i18n.invalid-json', 'i18n.removed-key', 'i18n.placeholder-mismatch'],
  async run(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.change.files.filter((changed) => isStringsFile(changed.path) && !changed.binary)) {
      findings.push(...(await stringsFileFindings(ctx, file)));
    }
    return findings;
  },
};

async function stringsFileFindings(ctx: CheckContext, file: ChangedFile): Promise<Finding[]> {
  const oldText = readableText(file.oldText, file);
  const oldScan = oldText === undefined ? undefined : scanJson(oldText);
  const oldLeaves = oldScan?.ok ? oldScan.leaves : new Map<string, JsonLeaf>();
  if (file.status === 'deleted') {
    if (oldLeaves.size === 0) return [];
    return [finding('i18n.removed-key', 'warning', file.path, null, `This strings file is deleted: its ${oldLeaves.size} keys are gone.`)];
  }
  const newText = readableText(file.newText, file);
  if (newText === undefined) return [];
  const newScan = scanJson(newText);
  if (!newScan.ok) {
    const { line, column, message } = newScan.error;
    return [finding('i18n.invalid-json', 'error', file.path, line, `Not valid JSON: ${message}.`, { column })];
  }
  const findings: Finding[] = [];
  for (const [path, leaf] of oldLeaves) {
    if (newScan.leaves.has(path)) continue;
    const line = newLineForOldLine(ctx.diff(file), leaf.line) ?? 1;
    findings.push(finding('i18n.removed-key', 'warning', file.path, line, `Key \`${path}\` was removed: any screen that still uses it will show the raw key.`));
  }
  const touched: JsonLeaf[] = [];
  for (const leaf of newScan.leaves.values()) {
    if (typeof leaf.value !== 'string') continue;
    const before = oldLeaves.get(leaf.path);
    if (before && before.value === leaf.value) continue;
    touched.push(leaf);
    if (before && typeof before.value === 'string') {
      const difference = describeDifference(placeholdersOf(before.value), placeholdersOf(leaf.value));
      if (difference) {
        findings.push(mismatch(file, leaf, `Placeholders of \`${leaf.path}\` changed: ${difference}. The code fills the old ones.`));
      }
    }
  }
  if (touched.length > 0) findings.push(...(await crossLocaleFindings(ctx, file, touched)));
  return findings;
}

async function crossLocaleFindings(ctx: CheckContext, file: ChangedFile, touched: JsonLeaf[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const sibling of await siblingLocaleFiles(ctx, file.path)) {
    const text = readableText(sibling.text);
    const scan = text === undefined ? undefined : scanJson(text);
    if (!scan?.ok) continue;
    for (const leaf of touched) {
      const other = scan.leaves.get(leaf.path);
      if (typeof other?.value !== 'string') continue;
      const difference = describeDifference(placeholdersOf(other.value), placeholdersOf(leaf.value as string));
      if (difference) {
        findings.push(mismatch(file, leaf, `Placeholders of \`${leaf.path}\` differ from ${sibling.path}: ${difference}.`));
      }
    }
  }
  return findings;
}

function mismatch(file: ChangedFile, leaf: JsonLeaf, message: string): Finding {
  return finding('i18n.placeholder-mismatch', 'error', file.path, leaf.line, message, { column: leaf.column });
}

/** `removed {name}; added {count}`, or undefined when both lists agree. */
function describeDifference(reference: string[], current: string[]): string | undefined {
  if (samePlaceholders(reference, current)) return undefined;
  const parts: string[] = [];
  const removed = missingPlaceholders(reference, current);
  const added = missingPlaceholders(current, reference);
  if (removed.length > 0) parts.push(`missing ${removed.join(', ')}`);
  if (added.length > 0) parts.push(`new ${added.join(', ')}`);
  return parts.join('; ');
}

/**
 * The same strings in other locales. Two layouts: one file per locale in a
 * folder (`i18n/en.json`, `i18n/fr.json`), or one folder per locale holding
 * files of the same name (`locales/en/common.json`, `locales/fr/common.json`).
 */
export async function siblingLocaleFiles(ctx: CheckContext, path: string): Promise<{ path: string; text: string }[]> {
  const folder = dirName(path);
  const name = baseName(path);
  const stem = name.replace(/\.json$/, '');
  const candidates = new Set<string>();
  if (LOCALE.test(stem)) {
    const locales = (await localesIn(ctx.files, folder, (entry) => entry.endsWith('.json') && LOCALE.test(entry.slice(0, -5))))
      ?? COMMON_LOCALES;
    for (const locale of locales) candidates.add(join(folder, `${locale.replace(/\.json$/, '')}.json`));
  } else if (LOCALE.test(baseName(folder))) {
    const parent = dirName(folder);
    const locales = (await localesIn(ctx.files, parent, (entry) => LOCALE.test(entry))) ?? COMMON_LOCALES;
    for (const locale of locales) candidates.add(join(join(parent, locale), name));
  }
  candidates.delete(path);
  const siblings: { path: string; text: string }[] = [];
  for (const candidate of candidates) {
    const text = await ctx.files.readText(candidate);
    if (text !== undefined) siblings.push({ path: candidate, text });
  }
  return siblings;
}

async function localesIn(files: ListingFileSource, folder: string, keep: (entry: string) => boolean): Promise<string[] | undefined> {
  const entries = files.listDirectory ? await files.listDirectory(folder) : undefined;
  return entries?.filter(keep);
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
