import { close, constants, fstat, lstat, open, read, readFile, readlink, stat, type Stats } from 'node:fs';

// fs.promises is a module node loads the first time it is asked for (internal/fs/promises and what it requires): about
// 1.5 ms of CPU, 0.06x of node's start, in a one-line review whose other reads go at once. These are node's callback
// functions, which node:fs holds from its start, as promises: the same turns of the thread pool, without that module.
// For the reads on a command's way (a review's working tree, its attribute files); anything else may use fs.promises.

const settled = <T>(resolve: (value: T) => void, reject: (error: unknown) => void) => (error: NodeJS.ErrnoException | null, value: T) => (error ? reject(error) : resolve(value));

export const asyncFs = {
  lstat: (file: string) => new Promise<Stats>((resolve, reject) => lstat(file, settled(resolve, reject))),
  stat: (file: string) => new Promise<Stats>((resolve, reject) => stat(file, settled(resolve, reject))),
  readlink: (file: string) => new Promise<string>((resolve, reject) => readlink(file, settled(resolve, reject))),
  readlinkBytes: (file: string) => new Promise<Buffer>((resolve, reject) => readlink(file, { encoding: 'buffer' }, settled(resolve, reject))),
  readText: (file: string, encoding: BufferEncoding) => new Promise<string>((resolve, reject) => readFile(file, encoding, settled(resolve, reject))),
};

/**
 * What `use` makes of the file at `file`, opened without waiting for a writer (a FIFO in its place would hold an open
 * for good), given its descriptor and that descriptor's stats; closed after, whatever `use` does.
 */
export async function withOpenFile<Use>(file: string, use: (descriptor: number, stats: Stats) => Promise<Use>): Promise<Use> {
  const descriptor = await new Promise<number>((resolve, reject) => open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0), settled(resolve, reject)));
  try {
    const stats = await new Promise<Stats>((resolve, reject) => fstat(descriptor, settled(resolve, reject)));
    return await use(descriptor, stats);
  } finally {
    await new Promise<void>((resolve) => close(descriptor, () => resolve()));
  }
}

/** The whole of an open file, from its start. */
export function readDescriptor(descriptor: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => readFile(descriptor, settled(resolve, reject)));
}

/** Up to `length` bytes at `position` of an open file: those read. */
export function readDescriptorAt(descriptor: number, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  return new Promise<Buffer>((resolve, reject) => read(descriptor, buffer, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(buffer.subarray(0, bytesRead)))));
}
