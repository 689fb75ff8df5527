import { realpathSync, statSync, type BigIntStats } from 'node:fs';
import * as path from 'node:path';

// A file's state as a cache's key holds it, in place of its content: its
// real path, device, inode, owner, mode, size, modification and change
// times, as git's index holds a file it need not read again. No process can
// set a change time back, so a file written since, even with its
// modification time put back, has another state. A state vouches for the
// content read with it only where the file had last changed some time
// before the read began (`settledBefore`): a change within the clock's step
// would not show in its times.

/** How long before a read a file must have last changed for its times to vouch for what was read. */
export const SETTLED_MS = 2000n;

export interface FileState {
  /** The path, its real path and its stats, as one string; a missing file is `${file}\0missing`. */
  state: string;
  /** Undefined for a missing file. */
  stats?: BigIntStats;
  /** The real path; undefined for a missing file. */
  real?: string;
}

/** A file's state; undefined when it cannot be looked at (a caller then reads it). */
export function fileState(file: string): FileState | undefined {
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { state: `${file}\0missing` } : undefined;
  }
  let stats: BigIntStats;
  try {
    stats = statSync(real, { bigint: true });
  } catch {
    return undefined;
  }
  return { state: `${file}\0${real}\0${statsState(stats)}`, stats, real };
}

/**
 * The part of a state its stats give: device, inode, owner, mode, size, modification and change times (for a file
 * already open, from its descriptor's stats: the command line's code cache, src/cli/bundleCodeCache.ts).
 */
export function statsState(stats: BigIntStats): string {
  // A folder (the `.git` one) is followed by what it is, not by its times, which its entries move.
  const times = stats.isDirectory() ? '' : `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  return `${stats.dev}:${stats.ino}:${stats.uid}:${stats.mode}:${times}`;
}

/** Each file's state, or undefined when one cannot be looked at. */
export function statesOf(files: readonly string[]): Map<string, FileState> | undefined {
  const states = new Map<string, FileState>();
  for (const file of files) {
    if (states.has(file)) continue;
    const state = fileState(file);
    if (!state) return undefined;
    states.set(file, state);
  }
  return states;
}

/** The nearest folder above a missing file that exists: what a file made or removed there changes. */
function nearestFolder(file: string): BigIntStats | undefined {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    try {
      const stats = statSync(folder, { bigint: true });
      return stats.isDirectory() ? stats : undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(folder) === folder) return undefined;
    }
  }
}

/**
 * When the process started, in the clock's milliseconds: every file a
 * command or a decision reads was read after it, so a file settled before it
 * was settled before the read.
 */
export function processStartedMs(): number {
  return Date.now() - process.uptime() * 1000;
}

/**
 * Whether a file in `state` had last changed `SETTLED_MS` or more before
 * `startedMs` (a missing file: the folder it would be in, which a file made
 * or removed there changes); a folder is held by what it is alone.
 */
export function settledBefore(startedMs: number, file: string, state: FileState): boolean {
  if (state.stats?.isDirectory()) return true;
  const stats = state.stats ?? nearestFolder(file);
  return stats !== undefined && timesSettled(startedMs, stats);
}

/** Whether modification and change times, in nanoseconds, are both `SETTLED_MS` or more before `startedMs`. */
export function timesSettled(startedMs: number, times: { mtimeNs: bigint; ctimeNs: bigint }): boolean {
  const settledBy = BigInt(Math.floor(startedMs)) * 1_000_000n - SETTLED_MS * 1_000_000n;
  return times.ctimeNs < settledBy && times.mtimeNs < settledBy;
}
