import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as Zlib from 'node:zlib';
import { digestHex } from '../digest';

// Objects read from the git folder without starting git: a loose object
// (`objects/ab/cdef…`, the zlib-compressed `<type> <size>\0<content>` git
// writes for each new object, so for everything a commit made here), or a
// copy PM Zone kept of one before. An object is its bytes: whatever hashes
// to its id is the object git reads under that id, from a pack or loose, so
// each is taken only once its bytes hash to the id asked for (a file
// changed by hand, or a kept copy of another object, is not taken, and the
// caller asks git). Two different objects of one id would take a SHA-1
// collision; git's own reading of a loose object does not check more.

/** An object as git stores it: its type, its content, and the whole of it (`<type> <size>\0<content>`), which hashes to its id. */
export interface StoredObject {
  type: string;
  content: Buffer;
  stored: Buffer;
}

/** Larger than any tree or commit a policy file's path goes through: a larger object is left to git. */
const MAX_OBJECT_BYTES = 4 * 1024 * 1024;

let zlib: typeof Zlib | undefined;

/**
 * The object `id` (40 hexadecimal digits for SHA-1, 64 for SHA-256) from the
 * copies `kept` holds, else loose in `commonFolder`; undefined when neither
 * holds it whole with bytes that hash to `id`.
 */
export function objectWithoutGit(commonFolder: string, id: string, kept?: ReadonlyMap<string, Buffer>): StoredObject | undefined {
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(id)) return undefined;
  const copy = kept?.get(id);
  const fromCopy = copy && verified(id, copy);
  if (fromCopy) return fromCopy;
  let compressed: Buffer;
  try {
    compressed = readFileSync(path.join(commonFolder, 'objects', id.slice(0, 2), id.slice(2)));
  } catch {
    return undefined;
  }
  // Loaded with the first loose object: a decision that reads none does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  zlib ??= require('node:zlib') as typeof Zlib;
  try {
    return verified(id, zlib.inflateSync(compressed, { maxOutputLength: MAX_OBJECT_BYTES }));
  } catch {
    return undefined;
  }
}

/** `stored` read as an object, when it hashes to `id` and its header says its own size. */
function verified(id: string, stored: Buffer): StoredObject | undefined {
  if (digestHex(id.length === 40 ? 'sha1' : 'sha256', stored) !== id) return undefined;
  const end = stored.indexOf(0);
  const header = end < 0 ? undefined : /^(blob|tree|commit|tag) (\d+)$/.exec(stored.toString('latin1', 0, end));
  if (!header || Number(header[2]) !== stored.length - end - 1) return undefined;
  return { type: header[1], content: stored.subarray(end + 1), stored };
}

/** An object as git stores it, from its type and content (as `git cat-file --batch` gives them). */
export function storedObject(type: string, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${type} ${content.length}\0`, 'latin1'), content]);
}
