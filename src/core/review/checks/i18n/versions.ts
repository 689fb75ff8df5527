// Every file of a locale set before and after the change, parsed once.
import type { Finding } from '../../../types';
import type { ChangedFile, CheckContext } from '../../model';
import { finding, readableText, stripBom } from '../contentSupport';
import type { LocaleFile, LocaleSet } from './localeSet';
import type { Grammar } from './placeholders';
import { changedVersionStrings } from './changedStrings';
import { pairedLeaves } from './pairedLeaves';
import { scanJson } from './json';
import { FORMAT_NAMES, formatOf, scanStrings, type StringsFormat, type StringsLeaf, type StringsScan } from './stringsFile';

export type Leaves = Map<string, StringsLeaf>;

export interface LocaleVersions {
  locale: string;
  path: string;
  /** Undefined when the file did not exist (or did not parse) before. */
  before: Leaves | undefined;
  /** Undefined when the change deletes the file. */
  after: Leaves | undefined;
  /** The change's version of this file, when the change touches it. */
  changed?: ChangedFile;
}

export interface SetVersions {
  format: StringsFormat;
  files: LocaleVersions[];
  /** Strings files of the change that do not parse: reported, and left out of every comparison. */
  invalid: Finding[];
  /** The grammar a file of the set declares (a Lingui catalog, Laravel's PHP arrays), if one does. */
  declared?: Grammar;
  /** The language a file of the set says its sources are in (an `.xcstrings` catalog's `sourceLanguage`). */
  sourceLanguage?: string;
}

/**
 * Reads the set: the change's files from the change (unsaved text in the
 * editor), the others from the repository, where they are the same before
 * and after. Files that do not exist are dropped.
 */
export async function readSetVersions(ctx: CheckContext, set: LocaleSet, changed: ChangedFile[]): Promise<SetVersions> {
  const byPath = new Map(changed.map((file) => [file.path, file]));
  const format = formatOf(changed[0].path) ?? 'json';
  const files: LocaleVersions[] = [];
  const invalid: Finding[] = [];
  let declared: Grammar | undefined;
  let sourceLanguage: string | undefined;
  const parsed = (scan: StringsScan | undefined) => {
    if (scan?.ok && scan.grammar) declared ??= scan.grammar;
    if (scan?.ok && scan.sourceLanguage) sourceLanguage ??= scan.sourceLanguage;
    return scan;
  };
  const members: LocaleFile[] = [...set.files];
  for (const file of changed) if (!members.some((member) => member.path === file.path)) members.push({ locale: '', path: file.path });
  // Asked all at once: a file source that reads through git answers one turn's reads with one process.
  const unchanged = new Map(members.filter((member) => !byPath.has(member.path)).map((member) => [member.path, ctx.files.readText(member.path)]));
  for (const member of members) {
    const change = byPath.get(member.path);
    if (change) {
      // NUL bytes past the 8,000 git looks at: git calls the file text, yet no JSON or YAML reader loads it.
      if (change.newText !== undefined && readableText(change.newText, change) === undefined) {
        invalid.push(unloadableStringsFile(change, change.oldText?.includes('\u0000') === true));
        continue;
      }
      // Read once in the review: the size check and the personal-data check read the change's versions too.
      const after = parsed(changedVersionStrings(ctx, change, 'after', format));
      if (after && !after.ok) {
        const { line, column, message } = after.error;
        invalid.push(finding('i18n.invalid-json', 'error', change.path, line, `Not valid ${FORMAT_NAMES[format]}: ${message}.`, { column }));
        continue;
      }
      const before = parsed(changedVersionStrings(ctx, change, 'before', format));
      files.push({ ...member, before: before?.ok ? before.leaves : undefined, after: after?.leaves, changed: change });
      continue;
    }
    const raw = await unchanged.get(member.path);
    if (raw !== undefined && format === 'json') {
      // Whether it parses decides that it is a member; its strings are read when a comparison asks for them (a translation drop with no source file compares each changed file with its own earlier version, and reads none).
      // Not first read through for a NUL (`readableText`): the JSON reader takes none, in a string or out of one, so such a file is left out all the same.
      const text = stripBom(raw);
      if (scanJson(text, { checkOnly: true }).ok) files.push(unchangedFile(member, () => scanStrings(text, format, member.path)));
      continue;
    }
    const text = readableText(raw);
    const current = parsed(text === undefined ? undefined : scanStrings(text, format, member.path));
    if (current?.ok) files.push({ ...member, before: current.leaves, after: current.leaves });
  }
  return { format, files, invalid, ...(declared ? { declared } : {}), ...(sourceLanguage ? { sourceLanguage } : {}) };
}

/** A file the change does not touch, the same before and after, its strings read on first use (a JSON file, whose reading adds no grammar or source language to the set's). */
function unchangedFile(member: LocaleFile, read: () => StringsScan): LocaleVersions {
  let scan: StringsScan | undefined;
  const strings = (): Leaves | undefined => {
    scan ??= read();
    return scan.ok ? scan.leaves : undefined;
  };
  return { ...member, get before() { return strings(); }, get after() { return strings(); } };
}

/**
 * A strings file that is not text the app can load (a NUL byte, UTF-16 git
 * calls binary): invalid, never skipped. A NUL byte the file held before the
 * change is not the change's doing: a warning, as every problem a change
 * leaves as it was.
 */
export function unloadableStringsFile(file: ChangedFile, alreadyThere = false): Finding {
  return finding(
    'i18n.invalid-json',
    alreadyThere ? 'warning' : 'error',
    file.path,
    null,
    file.binary
      ? `Not a strings file the app can load: git reads it as binary (it holds a NUL byte, or is not UTF-8). Save it as UTF-8 ${formatName(file.path)}.`
      : `Not a strings file the app can load: it holds a NUL byte (past the first 8,000 bytes, where git does not look), which no ${formatName(file.path)} reader accepts. Save it as UTF-8 ${formatName(file.path)}.${alreadyThere ? ' It held it before this change too.' : ''}`,
  );
}

function formatName(path: string): string {
  const format = formatOf(path);
  return format === undefined || format === 'json' || format === 'yaml' ? 'JSON or YAML' : FORMAT_NAMES[format];
}

/** The string at `key`, or undefined when absent or not a string. */
export function stringAt(leaves: Leaves | undefined, key: string): string | undefined {
  const value = leaves?.get(key)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Keys whose string the change added or changed in this file. */
export function touchedKeys(file: LocaleVersions): string[] {
  return touchedStrings(file).keys;
}

/** The keys of `touchedKeys`, with the file's leaf at each after the change and before it (undefined where it had none). */
export interface TouchedStrings {
  keys: string[];
  after: StringsLeaf[];
  before: (StringsLeaf | undefined)[];
}

/** `touchedKeys` with each key's leaves, so that whoever reads their strings need not look each key up again. */
export function touchedStrings(file: LocaleVersions): TouchedStrings {
  const touched: TouchedStrings = { keys: [], after: [], before: [] };
  if (!file.changed || !file.after) return touched;
  const before = file.before;
  if (!before) {
    // forEach, where a for…of makes an entry and an iterator result for each of the file's thousands of keys.
    file.after.forEach((leaf, key) => {
      if (typeof leaf.value !== 'string') return;
      touched.keys.push(key);
      touched.after.push(leaf);
      touched.before.push(undefined);
    });
    return touched;
  }
  const pairs = pairedLeaves(before, file.after);
  for (let at = 0; at < pairs.keys.length; at++) {
    const value = pairs.after[at].value;
    const old = pairs.before[at]?.value;
    // What `stringAt(before, key) !== value` answers.
    if (typeof value === 'string' && (typeof old === 'string' ? old : undefined) !== value) {
      touched.keys.push(pairs.keys[at]);
      touched.after.push(pairs.after[at]);
      touched.before.push(pairs.before[at]);
    }
  }
  return touched;
}
