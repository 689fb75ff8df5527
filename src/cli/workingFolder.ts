import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { listFiles, workingTreeFiles, type Git } from '../core/git';
import type { FileSource } from '../core/types';

/** The working tree, and the names in one of its folders. */
export interface ListingFileSource extends FileSource {
  size(relPath: string): Promise<number | undefined>;
  /** The entries of a repository-relative folder ('' is the root), or undefined when it is absent or leads outside. */
  listDirectory(relDir: string): Promise<string[] | undefined>;
}

/**
 * The working tree as the CLI reads it. Listing a folder lets the i18n check
 * find a strings file's real sibling locales (every one, not a list of
 * common ones) with one read instead of dozens of guesses. With the
 * repository's `git` (opened at `root`), the repository's files are listed
 * through it: git's filter settings are then read once, not again for a Git
 * of the listing's own.
 */
export function workingFolderFiles(root: string, git?: Git): ListingFileSource {
  const files = workingTreeFiles(root);
  return {
    readText: (relPath) => files.readText(relPath),
    size: (relPath) => files.size?.(relPath) ?? Promise.resolve(undefined),
    linkTarget: (relPath) => files.linkTarget?.(relPath) ?? Promise.resolve(undefined),
    listFiles: () => (git ? listFiles(git).catch(() => undefined) : files.listFiles?.() ?? Promise.resolve(undefined)),
    async listDirectory(relDir) {
      if (relDir.includes('\0') || path.isAbsolute(relDir) || path.win32.isAbsolute(relDir)) return undefined;
      const [realRoot, realDir] = await Promise.all([fs.realpath(root).catch(() => undefined), fs.realpath(path.resolve(root, relDir)).catch(() => undefined)]);
      // Like reading a file: a folder that leads outside the repository, through `..` or a link, reads as absent.
      if (!realRoot || !realDir || !isWithin(realRoot, realDir)) return undefined;
      const entries = await fs.readdir(realDir).catch(() => undefined);
      return entries?.sort();
    },
  };
}

function isWithin(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
