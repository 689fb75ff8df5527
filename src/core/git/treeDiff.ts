import { readCommits, readTrees } from './blobs';
import type { DiffEntry } from './diffEntries';
import type { Git } from './runGit';
import { canonicalMode, parseTree, type TreeObjectEntry } from './treeObjects';

// A review lists what its branch's commits changed, `git diff --raw -M
// <merge base> HEAD`: a process of its own, about a fifth of node's start,
// for what is most often a few files edited or added. Two commits' trees say
// the same: the folders whose tree ids differ are read (through the
// `cat-file` the command keeps), down to the files whose ids or modes
// differ. The answer is given only where it is git's to the letter: files
// and links modified in place (status M, the same kind on both sides),
// added (A) or deleted (D), but never both added and deleted, so that
// rename detection, which pairs a deletion with an addition, finds nothing
// to pair (`-M` on git's command line also turns copy detection off, whatever
// `diff.renames` says); and git prints the entries in tree order, which is
// the paths' byte order. A file both added and deleted somewhere, a type
// changed (a file for a folder or a link), a submodule, or a tree that does
// not parse: git is asked.

/** A side of a difference: a commit, or a tree by its id (the index's, indexTree.ts). */
export type TreeSide = { commit: string } | { tree: string };

/**
 * `git diff --raw -M <from> <to>`'s entries for two sides, read from their
 * trees where no rename can be found (see above); undefined anywhere else,
 * and git is asked.
 */
export async function treeDifference(git: Git, from: TreeSide, to: TreeSide): Promise<DiffEntry[] | undefined> {
  const length = ('commit' in from ? from.commit : from.tree).length;
  const idBytes = length / 2;
  const none = '0'.repeat(length);
  const commits = await readCommits(git, [from, to].flatMap((side) => ('commit' in side ? [side.commit] : [])));
  const roots = [from, to].map((side) => ('tree' in side ? side.tree : new RegExp(`^tree ([0-9a-f]{${length}})\\n`).exec(commits.get(side.commit)?.toString('latin1', 0, 100) ?? '')?.[1]));
  if (roots[0] === undefined || roots[1] === undefined || roots.some((root) => root!.length !== length)) return undefined;
  const found: { bytes: Buffer; entry: DiffEntry }[] = [];
  const add = (path: string, entry: Omit<DiffEntry, 'path'>) => {
    const bytes = Buffer.from(path, 'latin1');
    found.push({ bytes, entry: { ...entry, path: bytes.toString('utf8') } });
  };
  // Folders whose trees differ (or that one side lacks), by the path (latin1 bytes) their entries are under.
  let folders: { prefix: string; old?: string; new?: string }[] = roots[0] === roots[1] ? [] : [{ prefix: '', old: roots[0], new: roots[1] }];
  while (folders.length > 0) {
    const trees = await readTrees(git, folders.flatMap((folder) => [folder.old, folder.new].filter((id): id is string => id !== undefined)));
    const next: typeof folders = [];
    for (const folder of folders) {
      const old = folder.old === undefined ? new Map() : treeOf(trees.get(folder.old)?.content, idBytes);
      const now = folder.new === undefined ? new Map() : treeOf(trees.get(folder.new)?.content, idBytes);
      if (!old || !now) return undefined;
      for (const name of new Set([...old.keys(), ...now.keys()])) {
        const before = old.get(name);
        const after = now.get(name);
        if (before && after && before.id === after.id && before.mode === after.mode) continue;
        const path = folder.prefix + name;
        if ((before === undefined || before.mode === '040000') && (after === undefined || after.mode === '040000')) {
          next.push({ prefix: `${path}/`, old: before?.id, new: after?.id });
        } else if (before && after && kind(before.mode) === kind(after.mode) && kind(before.mode) !== 'other') {
          add(path, { status: 'M', oldMode: before.mode, newMode: after.mode, oldOid: before.id, newOid: after.id });
        } else if (before && !after && kind(before.mode) !== 'other') {
          add(path, { status: 'D', oldMode: before.mode, newMode: '000000', oldOid: before.id, newOid: none });
        } else if (after && !before && kind(after.mode) !== 'other') {
          add(path, { status: 'A', oldMode: '000000', newMode: after.mode, oldOid: none, newOid: after.id });
        } else return undefined;
      }
    }
    folders = next;
  }
  if (found.some(({ entry }) => entry.status === 'A') && found.some(({ entry }) => entry.status === 'D')) return undefined;
  // Tree order is the full paths' byte order: a folder's name sorts as if a `/` followed it.
  return found.sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map(({ entry }) => entry);
}

/** A tree's entries by name, with canonical modes; undefined for one that does not parse or names an entry twice. */
function treeOf(content: Buffer | undefined, idBytes: number): Map<string, Omit<TreeObjectEntry, 'mode'> & { mode: string }> | undefined {
  const entries = content === undefined ? undefined : parseTree(content, idBytes);
  if (!entries) return undefined;
  const byName = new Map<string, Omit<TreeObjectEntry, 'mode'> & { mode: string }>();
  for (const entry of entries) {
    if (byName.has(entry.name)) return undefined;
    byName.set(entry.name, { ...entry, mode: canonicalMode(entry.mode) });
  }
  return byName;
}

/** A regular file, a link, or anything else (a folder, a submodule). */
function kind(mode: string): 'file' | 'link' | 'other' {
  return mode === '100644' || mode === '100755' ? 'file' : mode === '120000' ? 'link' : 'other';
}
