import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWithin } from './folders';
import { nodeCrypto } from '../digest';

/**
 * Every file PM Zone writes into a repository goes through here: the CI
 * workflow, planning docs, the starter skill file, the pull request draft
 * and the hooks in the git folder. A repository is untrusted input: a
 * committed symbolic link at the target or on the way to it must not carry
 * the write anywhere else.
 */

/** The write was refused before anything was written; the message says why in one line. */
export class RepositoryWriteRefused extends Error {
  override readonly name = 'RepositoryWriteRefused';
}

export interface RepositoryWriteOptions {
  /** `create` (default): only when nothing is there, a link included; `replace`: whatever is there is replaced. */
  mode?: 'create' | 'replace';
  /** The file's permission bits (a hook's 0o755); by default those of the file replaced, else the umask's. */
  permissions?: number;
}

/**
 * Writes `content` to `relPath` under `root`. The real path of every folder
 * on the way is resolved, created where missing, and must stay inside the
 * real `root` (a folder linked elsewhere in the repository is followed; one
 * that leads out of it is refused). The target itself is never followed:
 * `create` finds a link there taken, `replace` writes beside it and renames
 * over it, so the link is replaced and what it pointed to is untouched.
 * Returns `exists` when `create` found something there, which is left alone.
 */
export async function writeRepositoryFile(root: string, relPath: string, content: string | Uint8Array, options: RepositoryWriteOptions = {}): Promise<'written' | 'exists'> {
  const parts = repositoryPathParts(relPath);
  const name = parts.pop() as string;
  const realRoot = await fs.realpath(root);
  const folder = await realFolder(realRoot, parts, relPath);
  const target = path.join(folder, name);
  if ((options.mode ?? 'create') === 'create') return createExclusive(target, content, options.permissions);
  await replace(target, content, options.permissions);
  return 'written';
}

/** The folders and name of a repository-relative path; refused when it is absolute or climbs out with `..`. */
export function repositoryPathParts(relPath: string): string[] {
  const parts = relPath.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || relPath.includes('\0') || path.isAbsolute(relPath) || path.win32.isAbsolute(relPath) || parts.includes('..')) {
    throw new RepositoryWriteRefused(`${relPath} is not a path inside the repository.`);
  }
  return parts;
}

/** Each folder of `parts` under `realRoot`, made when missing, resolved, and checked to be inside. */
async function realFolder(realRoot: string, parts: readonly string[], relPath: string): Promise<string> {
  let folder = realRoot;
  for (const [index, part] of parts.entries()) {
    const next = path.join(folder, part);
    await fs.mkdir(next).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const real = await fs.realpath(next).catch(() => {
      throw new RepositoryWriteRefused(`${relPath} was not written: ${parts.slice(0, index + 1).join('/')} is a link that leads nowhere.`);
    });
    if (!isWithin(realRoot, real)) {
      throw new RepositoryWriteRefused(`${relPath} was not written: ${parts.slice(0, index + 1).join('/')} is a link that leads out of the repository (to ${real}).`);
    }
    if (!(await fs.stat(real)).isDirectory()) throw new RepositoryWriteRefused(`${relPath} was not written: ${parts.slice(0, index + 1).join('/')} is not a folder.`);
    folder = real;
  }
  return folder;
}

async function createExclusive(target: string, content: string | Uint8Array, permissions: number | undefined): Promise<'written' | 'exists'> {
  let handle;
  try {
    // O_CREAT|O_EXCL fails on anything there, a symbolic link included, wherever it points.
    handle = await fs.open(target, 'wx', permissions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  }
  try {
    await handle.writeFile(content);
    if (permissions !== undefined) await handle.chmod(permissions);
  } finally {
    await handle.close();
  }
  return 'written';
}

async function replace(target: string, content: string | Uint8Array, permissions: number | undefined): Promise<void> {
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new RepositoryWriteRefused(`${target} is a folder; nothing was written.`);
  const kept = permissions ?? (existing?.isFile() ? existing.mode & 0o777 : undefined);
  // Written beside the target and renamed over it: a reader never sees half a file, and a link there is replaced, not followed.
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${nodeCrypto().randomBytes(6).toString('hex')}.pm-zone.tmp`);
  try {
    if ((await createExclusive(temporary, content, kept)) === 'exists') throw new Error(`${temporary} appeared while writing`);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
