import * as path from 'node:path';
import type { Change, ChangedFile, ChangeMode, CommitInfo } from './model';
import { readBlobs } from './blobs';
import { commitsSince } from './commits';
import { SMALL_INDEX_BYTES } from './indexTree';
import { SUBMODULE_MODE, SYMLINK_MODE, diffAgainst, diffsBeside, isNullOid, type DiffEntry } from './diffEntries';
import { GitError, isGitError } from './gitError';
import { baseBranchRef, headAndBranch, mergeBase, mergeBaseWithBase, noBaseBranchMessage, root, workingTreeListing } from './repository';
import type { Git } from './runGit';
import { binaryTextOf, binaryToGit, fileContent, type FileContent } from './textContent';
import { asyncFs as fs } from './asyncFs';
import { contentMayDecideBinary, foldersSayNothing } from './binaryByContent';
import { readLinkInside, readWorkingFile } from './workingTree';

export interface ReadChangeOptions {
  /** `branch` (default): what the pull request would contain, uncommitted and untracked edits included. */
  mode?: ChangeMode;
  /** The branch the pull request targets; the default base branch when omitted. */
  base?: string;
  /** In a shallow clone that lacks the merge base, fetch more history from origin (CI; `--deepen`). */
  deepen?: boolean;
  /**
   * Branch mode for a pull request about to be pushed: a committed edit the
   * PM put back on disk only is still in what the push carries, so it stays
   * in the change (the review as the PM works leaves it out).
   */
  asPushed?: boolean;
  /** Told how many files the change holds once git has listed them, before any of them is read. */
  onListed?: (files: number) => void;
}

/** How far `deepen` goes before it gives up: doubling from 50 commits, five times. */
const DEEPEN_STEPS = [50, 100, 200, 400, 800];

const PLANNING_FILE = 'PLANNING.md';

/**
 * The change to review. `staged`: the index against HEAD. `worktree`: the
 * working tree (untracked files included, ignored ones not) against HEAD.
 * `branch`: the working tree against the merge base with the base branch
 * (`origin/<base>` when it exists, else the local branch), with the commits
 * since that merge base. Before the first commit, HEAD is the empty tree.
 *
 * `base` is the base branch's name when one was found, `head` the current
 * branch (the commit id when HEAD is detached). `branchHasPlanning` says
 * whether a commit since the merge base added a PLANNING.md that is still
 * there; undefined when there is no base branch to compare with. Renames are
 * detected among files git tracks (an untracked copy of a deleted file reads
 * as a deletion and an addition).
 */
export async function readChange(git: Git, options: ReadChangeOptions = {}): Promise<Change> {
  const mode = options.mode ?? 'branch';
  const [top, { head, branch }] = await Promise.all([root(git), headAndBranch(git)]);
  const history = await branchHistory(git, head, options.base, { required: mode === 'branch', deepen: options.deepen === true });
  const fromTree = mode === 'branch' && history ? history.mergeBase : (head ?? (await emptyTree(git)));
  // Planning docs the branch's commits touched, read in the same git process as the change's files.
  const planningNames = history ? planningDocsTouched(history.commits) : [];
  const recordedUpTo = mode === 'branch' && history && head !== null ? head : undefined;
  // A commit that puts a file back as the base branch has it takes the branch's change to it away: no change to review.
  const restoredTo = mode === 'staged' && history ? history.mergeBase : undefined;
  const { files, alsoRead, notes, indexIsHead, untracked } = await changedFiles(git, top, { fromTree, recordedUpTo, restoredTo, keepPutBack: options.asPushed === true }, mode, planningNames, options.onListed);
  // What the pull request would be opened from: the branch, or the commit when HEAD is detached.
  const headName = branch ?? head;
  const change: Change = {
    mode,
    files,
    ...(notes.length > 0 ? { notes } : {}),
    commits: mode === 'branch' ? (history?.commits ?? []) : [],
    // Touched, and still there: a planning doc deleted later on the branch does not count.
    branchHasPlanning: history ? planningNames.some((name) => alsoRead.has(name)) : undefined,
    ...(history ? { base: history.baseBranch, baseRef: history.baseRef, mergeBase: history.mergeBase } : {}),
    ...(headName ? { head: headName } : {}),
  };
  if (indexIsHead) indexAsHead.add(change);
  if (untracked) untrackedWhenRead.set(change, untracked);
  return change;
}

const indexAsHead = new WeakSet<Change>();
const untrackedWhenRead = new WeakMap<Change, readonly string[]>();

/**
 * The untracked files (ignored ones not) git listed when `change` was read
 * from the working tree, as `git status --untracked-files=all` lists them;
 * undefined for a change read from the index.
 */
export function untrackedWhenChangeRead(change: Change): readonly string[] | undefined {
  return untrackedWhenRead.get(change);
}

/**
 * Whether, when `change` was read, the index held exactly what HEAD's
 * commit holds: its diff from the merge base was the commit's, record for
 * record (paths, modes, blob ids, renames, in git's order), so `git diff
 * --cached --quiet` would have found nothing staged. False where that is
 * not known (a review of the index or the working tree alone, no commit
 * yet) or the two differ.
 */
export function indexHeldHead(change: Change): boolean {
  return indexAsHead.has(change);
}

function sameEntries(a: readonly DiffEntry[], b: readonly DiffEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => {
    const other = b[index];
    return other !== undefined && entry.status === other.status && entry.path === other.path && entry.oldPath === other.oldPath &&
      entry.oldMode === other.oldMode && entry.newMode === other.newMode && entry.oldOid === other.oldOid && entry.newOid === other.newOid;
  });
}

interface BranchHistory {
  baseBranch: string;
  baseRef: string;
  mergeBase: string;
  commits: CommitInfo[];
}

/**
 * The branch's own commits since it left the base branch. Undefined before
 * the first commit, and, unless required, when there is no base branch.
 */
async function branchHistory(
  git: Git,
  head: string | null,
  requestedBase: string | undefined,
  options: { required: boolean; deepen: boolean },
): Promise<BranchHistory | undefined> {
  if (head === null) return undefined;
  const { branch: baseBranch, ref: baseRef, commit: baseCommit } = await baseBranchRef(git, requestedBase);
  if (baseBranch === null) {
    if (!options.required) return undefined;
    throw new GitError('unknown-revision', await noBaseBranchMessage(git));
  }
  if (baseRef === null) {
    if (!options.required) return undefined;
    throw new GitError('unknown-revision', `git does not know the base branch '${baseBranch}': name the branch to compare with, --base BRANCH.`);
  }
  let base = await mergeBaseWithBase(git, head, baseRef, baseCommit);
  if (base === null && (await isShallow(git))) {
    if (options.deepen) base = await deepenUntilMergeBase(git, head, baseRef);
    if (base === null && options.required) {
      throw new GitError(
        'failed',
        `This is a shallow clone, and the history back to where this branch left '${baseBranch}' is not in it: fetch more history (git fetch --deepen=200 origin, or git fetch --unshallow; in GitHub Actions, fetch-depth: 0), or let PM Zone fetch it (pm-zone review --deepen).`,
      );
    }
  }
  if (base === null) {
    if (!options.required) return undefined;
    throw new GitError('failed', `This branch shares no history with '${baseBranch}'.`);
  }
  // Since the merge base up to the commit the change was read at (HEAD, as read with it).
  return { baseBranch, baseRef, mergeBase: base, commits: await commitsSince(git, base, head) };
}

async function isShallow(git: Git): Promise<boolean> {
  return (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/** Fetches ever more history from origin until the merge base appears, or the steps run out. */
async function deepenUntilMergeBase(git: Git, head: string, baseRef: string): Promise<string | null> {
  for (const depth of DEEPEN_STEPS) {
    await git.exec(['fetch', '--quiet', '--no-tags', `--deepen=${depth}`, 'origin']);
    const base = await mergeBase(git, head, baseRef);
    if (base !== null || !(await isShallow(git))) return base;
  }
  return null;
}

/** `HEAD:<path>` of each PLANNING.md the commits touched. */
function planningDocsTouched(commits: CommitInfo[]): string[] {
  const touched = [...new Set(commits.flatMap((commit) => commit.files).filter(isPlanningPath))];
  return touched.filter((file) => !/[\r\n]/.test(file)).map((file) => `HEAD:${file}`);
}

function isPlanningPath(file: string): boolean {
  return path.posix.basename(file) === PLANNING_FILE;
}

const EMPTY_TREES: Record<string, string> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

async function emptyTree(git: Git): Promise<string> {
  const format = (await git.run(['rev-parse', '--show-object-format'])).trim();
  const tree = EMPTY_TREES[format];
  if (!tree) throw new GitError('failed', `Unsupported object format '${format}'.`);
  return tree;
}

/** What the change is measured from, and the commit whose recorded changes it must include (branch mode). */
interface ChangeSides {
  fromTree: string;
  recordedUpTo: string | undefined;
  /** Staged mode on a branch: the merge base, against which a staged file put back as it was is no change. */
  restoredTo?: string | undefined;
  /** Keep committed edits that the disk shows put back (what a push carries). */
  keepPutBack?: boolean;
}

/**
 * git's words when a working-tree file went away while it read it, as an
 * editor or a formatter rewriting the file does: `stat 'src/a.ts': No such
 * file or directory`.
 */
const VANISHED = /\b(?:l?stat|open)\(?\s*['"]([^'"\n]+)['"]\)?: No such file or directory/;

type Diff = Awaited<ReturnType<typeof diffAgainst>>;

/** The working tree's diff; when a file went away while git read it, read once more: the file is then deleted, or back. */
async function diffWorkingTree(git: Git, fromTree: string, notes: string[], numstat = true): Promise<Diff> {
  try {
    return await diffAgainst(git, fromTree, { cached: false, numstat });
  } catch (error) {
    const gone = vanishedPath(error);
    if (gone === undefined) throw error;
    const again = await diffAgainst(git, fromTree, { cached: false, numstat }).catch((second: unknown) => {
      const still = vanishedPath(second);
      if (still === undefined || !isGitError(second)) throw second;
      throw new GitError('failed', `${still} went away twice while PM Zone read the change: something is rewriting it. Review again once it is saved.`, second.details);
    });
    notes.push(vanishedNote(gone));
    return again;
  }
}

function vanishedPath(error: unknown): string | undefined {
  return isGitError(error) ? VANISHED.exec(error.details.stderr ?? '')?.[1] : undefined;
}

/** Nothing at all at the path any more: not a file that cannot be read, nor one behind a link out of the repository. */
async function isGone(top: string, file: string): Promise<boolean> {
  return fs.lstat(path.join(top, file)).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
}

function vanishedNote(file: string): string {
  return `${file} went away while PM Zone read the change (being rewritten?): it is reviewed as the working tree had it then. Review again once it is saved.`;
}

/** The change's files, and the blobs named in `alsoRead` that exist (read with the change's own). */
async function changedFiles(git: Git, top: string, { fromTree, recordedUpTo, restoredTo, keepPutBack }: ChangeSides, mode: ChangeMode, alsoRead: string[], onListed?: (files: number) => void): Promise<{ files: ChangedFile[]; alsoRead: Map<string, FileContent>; notes: string[]; indexIsHead: boolean; untracked?: string[] }> {
  const fromWorkingTree = mode !== 'staged';
  const notes: string[] = [];
  // A branch's change, where no attribute file can say which files are binary, is listed without git diffing its lines (binaryByContent.ts):
  // its index and its commits are listed too, so an attribute file the disk lacks and git would read from the index is one of the change's.
  const byContent = fromWorkingTree && recordedUpTo !== undefined && (await contentMayDecideBinary(git, top));
  const workingRead = fromWorkingTree ? diffWorkingTree(git, fromTree, notes, !byContent) : diffAgainst(git, fromTree, { cached: true });
  const [working, untracked, recorded] = await Promise.all([
    workingRead,
    fromWorkingTree ? untrackedFiles(git, top) : Promise.resolve([]),
    recordedUpTo === undefined ? Promise.resolve([]) : byContent ? recordedListings(git, fromTree, recordedUpTo) : recordedChanges(git, fromTree, recordedUpTo, workingRead),
  ]);
  // What is committed or staged goes with the branch whatever the disk shows:
  // a committed file deleted from disk, or a gitlink whose folder is not
  // checked out, is missing from the working tree's diff but not from the push.
  // A file the base branch has, that is on disk as the base branch has it, is
  // the exception: the PM put it back (an undone edit), and what the review
  // looks at is what the PM sees, committed or not.
  const listed = new Set<string | undefined>([...working.entries.flatMap((entry) => [entry.path, entry.oldPath]), ...untracked]);
  listed.delete(undefined);
  const unlisted = uniqueByPath(recorded.flatMap(({ entries }) => entries).filter((entry) => !listed.has(entry.path) && !listed.has(entry.oldPath)));
  // Not where a staged version differs from both HEAD and the disk: that is what the next commit takes.
  const staged = keepPutBack || unlisted.length === 0 || recordedUpTo === undefined ? new Set<string>() : await stagedPaths(git, recordedUpTo);
  const putBack = keepPutBack ? unlisted.map(() => false) : await mapInBatches(unlisted, async (entry) => !staged.has(entry.path) && entry.status !== 'R' && !isNullOid(entry.oldOid) && entry.oldMode !== SUBMODULE_MODE && entry.newMode !== SUBMODULE_MODE && (await readWorkingFile(top, entry.path)) !== undefined);
  const fromObjects = unlisted.filter((_entry, index) => !putBack[index]);
  const restored = restoredTo === undefined ? new Set<string>() : await restoredPaths(git, restoredTo, working.entries);
  const entries = [...working.entries.filter((entry) => !restored.has(entry.path)), ...fromObjects];
  const allListed = [...working.entries, ...recorded.flatMap(({ entries: sides }) => sides)].flatMap((entry) => (entry.oldPath === undefined ? [entry.path] : [entry.path, entry.oldPath]));
  const contentDecides = byContent && (await foldersSayNothing(top, [...allListed, ...untracked]));
  // Where a folder's attribute file may say, git counts the files after all, as it did before the change was listed without it.
  const counted = byContent && !contentDecides ? await countedAgain(git, fromTree, recordedUpTo!, notes) : { working, recorded };
  const binaryPaths = new Set([...counted.working.binaryPaths, ...counted.recorded.flatMap(({ binaryPaths: paths }) => [...paths])]);
  const binaryByGit = (entry: DiffEntry, oldContent: FileContent | undefined, newContent: FileContent | undefined) =>
    contentDecides ? binaryToGit(oldContent) || binaryToGit(newContent) : binaryPaths.has(entry.path);
  onListed?.(entries.length + untracked.length);
  const readFromObjects = new Set(fromObjects);
  const blobIds = entries
    .flatMap((entry) => (fromWorkingTree && !readFromObjects.has(entry) ? [entry.oldOid] : [entry.oldOid, entry.newOid]))
    .filter((oid) => !isNullOid(oid));
  const blobs = await readBlobs(git, [...blobIds, ...alsoRead]);
  const readWorking = async (file: string): Promise<FileContent | undefined> => {
    const content = await readWorkingFile(top, file);
    return content === undefined ? undefined : fileContent(content);
  };

  const tracked = await mapInBatches(entries, async (entry): Promise<ChangedFile | undefined> => {
    const fromDisk = fromWorkingTree && !readFromObjects.has(entry) && entry.status !== 'D';
    const newContent = entry.status === 'D' ? undefined
      : fromDisk ? await readWorking(entry.path)
        : blobs.get(entry.newOid);
    if (fromDisk && newContent === undefined && entry.newMode !== SUBMODULE_MODE && (await isGone(top, entry.path))) {
      // Listed by git, gone by the time it is read: deleted in the working tree, as far as this review can tell.
      notes.push(vanishedNote(entry.path));
      if (entry.status === 'A' || entry.status === 'C') return undefined;
      const deleted = toChangedFile({ ...entry, status: 'D', path: entry.oldPath ?? entry.path }, blobs.get(entry.oldOid), undefined, binaryByGit(entry, blobs.get(entry.oldOid), undefined));
      return { ...deleted, vanished: true };
    }
    return toChangedFile(entry, blobs.get(entry.oldOid), newContent, binaryByGit(entry, blobs.get(entry.oldOid), newContent));
  });
  const added = await mapInBatches(untracked, async (file): Promise<ChangedFile | undefined> => {
    const [content, link] = await Promise.all([readWorking(file), readLinkInside(top, file)]);
    if (content === undefined && link === undefined && (await isGone(top, file))) {
      notes.push(vanishedNote(file));
      return undefined;
    }
    return {
      path: file,
      status: 'added',
      oldText: undefined,
      newText: content?.text,
      ...(content?.binary ? { binary: true, binaryText: binaryTextOf(undefined, content) } : {}),
      ...(link === undefined ? {} : { links: { after: link } }),
    };
  });
  const files = [...tracked, ...added].filter((file): file is ChangedFile => file !== undefined).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const found = new Map<string, FileContent>();
  for (const name of alsoRead) {
    const blob = blobs.get(name);
    if (blob) found.set(name, blob);
  }
  // The index's records from the merge base, then the commit's (recordedChanges): the same records, the same files.
  const indexIsHead = recorded.length === 2 && sameEntries(recorded[0]!.entries, recorded[1]!.entries);
  return { files, alsoRead: found, notes, indexIsHead, ...(fromWorkingTree ? { untracked } : {}) };
}

/** The index's changes, then the commits', against `fromTree`, listed only (`recordedChanges` without the binary files). */
function recordedListings(git: Git, fromTree: string, head: string): Promise<Diff[]> {
  return Promise.all([diffAgainst(git, fromTree, { cached: true, numstat: false }), diffAgainst(git, fromTree, { cached: false, to: head, numstat: false })]);
}

/** The working tree's diff and `recordedChanges` with the files git counts as binary, for a change first listed without them. */
async function countedAgain(git: Git, fromTree: string, head: string, notes: string[]): Promise<{ working: Diff; recorded: Diff[] }> {
  const working = diffWorkingTree(git, fromTree, notes);
  const [counted, recorded] = await Promise.all([working, recordedChanges(git, fromTree, head, working)]);
  return { working: counted, recorded };
}

/**
 * The index's changes, then the commits', against `fromTree`: what `git push`
 * and the next commit would carry. Their binary files are the working tree's
 * diff's where they hold the same files (see `diffsBeside`).
 */
function recordedChanges(git: Git, fromTree: string, head: string, working: Promise<Diff>): Promise<Diff[]> {
  return diffsBeside(git, fromTree, [{ cached: true }, { cached: false, to: head }], working);
}

/**
 * The staged entries that put a file back as `base` has it: the same blob
 * and mode, or a deletion of a file `base` does not have. Renames are left
 * alone (they move a file, whatever its content).
 */
async function restoredPaths(git: Git, base: string, entries: readonly DiffEntry[]): Promise<Set<string>> {
  const candidates = entries.filter((entry) => (entry.status === 'M' || entry.status === 'D' || entry.status === 'T' || entry.status === 'A') && !/[\r\n]/.test(entry.path));
  if (candidates.length === 0) return new Set();
  // One `cat-file --batch-check`: each path's object in the base, or "missing".
  const output = await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: candidates.map((entry) => `${base}:${entry.path}\n`).join('') });
  const answers = output.split('\n');
  return new Set(candidates.filter((entry, index) => {
    const [oid, type] = (answers[index] ?? '').split(' ');
    const missing = type === undefined || type === 'missing';
    return entry.status === 'D' ? missing : !missing && type === 'blob' && oid === entry.newOid;
  }).map((entry) => entry.path));
}

/** The paths with a staged version that is neither `head`'s nor the disk's: what the next commit would take instead of the fix. */
async function stagedPaths(git: Git, head: string): Promise<Set<string>> {
  const names = (output: string) => output.split('\0').filter(Boolean);
  const [staged, unstaged] = await Promise.all([
    git.run(['diff', '--cached', '--name-only', '-z', '--no-renames', head, '--']),
    git.run(['diff', '--name-only', '-z', '--no-renames', '--']),
  ]);
  const differsFromDisk = new Set(names(unstaged));
  return new Set(names(staged).filter((file) => differsFromDisk.has(file)));
}

/** The first entry for each path. */
function uniqueByPath(entries: DiffEntry[]): DiffEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.path) && Boolean(seen.add(entry.path)));
}

/** Maps a few items at a time, so a change of thousands of files never holds thousands of files open. */
async function mapInBatches<T, R>(items: readonly T[], map: (item: T) => Promise<R>, batchSize = 32): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    results.push(...(await Promise.all(items.slice(start, start + batchSize).map(map))));
  }
  return results;
}

function toChangedFile(
  entry: DiffEntry,
  oldContent: FileContent | undefined,
  newContent: FileContent | undefined,
  binaryByGit: boolean,
): ChangedFile {
  const submodule = entry.oldMode === SUBMODULE_MODE || entry.newMode === SUBMODULE_MODE;
  const binary = binaryByGit || submodule || Boolean(oldContent?.binary) || Boolean(newContent?.binary);
  const status: ChangedFile['status'] =
    entry.status === 'A' || entry.status === 'C' ? 'added'
      : entry.status === 'D' ? 'deleted'
        : entry.status === 'R' ? 'renamed'
          : 'modified';
  const links = linksOf(entry, oldContent, newContent);
  return {
    path: entry.path,
    ...(links ? { links } : {}),
    ...(entry.status === 'R' && entry.oldPath !== undefined ? { oldPath: entry.oldPath } : {}),
    status,
    oldText: binary || status === 'added' ? undefined : oldContent?.text,
    newText: binary || status === 'deleted' ? undefined : newContent?.text,
    ...(binary ? { binary: true } : {}),
    ...(submodule ? { submodule: true } : binary ? { binaryText: binaryTextOf(status === 'added' ? undefined : oldContent, status === 'deleted' ? undefined : newContent) } : {}),
  };
}

/** The link targets of a diff entry's sides that are symbolic links (mode 120000), when there is one. */
export function linksOf(entry: DiffEntry, oldContent: FileContent | undefined, newContent: FileContent | undefined): ChangedFile['links'] {
  const before = entry.oldMode === SYMLINK_MODE ? oldContent?.text : undefined;
  const after = entry.newMode === SYMLINK_MODE && entry.status !== 'D' ? newContent?.text : undefined;
  if (before === undefined && after === undefined) return undefined;
  return { ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

async function untrackedFiles(git: Git, top: string): Promise<string[]> {
  // In a small repository, from the working tree's listing (workingTreeListing), where a Git that lives for one command
  // keeps it: a locale file's folder, which the translation check lists, is then answered without another git process.
  // Not in a large one: most reviews need no other listing, and listing every file of nuttx's 27,017 paths made a review
  // 1.11x (SMALL_INDEX_BYTES: an index that size is listed whole with the untracked files at no cost to speak of, git walking the
  // folders for the untracked ones either way). The index file's size is only which way to ask; the untracked files are the same either way.
  const small = git.keepsProcesses && (await fs.stat(path.join(top, '.git', 'index')).then((stats) => stats.isFile() && stats.size <= SMALL_INDEX_BYTES, () => false));
  const shared = small ? workingTreeListing(git) : undefined;
  if (shared) {
    const { files, tracked } = await shared;
    return files.filter((file) => !tracked.has(file));
  }
  const output = await git.run(['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':(top)']);
  return output.split('\0').filter((file) => file !== '');
}
