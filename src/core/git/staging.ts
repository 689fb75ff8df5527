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

/** What the index holds against HEAD and against the working tree, path by path. */
export interface StagingState {
  /** Paths whose staged copy differs from HEAD: what a commit would take. */
  staged: string[];
  /**
   * Paths whose working copy differs from the staged one, untracked files
   * included (ignored ones not): edits a commit would leave out.
   */
  notStaged: string[];
}

/**
 * The index against HEAD and the working tree, from one `git status`
 * (`--porcelain -z`: paths as they are, the new name of a rename). A path
 * in both lists was staged, then edited again: the commit takes the staged
 * copy, which a PM fixing a blocked commit does not expect.
 */
export async function stagingState(git: Git): Promise<StagingState> {
  const result = await git.exec(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const entries = result.stdout.toString('utf8').split('\0');
  const staged: string[] = [];
  const notStaged: string[] = [];
  for (const entry of entries) {
    if (entry.length < 4) continue;
    const [index, tree, path] = [entry[0], entry[1], entry.slice(3)];
    if (index !== ' ' && index !== '?' && index !== '!') staged.push(path);
    if (tree !== ' ' && tree !== '!') notStaged.push(path);
  }
  return { staged, notStaged };
}

/** Staged paths whose working copy differs again: the fixes a commit would leave behind. */
export async function unstagedEdits(git: Git): Promise<string[]> {
  const { staged, notStaged } = await stagingState(git);
  const stagedPaths = new Set(staged);
  return notStaged.filter((path) => stagedPaths.has(path));
}
