import { fsyncSync, type BigIntStats } from 'node:fs';
import { processStartedMs, settledBefore, statsState } from './fileStates';
import { regularFileBytes, withRegularFile, writeFileWhole } from './regularFile';

// A record PM Zone keeps on disk with a checksum of its content (the command line's code caches, its parsed
// checklist) is checked when it is read, so that a damaged one is made again rather than used. The checksum is zlib's
// CRC-32 (recordChecksum; textChecksum for text), and loading node's zlib module, with the streams it brings, is about
// 2 ms of CPU: a tenth of node's own start, in every command. So once a record's checksum has held, its state (device, inode, owner, mode, size,
// modification and change times: statsState) is kept beside it, in `<record>.checked`, and a later read that finds
// the record in that very state takes it without the checksum, as a code cache takes its bundle by the bundle's state.
// Anything written to the record since gives it another state (no process can set a change time back), so it is
// checked again. The state is kept only:
// - for a record that had last changed SETTLED_MS before the process started (settledBefore), so that a write within
//   the clock's step would show in its times;
// - once the record's bytes are on the disk (fsync), so that a machine that stops before the kernel wrote them back
//   does not come up with the state kept and other bytes under it. Where that cannot be done (a file system or a
//   system that refuses to flush a file opened for reading), nothing is kept, and the record is checked every time.
// Whoever can write the state beside a record can write the record itself: it opens no door the record does not.

export const CHECKED_SUFFIX = '.checked';

/** The largest state file read: a state is under 100 characters. */
const LARGEST_STATE = 4096;

/**
 * Whether the checksum of `record`, read with `stats` (its descriptor's, so they are of the bytes read), holds: at once
 * where the record is in the state kept the last time it held; else by `holds()`, and then its state is kept, where it
 * settled before `startedMs`.
 */
export function checksumHolds(record: string, stats: BigIntStats, holds: () => boolean, startedMs = processStartedMs()): boolean {
  const state = statsState(stats);
  const kept = regularFileBytes(`${record}${CHECKED_SUFFIX}`, { links: 'not followed', maxBytes: LARGEST_STATE });
  if (Buffer.isBuffer(kept) && kept.toString('latin1') === state) return true;
  if (!holds()) return false;
  if (settledBefore(startedMs, record, { state, stats })) keepState(record, state);
  return true;
}

/**
 * Whether `file` is a regular file in `state` whose bytes are now on the disk (fsync): where a state is to vouch for
 * content after a machine stops, it must not be kept before the content is. False where the file is another now, or
 * the flush is refused (Windows refuses it on a file opened for reading).
 */
export function flushedInState(file: string, state: string, links: 'followed' | 'not followed'): boolean {
  const flushed = withRegularFile(file, (descriptor, now) => {
    if (statsState(now) !== state) return false;
    fsyncSync(descriptor);
    return true;
  }, { links });
  return flushed === true;
}

function keepState(record: string, state: string): void {
  // The record as it is now, not through a link put at its name since it was read: the state kept is of these bytes.
  if (!flushedInState(record, state, 'not followed')) return;
  try {
    writeFileWhole(`${record}${CHECKED_SUFFIX}`, state);
  } catch {
    // Not kept: checked again next time.
  }
}
