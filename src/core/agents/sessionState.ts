import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Git } from '../git/runGit';

// What the locked area of a repository is at one moment, in git's own
// terms, so the backstop can compare the end of an agent's session with its
// start rather than with the last commit (which a commit made during the
// session moves): for every worktree, each locked file's content (as a blob
// id, whatever the index says about it: a file marked assume-unchanged or
// skip-worktree is read, not trusted), its index entry and those two marks;
// and the commits every ref points at, so each commit made since can be
// read. Only locked paths are kept.

/** One worktree's locked files: working-tree content, index entry, index marks; each by repository path. */
export interface WorktreeState {
  /** Blob id of the file as it is on disk, `link:<target>` for a link, `absent` when there is none. */
  files: Record<string, string>;
  /** `<mode> <blob> <stage>` as `git ls-files -s` gives it. */
  index: Record<string, string>;
  /** `assume-unchanged`, `skip-worktree`, or both, for the paths marked. */
  marks: Record<string, string>;
}

export interface RepositoryState {
  head: string | null;
  /** Every commit a ref or a worktree's HEAD points at: what the repository held. */
  tips: string[];
  /** By each worktree's real path. */
  worktrees: Record<string, WorktreeState>;
}

export type IsLocked = (relPath: string) => Promise<boolean>;

/** Every worktree of the repository `root` belongs to, by real path, with its HEAD. */
export async function worktreesOf(root: string): Promise<{ root: string; head: string | null }[]> {
  const output = await new Git(root).run(['worktree', 'list', '--porcelain', '-z']).catch(() => '');
  const found: { root: string; head: string | null }[] = [];
  for (const record of output.split('\0\0')) {
    const fields = record.split('\0');
    const at = fields.find((field) => field.startsWith('worktree '))?.slice('worktree '.length);
    if (!at || fields.includes('bare') || fields.some((field) => field.startsWith('prunable'))) continue;
    const head = fields.find((field) => field.startsWith('HEAD '))?.slice(5) ?? null;
    found.push({ root: await fs.realpath(at).catch(() => at), head });
  }
  if (found.length === 0) found.push({ root: await fs.realpath(root).catch(() => root), head: null });
  return found;
}

/**
 * The state of every worktree's locked files, and the commits the refs
 * hold. `store`: write the content of locked files that differ from their
 * index entry into git's object store, so that "put it back" can name a
 * blob that exists (done at the start of a session).
 */
export async function repositoryState(root: string, isLocked: IsLocked, options: { store?: boolean } = {}): Promise<RepositoryState> {
  const git = new Git(root);
  const worktrees = await worktreesOf(root);
  const states: Record<string, WorktreeState> = {};
  for (const worktree of worktrees) states[worktree.root] = await worktreeState(worktree.root, isLocked, options.store ?? false);
  const refs = await git.run(['for-each-ref', '--format=%(objectname)']).catch(() => '');
  const head = (await git.exec(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { okExitCodes: [1, 128] })).stdout.toString('utf8').trim() || null;
  const tips = new Set([...refs.split('\n').filter(Boolean), ...worktrees.flatMap((worktree) => (worktree.head ? [worktree.head] : []))]);
  if (head) tips.add(head);
  return { head, tips: [...tips].sort(), worktrees: states };
}

export async function worktreeState(root: string, isLocked: IsLocked, store: boolean): Promise<WorktreeState> {
  const git = new Git(root);
  const [listed, status] = await Promise.all([
    git.run(['ls-files', '-s', '-v', '-z']),
    git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']),
  ]);
  const dirty = new Set<string>();
  const untracked: string[] = [];
  for (const entry of status.split('\0').filter((part) => part.length > 3)) {
    if (entry.startsWith('??')) untracked.push(entry.slice(3));
    else dirty.add(entry.slice(3));
  }
  const state: WorktreeState = { files: {}, index: {}, marks: {} };
  const toRead: string[] = [];
  for (const entry of listed.split('\0').filter(Boolean)) {
    const match = /^(\S) (\d+) ([0-9a-f]+) (\d)\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, tag, mode, blob, stage, file] = match;
    if (!(await isLocked(file))) continue;
    state.index[file] = `${mode} ${blob} ${stage}`;
    const marks = [...(tag !== tag.toUpperCase() ? ['assume-unchanged'] : []), ...(tag.toUpperCase() === 'S' ? ['skip-worktree'] : [])];
    if (marks.length > 0) state.marks[file] = marks.join(' ');
    // A marked file's index entry says nothing about the disk: it is read like a changed one.
    if (stage === '0' && marks.length === 0 && !dirty.has(file) && mode !== '120000') state.files[file] = blob;
    else toRead.push(file);
  }
  for (const file of untracked) if (await isLocked(file)) toRead.push(file);
  Object.assign(state.files, await contentIds(git, root, [...new Set(toRead)], store));
  return state;
}

/** Each file's blob id as git would store it (its clean filters applied); a link by its target; `absent` when missing. */
async function contentIds(git: Git, root: string, files: readonly string[], store: boolean): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const regular: string[] = [];
  await Promise.all(files.map(async (file) => {
    const absolute = path.join(root, ...file.split('/'));
    const stats = await fs.lstat(absolute).catch(() => undefined);
    if (stats?.isSymbolicLink()) ids[file] = `link:${await fs.readlink(absolute)}`;
    else if (stats?.isFile()) regular.push(file);
    else ids[file] = 'absent';
  }));
  if (regular.length > 0) {
    const output = await git.run(['hash-object', ...(store ? ['-w'] : []), '--stdin-paths'], { input: regular.map((file) => `${file}\n`).join('') });
    const hashes = output.split('\n').filter(Boolean);
    regular.forEach((file, index) => (ids[file] = hashes[index] ?? 'unreadable'));
  }
  return ids;
}
