// A changed strings file read through the strings layer: each version of it
// once per review, whichever check asks first (the translation checks, the
// personal-data check, the size check), and the strings the change added,
// removed or changed in it, as the layer identifies them.
import type { ChangedFile, CheckContext } from '../../model';
import { readableText } from '../contentSupport';
import { pairedLeaves } from './pairedLeaves';
import { KeyPaths } from './json';
import { formatOf, isStringsFile, scanStrings, type StringsFormat, type StringsLeaf, type StringsScan } from './stringsFile';

type Version = 'before' | 'after';

type Readings = Partial<Record<Version, StringsScan | undefined>>;

/**
 * How many changed files' readings a review keeps: the translation checks
 * read a set's files together and the size check soon after, while a change
 * of thousands of strings files would hold every string of each at once.
 */
export const READINGS_KEPT = 128;

/**
 * What each review keeps of its strings files while it runs, not after (a
 * translation drop's strings are many): its readings, by changed file, the
 * most recently read last, and the key paths its readings share (json.ts).
 */
const reviews = new WeakMap<CheckContext, { read: Map<ChangedFile, Readings>; keyPaths: KeyPaths }>();

function keptFor(ctx: CheckContext): { read: Map<ChangedFile, Readings>; keyPaths: KeyPaths } {
  let kept = reviews.get(ctx);
  if (!kept) reviews.set(ctx, (kept = { read: new Map(), keyPaths: new KeyPaths() }));
  return kept;
}

/** The key paths the readings of `ctx`'s review share. */
export function keyPathsOf(ctx: CheckContext): KeyPaths {
  return keptFor(ctx).keyPaths;
}

/**
 * A version of a changed file read as strings in `format`: undefined when
 * the version does not exist or is not text a reader loads (binary, a NUL
 * byte). Kept for the review's `READINGS_KEPT` files read last (read again,
 * the same, past them); a reading in another format than the file's own (a
 * set read as its first file's format) is not kept.
 */
export function changedVersionStrings(ctx: CheckContext, file: ChangedFile, version: Version, format: StringsFormat): StringsScan | undefined {
  const own = formatOf(file.path) === format;
  const { read, keyPaths } = keptFor(ctx);
  const readings = read.get(file);
  if (own && readings && version in readings) {
    read.delete(file);
    read.set(file, readings);
    return readings[version];
  }
  const text = readableText(version === 'before' ? file.oldText : file.newText, file);
  const scan = text === undefined ? undefined : scanStrings(text, format, file.path, keyPaths);
  if (own) {
    read.delete(file);
    read.set(file, { ...readings, [version]: scan });
    if (read.size > READINGS_KEPT) read.delete(read.keys().next().value as ChangedFile);
  }
  return scan;
}

/**
 * How many strings the change added, removed or changed the value of in a
 * strings file, each key, msgid with its context, and plural form once; or
 * undefined where the layer cannot read every version the file has (it does
 * not parse, it is binary, a link, or it moved from another format), which
 * is then measured in lines. Where the entries are written, their reference
 * comments, the header and the wrapping are no strings.
 */
export function changedStringCount(ctx: CheckContext, file: ChangedFile): number | undefined {
  const format = formatOf(file.path);
  if (!format || !isStringsFile(file.path) || file.binary || file.submodule || file.links) return undefined;
  if (file.oldPath !== undefined && formatOf(file.oldPath) !== format) return undefined;
  if (file.oldText === undefined && file.newText === undefined) return undefined;
  const after = file.newText === undefined ? undefined : changedVersionStrings(ctx, file, 'after', format);
  if (file.newText !== undefined && !after?.ok) return undefined;
  const before = file.oldText === undefined ? undefined : changedVersionStrings(ctx, file, 'before', format);
  if (file.oldText !== undefined && !before?.ok) return undefined;
  const afterLeaves = after?.ok ? after.leaves : new Map<string, StringsLeaf>();
  const beforeLeaves = before?.ok ? before.leaves : new Map<string, StringsLeaf>();
  // A string catalog's translations carry the source language's string as their source: a change to it is counted once, under its own key.
  const ownSources = format !== 'xcstrings';
  // Each key of the new version with the old version's leaf there, and the old version's keys the new one lacks.
  const pairs = pairedLeaves(beforeLeaves, afterLeaves);
  let count = pairs.removedKeys.length;
  for (let at = 0; at < pairs.keys.length; at++) {
    const leaf = pairs.after[at];
    const old = pairs.before[at];
    if (!old || !sameValue(old.value, leaf.value) || (ownSources && old.source !== leaf.source)) count++;
  }
  return count;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}
