import { posix, win32 } from 'node:path';

// Repository-relative paths, with no dependency: the editor checks settings
// with these at activation, before the core is loaded.

/**
 * A path as the matchers expect it: `/` separators (a `\` is taken as one,
 * so a Windows path can never slip past `**\/auth/**`), `.` and `..`
 * resolved, no leading `./` or `/`, NFC. Undefined when it leaves the repository.
 */
export function normalizeRepoPath(path: string): string | undefined {
  const slashed = path.normalize('NFC').replace(/\\/g, '/');
  const resolved = posix.normalize(slashed).replace(/^\/+/, '').replace(/\/+$/, '');
  if (resolved === '' || resolved === '.' || resolved === '..' || resolved.startsWith('../')) return undefined;
  return resolved;
}

/**
 * A policy file's path from a setting or a flag, normalised, or undefined
 * when it is absolute or leaves the repository: workspace settings travel
 * with a repository, and `../` would let one read rules from anywhere.
 */
export function repositoryFilePath(value: string): string | undefined {
  if (posix.isAbsolute(value) || win32.isAbsolute(value)) return undefined;
  return normalizeRepoPath(value);
}
