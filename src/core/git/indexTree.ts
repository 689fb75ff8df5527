import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hashText } from '../digest';
import { readAt, regularFileJson, withRegularFile, writeFileWhole } from './regularFile';

// A review asks `git diff --cached <merge base>` for what the index holds
// beyond the base: a process of its own, about a fifth of node's start,
// where the index most often holds HEAD's tree (a PM's edits are not staged
// until they commit). Git keeps the tree the index would be written as in
// the index itself (the cache-tree extension, `TREE`), and its own
// `diff --cached` trusts that record to skip the folders it covers. Where
// the root's record is valid and covers every entry, the index's difference
// from a commit is the difference between two trees (treeDiff.ts). Where it
// is not (cleared along a path by `git add`, by `git stash pop`, or never
// written), in an index of at most MAX_COMPUTED_ENTRIES, the tree is
// computed as `git write-tree` would write it (the folders whose records are
// valid as recorded, the others from their entries); a tree's id names its
// content, so where the object database holds a tree of that id (HEAD's,
// where nothing is staged), that is the tree the index holds, and where it
// holds none (something staged) the difference is git's to list
// (treeDifference reads no tree it lacks).
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

// What an index holds is kept for the next command by the index's own
// checksum (its last bytes: the hash of all before them, which git writes
// with the index each time), in the git folder's records folder: a
// repository past SMALL_INDEX_BYTES then has its index's tree without git's
// process or a read of the index, and a smaller one without reading it
// whole. A checksum names the content, not the file's times, so an index
// written again with the same entries is still known, and one staged anew
// is not. Git itself checks the checksum only in `git fsck`: an index
// changed with its checksum left as it was (by hand, or by a tool that
// writes no checksum of its own) would be read by git as it now is and
// answered here as it was; a writer of the git folder can as well write
// the record. It is kept only where the bytes it was found in hash to that
// checksum; an index git was told to write without one (index.skipHash,
// all zeros) keeps none.

/** Where indexAsTree keeps the tree the index was last found to hold, in the git folder. */
export const INDEX_TREE_RECORD_FILE = path.join('pm-zone', 'index-tree.json');
const RECORD_FORMAT = 1;
/** An index past this (about 300,000 files) is git's to read, kept or not. */
const LARGEST_RECORDED_INDEX = 32 * 1024 * 1024;

interface IndexTreeRecord {
  /** The index's checksum, in hex. */
  index: string;
  /** Its tree, or null where it holds no tree this reads (git is asked). */
  tree: string | null;
}

/**
 * The id of the tree the index at `indexFile` holds: its cache-tree record
 * where that is valid for every entry, else computed from its entries (that
 * tree may not be in the object database); undefined wherever that is not
 * certain (see above), and git is asked. With `recordFile`, the answer is
 * kept there by the index's checksum and taken from there while the index
 * holds that checksum; a larger index is then read once. Without it, an
 * index past SMALL_INDEX_BYTES is not read.
 */
export function indexTree(indexFile: string, idBytes: number, recordFile?: string): string | undefined {
  const kept = recordFile === undefined ? undefined : keptIndexTree(recordFile, idBytes);
  const read = withRegularFile(indexFile, (descriptor, stats) => {
    const size = Number(stats.size);
    if (size < 12 + idBytes) return undefined;
    const checksum = recordFile === undefined ? undefined : checksumOf(descriptor, size, idBytes);
    if (checksum !== undefined && checksum === kept?.index) return { kept: kept.tree ?? undefined };
    // A larger index is not read at all where nothing would keep the answer: reading nuttx's 3 MB to set it aside cost a review 17 ms of CPU.
    if (size > (checksum === undefined ? SMALL_INDEX_BYTES : LARGEST_RECORDED_INDEX)) return undefined;
    return { bytes: readFileSync(descriptor), checksum };
  });
  if (read === undefined || typeof read !== 'object' || 'error' in read) return undefined;
  if ('kept' in read) return read.kept;
  const tree = treeOfIndex(read.bytes, idBytes);
  if (recordFile !== undefined && read.checksum !== undefined) keepIndexTree(recordFile, read.bytes, idBytes, read.checksum, tree);
  return tree;
}

/** The index's last `idBytes` bytes in hex; undefined where they cannot be read or are all zeros (index.skipHash). */
function checksumOf(descriptor: number, size: number, idBytes: number): string | undefined {
  const checksum = Buffer.alloc(idBytes);
  if (readAt(descriptor, checksum, 0, idBytes, size - idBytes) !== idBytes || checksum.every((byte) => byte === 0)) return undefined;
  return checksum.toString('hex');
}

/** What `recordFile` keeps for an index of `idBytes` ids; undefined where it keeps nothing this reads. */
function keptIndexTree(recordFile: string, idBytes: number): IndexTreeRecord | undefined {
  const kept = regularFileJson(recordFile, { maxBytes: 4096 }) as { format?: unknown; idBytes?: unknown; index?: unknown; tree?: unknown } | null | undefined;
  const id = new RegExp(`^[0-9a-f]{${idBytes * 2}}$`);
  if (!kept || kept.format !== RECORD_FORMAT || kept.idBytes !== idBytes || typeof kept.index !== 'string' || !id.test(kept.index)) return undefined;
  if (kept.tree !== null && !(typeof kept.tree === 'string' && id.test(kept.tree))) return undefined;
  return { index: kept.index, tree: kept.tree };
}

/** Keeps `tree` for the index `bytes` were read from, where they hash to its checksum; a failure to write only loses the shortcut. */
function keepIndexTree(recordFile: string, bytes: Buffer, idBytes: number, checksum: string, tree: string | undefined): void {
  const body = bytes.subarray(0, bytes.length - idBytes);
  if (bytes.toString('hex', bytes.length - idBytes) !== checksum || Buffer.from(hashText(idBytes === 20 ? 'sha1' : 'sha256', body), 'latin1').toString('hex') !== checksum) return;
  try {
    writeFileWhole(recordFile, JSON.stringify({ format: RECORD_FORMAT, idBytes, index: checksum, tree: tree ?? null }));
  } catch {
    // Not kept (a folder that cannot be written): read again next time.
  }
}

/** The tree an index's bytes hold (indexTree), read and, where its record is not valid, computed. */
function treeOfIndex(bytes: Buffer, idBytes: number): string | undefined {
  if (bytes.length < 12 + idBytes || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const read = readIndex(bytes, idBytes);
  if (read === undefined || read.root !== undefined) return read?.root;
  // Past this many entries, computing the tree can cost more than git's own process (below).
  if (read.count > MAX_COMPUTED_ENTRIES) return undefined;
  // The index as text of one byte a character: a name or an id is then a slice of it, not a string made from bytes each time.
  const text = bytes.toString('latin1');
  const entries: IndexEntry[] = [];
  const records = read.tree ? subtreeRecords(text, read.tree.start, read.tree.end, idBytes) : new Map<string, TreeRecord>();
  return readIndex(bytes, idBytes, { text, entries }) && writtenTree(text, entries, idBytes, records);
}

/** A folder's valid cache-tree record: how many entries its tree covers, and its id (latin1). */
interface TreeRecord {
  count: number;
  id: string;
}

/**
 * The valid records of the cache-tree extension (`TREE`: each folder's
 * `<name>\0<entries> <subfolders>\n<id>`, its subfolders' after it; -1
 * entries and no id for a record not valid), by the folder's path with a
 * `/` after it. `git add` and `git stash pop` clear only the records of the
 * folders on the way to what changed, so most folders keep theirs, and
 * `git write-tree` takes those trees as they are recorded, as the tree
 * written here does. Empty where the extension does not read as git writes it.
 */
function subtreeRecords(text: string, start: number, end: number, idBytes: number): Map<string, TreeRecord> {
  const records = new Map<string, TreeRecord>();
  let at = start;
  const read = (path: string): boolean => {
    const nul = text.indexOf('\0', at);
    const newline = nul < 0 ? -1 : text.indexOf('\n', nul);
    if (newline < 0 || newline >= end) return false;
    const header = /^(-?\d+) (\d+)$/.exec(text.slice(nul + 1, newline));
    if (!header) return false;
    at = newline + 1;
    const count = Number(header[1]);
    if (count >= 0) {
      if (at + idBytes > end) return false;
      records.set(path, { count, id: text.slice(at, at + idBytes) });
      at += idBytes;
    }
    for (let folder = Number(header[2]); folder > 0; folder--) {
      const name = text.slice(at, text.indexOf('\0', at));
      if (!read(`${path}${name}/`)) return false;
    }
    return true;
  };
  // The top's name is empty.
  return text[start] === '\0' && read('') && at === end ? records : new Map();
}

/**
 * At most this many entries are read into a tree where the index's record is
 * not valid. Measured on a machine of the CI's kind, one file staged, the
 * first 500 paths of metamask-core: about 3 ms of CPU, where git's `diff
 * --cached` costs about 15 (its own 10, node's spawn 4–5); the first 1,000:
 * 12–20 ms, and all 3,226: about 27, no longer a saving.
 */
export const MAX_COMPUTED_ENTRIES = 500;

/**
 * The index's entries walked, as git writes them: its root's valid record,
 * if any, and how many entries it holds; undefined wherever its tree is not
 * certain (see above). With `names`, each entry's name (which format 4
 * gives only from the name before it), mode and id's place are read into
 * its `entries`, from `text`, the index as text of one byte a character.
 */
function readIndex(bytes: Buffer, idBytes: number, names?: { text: string; entries: IndexEntry[] }): { root?: string; count: number; tree?: { start: number; end: number } } | undefined {
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - idBytes;
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
    const entryAt = offset;
    if (version === 4) {
      // The length of the previous name to strip, as git's varint, then the rest of the name and its NUL.
      let strip = bytes[nameAt]! & 0x7f;
      while (nameAt < end && bytes[nameAt]! & 0x80) strip = ((strip + 1) << 7) | (bytes[++nameAt]! & 0x7f);
      const nul = bytes.indexOf(0, nameAt + 1);
      if (nul < 0 || nul >= end) return undefined;
      if (names) {
        if (strip > name.length) return undefined;
        name = name.slice(0, name.length - strip) + names.text.slice(nameAt + 1, nul);
      }
      offset = nul + 1;
    } else {
      const stated = flags & 0x0fff;
      const nameLength = stated < 0x0fff ? stated : bytes.indexOf(0, nameAt) - nameAt;
      if (nameLength < 0) return undefined;
      if (names) name = names.text.slice(nameAt, nameAt + nameLength);
      // Padded with one to eight NULs to a multiple of eight bytes from the entry's start.
      offset += (nameAt - offset + nameLength + 8) & ~7;
    }
    if (offset > end) return undefined;
    names?.entries.push({ name, mode: bytes.readUInt32BE(entryAt + 24), idAt: entryAt + 40 });
  }
  let root: string | undefined;
  let tree: { start: number; end: number } | undefined;
  while (offset + 8 <= end) {
    const signature = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32BE(offset + 4);
    const data = offset + 8;
    if (data + size > end) return undefined;
    // A split index (`link`) keeps entries in another file; a sparse one (`sdir`) keeps folders as entries.
    if (signature === 'link' || signature === 'sdir') return undefined;
    if (signature === 'TREE') {
      root = rootRecord(bytes.subarray(data, data + size), count, idBytes);
      tree = { start: data, end: data + size };
    }
    offset = data + size;
  }
  if (offset !== end) return undefined;
  return { ...(root === undefined ? {} : { root }), count, ...(tree ? { tree } : {}) };
}

interface IndexEntry {
  /** The path's bytes, one character each (latin1). */
  name: string;
  mode: number;
  /** Where its id is in the index's bytes. */
  idAt: number;
}

/** The modes of the entries a tree holds, as git writes them: a file, an executable, a link, a submodule. */
const MODE_TEXTS = new Map([0o100644, 0o100755, 0o120000, 0o160000].map((mode) => [mode, mode.toString(8)]));

/** A folder whose tree is being written: its path with a `/` after it (the top's is empty), its name, its rows so far. */
interface OpenFolder {
  prefix: string;
  name: string;
  rows: string[];
  /** The last file's name: a folder of that name beside it is no tree git writes. */
  lastFile?: string;
}

/**
 * The id of the tree `git write-tree` writes from these entries of `index` (as latin1 text):
 * `<mode> <name>\0<id>` for each entry of a folder, hashed as a tree
 * object, in one pass over the entries in the index's order, which is git's
 * order for a tree's entries (a path compares with a sibling's name as its
 * folder's name followed by `/` does): each folder's tree is written once
 * the entries leave it. An index out of that order gives a tree no object
 * database holds, so git is asked. Undefined for a mode no tree holds, a
 * name git does not write (empty, `.`, `..`, `.git` in any case), or a name
 * both a file and a folder. Rows are text of one byte a character (latin1).
 */
function writtenTree(index: string, entries: readonly IndexEntry[], idBytes: number, records: ReadonlyMap<string, TreeRecord>): string | undefined {
  const algorithm = idBytes === 20 ? 'sha1' : 'sha256';
  const open: OpenFolder[] = [{ prefix: '', name: '', rows: [] }];
  const close = (): string => {
    const folder = open.pop()!;
    const content = folder.rows.join('');
    return hashText(algorithm, Buffer.from(`tree ${content.length}\0${content}`, 'latin1'));
  };
  const closeInto = () => {
    const name = open[open.length - 1]!.name;
    const id = close();
    open[open.length - 1]!.rows.push(`40000 ${name}\0${id}`);
  };
  walk: for (let entry = 0; entry < entries.length; entry++) {
    const { name, mode, idAt } = entries[entry]!;
    const modeText = MODE_TEXTS.get(mode);
    const slash = name.lastIndexOf('/');
    const folder = name.slice(0, slash + 1);
    const file = name.slice(slash + 1);
    if (modeText === undefined || !writable(file)) return undefined;
    while (!folder.startsWith(open[open.length - 1]!.prefix)) closeInto();
    for (let top = open[open.length - 1]!; top.prefix !== folder; top = open[open.length - 1]!) {
      const next = folder.slice(top.prefix.length, folder.indexOf('/', top.prefix.length));
      if (!writable(next) || next === top.lastFile) return undefined;
      const prefix = `${top.prefix}${next}/`;
      // A folder whose record is valid and covers exactly the entries from here under its path: its tree as recorded.
      const record = records.get(prefix);
      const after = record && entry + record.count;
      if (record && after! <= entries.length && record.count > 0 && entries[after! - 1]!.name.startsWith(prefix) && !entries[after!]?.name.startsWith(prefix)) {
        top.rows.push(`40000 ${next}\0${record.id}`);
        top.lastFile = undefined;
        entry = after! - 1;
        continue walk;
      }
      open.push({ prefix, name: next, rows: [] });
    }
    const here = open[open.length - 1]!;
    if (file === here.lastFile) return undefined;
    here.lastFile = file;
    here.rows.push(`${modeText} ${file}\0${index.slice(idAt, idAt + idBytes)}`);
  }
  while (open.length > 1) closeInto();
  return Buffer.from(close(), 'latin1').toString('hex');
}

/** A name git writes in a tree: not empty, `.`, `..` or `.git` (in any case). */
function writable(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && name.toLowerCase() !== '.git';
}

/** The root's tree id from a `TREE` extension, where its record is valid and covers all `count` entries. */
function rootRecord(data: Buffer, count: number, idBytes: number): string | undefined {
  // `<path>\0<entries> <subtrees>\n<id>`: the root first, its path empty; -1 entries for a record that is not valid.
  const header = /^\0(-?\d+) (\d+)\n/.exec(data.toString('latin1', 0, Math.min(data.length, 32)));
  if (!header || Number(header[1]) !== count) return undefined;
  const at = header[0].length;
  return at + idBytes <= data.length ? data.toString('hex', at, at + idBytes) : undefined;
}
