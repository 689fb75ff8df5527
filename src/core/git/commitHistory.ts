// What each of a branch's own commits added, for the secret check: a token
// committed and deleted two commits later is not in the change, yet the push
// carries it and the history keeps it. Read with one `git log` (and, when a
// commit changed a binary file, two `git cat-file`), within limits that say
// what they left unread: the security checks never pass what they did not read.
import { digestHex } from '../digest';
import { MAX_READABLE_BINARY_BYTES } from './binaryText';
import { excludedLiteralPathspec } from './pathspec';
import { objectSizes, readBlobs } from './blobs';
import { addedAsInChange, newTextsByPath } from './asInChange';
import { LOG_PATCH_FORMAT, LogPatchReader, parseLogPatchBytes, type KeepFile, type LoggedCommit, type LoggedFile } from './logPatches';
import type { BinaryText, BranchAdditions, Change, CommitAdditions, CommitHistory, FileAdditions } from './model';
import type { Git } from './runGit';
import type { FileContent } from './textContent';

export interface HistoryLimits {
  /** The most commits read: a PM's branch has a few dozen. */
  commits: number;
  /** The most bytes of patches and binary files read. */
  bytes: number;
  /**
   * The least text (characters) the files the change holds as the branch's
   * one commit left them must have for git not to be asked for their patches
   * (`readWithoutHeld`); 256 KB unless set (tests: 0, always; Infinity, never).
   */
  heldText?: number;
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
  const read = readAdditions(git, excluded, limits, change);
  // Whoever reads it hears a failure; until then it must not count as unhandled.
  read.catch(() => undefined);
  return { read: () => read };
}

/**
 * `git log` of the commits, newest first, as `readAdditions` reads them: `revisions` names them (`HEAD ^base…`, or one commit
 * with `--max-count=1`). `without`: paths whose patches are left out (`--sparse` still shows a commit that touches no other).
 */
function logArgs(maxCount: number, revisions: string[], without: readonly string[] = []): string[] {
  return [
    'log', `--format=${LOG_PATCH_FORMAT}`,
    // Combined diffs for merges: only what the merge itself wrote is its own.
    '--cc', '-M', '--full-index', '--no-relative', '-U4', '--submodule=short',
    // The repository's diff.noprefix or diff.mnemonicPrefix must not change how paths read.
    '--src-prefix=a/', '--dst-prefix=b/',
    `--max-count=${maxCount}`,
    ...(without.length > 0 ? ['--sparse'] : []),
    '--end-of-options', ...revisions, '--',
    ...(without.length > 0 ? [':(top)', ...without.map(excludedLiteralPathspec)] : []),
  ];
}

async function readAdditions(git: Git, excluded: string[], limits: HistoryLimits, change: Change): Promise<BranchAdditions> {
  const held = await heldAsCommitted(git, change, limits).catch(() => undefined);
  // Any failure of the shortcut is left to `readAll`, which reads as it always did.
  const read = held ? await readWithoutHeld(git, excluded, limits, change, held).catch(() => undefined) : undefined;
  return read ?? readAll(git, excluded, limits, change);
}

async function readAll(git: Git, excluded: string[], limits: HistoryLimits, change: Change): Promise<BranchAdditions> {
  // The newest commit's files that the change holds as it left them keep no lines: a large change is read once, in the change.
  const asInChange = leaveOutAsInChange(git, change, limits.bytes);
  // Read as git prints it: a large change's patch is never held whole.
  const reader = new LogPatchReader(asInChange.keep);
  let bytes = 0;
  const result = await git.exec(logArgs(limits.commits + 1, ['HEAD', ...excluded.map((revision) => `^${revision}`)]), {
    maxOutputBytes: limits.bytes,
    onStdout(chunk) {
      bytes += chunk.length;
      reader.push(chunk);
    },
  });
  const unread: string[] = [];
  let logged = reader.end(result.truncated === true);
  const newest = logged[0];
  if (newest && asInChange.leftOut()) logged[0] = copiedCommit(newest);
  if (result.truncated) {
    const read = logged.length === 0 ? 'not one commit could be read whole' : `only its ${logged.length} newest commits were read`;
    unread.push(`its patches are larger than ${sizeOf(limits.bytes)}, and ${read}`);
  }
  if (logged.length > limits.commits) {
    logged = logged.slice(0, limits.commits);
    unread.push(`it has more than ${limits.commits} commits of its own, and only the newest ${limits.commits} were read`);
  }
  const binaries = await readBinaries(git, logged, limits.bytes - bytes, unread);
  // git lists the newest first; the oldest commit is where a secret was first pushed.
  return { commits: logged.reverse().map((commit) => additionsOf(commit, binaries)), unread };
}

/** At most this many paths, and this many characters of them, are left out of `git log`'s command line by name. */
const MAX_HELD_PATHS = 256;
const MAX_HELD_CHARS = 16_000;
/** A path with no whitespace, quote, backslash or control character. */
// eslint-disable-next-line no-control-regex -- control characters are what git quotes
const PLAIN_PATH = /^[^\s"\\\u0000-\u001f\u007f]+$/;
/** Below this much held text, reading its patch costs less than the git process that finds it held. */
const MIN_HELD_TEXT = 256 * 1024;

/** Files the branch's one commit wrote as the change holds them: their patches, to be found as the change holds them, are not asked for. */
interface Held {
  /** The commit, as the change's listing of the branch's commits names it. */
  commit: string;
  paths: string[];
  /** The most bytes their patches can take (`patchBytesAtMost`). */
  bytes: number;
}

/**
 * The change's files whose text is, byte for byte, what the branch's one
 * commit left (their blob ids are those of the commit's tree), where that
 * commit's patch of them can only be found as the change holds them: files
 * the change found modified (neither renamed, added nor a link; never a
 * rename's either side in the commit, once the commit's parent is the merge
 * base), as text without a CR, a NUL or a lone surrogate, at a path git
 * prints as it is. Undefined when
 * there are none, or the branch is not one commit.
 */
async function heldAsCommitted(git: Git, change: Change, limits: HistoryLimits): Promise<Held | undefined> {
  const commit = change.commits.length === 1 ? change.commits[0].sha : undefined;
  if (commit === undefined || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(commit) || change.mergeBase === undefined || limits.commits < 1 || limits.heldText === Infinity) return undefined;
  const newTexts = newTextsByPath(change);
  const candidates: { path: string; text: string; oldText: string }[] = [];
  let chars = 0;
  let size = 0;
  for (const file of change.files) {
    const text = file.newText;
    if (file.binary || file.submodule || file.links || file.status !== 'modified' || file.oldText === undefined || text === undefined || newTexts.get(file.path) !== text) continue;
    // Only a path git prints as it is, with nothing after it in a patch's header (a name with a space is followed by a tab there): the plain case, the one held equal to the full read.
    if (!PLAIN_PATH.test(file.path) || candidates.some((candidate) => candidate.path === file.path)) continue;
    if (text.includes('\r') || text.includes('\u0000') || !wellFormed(text)) continue;
    candidates.push({ path: file.path, text, oldText: file.oldText });
    chars += file.path.length + 24;
    size += text.length;
    if (candidates.length > MAX_HELD_PATHS || chars > MAX_HELD_CHARS) return undefined;
  }
  if (candidates.length === 0 || size < (limits.heldText ?? MIN_HELD_TEXT)) return undefined;
  // Each file's blob in the commit and in the merge base (its parent, where the shortcut holds), with their sizes in bytes.
  const sides = candidates.flatMap(({ path }) => [`${commit}:${path}\n`, `${change.mergeBase}:${path}\n`]);
  const output = await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { input: sides.join('') });
  const answers = output.split('\n');
  const held: Held = { commit, paths: [], bytes: 0 };
  for (const [index, { path, text, oldText }] of candidates.entries()) {
    const [id, type, newSize] = (answers[2 * index] ?? '').split(' ');
    const [, oldType, oldSize] = (answers[2 * index + 1] ?? '').split(' ');
    if (type !== 'blob' || id === undefined || id !== blobIdOf(text, id.length) || oldType !== 'blob') continue;
    const bytes = { old: Number(oldSize), new: Number(newSize) };
    if (!Number.isSafeInteger(bytes.old) || !Number.isSafeInteger(bytes.new)) continue;
    held.paths.push(path);
    held.bytes += patchBytesAtMost(path, oldText, text, bytes);
  }
  return held.paths.length > 0 ? held : undefined;
}

/** Git's id of a blob holding `text` as UTF-8 (SHA-1, or SHA-256 for a repository of 64-digit ids). */
function blobIdOf(text: string, idLength: number): string | undefined {
  if (idLength !== 40 && idLength !== 64) return undefined;
  const bytes = Buffer.from(text, 'utf8');
  return digestHex(idLength === 40 ? 'sha1' : 'sha256', `blob ${bytes.length}\0`, bytes);
}

/** No half of a surrogate pair alone: the text is what its UTF-8 bytes read back as. */
function wellFormed(text: string): boolean {
  const own = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return own ? own.call(text) : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * The most bytes git's patch of one file (`-U4`) can take: each line of
 * either version at most once, with its mark; a hunk header (at most 128
 * bytes with its function line) for every nine lines at least a hunk
 * holds; the file's header lines, each path in them quoted (at most 4
 * bytes a byte). The versions' bytes are their blobs' sizes as git gives
 * them: the bound once took 3 bytes a character, which put a 14 MB
 * translation update past the 64 MB limit, so git was asked for every
 * patch its 12 MB of patches could have been read without.
 */
function patchBytesAtMost(path: string, oldText: string, newText: string, bytes: { old: number; new: number }): number {
  const lines = countLines(oldText) + countLines(newText);
  return bytes.old + bytes.new + 2 * lines + 128 * (Math.ceil(lines / 9) + 1) + 64 * path.length + 1024;
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * `readAll`'s answer, read without the held files' patches: the one commit's
 * other files as `readAll` keeps them, in their order, and all of them read
 * again, the held ones with their lines, when the secret check must scan
 * them (`CommitAdditions.allFiles`). Undefined where that could differ from
 * `readAll`'s (the commit is not the merge base's child, holds a binary file,
 * or the whole patch could pass the byte limit): `readAll` reads it then.
 */
async function readWithoutHeld(git: Git, excluded: string[], limits: HistoryLimits, change: Change, held: Held): Promise<BranchAdditions | undefined> {
  const without = held.paths;
  const asInChange = leaveOutAsInChange(git, change, limits.bytes, without);
  const reader = new LogPatchReader(asInChange.keep);
  let bytes = 0;
  const result = await git.exec(logArgs(limits.commits + 1, ['HEAD', ...excluded.map((revision) => `^${revision}`)], without), {
    maxOutputBytes: limits.bytes,
    onStdout(chunk) {
      bytes += chunk.length;
      reader.push(chunk);
    },
  });
  if (result.truncated || bytes + held.bytes > limits.bytes) return undefined;
  const logged = reader.end(false);
  const [newest] = logged;
  if (logged.length !== 1 || !newest || newest.sha !== held.commit || newest.parents.length !== 1 || newest.parents[0] !== change.mergeBase) return undefined;
  if (newest.files.some((file) => file.blobs)) return undefined;
  const commit = asInChange.leftOut() ? copiedCommit(newest) : newest;
  const sha = commit.sha;
  const whole = rereadOnce(git, sha, limits.bytes);
  const allFiles = async (): Promise<FileAdditions[]> => {
    const files = await whole();
    if (files.some((file) => file.blobs)) throw new Error(`git read commit ${sha.slice(0, 7)}'s patch differently the second time`);
    return files.flatMap((file) => fileAdditions(file, new Map()));
  };
  return { commits: [{ ...additionsOf(commit, new Map()), allFiles }], unread: [] };
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

/**
 * What the reader keeps of each of the newest commit's files as it reads
 * them: a file whose added lines are all as in the change without its
 * lines, and a way to read them again (one `git log` of that commit alone,
 * whose patch is the same: renames are found in the whole commit, as
 * before), read only when the secret check must scan them. `leftOut` says
 * whether any file was.
 */
function leaveOutAsInChange(git: Git, change: Change, bytes: number, without: readonly string[] = []): { keep: KeepFile; leftOut(): boolean } {
  const newTexts = newTextsByPath(change);
  let reread: { sha: string; files: () => Promise<LoggedFile[]> } | undefined;
  // No closure here may see the commit's strings but through `copied`: whatever one keeps would keep the whole patch.
  const keep: KeepFile = (file, index, sha) => {
    if (!addedAsInChange(newTexts, file)) return file;
    if (!reread) {
      const own = copied(sha);
      reread = { sha: own, files: rereadOnce(git, own, bytes, without) };
    }
    return leftOut(reread.files, reread.sha, copied(file.path), index);
  };
  return { keep, leftOut: () => reread !== undefined };
}

/** The commit with strings of its own, its kept files' included (those left out have theirs already). */
function copiedCommit(commit: LoggedCommit): LoggedCommit {
  return { sha: copied(commit.sha), parents: commit.parents.map(copied), message: copied(commit.message), files: commit.files.map(copiedFile) };
}

/** The commit's files (but those `without`) read again, once, when asked. */
function rereadOnce(git: Git, sha: string, bytes: number, without: readonly string[] = []): () => Promise<LoggedFile[]> {
  let again: Promise<LoggedFile[]> | undefined;
  return () => (again ??= git.exec(logArgs(1, [sha], without), { maxOutputBytes: bytes }).then((result) => {
    if (result.truncated) throw new Error(`commit ${sha.slice(0, 7)}'s patch is larger than ${sizeOf(bytes)}`);
    return parseLogPatchBytes(result.stdout)[0]?.files ?? [];
  }));
}

/** A file without its lines, which `asInChange.read` reads again: the `index`th of the commit's files, at `path`. */
function leftOut(reread: () => Promise<LoggedFile[]>, sha: string, path: string, index: number): LoggedFile {
  return {
    path,
    lines: [],
    asInChange: {
      async read() {
        const found = (await reread())[index];
        if (found?.path !== path) throw new Error(`git read commit ${sha.slice(0, 7)}'s patch differently the second time`);
        return found.lines;
      },
    },
  };
}

function copiedFile(file: LoggedFile): LoggedFile {
  if (file.asInChange) return file;
  return {
    path: copied(file.path),
    lines: file.lines.map((line) => ({ ...line, text: copied(line.text) })),
    ...(file.blobs ? { blobs: { before: file.blobs.before.map(copied), after: copied(file.blobs.after) } } : {}),
  };
}

/** A string of its own: not a piece of a larger one, which it would keep in memory. */
function copied(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
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
  if (file.asInChange) return [{ path: file.path, lines: [], asInChange: file.asInChange }];
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
