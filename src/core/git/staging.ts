import type { Git } from './runGit';

/**
 * Puts one path's index entry back to its committed version, so that an
 * undone edit that had been staged (`git add`) does not reach the next
 * commit anyway: `git status` would show `MM`. Returns `unstaged` when the
 * index held a change for the path, `clean` when it held none. A repository
 * without a commit yet has nothing to go back to: the path leaves the index.
 */
export async function unstagePath(git: Git, path: string): Promise<'unstaged' | 'clean'> {
  const staged = await git.exec(['diff', '--cached', '--quiet', '--no-ext-diff', '--', path], { okExitCodes: [1] });
  if (staged.exitCode === 0) return 'clean';
  const head = await git.exec(['rev-parse', '--verify', '--quiet', 'HEAD'], { okExitCodes: [1] });
  if (head.exitCode === 0) await git.exec(['reset', '--quiet', 'HEAD', '--', path]);
  else await git.exec(['rm', '--cached', '--quiet', '--', path]);
  return 'unstaged';
}
