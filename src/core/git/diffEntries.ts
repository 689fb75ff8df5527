import { isObjectId } from './objectIds';
import type { Git } from './runGit';
import { indexAsTree } from './repository';
import { treeDifference, type TreeSide } from './treeDiff';

/** One line of `git diff --raw`: what changed for one path, with the object ids of both sides. */
export interface DiffEntry {
  /** A (added), C (copied), D (deleted), M (modified), R (renamed), T (type changed), U (unmerged). */
  status: string;
  path: string;
  oldPath?: string;
  oldMode: string;
  newMode: string;
  /** All zeros when that side is absent or is the (unhashed) working tree. */
  oldOid: string;
  newOid: string;
}

export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';

export function isNullOid(oid: string): boolean {
  return /^0+$/.test(oid);
}

/** What `diffAgainst` answers. */
export interface DiffAnswer {
  entries: DiffEntry[];
  binaryPaths: Set<string>;
}


/** What `diffAgainst` compares a tree with: the index (`cached`), the working tree, or another commit (`to`). */
export interface DiffSides {
  cached: boolean;
  to?: string;
}

/**
 * The files that differ between a tree and the index (`cached`), the working
 * tree, or another commit (`to`), with renames detected, and which of them
 * git counts as binary (`numstat: false`: none counted, which spares git
 * diffing every file's lines).
 */
export async function diffAgainst(git: Git, fromTree: string, options: DiffSides & { numstat?: boolean }): Promise<DiffAnswer> {
  // A commit compared with itself (a branch with no commit of its own, whose merge base is HEAD) has no difference: git is not asked.
  if (options.to !== undefined && options.to === fromTree && isObjectId(fromTree)) return parseRawAndNumstat('');
  // A commit's or the index's difference from a commit, read from their trees where that is git's answer to the letter (treeDiff.ts).
  if (options.numstat === false && (await treesReadable(git, fromTree))) {
    const to: TreeSide | undefined = options.to !== undefined ? { commit: options.to } : options.cached ? await indexAsTree(git, fromTree.length / 2) : undefined;
    const entries = to && isObjectId('commit' in to ? to.commit : to.tree) ? await treeDifference(git, { commit: fromTree }, to) : undefined;
    if (entries) return { entries, binaryPaths: new Set() };
  }
  const sides = [...(options.cached && options.to === undefined ? ['--cached'] : []), '--end-of-options', fromTree, ...(options.to === undefined ? [] : [options.to]), '--'];
  // One process for both: git prints every --raw record, then every --numstat one.
  const output = await git.run(['diff', '-z', '-M', '--no-relative', '--raw', ...(options.numstat === false ? [] : ['--numstat']), '--no-abbrev', ...sides]);
  return parseRawAndNumstat(output);
}

/**
 * Whether a difference from the commit `from` may be read from trees: by a
 * Git that keeps a process for objects (no process of its own), in a
 * repository whose configuration sets no `diff.orderFile` (which orders
 * git's entries otherwise).
 */
async function treesReadable(git: Git, from: string): Promise<boolean> {
  return git.keepsProcesses && isObjectId(from) && (await git.listedConfigValue('diff.orderFile')) === null;
}

/**
 * `diffAgainst` for each of `sides`, where `counted` is another diff from
 * the same tree whose binary files git counted. git counts a file as binary
 * by the two versions' content and the path's attributes alone, so where
 * every entry of a side is one `counted` holds as it is (same paths, modes
 * and blob ids, none of them the unhashed working tree), that side's binary
 * files are the ones `counted` found among its paths, and git is asked for
 * its records only (`--raw` without `--numstat`, which diffs no line).
 * Any other side is asked again with `--numstat`. A branch whose working
 * tree is as its last commit left it reads its index and its commits with
 * no line diffed twice.
 */
export async function diffsBeside(git: Git, fromTree: string, sides: readonly DiffSides[], counted: Promise<DiffAnswer>): Promise<DiffAnswer[]> {
  const raw = await Promise.all(sides.map((side) => diffAgainst(git, fromTree, { ...side, numstat: false })));
  const known = await counted;
  return Promise.all(raw.map((answer, index) => reusedCounts(known, answer.entries) ?? diffAgainst(git, fromTree, sides[index]!)));
}

/** The answer for `entries` from the counts of `known`, when every entry is one `known` holds with the same blobs. */
function reusedCounts(known: DiffAnswer, entries: DiffEntry[]): DiffAnswer | undefined {
  const byPath = new Map<string, DiffEntry>();
  for (const entry of known.entries) {
    if (byPath.has(entry.path)) return undefined;
    byPath.set(entry.path, entry);
  }
  const paths = new Set<string>();
  for (const entry of entries) {
    if (paths.has(entry.path)) return undefined;
    paths.add(entry.path);
    const same = byPath.get(entry.path);
    if (
      same === undefined ||
      same.status !== entry.status || same.oldPath !== entry.oldPath || same.oldMode !== entry.oldMode || same.newMode !== entry.newMode ||
      same.oldOid !== entry.oldOid || same.newOid !== entry.newOid ||
      // A null new side is the working tree's unhashed file, except where the file is deleted.
      (isNullOid(entry.newOid) && entry.status !== 'D')
    ) {
      return undefined;
    }
  }
  return { entries, binaryPaths: new Set(entries.filter((entry) => known.binaryPaths.has(entry.path)).map((entry) => entry.path)) };
}

const RAW_HEADER = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;

/** Parses `git diff --raw -z`: `:oldmode newmode oldoid newoid status\0path\0` (two paths for renames and copies). */
export function parseRawDiff(output: string): DiffEntry[] {
  const fields = output.split('\0');
  const entries: DiffEntry[] = [];
  let index = 0;
  while (index < fields.length) {
    const match = RAW_HEADER.exec(fields[index++] ?? '');
    if (match) index = readRawRecord(match, fields, index, entries);
  }
  return entries;
}

/**
 * Parses `git diff --raw --numstat -z`, every raw record before every numstat
 * one. Each is read where it stands, never by its look: a path can be spelled
 * like a raw header or a numstat line. A raw header git would not print fails
 * the read rather than leave the rest of the change unread.
 */
export function parseRawAndNumstat(output: string): { entries: DiffEntry[]; binaryPaths: Set<string> } {
  const fields = output.split('\0');
  const entries: DiffEntry[] = [];
  let index = 0;
  while (fields[index]?.startsWith(':')) {
    const header = fields[index++] ?? '';
    const match = RAW_HEADER.exec(header);
    if (!match) throw new Error(`git diff printed a record PM Zone cannot read: ${JSON.stringify(header.slice(0, 80))}`);
    index = readRawRecord(match, fields, index, entries);
  }
  return { entries, binaryPaths: readNumstatBinaries(fields, index) };
}

/** The path or paths after a raw header, pushed as an entry; returns the index after them. */
function readRawRecord(match: RegExpExecArray, fields: string[], at: number, entries: DiffEntry[]): number {
  let index = at;
  const [, oldMode = '', newMode = '', oldOid = '', newOid = '', status = ''] = match;
  const first = fields[index++] ?? '';
  if (status === 'R' || status === 'C') {
    const second = fields[index++] ?? '';
    entries.push({ status, path: second, oldPath: first, oldMode, newMode, oldOid, newOid });
  } else {
    entries.push({ status, path: first, oldMode, newMode, oldOid, newOid });
  }
  return index;
}

/**
 * The new-side paths `git diff --numstat -z` reports as binary (`-` counts):
 * `added\tdeleted\tpath\0`, or `added\tdeleted\t\0old\0new\0` for a rename.
 */
export function parseNumstatBinaries(output: string): Set<string> {
  return readNumstatBinaries(output.split('\0'), 0);
}

function readNumstatBinaries(fields: string[], from: number): Set<string> {
  const binary = new Set<string>();
  let index = from;
  while (index < fields.length) {
    const record = fields[index++] ?? '';
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(record);
    if (!match) continue;
    let path = match[3] ?? '';
    if (path === '') {
      index++; // the old path of a rename
      path = fields[index++] ?? '';
    }
    if (match[1] === '-' && match[2] === '-') binary.add(path);
  }
  return binary;
}
