import { regularFileBytes } from './regularFile';

// A review asks `git diff --cached <merge base>` for what the index holds
// beyond the base: a process of its own, about a fifth of node's start,
// where the index most often holds HEAD's tree (a PM's edits are not staged
// until they commit). Git keeps the tree the index would be written as in
// the index itself (the cache-tree extension, `TREE`), and its own
// `diff --cached` trusts that record to skip the folders it covers. Where
// the root's record is valid and covers every entry, the index's difference
// from a commit is the difference between two trees (treeDiff.ts). Read
// only where that is certain: the index format 2, 3 or 4 as git writes it,
// no entry in conflict or added with intent to add (`git add -N`, which the
// tree leaves out), no split or sparse index; anything else is git's.

/**
 * An index this size or smaller (about 5,000 files) is read whole at no cost
 * to speak of; a larger one costs more to read here than git's own process
 * (nuttx's 27,017 entries, 3 MB: a review 1.018x the CPU of asking git).
 */
export const SMALL_INDEX_BYTES = 512 * 1024;

/**
 * The id of the tree the index at `indexFile` holds, from its cache-tree
 * record, where that record is valid for every entry, in an index of at most
 * SMALL_INDEX_BYTES; undefined for a larger one, or wherever that is not
 * certain (see above), and git is asked.
 */
export function indexTree(indexFile: string, idBytes: number): string | undefined {
  // A larger index is not read at all: reading nuttx's 3 MB to set it aside cost a review 17 ms of CPU.
  const bytes = regularFileBytes(indexFile, { maxBytes: SMALL_INDEX_BYTES });
  if (!Buffer.isBuffer(bytes) || bytes.length > SMALL_INDEX_BYTES || bytes.length < 12 + idBytes || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - idBytes;
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
    if (version === 4) {
      // The length of the previous name to strip, as a varint, then the rest of the name and its NUL.
      while (nameAt < end && bytes[nameAt]! & 0x80) nameAt++;
      const nul = bytes.indexOf(0, nameAt + 1);
      if (nul < 0 || nul >= end) return undefined;
      offset = nul + 1;
    } else {
      const stated = flags & 0x0fff;
      const nameLength = stated < 0x0fff ? stated : bytes.indexOf(0, nameAt) - nameAt;
      if (nameLength < 0) return undefined;
      // Padded with one to eight NULs to a multiple of eight bytes from the entry's start.
      offset += (nameAt - offset + nameLength + 8) & ~7;
    }
    if (offset > end) return undefined;
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
  return offset === end ? root : undefined;
}

/** The root's tree id from a `TREE` extension, where its record is valid and covers all `count` entries. */
function rootRecord(data: Buffer, count: number, idBytes: number): string | undefined {
  // `<path>\0<entries> <subtrees>\n<id>`: the root first, its path empty; -1 entries for a record that is not valid.
  const header = /^\0(-?\d+) (\d+)\n/.exec(data.toString('latin1', 0, Math.min(data.length, 32)));
  if (!header || Number(header[1]) !== count) return undefined;
  const at = header[0].length;
  return at + idBytes <= data.length ? data.toString('hex', at, at + idBytes) : undefined;
}
