import { hashHex } from '../digest';
import { regularFileBytes } from './regularFile';

// A review asks `git diff --cached <merge base>` for what the index holds
// beyond the base: a process of its own, about a fifth of node's start,
// where the index most often holds HEAD's tree (a PM's edits are not staged
// until they commit). Git keeps the tree the index would be written as in
// the index itself (the cache-tree extension, `TREE`), and its own
// `diff --cached` trusts that record to skip the folders it covers. Where
// the root's record is valid and covers every entry, the index's difference
// from a commit is the difference between two trees (treeDiff.ts). Where it
// is not (cleared along a path by `git add`, by `git stash pop`, or never
// written), the tree is computed from the entries as `git write-tree` would
// write it; a tree's id names its content, so where the object database
// holds a tree of that id (HEAD's, where nothing is staged), that is the
// tree the index holds, and where it holds none (something staged) the
// difference is git's to list (treeDifference reads no tree it lacks).
// Read only where that is certain: the index format 2, 3 or 4 as git writes
// it, no entry in conflict or added with intent to add (`git add -N`, which
// the tree leaves out), no split or sparse index, every mode one a tree
// holds and every name one git writes; anything else is git's.

/**
 * An index this size or smaller (about 5,000 files) is read whole at no cost
 * to speak of; a larger one costs more to read here than git's own process
 * (nuttx's 27,017 entries, 3 MB: a review 1.018x the CPU of asking git).
 */
export const SMALL_INDEX_BYTES = 512 * 1024;

/**
 * The id of the tree the index at `indexFile` holds, in an index of at most
 * SMALL_INDEX_BYTES: its cache-tree record where that is valid for every
 * entry, else computed from its entries (that tree may not be in the object
 * database); undefined for a larger index, or wherever that is not certain
 * (see above), and git is asked.
 */
export function indexTree(indexFile: string, idBytes: number): string | undefined {
  // A larger index is not read at all: reading nuttx's 3 MB to set it aside cost a review 17 ms of CPU.
  const bytes = regularFileBytes(indexFile, { maxBytes: SMALL_INDEX_BYTES });
  if (!Buffer.isBuffer(bytes) || bytes.length > SMALL_INDEX_BYTES || bytes.length < 12 + idBytes || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - idBytes;
  const entries: IndexEntry[] = [];
  let name = '';
  let offset = 12;
  for (let entry = 0; entry < count; entry++) {
    const flagsAt = offset + 40 + idBytes;
    if (flagsAt + 2 > end) return undefined;
    const flags = bytes.readUInt16BE(flagsAt);
    // A stage other than 0 is a conflict: the index has no tree.
    if ((flags & 0x3000) !== 0) return undefined;
    let nameAt = flagsAt + 2;
    if (flags & 0x4000) {
      if (version < 3 || nameAt + 2 > end) return undefined;
      // Intent to add (0x2000): an entry the tree does not hold, which diff reads otherwise.
      if (bytes.readUInt16BE(nameAt) & 0x2000) return undefined;
      nameAt += 2;
    }
    const mode = bytes.readUInt32BE(offset + 24);
    const id = bytes.subarray(offset + 40, offset + 40 + idBytes);
    if (version === 4) {
      // The length of the previous name to strip, as git's varint, then the rest of the name and its NUL.
      let strip = bytes[nameAt]! & 0x7f;
      while (nameAt < end && bytes[nameAt]! & 0x80) strip = ((strip + 1) << 7) | (bytes[++nameAt]! & 0x7f);
      const nul = bytes.indexOf(0, nameAt + 1);
      if (nul < 0 || nul >= end || strip > name.length) return undefined;
      name = name.slice(0, name.length - strip) + bytes.toString('latin1', nameAt + 1, nul);
      offset = nul + 1;
    } else {
      const stated = flags & 0x0fff;
      const nameLength = stated < 0x0fff ? stated : bytes.indexOf(0, nameAt) - nameAt;
      if (nameLength < 0) return undefined;
      name = bytes.toString('latin1', nameAt, nameAt + nameLength);
      // Padded with one to eight NULs to a multiple of eight bytes from the entry's start.
      offset += (nameAt - offset + nameLength + 8) & ~7;
    }
    if (offset > end) return undefined;
    entries.push({ name, mode, id });
  }
  let root: string | undefined;
  while (offset + 8 <= end) {
    const signature = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32BE(offset + 4);
    const data = offset + 8;
    if (data + size > end) return undefined;
    // A split index (`link`) keeps entries in another file; a sparse one (`sdir`) keeps folders as entries.
    if (signature === 'link' || signature === 'sdir') return undefined;
    if (signature === 'TREE') root = rootRecord(bytes.subarray(data, data + size), count, idBytes);
    offset = data + size;
  }
  if (offset !== end) return undefined;
  return root ?? writtenTree(entries, idBytes);
}

interface IndexEntry {
  /** The path's bytes, one character each (latin1). */
  name: string;
  mode: number;
  id: Buffer;
}

/** The mode each kind of entry has in a tree, as git writes it: a file, an executable, a link, a submodule. */
const TREE_MODES = new Map([[0o100644, '100644'], [0o100755, '100755'], [0o120000, '120000'], [0o160000, '160000']]);

/** A folder being built: its files' entries, and its folders by name. */
interface Folder {
  files: Map<string, { mode: string; id: Buffer }>;
  folders: Map<string, Folder>;
}

/**
 * The id of the tree `git write-tree` writes from these entries: each
 * folder's entries in git's order (by name's bytes, a folder's as if a `/`
 * followed it), `<mode> <name>\0<id>` each, hashed as a tree object.
 * Undefined for a mode no tree holds, a name git does not write (empty,
 * `.`, `..`, `.git` in any case), or a name both a file and a folder.
 */
function writtenTree(entries: readonly IndexEntry[], idBytes: number): string | undefined {
  const top: Folder = { files: new Map(), folders: new Map() };
  for (const { name, mode, id } of entries) {
    const treeMode = TREE_MODES.get(mode);
    if (treeMode === undefined) return undefined;
    const parts = name.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git')) return undefined;
    let folder = top;
    for (const part of parts.slice(0, -1)) {
      if (folder.files.has(part)) return undefined;
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: new Map(), folders: new Map() }));
      folder = next;
    }
    const last = parts[parts.length - 1]!;
    if (folder.folders.has(last) || folder.files.has(last)) return undefined;
    folder.files.set(last, { mode: treeMode, id });
  }
  const algorithm = idBytes === 20 ? 'sha1' : 'sha256';
  const idOf = (folder: Folder): Buffer => {
    const rows = [
      ...[...folder.files].map(([name, file]) => ({ key: name, head: `${file.mode} ${name}\0`, id: file.id })),
      ...[...folder.folders].map(([name, inner]) => ({ key: `${name}/`, head: `40000 ${name}\0`, id: idOf(inner) })),
    ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const content = Buffer.concat(rows.flatMap((row) => [Buffer.from(row.head, 'latin1'), row.id]));
    return Buffer.from(hashHex(algorithm, `tree ${content.length}\0`, content), 'hex');
  };
  return idOf(top).toString('hex');
}

/** The root's tree id from a `TREE` extension, where its record is valid and covers all `count` entries. */
function rootRecord(data: Buffer, count: number, idBytes: number): string | undefined {
  // `<path>\0<entries> <subtrees>\n<id>`: the root first, its path empty; -1 entries for a record that is not valid.
  const header = /^\0(-?\d+) (\d+)\n/.exec(data.toString('latin1', 0, Math.min(data.length, 32)));
  if (!header || Number(header[1]) !== count) return undefined;
  const at = header[0].length;
  return at + idBytes <= data.length ? data.toString('hex', at, at + idBytes) : undefined;
}
