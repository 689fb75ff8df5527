import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';

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
