import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';

/**
 * A file's bytes read at once, without a turn of the thread pool, where it
 * is a regular file: 'not regular' for anything else (a FIFO, a device),
 * which a synchronous read could wait on for ever, holding the decision
 * past its deadline (the caller reads it as it did before); the error
 * otherwise, as readFile gives it. Opened without waiting for a writer.
 */
export function regularFileBytes(file: string): Buffer | 'not regular' | { error: NodeJS.ErrnoException } {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
  try {
    if (!fstatSync(descriptor).isFile()) return 'not regular';
    return readFileSync(descriptor);
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  } finally {
    closeSync(descriptor);
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
