import * as path from 'node:path';
import { asyncFs as fs, readDescriptor, withOpenFile } from './asyncFs';
import type { FileSource } from '../types';
import { isWithin } from './folders';
import { realPathNow } from './regularFile';
import { listFiles } from './repository';
import { Git } from './runGit';
import { decodeText } from './textContent';

/**
 * The working tree as a FileSource. Paths are relative to `root`; a path
 * that leaves the root (`..`, an absolute path, or a symbolic link pointing
 * outside) reads as absent, so a repository cannot make a review read other
 * files of the machine. Binary files have no text. `git`, when given, lists
 * the files: a command that already has one for `root` starts no other.
 */
export function workingTreeFiles(root: string, git?: Git): FileSource {
  return {
    async readText(relPath) {
      const file = await realPathInside(root, lexicallyInside(root, relPath));
      if (!file) return undefined;
      const content = await readRegularFile(file);
      return content === undefined ? undefined : decodeText(content);
    },
    async size(relPath) {
      const file = await realPathInside(root, lexicallyInside(root, relPath));
      if (!file) return undefined;
      const stats = await fs.stat(file).catch(() => undefined);
      return stats?.isFile() ? stats.size : undefined;
    },
    linkTarget: (relPath) => readLinkInside(root, relPath),
    // Not a git repository (a plain folder of the command line): not listed.
    listFiles: () => listFiles(git ?? new Git(root)).catch(() => undefined),
  };
}

/**
 * The working tree's texts and sizes as workingTreeFiles reads them, from
 * files another reader has read already (each file's real path and bytes,
 * null where it has none): the policy cache's key reads and hashes each
 * policy file at once, and the look for where the zone lives (its imports)
 * reads the same files. A path whose real path leaves `root` reads as absent.
 */
export function workingTreeFilesRead(root: string, read: (relPath: string) => Promise<{ real: string | null; content: Buffer | null }>): Pick<FileSource, 'readText' | 'size'> {
  let realRoot: string | undefined | null = null;
  const inside = async (relPath: string): Promise<Buffer | undefined> => {
    if (!lexicallyInside(root, relPath)) return undefined;
    const { real, content } = await read(relPath);
    if (realRoot === null) realRoot = realPathNow(root);
    return real !== null && content !== null && realRoot !== undefined && isWithin(realRoot, real) ? content : undefined;
  };
  return {
    readText: async (relPath) => {
      const content = await inside(relPath);
      return content === undefined ? undefined : decodeText(content);
    },
    size: async (relPath) => (await inside(relPath))?.length,
  };
}

/** The target of a symbolic link at `relPath`, when the folders on the way stay inside `root`. */
export async function readLinkInside(root: string, relPath: string): Promise<string | undefined> {
  const file = lexicallyInside(root, relPath);
  if (!file || !(await realPathInside(root, path.dirname(file)))) return undefined;
  return fs.readlink(file).catch(() => undefined);
}

/**
 * The content git would record for a working-tree path: the bytes of a file,
 * or the target of a symbolic link (never followed). Undefined when absent.
 */
export async function readWorkingFile(root: string, relPath: string): Promise<Buffer | undefined> {
  const file = lexicallyInside(root, relPath);
  // The link itself is read, never followed, but a folder on the way must not lead outside.
  if (!file || !(await realPathInside(root, path.dirname(file)))) return undefined;
  const stats = await fs.lstat(file).catch(() => undefined);
  if (stats?.isSymbolicLink()) return fs.readlinkBytes(file);
  return stats?.isFile() ? readRegularFile(file) : undefined;
}

/**
 * A regular file's bytes. Opened without waiting for a writer and read only
 * where it is a regular file: a FIFO in a policy file's place (or in a
 * change) would hold the read, and the command or the editor's policy, for good.
 */
async function readRegularFile(file: string): Promise<Buffer | undefined> {
  try {
    return await withOpenFile(file, async (descriptor, stats) => (stats.isFile() ? readDescriptor(descriptor) : undefined));
  } catch {
    // Gone, a folder, or unreadable: all read as absent.
    return undefined;
  }
}

/** The real path of `file` when, through any symbolic links, it stays inside `root`. */
async function realPathInside(root: string, file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  // As fs.realpath finds them, without two turns of the thread pool: a guard decision asks this for each policy file it may read.
  const [realRoot, realFile] = [realPathNow(root), realPathNow(file)];
  if (!realRoot || !realFile || !isWithin(realRoot, realFile)) return undefined;
  return realFile;
}

function lexicallyInside(root: string, relPath: string): string | undefined {
  if (relPath === '' || relPath.includes('\0') || path.isAbsolute(relPath) || path.win32.isAbsolute(relPath)) return undefined;
  const file = path.resolve(root, relPath);
  return isWithin(path.resolve(root), file) ? file : undefined;
}
