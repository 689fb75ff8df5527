import type { Git } from './runGit';
import { literalPathspec, literalPathspecs } from './pathspec';

/**
 * Puts one path's index entry back to its committed version, so that an
 * undone edit that had been staged (`git add`) does not reach the next
 * commit anyway: `git status` would show `MM`. Returns `unstaged` when the
 * index held a change for the path, `clean` when it held none. A repository
 * without a commit yet has nothing to go back to: the path leaves the index.
 */
export async function unstagePath(git: Git, path: string): Promise<'unstaged' | 'clean'> {
  // Literal: `app/[id]/page.tsx` as a pathspec is a glob that also matches `app/i/page.tsx`, another staged edit.
  const literal = literalPathspec(path);
  const staged = await git.exec(['diff', '--cached', '--quiet', '--no-ext-diff', '--', literal], { okExitCodes: [1] });
  if (staged.exitCode === 0) return 'clean';
  const head = await git.exec(['rev-parse', '--verify', '--quiet', 'HEAD'], { okExitCodes: [1] });
  if (head.exitCode === 0) await git.exec(['reset', '--quiet', 'HEAD', '--', literal]);
  else await git.exec(['rm', '--cached', '--quiet', '--', literal]);
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
 * copy, which a PM fixing a blocked commit does not expect. With
 * `onlyWhenStaged`, both lists are empty when nothing is staged: enough
 * for savedFixes, which has nothing to say then.
 */
export async function stagingState(git: Git, options: { onlyWhenStaged?: boolean; untracked?: readonly string[] } = {}): Promise<StagingState> {
  if (options.untracked) return stagingStateBesides(git, options.untracked, options.onlyWhenStaged === true);
  if (options.onlyWhenStaged) {
    // With nothing staged there is no saved fix a commit would leave out (savedFixes): one comparison of the
    // index with HEAD answers that, where a status reads every file of the working tree (0.2 s at 27,000 files).
    const staged = await git.exec(['diff', '--cached', '--quiet', '--no-ext-diff'], { okExitCodes: [1] });
    if (staged.exitCode === 0) return { staged: [], notStaged: [] };
  }
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

/**
 * What stagingState answers, where the untracked files are already listed
 * (a review of the working tree read them with the change): the index
 * against HEAD, then the working tree against the index, each by name, in
 * status's order (changes by path, then the untracked). A status would walk
 * the working tree for untracked files a second time (at 27,000 files,
 * 0.1 s of CPU against 0.05).
 */
async function stagingStateBesides(git: Git, untracked: readonly string[], onlyWhenStaged: boolean): Promise<StagingState> {
  // An unmerged path is named once per side of the conflict that the index holds; status names it once.
  const names = async (args: string[]) => [...new Set((await git.run(['diff', ...args, '--name-only', '-z', '--no-renames', '--no-relative', '--no-ext-diff'])).split('\0').filter(Boolean))];
  const staged = await names(['--cached']);
  if (onlyWhenStaged && staged.length === 0) return { staged: [], notStaged: [] };
  return { staged, notStaged: [...(await names([])), ...untracked] };
}

/** What the editor offers to stage after a blocked commit, and what it warns about. */
export interface SavedFixes {
  /** Files of the change a PM may edit whose saved copy is not what is staged: what "Stage my fixes" stages. */
  toStage: string[];
  /** Of those, the ones staged before and edited since: the commit takes an older copy of them. */
  stagedBefore: string[];
}

/**
 * The saved edits a commit would leave out, once something is staged (with
 * nothing staged, a commit from the editor stages everything itself). Only
 * files of the change that `editable` admits: a PM's fix never stages a
 * locked file, nor one outside the zone.
 */
export function savedFixes(state: StagingState, changed: readonly string[], editable: (path: string) => boolean): SavedFixes {
  if (state.staged.length === 0) return { toStage: [], stagedBefore: [] };
  const inChange = new Set(changed);
  const staged = new Set(state.staged);
  const toStage = state.notStaged.filter((path) => inChange.has(path) && editable(path));
  return { toStage, stagedBefore: toStage.filter((path) => staged.has(path)) };
}

/**
 * The saved edits a commit would leave out, said to the PM; `next` is the
 * step that stages them where the PM reads it ("Stage my fixes, then
 * commit." in the editor, the git command on a terminal). Undefined when
 * there are none. The editor and `pm-zone review` say the same.
 */
export function savedFixesWords({ toStage, stagedBefore }: SavedFixes, next: (paths: readonly string[]) => string): string | undefined {
  if (toStage.length === 0) return undefined;
  const names = (paths: readonly string[]) => {
    const base = paths.map((relPath) => relPath.slice(relPath.lastIndexOf('/') + 1));
    return base.length <= 2 ? base.join(' and ') : `${base[0]}, ${base[1]} and ${base.length - 2} more`;
  };
  if (stagedBefore.length > 0) {
    const one = stagedBefore.length === 1;
    return `Your saved fix${one ? '' : 'es'} to ${names(stagedBefore)} ${one ? 'is' : 'are'} not staged: a commit takes the older staged copy. ${next(toStage)}`;
  }
  const one = toStage.length === 1;
  return `Your saved change${one ? '' : 's'} to ${names(toStage)} ${one ? 'is' : 'are'} not staged: a commit leaves ${one ? 'it' : 'them'} out. ${next(toStage)}`;
}

/** Stages the paths as they are saved (`git add`, deletions included). */
export async function stagePaths(git: Git, paths: readonly string[]): Promise<void> {
  // Literal: a file named like pathspec magic (`:(glob)*`) stages itself and nothing else.
  if (paths.length > 0) await git.exec(['add', '--all', '--', ...literalPathspecs(paths)]);
}
