// What each of a branch's own commits added, for the secret check: a token
// committed and deleted two commits later is not in the change, yet the push
// carries it and the history keeps it. Read with one `git log` (and, when a
// commit changed a binary file, two `git cat-file`), within limits that say
// what they left unread: the security checks never pass what they did not read.
import { MAX_READABLE_BINARY_BYTES } from './binaryText';
import { objectSizes, readBlobs } from './blobs';
import { LOG_PATCH_FORMAT, parseLogPatches, type LoggedCommit, type LoggedFile } from './logPatches';
import type { BinaryText, BranchAdditions, Change, CommitAdditions, CommitHistory, FileAdditions } from './model';
import type { Git } from './runGit';
import type { FileContent } from './textContent';

export interface HistoryLimits {
  /** The most commits read: a PM's branch has a few dozen. */
  commits: number;
  /** The most bytes of patches and binary files read. */
  bytes: number;
}

export const HISTORY_LIMITS: HistoryLimits = { commits: 500, bytes: 64 * 1024 * 1024 };

/**
 * The history of a branch review: the commits HEAD reaches and neither the
 * merge base nor the base branch does, so a merge of the base branch brings
 * none of the base's own commits in. Undefined for a review of staged or
 * uncommitted edits, which have no commits of their own. Pass it only to a
 * review that will run: git starts reading at once.
 */
export function gitCommitHistory(git: Git, change: Change, limits: HistoryLimits = HISTORY_LIMITS): CommitHistory | undefined {
  if (change.mode !== 'branch' || change.mergeBase === undefined || change.commits.length === 0) return undefined;
  const excluded = [change.mergeBase, ...(change.baseRef === undefined ? [] : [change.baseRef])];
  // Started at once: git reads the history while the review loads its checklist and runs the other checks.
  const read = readAdditions(git, excluded, limits);
  // Whoever reads it hears a failure; until then it must not count as unhandled.
  read.catch(() => undefined);
  return { read: () => read };
}

async function readAdditions(git: Git, excluded: string[], limits: HistoryLimits): Promise<BranchAdditions> {
  const result = await git.exec([
    'log', `--format=${LOG_PATCH_FORMAT}`,
    // Combined diffs for merges: only what the merge itself wrote is its own.
    '--cc', '-M', '--full-index', '--no-relative', '-U4', '--submodule=short',
    // The repository's diff.noprefix or diff.mnemonicPrefix must not change how paths read.
    '--src-prefix=a/', '--dst-prefix=b/',
    `--max-count=${limits.commits + 1}`,
    '--end-of-options', 'HEAD', ...excluded.map((revision) => `^${revision}`), '--',
  ], { maxOutputBytes: limits.bytes });
  const unread: string[] = [];
  let logged = parseLogPatches(result.stdout.toString('utf8'), result.truncated === true);
  if (result.truncated) {
    const read = logged.length === 0 ? 'not one commit could be read whole' : `only its ${logged.length} newest commits were read`;
    unread.push(`its patches are larger than ${sizeOf(limits.bytes)}, and ${read}`);
  }
  if (logged.length > limits.commits) {
    logged = logged.slice(0, limits.commits);
    unread.push(`it has more than ${limits.commits} commits of its own, and only the newest ${limits.commits} were read`);
  }
  const binaries = await readBinaries(git, logged, limits.bytes - result.stdout.length, unread);
  // git lists the newest first; the oldest commit is where a secret was first pushed.
  return { commits: logged.reverse().map((commit) => additionsOf(commit, binaries)), unread };
}

/** The binary files' versions, within what is left of the byte budget; each left unread is said in `unread` (and has no content in the answer). */
async function readBinaries(git: Git, commits: LoggedCommit[], budget: number, unread: string[]): Promise<Map<string, FileContent>> {
  const binaries = commits.flatMap((commit) => commit.files.flatMap((file) => (file.blobs ? [{ commit, file, blobs: file.blobs }] : [])));
  if (binaries.length === 0) return new Map();
  const sizes = await objectSizes(git, binaries.flatMap(({ blobs }) => [blobs.after, ...blobs.before]));
  const wanted: string[] = [];
  let left = budget;
  for (const { commit, file, blobs } of binaries) {
    const ids = [blobs.after, ...blobs.before];
    const size = ids.reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0);
    const after = sizes.get(blobs.after);
    if (after === undefined) {
      unread.push(`${file.path} in commit ${commit.sha.slice(0, 7)} is a binary file git could not read`);
      continue;
    }
    if (after > MAX_READABLE_BINARY_BYTES || size > left) {
      unread.push(`${file.path} in commit ${commit.sha.slice(0, 7)} is a binary file of ${sizeOf(after)} that was not read`);
      continue;
    }
    left -= size;
    wanted.push(...ids);
  }
  return readBlobs(git, wanted);
}

function additionsOf(commit: LoggedCommit, blobs: Map<string, FileContent>): CommitAdditions {
  return {
    sha: commit.sha,
    subject: subjectOf(commit.message),
    message: commit.message,
    files: commit.files.flatMap((file) => fileAdditions(file, blobs)),
  };
}

function fileAdditions(file: LoggedFile, contents: Map<string, FileContent>): FileAdditions[] {
  if (!file.blobs) return file.lines.length > 0 ? [{ path: file.path, lines: file.lines }] : [];
  const readable = (id: string): string | undefined => contents.get(id)?.text ?? contents.get(id)?.readable;
  const after = readable(file.blobs.after);
  if (after === undefined) return [];
  // A merge's parents all count as "before": what any of them had is not the merge's own.
  const binaryText: BinaryText = { before: file.blobs.before.map(readable).filter((text) => text !== undefined).join('\n'), after };
  return [{ path: file.path, lines: [], binaryText }];
}

/** The subject as git's `%s` gives it: the first paragraph, on one line. */
function subjectOf(message: string): string {
  return (message.split(/\n[ \t]*\n/, 1)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024 / 1024)} MB`;
}
