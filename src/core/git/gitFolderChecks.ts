import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

// What git checks of a folder before it takes it for a repository, as the
// readers that answer without git (topFolder.ts, headTrees.ts, the e-mail
// cache) check it: one reading, so that none of them takes a folder git
// would pass by, or one it would refuse for its owner.

/**
 * The user git holds a repository's owner to (the effective one), or
 * undefined where git checks owners otherwise: Windows, and root under sudo,
 * where git also accepts SUDO_UID's user.
 */
export function ownerGitExpects(env: NodeJS.ProcessEnv = process.env, system: { platform?: NodeJS.Platform; user?: number } = {}): number | undefined {
  if ((system.platform ?? process.platform) === 'win32') return undefined;
  const user = system.user ?? process.geteuid?.();
  return user === undefined || (user === 0 && env.SUDO_UID !== undefined) ? undefined : user;
}

/** Whether a HEAD file's bytes name a ref or a commit, as git requires of a git folder's HEAD. */
export function headGitTakes(bytes: Buffer): boolean {
  return /^(?:ref: refs\/[^\0\n]+|[0-9a-f]{40}|[0-9a-f]{64})\n?$/.test(bytes.toString('latin1'));
}

/**
 * Whether `commonFolder` holds `objects` and `refs` folders this user can
 * enter. Git asks only that each can be entered (`access(X_OK)`), so a file
 * with an execute bit there passes git's check and not this one: that case
 * is left to git, the narrower way. Where either cannot be entered, git
 * passes the folder by.
 */
export function objectsAndRefsGitTakes(commonFolder: string): boolean {
  try {
    for (const name of ['objects', 'refs']) {
      const folder = path.join(commonFolder, name);
      if (!statSync(folder).isDirectory()) return false;
      accessSync(folder, constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
