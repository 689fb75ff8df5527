import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWithin, realPathAllowingMissing } from '../git/folders';
import { fileTextNow, realPathNow, statNow } from '../git/regularFile';
import type { TrackedPath } from '../repository/linkedPath';

/** The working tree an agent works in, and its git folder (where PM Zone keeps its caches). */
export interface RepositoryLocation {
  root: string;
  realRoot: string;
  gitDir: string;
  /** The real paths of the git folders: the working tree's, and a linked worktree's common one (its config, its objects). */
  realGitFolders: string[];
}

/**
 * The repository around `folder`, found as git finds it: the nearest `.git`
 * folder, or `.git` file of a linked worktree (`gitdir: …`), above it, that
 * is a git folder as git checks one (a HEAD, objects and refs, or a common
 * folder): an empty `.git` made inside a repository is not one. Found
 * without running git, which a hook on every tool call cannot afford.
 */
export async function findRepository(folder: string): Promise<RepositoryLocation | undefined> {
  let dir = path.resolve(folder);
  for (;;) {
    const found = await (lookups ? memo(lookups, dir, () => repositoryAt(dir)) : repositoryAt(dir));
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The repository whose `.git` is in `dir`, if that is one. Looked at at once,
 * not through the thread pool: every command asks this, most of them more
 * than once, and a turn of the pool for each of its eight looks cost more
 * than the looks. A `.git` file or `commondir` that is not a regular file (a
 * FIFO, which a read at once could wait on for ever) is read through the
 * pool, as before.
 */
async function repositoryAt(dir: string): Promise<RepositoryLocation | undefined> {
  const dotGit = path.join(dir, '.git');
  const stats = statNow(dotGit);
  if (stats?.isDirectory() && isGitFolder(dotGit)) return located(dir, dotGit);
  if (stats?.isFile()) {
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await fileTextNow(dotGit)) ?? '');
    if (pointer && isGitFolder(path.resolve(dir, pointer[1]))) return located(dir, path.resolve(dir, pointer[1]));
  }
  return undefined;
}

function memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) map.set(key, (found = make()));
  return found;
}

/** Each folder's `.git` as one guard decision found it, while one is under way (`withRepositoryLookups`). */
let lookups: Map<string, Promise<RepositoryLocation | undefined>> | undefined;
/** Where each written path lands, as the same decision found it (an Edit asks five times for its one file). */
let writeLookups: Map<string, Promise<string | undefined>> | undefined;
let decisionsUnderWay = 0;

/**
 * Runs one guard decision with each folder's `.git` looked at once: a
 * decision asks where the repository is for the project, the folder the
 * tool runs in and each file it writes (about ten walks up the same
 * folders), and where each written path lands (through its links) once.
 * A decision that follows starts afresh.
 */
export async function withRepositoryLookups<T>(run: () => Promise<T>): Promise<T> {
  if (decisionsUnderWay++ === 0) {
    lookups = new Map();
    writeLookups = new Map();
  }
  try {
    return await run();
  } finally {
    if (--decisionsUnderWay === 0) {
      lookups = undefined;
      writeLookups = undefined;
    }
  }
}

function isGitFolder(folder: string): boolean {
  const kind = (name: string) => {
    const stats = statNow(path.join(folder, name));
    return stats === undefined ? undefined : stats.isDirectory() ? 'folder' : 'file';
  };
  const [head, objects, refs, common] = ['HEAD', 'objects', 'refs', 'commondir'].map(kind);
  return head === 'file' && ((objects === 'folder' && refs === 'folder') || common === 'file');
}

async function located(root: string, gitDir: string): Promise<RepositoryLocation> {
  const common = ((await fileTextNow(path.join(gitDir, 'commondir'))) ?? '').trim();
  const folders = [gitDir, ...(common ? [path.resolve(gitDir, common)] : [])];
  const realGitFolders = folders.map((folder) => realPathNow(folder) ?? folder);
  return { root, realRoot: realPathNow(root) ?? root, gitDir, realGitFolders };
}

/**
 * Where git's own files send it to a configuration other than the
 * repository's: a `commondir` in a repository's own git folder (git writes
 * one only in a linked worktree's folder, yet reads it in any), or a linked
 * worktree's pointing anywhere but the folder that holds it. Git then reads
 * that folder's config, which says who the user is and which programs run;
 * undefined when there is none.
 */
export async function redirectedGitFolder(location: RepositoryLocation): Promise<string | undefined> {
  const pointer = path.join(location.gitDir, 'commondir');
  const common = (await fileTextNow(pointer))?.trim();
  if (common === undefined) return undefined;
  const linked = path.basename(path.dirname(location.gitDir)) === 'worktrees';
  const holder = path.resolve(location.gitDir, '..', '..');
  if (linked && realPathNow(path.resolve(location.gitDir, common)) === (realPathNow(holder) ?? holder)) return undefined;
  return pointer;
}

/** Whether writing `absolute` lands in the repository's git folder: its history, its config (who the user is) and PM Zone's caches. */
export async function inGitFolder(location: RepositoryLocation, absolute: string): Promise<boolean> {
  const real = await realPathOfWrite(absolute);
  return [path.join(location.root, '.git'), ...location.realGitFolders].some((folder) => isWithin(folder, absolute) || (real !== undefined && isWithin(folder, real)));
}

/** A path a tool writes, as the repository's badges name it: relative with `/`, and what git tracks there. */
export interface RepositoryWrite {
  relPath: string;
  tracked: TrackedPath;
}

/**
 * Where an absolute path lands in the repository, through any symbolic link
 * on the way, for a file that may not exist yet (a Write creates it): the
 * nearest existing folder is resolved. The root itself is `''`: a copy into
 * it writes files there. Undefined when it is outside the repository both
 * as written and as resolved: PM Zone has no opinion there.
 */
export async function repositoryWrite(location: RepositoryLocation, absolute: string): Promise<RepositoryWrite | undefined> {
  const real = await realPathOfWrite(absolute);
  const realInside = real !== undefined && isWithin(location.realRoot, real) ? slashes(path.relative(location.realRoot, real)) : undefined;
  if (isWithin(location.root, absolute)) {
    const relPath = slashes(path.relative(location.root, absolute));
    if (realInside === undefined) return { relPath, tracked: { kind: 'escapes' } };
    return { relPath, tracked: realInside === relPath ? { kind: 'same' } : { kind: 'linked', path: realInside } };
  }
  // Reached from outside, through a link to the repository or another spelling of its folder (/tmp and /private/tmp).
  return realInside === undefined ? undefined : { relPath: realInside, tracked: { kind: 'same' } };
}

/** Where writing `absolute` lands: through a dangling link, at the file the link names. Found once a decision (`withRepositoryLookups`). */
function realPathOfWrite(absolute: string): Promise<string | undefined> {
  return writeLookups ? memo(writeLookups, absolute, () => realPathOfWriteNow(absolute)) : realPathOfWriteNow(absolute);
}

async function realPathOfWriteNow(absolute: string): Promise<string | undefined> {
  // Looked at at once: a decision asks this of every path a tool writes.
  const link = statNow(absolute, 'not followed');
  if (link?.isSymbolicLink() && realPathNow(absolute) === undefined) {
    const target = await fs.readlink(absolute).catch(() => undefined);
    return target === undefined ? undefined : realPathAllowingMissing(path.resolve(path.dirname(absolute), target));
  }
  return realPathAllowingMissing(absolute);
}

function slashes(relative: string): string {
  return relative.split(path.sep).join('/');
}
