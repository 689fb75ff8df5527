import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

// Refs as git's files backend keeps them: a loose file under the common git
// folder (`refs/heads/main`, a commit id or `ref: <target>`), else a line of
// `packed-refs`. A review asks `git for-each-ref` for its base branch's refs,
// a process of about a fifth of node's start, where these few files say the
// same. Read here only where they provably say what git reads; anything
// else (a link, a folder at a ref's name, a name in another letter case, a
// line git would refuse or read otherwise, replace refs, the reftable format)
// is git's to answer.

/** A ref read from the files: the ref a symbolic one names ('' when it names an object), and the object id it leads to. */
export interface RefRead {
  symref: string;
  id: string;
}

/** How many symbolic refs are followed before git is asked (git follows five). */
const MAX_SYMBOLIC_DEPTH = 4;

/**
 * Each of `names` (full ref names) as git's files backend in `commonFolder`
 * reads it: absent from the map when no ref has that name. Undefined where
 * the files may not say what git says (see above): git is then asked.
 */
export function refsAsGitReads(commonFolder: string, names: readonly string[]): Map<string, RefRead> | undefined {
  try {
    if (/refstorage/i.test(readFileSync(path.join(commonFolder, 'config'), 'latin1'))) return undefined;
    if (replacedObjects(commonFolder)) return undefined;
    const reader = new RefReader(commonFolder);
    // Git reads packed-refs whole where a name is not loose, and refuses a line it cannot read: so is it read here, first.
    if (!reader.packedRefs()) return undefined;
    const found = new Map<string, RefRead>();
    for (const name of names) {
      const read = reader.read(name, 0);
      if (read === undefined) return undefined;
      if (read !== null) found.set(name, read);
    }
    return found;
  } catch {
    return undefined;
  }
}

class RefReader {
  private packed: Map<string, string> | undefined;
  private readonly listings = new Map<string, Set<string> | null>();

  constructor(private readonly commonFolder: string) {}

  /** The ref `name`; null when there is none; undefined where git may read it otherwise. */
  read(name: string, depth: number): RefRead | null | undefined {
    if (!name.startsWith('refs/') || !name.slice('refs/'.length).split('/').every(plainRefComponent)) return undefined;
    const file = path.join(this.commonFolder, ...name.split('/'));
    const loose = this.looseEntry(file);
    if (loose === undefined) return undefined;
    if (loose === null) {
      const id = this.packedRefs()?.get(name);
      return id === undefined ? null : { symref: '', id };
    }
    const text = regularFileText(file);
    const id = /^([0-9a-f]{40}|[0-9a-f]{64})\n$/.exec(text ?? '')?.[1];
    if (id !== undefined) return { symref: '', id };
    const target = /^ref: (refs\/[^\n]+)\n$/.exec(text ?? '')?.[1];
    if (target === undefined || depth >= MAX_SYMBOLIC_DEPTH) return undefined;
    const resolved = this.read(target, depth + 1);
    // A symbolic ref whose target is missing (git warns of a broken ref): git's to list or not.
    return resolved ? { symref: target, id: resolved.id } : undefined;
  }

  /**
   * True for a regular file at `file` under its own name, null where there
   * is nothing (git then reads packed-refs), undefined for anything else: a
   * link, a folder (refs below it), or a name the folder holds in another
   * letter case, which a case-folding file system would open but git's
   * listing does not match.
   */
  private looseEntry(file: string): true | null | undefined {
    let stats;
    try {
      stats = lstatSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? null : undefined;
    }
    if (!stats.isFile()) return undefined;
    const folder = path.dirname(file);
    if (!this.listings.has(folder)) {
      let names: Set<string> | null = null;
      try {
        names = new Set(readdirSync(folder));
      } catch {
        // Unreadable: answered as undefined below.
      }
      this.listings.set(folder, names);
    }
    return this.listings.get(folder)?.has(path.basename(file)) ? true : undefined;
  }

  /** packed-refs by name (empty when there is none); undefined when it is too large, or holds a line git would read otherwise. */
  packedRefs(): Map<string, string> | undefined {
    if (this.packed) return this.packed;
    const file = path.join(this.commonFolder, 'packed-refs');
    let text: string;
    try {
      if (lstatSync(file).size > MAX_PACKED_REFS_BYTES) return undefined;
      text = readFileSync(file, 'latin1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
      text = '';
    }
    const refs = new Map<string, string>();
    const lines = text.split('\n');
    if (lines.pop() !== '') return undefined;
    for (const [index, line] of lines.entries()) {
      if (index === 0 && line.startsWith('# pack-refs with:')) continue;
      // The peeled id of the tag above: for-each-ref's `*objectname`, which the caller does not take from here.
      if (/^\^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(line)) continue;
      const entry = /^([0-9a-f]{40}|[0-9a-f]{64}) (refs\/\S+)$/.exec(line);
      if (!entry || refs.has(entry[2])) return undefined;
      refs.set(entry[2], entry[1]);
    }
    this.packed = refs;
    return refs;
  }
}

/** A part of a branch's name that every git takes as it is written: no dot at either end, no `..`, no `.lock` at the end, letters, digits and `_+-.` only. */
export function plainRefComponent(component: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_+.-]*$/.test(component) && !component.endsWith('.') && !component.includes('..') && !component.endsWith('.lock');
}

/** Whether any replace ref may be set: a loose one under refs/replace, or one in packed-refs (a packed-refs too large to read at once counts as one). */
export function replacedObjects(commonFolder: string): boolean {
  try {
    if (readdirSync(path.join(commonFolder, 'refs', 'replace')).length > 0) return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return true;
  }
  const packed = path.join(commonFolder, 'packed-refs');
  let size: number;
  try {
    size = lstatSync(packed).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (size > MAX_PACKED_REFS_BYTES) return true;
  return readFileSync(packed, 'latin1').includes(' refs/replace/');
}

const MAX_PACKED_REFS_BYTES = 4 * 1024 * 1024;

/** A small regular file's text, read without following a link at its name (git reads a link there as a symbolic ref); undefined otherwise. */
export function regularFileText(file: string): string | undefined {
  const descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!fstatSync(descriptor).isFile()) return undefined;
    const buffer = Buffer.alloc(256);
    const size = readSync(descriptor, buffer, 0, buffer.length, 0);
    return size < buffer.length ? buffer.toString('latin1', 0, size) : undefined;
  } finally {
    closeSync(descriptor);
  }
}
