import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { fileState, settledBefore, statesOf, type FileState } from '../git/fileStates';
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
 * it holds, the entry's included, is in the state it names; undefined
 * otherwise (the entry is then checked by content).
 */
export function heldEntry(cacheFile: string, root: string, base: string, platform: NodeJS.Platform = process.platform): HeldEntry | undefined {
  if (platform === 'win32') return undefined;
  const record = readRecord(heldFileOf(cacheFile));
  if (!record || !record.files.every(plainPath)) return undefined;
  const files = [cacheFile, ...record.files.map((relPath) => absolute(root, relPath))];
  const states = statesOf(files);
  if (!states || heldKey(base, files.map((file) => states.get(file)!.state)) !== record.key) return undefined;
  const readHeld = (file: string): Buffer | null => {
    const bytes = regularFileBytes(file);
    // Read between two looks that both find the state held: nothing was written to it in between.
    return bytes instanceof Buffer && fileState(file)?.state === states.get(file)?.state ? bytes : null;
  };
  const entry = readHeld(cacheFile);
  if (entry === null) return undefined;
  const held = new Set(record.files);
  return {
    text: entry.toString('utf8'),
    files: record.files,
    bytes: (relPath) => (held.has(relPath) ? readHeld(absolute(root, relPath)) : null),
    parts: (relPath) => {
      const stats = held.has(relPath) ? states.get(absolute(root, relPath))?.stats : undefined;
      return stats?.isFile() ? heldParts(absolute(root, relPath), stats) : null;
    },
  };
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
  await storeCacheFile(heldFile, JSON.stringify({ format: HELD_FORMAT, files: relFiles, key } satisfies HeldRecord));
}

function readRecord(file: string): HeldRecord | undefined {
  const record = readCacheFile(file) as HeldRecord | null | undefined;
  return record && record.format === HELD_FORMAT && typeof record.key === 'string' && Array.isArray(record.files) && record.files.every((one) => typeof one === 'string') ? record : undefined;
}

/**
 * When the process started, in the clock's milliseconds: every file a
 * command or a decision reads was read after it, so a file settled before it
 * was settled before the read.
 */
export function processStartedMs(): number {
  return Date.now() - process.uptime() * 1000;
}
