// Every file of a locale set before and after the change, parsed once.
import type { Finding } from '../../../types';
import type { ChangedFile, CheckContext } from '../../model';
import { finding, readableText, stripBom } from '../contentSupport';
import type { LocaleFile, LocaleSet } from './localeSet';
import type { Grammar } from './placeholders';
import { changedVersionStrings, keyPathsOf } from './changedStrings';
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

/**
 * A file of a locale set as `readSetVersions` lists it: one of its files for
 * certain (a file of the change, a file of another format that parsed), or
 * an unchanged JSON file, which is one when it exists and parses.
 */
export interface SetEntry {
  file: LocaleVersions;
  /** Whether the file is one of the set's: an unchanged JSON file is read and scanned on the first call, and only then. */
  member(): Promise<boolean>;
}

export interface SetVersions {
  format: StringsFormat;
  /** The set's files in order, with those whose reading decides whether they are among them (`membersOf`). */
  entries: SetEntry[];
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
 * and after. Files that do not exist are dropped. An unchanged JSON file is
 * read, and whether it parses found, only when a comparison asks for it
 * (`membersOf`, `firstMember`): a translation drop with no source file
 * compares each changed file with its own earlier version, and reads none.
 */
export async function readSetVersions(ctx: CheckContext, set: LocaleSet, changed: ChangedFile[]): Promise<SetVersions> {
  const byPath = new Map(changed.map((file) => [file.path, file]));
  const format = formatOf(changed[0].path) ?? 'json';
  const entries: SetEntry[] = [];
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
  // Asked all at once: a file source that reads through git answers one turn's reads with one process. A JSON file's reading adds no
  // grammar or source language to the set's, so those wait until asked for.
  const unchanged = new Map(format === 'json' ? [] : members.filter((member) => !byPath.has(member.path)).map((member) => [member.path, ctx.files.readText(member.path)]));
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
      entries.push(certain({ ...member, before: before?.ok ? before.leaves : undefined, after: after?.leaves, changed: change }));
      continue;
    }
    if (format === 'json') {
      entries.push(unchangedJsonFile(ctx, member));
      continue;
    }
    const raw = await unchanged.get(member.path);
    const text = readableText(raw);
    const current = parsed(text === undefined ? undefined : scanStrings(text, format, member.path));
    if (current?.ok) entries.push(certain({ ...member, before: current.leaves, after: current.leaves }));
  }
  return { format, entries, invalid, ...(declared ? { declared } : {}), ...(sourceLanguage ? { sourceLanguage } : {}) };
}

const YES = Promise.resolve(true);

function certain(file: LocaleVersions): SetEntry {
  return { file, member: () => YES };
}

/**
 * An unchanged JSON file of the set: one of its files when it exists and
 * parses, found out once, when first asked. Not first read through for a
 * NUL (`readableText`): the JSON reader takes none, in a string or out of
 * one, so such a file is left out all the same.
 */
function unchangedJsonFile(ctx: CheckContext, member: LocaleFile): SetEntry {
  let text = '';
  let confirmed: Promise<boolean> | undefined;
  const file = unchangedFile(member, () => scanStrings(text, 'json', member.path, keyPathsOf(ctx)));
  return {
    file,
    member: () =>
      (confirmed ??= ctx.files.readText(member.path).then((raw) => {
        if (raw === undefined) return false;
        text = stripBom(raw);
        return scanJson(text, { checkOnly: true }).ok;
      })),
  };
}

/** The files of the set, in order: those of the change that parse, and the others that exist and parse. */
export async function membersOf(versions: SetVersions): Promise<LocaleVersions[]> {
  // Asked all at once, as the set's files were read before: one turn of reads.
  const confirmed = await Promise.all(versions.entries.map((entry) => entry.member()));
  return versions.entries.filter((_entry, index) => confirmed[index]).map((entry) => entry.file);
}

/** What `(await membersOf(versions)).find(test)` answers, confirming only the files `test` picks, in order. */
export async function firstMember(versions: SetVersions, test: (file: LocaleVersions) => boolean): Promise<LocaleVersions | undefined> {
  for (const entry of versions.entries) if (test(entry.file) && (await entry.member())) return entry.file;
  return undefined;
}

/** The files of the change among the set's (each certainly one of them), in order. */
export function changedMembers(versions: SetVersions): LocaleVersions[] {
  return versions.entries.filter((entry) => entry.file.changed !== undefined).map((entry) => entry.file);
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
