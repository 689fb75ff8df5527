// The impure half of "Open pull request", shared by the command line and the
// editor: read the branch's change against its base, find the remote and the
// planning doc, run the review, then compose. Files are read through a
// FileSource, so the editor's unsaved buffers count.

import { currentBranch, GitError, gitCommitHistory, gitTextSearch, parseRemote, readChange, remoteUrl, type Git, type RemoteRepository } from '../../git';
import { featureFolderOf } from '../../planning';
import type { RepositoryPolicy } from '../../repository';
import { isPlanningDoc, loadChecklist, reviewChange, type Change, type Checklist, type ReviewOptions, type ReviewOutcome } from '../../review';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES } from '../../review/checks/size';
import type { FileSource } from '../../types';
import { composePullRequest } from './compose';
import type { ComposedPullRequest, ComposeInput, PlanningText } from './types';

export interface GatherOptions extends Pick<ComposeInput, 'aiFiles' | 'understood' | 'aiUsed' | 'labels' | 'draft' | 'pairing' | 'energy'> {
  /** The branch to open the pull request into; the default base branch when omitted. */
  base?: string;
  /** `--repo OWNER/NAME`: wins over the remote's URL. */
  repository?: RemoteRepository;
  /** The remote whose URL names the GitHub repository; default `origin`. */
  remoteName?: string;
  /** The checklist; default: the repository's skill file, else the built-in one. */
  checklist?: Checklist;
  reviewOptions?: ReviewOptions;
  ticked?: ReadonlySet<string>;
}

export interface GatheredPullRequest {
  composed: ComposedPullRequest;
  change: Change;
  review: ReviewOutcome;
  /** Undefined when neither `repository` nor the remote names a hosted repository. */
  remote: RemoteRepository | undefined;
  planning: PlanningText | undefined;
  /** Paths with edits that are not committed: the pull request will not hold them. */
  uncommitted: string[];
}

export async function gatherPullRequest(git: Git, files: FileSource, policy: RepositoryPolicy, options: GatherOptions = {}): Promise<GatheredPullRequest> {
  const head = await currentBranch(git);
  if (head === null) {
    throw new GitError('detached-head', 'HEAD is detached (no branch is checked out): check out a branch first.');
  }
  const change = await readChange(git, { mode: 'branch', asPushed: true, ...(options.base ? { base: options.base } : {}) });
  const base = change.base ?? options.base ?? 'main';
  if (base === head) {
    throw new GitError('failed', `You are on ${base}, the branch the pull request would go into: create a branch for the change first.`);
  }
  const [remote, planning, checklist, uncommitted] = await Promise.all([
    options.repository ?? remoteRepository(git, options.remoteName ?? 'origin'),
    planningDocOf(change, files, policy),
    options.checklist ?? loadChecklist(files, policy.settings.skillFile),
    uncommittedPaths(git),
  ]);
  const ticked = options.ticked ?? new Set<string>();
  const history = gitCommitHistory(git, change);
  const review = await reviewChange({
    change,
    policy,
    checklist,
    files,
    options: options.reviewOptions ?? { maxFiles: DEFAULT_MAX_FILES, maxLines: DEFAULT_MAX_LINES },
    ticked,
    search: gitTextSearch(git),
    ...(history ? { history } : {}),
  });
  const composed = composePullRequest({
    review,
    policy,
    change,
    remote,
    head,
    base,
    ticked,
    ...(planning ? { planning } : {}),
    ...pick(options, ['aiFiles', 'understood', 'aiUsed', 'labels', 'draft', 'pairing', 'energy']),
  });
  return { composed, change, review, remote, planning, uncommitted };
}

async function remoteRepository(git: Git, name: string): Promise<RemoteRepository | undefined> {
  const url = await remoteUrl(git, name);
  return (url && parseRemote(url)) || undefined;
}

/**
 * A PLANNING.md the change touches (the one in the author's feature folder
 * first), else the one in the author's feature folder, when it exists.
 */
export async function planningDocOf(change: Change, files: FileSource, policy: RepositoryPolicy): Promise<PlanningText | undefined> {
  const folders = (policy.author?.featureFolders ?? []).map(featureFolderOf).filter((folder) => folder !== '');
  const inOwnFolder = (path: string) => folders.some((folder) => path.startsWith(`${folder}/`));
  const changed = change.files
    .filter((file) => file.status !== 'deleted' && !file.binary && isPlanningDoc(file.path))
    .sort((a, b) => Number(inOwnFolder(b.path)) - Number(inOwnFolder(a.path)));
  const chosen = changed[0];
  if (chosen) {
    const text = (await files.readText(chosen.path)) ?? chosen.newText;
    if (text !== undefined) return { path: chosen.path, text };
  }
  for (const folder of folders) {
    const path = `${folder}/PLANNING.md`;
    const text = await files.readText(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/** `git status` entries: modified, staged, deleted and untracked paths (not ignored). */
export async function uncommittedPaths(git: Git): Promise<string[]> {
  const fields = (await git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])).split('\0');
  return fields.filter((field) => field.length > 3).map((field) => field.slice(3)).sort();
}

function pick<T extends object, K extends keyof T>(values: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]])) as Partial<Pick<T, K>>;
}
