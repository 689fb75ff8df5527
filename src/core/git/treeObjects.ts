// A tree object as git stores it: entries of `<octal mode> <name>\0<id bytes>`,
// in git's order (by name, a folder's name read with a `/` after it).

/** One entry of a tree: its name's bytes (as latin1), its mode as stored, and its object id. */
export interface TreeObjectEntry {
  name: string;
  mode: number;
  id: string;
}

/** A tree's entries in their stored order; undefined for a tree that does not parse. */
export function parseTree(content: Buffer, idBytes: number): TreeObjectEntry[] | undefined {
  const entries: TreeObjectEntry[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(0x20, offset);
    const end = space < 0 ? -1 : content.indexOf(0, space + 1);
    if (end < 0 || end + 1 + idBytes > content.length) return undefined;
    const mode = content.toString('latin1', offset, space);
    if (!/^[0-7]+$/.test(mode)) return undefined;
    entries.push({ name: content.toString('latin1', space + 1, end), mode: parseInt(mode, 8), id: content.toString('hex', end + 1, end + 1 + idBytes) });
    offset = end + 1 + idBytes;
  }
  return entries;
}

/** The mode git reads an entry's stored mode as (`040000`, `100644`, `100755`, `120000` or `160000`), as git prints it. */
export function canonicalMode(mode: number): string {
  switch (mode & 0o170000) {
    case 0o040000:
      return '040000';
    case 0o100000:
      return mode & 0o100 ? '100755' : '100644';
    case 0o120000:
      return '120000';
    default:
      return '160000';
  }
}

/** The type git lists an entry of that canonical mode as. */
export function modeType(mode: string): 'tree' | 'blob' | 'commit' {
  return mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
}
