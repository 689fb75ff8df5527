import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { fileState, settledBefore, statesOf, type FileState } from '../git/fileStates';
export { processStartedMs } from '../git/fileStates';
import { realPathNow, regularFileBytes } from '../git/regularFile';
import { readCacheFile, storeCacheFile } from './policyCache';

// A working tree's policy entry (policyCache.ts) is checked against the
// content of every file its key and its parse read: each file is read and
// hashed, and so is the entry, which loads node's crypto module (with its
// streams, about a tenth of node's own start) for a command that then
// answers from the cache. Beside the entry, a held record names the state
// (git/fileStates.ts) of the entry file and of each of those files at a
// moment when the entry had just been found good for them by their content,
// each having last changed two seconds or more before the process started
// (so before any of them was read). While every one of them is in the state
// held, nothing was written to any of them since (no process can set a
// change time back), and the entry holds as it was found to hold: it is
// read without reading, hashing or digesting anything. A file whose state
// cannot be looked at, anything but a regular file (a FIFO's content is not
// in its state, nor is a folder's), one reached through a link (where the
// parse reads the link's own text, which its state does not show), a path
// that leaves the working tree, and a file changed too lately leave nothing held, and
// the entry is checked by content as before. The record is in the git folder
// beside the entry, and whoever could change it could change the entry.
// Nothing is held on Windows, where a process that may write a file may also
// set its change time (FILE_BASIC_INFO's ChangeTime).
//
// A file written again with the same bytes (an editor's save, a checkout, a
// tool that rewrites what it read) has a new state, and the entry would be
// checked by content: every file read and hashed, the crypto module loaded.
// So beside the record, where the files hold few bytes (HELD_BYTES_MAX), are
// those bytes (`*.held-bytes.json`, bound to the record by its key). Where
// the entry itself is in the state held, and each file whose state changed
// is a regular file at its own real path holding exactly the bytes kept, the
// entry holds as it did: nothing in its files changed, only their states.
// Those files are compared, not hashed, and the entry is held again for
// their new states. The bytes are as trusted as the record beside them.

const HELD_FORMAT = 1;

interface HeldRecord {
  format: number;
  /** The working tree's files, repository-relative, in the order the key names their states. */
  files: string[];
  key: string;
}

/** The held record beside a cache file: `guard-policy.json`'s is `guard-policy.held.json`. */
export function heldFileOf(cacheFile: string): string {
  return cacheFile.replace(/(\.json)?$/, '.held.json');
}

/** The held files' bytes beside a cache file: `guard-policy.json`'s are in `guard-policy.held-bytes.json`. */
export function heldBytesFileOf(cacheFile: string): string {
  return cacheFile.replace(/(\.json)?$/, '.held-bytes.json');
}

/**
 * The held files' bytes are kept where they come to no more than this: a
 * policy of a few files does (the sample's five, 26 KB), nuttx's 1.8 MB
 * CODEOWNERS does not, and its entry is checked by content, as before.
 */
export const HELD_BYTES_MAX = 256 * 1024;

interface HeldBytes {
  format: number;
  /** The record's key: these are the bytes of the files in the states it names. */
  key: string;
  /** Each of the record's files, in its order: its bytes in base64, or null where it was missing. */
  contents: (string | null)[];
}

/** The key of a held record: what the entry's own key is made from but the files' content (`base`), and each file's state. */
function heldKey(base: string, states: readonly string[]): string {
  return JSON.stringify([HELD_FORMAT, base, states]);
}

function absolute(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

/** A repository-relative path that stays in the working tree, as the parse names one. */
function plainPath(relPath: string): boolean {
  return relPath !== '' && !relPath.startsWith('/') && !relPath.includes('\\') && relPath.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export interface HeldEntry {
  /** The entry's text, read in the state held. */
  text: string;
  /** The working tree's files the record holds. */
  files: readonly string[];
  /** Held by the bytes of the files whose state changed, not by their states: the caller holds it again for the states they are in now. */
  byBytes: boolean;
  /** A held file's bytes, read in the state held; null where it is not held, missing, or changed since. */
  bytes(relPath: string): Buffer | null;
  /** A held regular file, to be read a part at a time; null where it is not held or not a regular file. */
  parts(relPath: string): HeldFileParts | null;
}

/**
 * A held file read a part at a time: nuttx's CODEOWNERS is 1.8 MB, of which
 * a lookup reads a few lines. Each part is read between the look that found
 * the file held and one at the open file that finds it in the same state.
 */
export interface HeldFileParts {
  /** Its size in bytes, as held. */
  size: number;
  /** Up to `length` bytes from `offset` (fewer at the end); null where the file is not in the state held any more. */
  read(offset: number, length: number): Buffer | null;
  /** Whether the file is still in the state held. */
  held(): boolean;
}

/**
 * The entry at `cacheFile`, when a held record names `base` and every file
 * it holds, the entry's included, is in the state it names, or the entry is
 * and each other file holds the bytes kept for it (`byBytes`); undefined
 * otherwise (the entry is then checked by content).
 */
export function heldEntry(cacheFile: string, root: string, base: string, platform: NodeJS.Platform = process.platform): HeldEntry | undefined {
  if (platform === 'win32') return undefined;
  const record = readRecord(heldFileOf(cacheFile));
  if (!record || !record.files.every(plainPath)) return undefined;
  const files = [cacheFile, ...record.files.map((relPath) => absolute(root, relPath))];
  const states = statesOf(files);
  if (!states) return undefined;
  const byBytes = heldKey(base, files.map((file) => states.get(file)!.state)) !== record.key;
  if (byBytes && !sameBytes(cacheFile, root, base, record, files, states)) return undefined;
  const readHeld = (file: string): Buffer | null => bytesInState(file, states.get(file)?.state);
  const entry = readHeld(cacheFile);
  if (entry === null) return undefined;
  const held = new Set(record.files);
  return {
    text: entry.toString('utf8'),
    files: record.files,
    byBytes,
    bytes: (relPath) => (held.has(relPath) ? readHeld(absolute(root, relPath)) : null),
    parts: (relPath) => {
      const stats = held.has(relPath) ? states.get(absolute(root, relPath))?.stats : undefined;
      return stats?.isFile() ? heldParts(absolute(root, relPath), stats) : null;
    },
  };
}

/**
 * Whether the entry (`files[0]`) is in the state the record holds, and each
 * file whose state changed holds the bytes kept beside the record for it:
 * still missing where it was missing, else a regular file at its own real
 * path in the working tree, read between two looks that find it in the same
 * state, byte for byte the same.
 */
function sameBytes(cacheFile: string, root: string, base: string, record: HeldRecord, files: readonly string[], states: Map<string, FileState>): boolean {
  const kept = readCacheFile(heldBytesFileOf(cacheFile)) as HeldBytes | null | undefined;
  if (!kept || kept.format !== HELD_FORMAT || kept.key !== record.key || !Array.isArray(kept.contents) || kept.contents.length !== record.files.length) return false;
  let heldStates: unknown;
  try {
    heldStates = (JSON.parse(record.key) as unknown[])[2];
  } catch {
    return false;
  }
  // The key read back names this base and one state a file: the record's own, not another's.
  if (!Array.isArray(heldStates) || heldStates.length !== files.length || heldKey(base, heldStates as string[]) !== record.key) return false;
  if (states.get(files[0])!.state !== heldStates[0]) return false;
  const realRoot = realPathNow(root);
  if (realRoot === undefined) return false;
  return files.every((file, index) => {
    if (index === 0) return true;
    const state = states.get(file)!;
    if (state.state === heldStates[index]) return true;
    const content = kept.contents[index - 1];
    if (typeof content !== 'string' || !state.stats?.isFile() || state.real !== absolute(realRoot, record.files[index - 1])) return false;
    return bytesInState(file, state.state)?.equals(Buffer.from(content, 'base64')) === true;
  });
}

/** A regular file's bytes, read between two looks that both find it in `state`: nothing was written to it in between; null otherwise. */
function bytesInState(file: string, state: string | undefined): Buffer | null {
  const bytes = regularFileBytes(file);
  return bytes instanceof Buffer && state !== undefined && fileState(file)?.state === state ? bytes : null;
}

function heldParts(file: string, stats: BigIntStats): HeldFileParts {
  const size = Number(stats.size);
  const heldNow = (now: BigIntStats | undefined) =>
    now !== undefined && now.dev === stats.dev && now.ino === stats.ino && now.uid === stats.uid && now.mode === stats.mode && now.size === stats.size && now.mtimeNs === stats.mtimeNs && now.ctimeNs === stats.ctimeNs;
  return {
    size,
    read(offset, length) {
      let descriptor: number;
      try {
        descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      } catch {
        return null;
      }
      try {
        const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
        for (let done = 0; done < bytes.length; ) {
          const count = readSync(descriptor, bytes, done, bytes.length - done, offset + done);
          if (count === 0) return null;
          done += count;
        }
        // The same file (device and inode) in the same state after the read as when it was found held: nothing was written to it in between.
        return heldNow(fstatSync(descriptor, { bigint: true })) ? bytes : null;
      } catch {
        return null;
      } finally {
        closeSync(descriptor);
      }
    },
    held: () => heldNow(fileState(file)?.stats),
  };
}

/**
 * Holds the entry at `cacheFile` for `files`, just found good for them by
 * their content: written only where each, and the entry, had last changed
 * `SETTLED_MS` or more before `startedMs` (the time before any of them was
 * read), the entry is a regular file, each file is missing or a regular file
 * at its own real path in the working tree, and the record would be new.
 */
export async function holdEntry(cacheFile: string, root: string, base: string, files: readonly string[], startedMs: number, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  const relFiles = [...new Set(files)];
  if (!relFiles.every(plainPath)) return;
  const realRoot = realPathNow(root);
  if (realRoot === undefined) return;
  const absoluteFiles = [cacheFile, ...relFiles.map((relPath) => absolute(root, relPath))];
  const states = statesOf(absoluteFiles);
  if (!states) return;
  const holds = (file: string, state: FileState, index: number) =>
    settledBefore(startedMs, file, state) &&
    (index === 0 ? state.stats?.isFile() === true : state.stats === undefined || (state.stats.isFile() && state.real === absolute(realRoot, relFiles[index - 1])));
  if (!absoluteFiles.every((file, index) => holds(file, states.get(file)!, index))) return;
  const key = heldKey(base, absoluteFiles.map((file) => states.get(file)!.state));
  const heldFile = heldFileOf(cacheFile);
  if (readRecord(heldFile)?.key === key) return;
  // The bytes first, bound to the record's key: until the record names that key they are not read.
  const contents = heldBytesOf(absoluteFiles.slice(1), states);
  // Where none are kept, the bytes an earlier record kept name its key, not this one's, and are not read.
  if (contents) await storeCacheFile(heldBytesFileOf(cacheFile), JSON.stringify({ format: HELD_FORMAT, key, contents } satisfies HeldBytes));
  await storeCacheFile(heldFile, JSON.stringify({ format: HELD_FORMAT, files: relFiles, key } satisfies HeldRecord));
}

/** The files' bytes in base64 (null where missing), each read in the state held; undefined past HELD_BYTES_MAX or where one changed. */
function heldBytesOf(files: readonly string[], states: Map<string, FileState>): (string | null)[] | undefined {
  let total = 0;
  const contents: (string | null)[] = [];
  for (const file of files) {
    const state = states.get(file)!;
    if (state.stats === undefined) {
      contents.push(null);
      continue;
    }
    total += Number(state.stats.size);
    if (total > HELD_BYTES_MAX) return undefined;
    const bytes = bytesInState(file, state.state);
    if (bytes === null) return undefined;
    contents.push(bytes.toString('base64'));
  }
  return contents;
}

function readRecord(file: string): HeldRecord | undefined {
  const record = readCacheFile(file) as HeldRecord | null | undefined;
  return record && record.format === HELD_FORMAT && typeof record.key === 'string' && Array.isArray(record.files) && record.files.every((one) => typeof one === 'string') ? record : undefined;
}
