import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, promises as fs, readFileSync, readSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type BigIntStats, type Stats } from 'node:fs';
import * as path from 'node:path';

/** How a regular file is read: through a link at its name or not, and up to what size. */
export interface RegularFileReading {
  /** 'not followed': a link at the name is not opened (ELOOP) rather than read through. */
  links?: 'followed' | 'not followed';
  /**
   * A file larger than this, by its descriptor's stats, is not read at all
   * ('too large'): a caller that would set such a file aside (a git index
   * past what is worth parsing here, a code cache no bundle makes) does not
   * pay for reading it first.
   */
  maxBytes?: number;
}

/** What a regular file read gives: its bytes, or why there are none. */
export type RegularFileAnswer<Read> = Read | 'not regular' | 'too large' | { error: NodeJS.ErrnoException };

/**
 * A file's bytes read at once, without a turn of the thread pool, where it
 * is a regular file: 'not regular' for anything else (a FIFO, a device),
 * which a synchronous read could wait on for ever, holding the decision
 * past its deadline (the caller reads it as it did before); 'too large' past
 * `maxBytes`; the error otherwise, as readFile gives it. Opened without
 * waiting for a writer.
 */
export function regularFileBytes(file: string, reading: RegularFileReading = {}): RegularFileAnswer<Buffer> {
  const read = regularFileRead(file, reading);
  return typeof read === 'object' && 'bytes' in read ? read.bytes : read;
}

/**
 * A regular file's bytes as JSON (regularFileBytes, read at once, a FIFO
 * never waited on); undefined where it is missing, anything else, past
 * `maxBytes`, or not JSON: a record in the git folder that its reader then
 * works out again, as for a miss.
 */
export function regularFileJson(file: string, reading: RegularFileReading = {}): unknown {
  return regularFileJsonRead(file, reading)?.value;
}

/** regularFileJson, with the stats of the file the JSON was read from (its descriptor's); undefined where that gives undefined. */
export function regularFileJsonRead(file: string, reading: RegularFileReading = {}): { value: unknown; stats: BigIntStats } | undefined {
  const read = regularFileRead(file, reading);
  if (typeof read !== 'object' || !('bytes' in read)) return undefined;
  try {
    return { value: JSON.parse(read.bytes.toString('utf8')) as unknown, stats: read.stats };
  } catch {
    return undefined;
  }
}

/**
 * regularFileBytes, with the stats of the file the bytes were read from
 * (its descriptor's, so they are of those very bytes).
 */
export function regularFileRead(file: string, reading: RegularFileReading = {}): RegularFileAnswer<{ bytes: Buffer; stats: BigIntStats }> {
  return readRegular(file, reading, (descriptor) => readFileSync(descriptor));
}

/**
 * regularFileRead, with `before` and `after` around the file's bytes in the
 * one buffer it reads them into: text made of the three is then decoded
 * whole, where joining strings would have V8 copy the text again to flatten
 * it (a bundle in its CommonJS wrapper). A file whose size changed as it was
 * read is read again, to its end.
 */
export function regularFileReadAround(file: string, before: Buffer, after: Buffer): RegularFileAnswer<{ bytes: Buffer; stats: BigIntStats }> {
  return readRegular(file, {}, (descriptor, stats) => {
    const size = Number(stats.size);
    const bytes = Buffer.allocUnsafeSlow(before.length + size + after.length);
    before.copy(bytes, 0);
    const read = readAt(descriptor, bytes, before.length, size, 0);
    // Shorter or longer than its stats said (written meanwhile): read to its end, with the parts joined.
    if (read !== size || readAt(descriptor, Buffer.alloc(1), 0, 1, size) !== 0) return Buffer.concat([before, readToEnd(descriptor), after]);
    after.copy(bytes, before.length + size);
    return bytes;
  });
}

/** Up to `length` bytes from `position` of the file into `buffer` at `offset`: how many there were. */
export function readAt(descriptor: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let read = 0;
  for (let got = -1; read < length && got !== 0; read += got) got = readSync(descriptor, buffer, offset + read, length - read, position + read);
  return read;
}

function readToEnd(descriptor: number): Buffer {
  const pieces: Buffer[] = [];
  let position = 0;
  for (let piece = Buffer.allocUnsafe(65_536); ; piece = Buffer.allocUnsafe(65_536)) {
    const read = readAt(descriptor, piece, 0, piece.length, position);
    if (read === 0) return Buffer.concat(pieces);
    pieces.push(piece.subarray(0, read));
    position += read;
  }
}

function readRegular(file: string, reading: RegularFileReading, read: (descriptor: number, stats: BigIntStats) => Buffer): RegularFileAnswer<{ bytes: Buffer; stats: BigIntStats }> {
  return withRegularFile(file, (descriptor, stats) => {
    if (reading.maxBytes !== undefined && stats.size > BigInt(reading.maxBytes)) return 'too large';
    return { bytes: read(descriptor, stats), stats };
  }, reading);
}

/**
 * What `use` makes of a regular file, given its open descriptor and that
 * descriptor's stats (so they are of the bytes it reads), opened as
 * regularFileBytes opens it: 'not regular' for anything else, the error
 * where it cannot be opened, or `use` throws. For a reader that takes part
 * of a file before deciding whether to read the rest (a git index's
 * checksum, indexTree.ts).
 */
export function withRegularFile<Use>(file: string, use: (descriptor: number, stats: BigIntStats) => Use, reading: Pick<RegularFileReading, 'links'> = {}): Use | 'not regular' | { error: NodeJS.ErrnoException } {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (reading.links === 'not followed' ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
  try {
    const stats = fstatSync(descriptor, { bigint: true });
    return stats.isFile() ? use(descriptor, stats) : 'not regular';
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Written whole and renamed into place, at once: a concurrent reader reads
 * the old file or the new one, never half of one. The temporary file is made
 * anew (`wx`): whatever stands at its name is removed first, so a FIFO
 * planted there cannot hold the thread, nor a link send the write elsewhere.
 * `folderMade`: the caller knows the folder is there; the temporary file is
 * made at once, and only where something stands at its name (`wx` fails,
 * opening nothing) is it removed and made again.
 */
export function writeFileWhole(file: string, data: string | Buffer, options: { folderMade?: boolean } = {}): void {
  const temporary = `${file}.${process.pid}.tmp`;
  if (options.folderMade) {
    try {
      writeFileSync(temporary, data, { flag: 'wx' });
    } catch {
      writeFileWhole(file, data);
      return;
    }
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    rmSync(temporary, { force: true });
    writeFileSync(temporary, data, { flag: 'wx' });
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * A path's real path, as fs.realpath finds it, at once (the system's
 * realpath, not a turn of the thread pool per folder); undefined when it
 * does not exist or cannot be resolved.
 */
export function realPathNow(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/**
 * What a symbolic link holds, as fs.readlink gives it, at once; undefined
 * where `file` is not a link or cannot be read. At once, as realPathNow:
 * `explain` asks it of every path it is given that does not exist, and
 * fs.promises, loaded for one readlink, cost it a tenth of node's start.
 */
export function linkTargetNow(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}

/**
 * A path's stats as fs.stat gives them (through links), or fs.lstat (the
 * link itself), at once; undefined where it gives none (missing, or not to
 * be looked at).
 */
export function statNow(file: string, links: 'followed' | 'not followed' = 'followed'): Stats | undefined {
  try {
    return (links === 'followed' ? statSync : lstatSync)(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * A file's UTF-8 text, undefined where it cannot be read: a regular file at
 * once, not in the four turns of the thread pool fs.readFile takes (open,
 * size, read, close), which cost a command that answers from its caches as
 * much as the rest of the look; anything else (a FIFO) as fs.readFile reads it.
 */
export async function fileTextNow(file: string): Promise<string | undefined> {
  const bytes = regularFileBytes(file);
  if (bytes instanceof Buffer) return bytes.toString('utf8');
  return bytes === 'not regular' ? fs.readFile(file, 'utf8').catch(() => undefined) : undefined;
}
