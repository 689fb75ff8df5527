import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { literalPathspec } from '../git/pathspec';
import { Git } from '../git/runGit';
import { digestHex } from '../digest';

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
  /**
   * git's per-worktree configuration files (gitConfigFiles), by absolute
   * path: blob id, or `absent`. Missing in a record written before they
   * were kept.
   */
  gitConfig?: Record<string, string>;
  /**
   * The common git folder's own `config` (who the user is, the programs git
   * runs, `core.excludesFile`), by blob id, stored so the finish can read
   * it back; `absent` when there is none. Missing in a record written
   * before it was kept.
   */
  config?: string;
}

export type IsLocked = (relPath: string) => Promise<boolean>;

/** A name no glob spells out: a file directly inside a folder, to ask whether the folder is locked. */
const LOCK_PROBE = '.pm-zone-probe';

/**
 * A file's content id with its executable bit: `<blob> executable` for a
 * program, so a mode changed by any means (`chmod`, an interpreter's own
 * chmod) is a change.
 */
export function withMode(blob: string, mode: string): string {
  return mode === '100755' ? `${blob} executable` : blob;
}

/** Every worktree of the repository `root` belongs to, by real path, with its HEAD. */
export async function worktreesOf(root: string): Promise<{ root: string; head: string | null }[]> {
  const output = await new Git(root).run(['worktree', 'list', '--porcelain', '-z']).catch(() => '');
  const found: { root: string; head: string | null }[] = [];
  for (const record of output.split('\0\0')) {
    const fields = record.split('\0');
    const at = fields.find((field) => field.startsWith('worktree '))?.slice('worktree '.length);
    if (!at || fields.includes('bare') || fields.some((field) => field.startsWith('prunable'))) continue;
    // A worktree on a branch with no commit yet (`git checkout --orphan`) is listed with HEAD all zeros: no commit.
    const listed = fields.find((field) => field.startsWith('HEAD '))?.slice(5);
    const head = listed && /^[0-9a-f]{40,64}$/.test(listed) && /[^0]/.test(listed) ? listed : null;
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
  const git = historyGit(root);
  const worktrees = await worktreesOf(root);
  const states: Record<string, WorktreeState> = {};
  for (const worktree of worktrees) states[worktree.root] = await worktreeState(worktree.root, isLocked, options.store ?? false);
  // Every ref, the remote-tracking ones included: what the remote held is read here, at the start, never later.
  const refs = await commitRefs(git, () => true);
  const head = (await git.exec(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { okExitCodes: [1, 128] })).stdout.toString('utf8').trim() || null;
  const tips = new Set([...refs, ...(await stashEntries(git)), ...worktrees.flatMap((worktree) => (worktree.head ? [worktree.head] : []))]);
  if (head) tips.add(head);
  return { head, tips: [...tips].sort(), worktrees: states, gitConfig: await gitConfigState(git, options.store ?? false), config: await repositoryConfigState(git, options.store ?? false) };
}

/** The common git folder's `config`, by absolute path; undefined outside a repository. */
export async function repositoryConfigFile(git: Git): Promise<string | undefined> {
  const common = await commonGitFolder(git);
  return common === undefined ? undefined : path.join(common, 'config');
}

/** The common git folder's `config` by its blob id (stored when `store`, so the finish can read it back), `absent` when there is none. */
export async function repositoryConfigState(git: Git, store: boolean): Promise<string> {
  const file = await repositoryConfigFile(git);
  if (file === undefined || !(await fs.lstat(file).catch(() => undefined))?.isFile()) return 'absent';
  return (await git.run(['hash-object', '--no-filters', ...(store ? ['-w'] : []), '--stdin-paths'], { input: `${file}\n` })).trim();
}

/**
 * The `config.worktree` of the common git folder `common` and of each
 * linked worktree's: git reads who the user is, `core.fsmonitor` and
 * `core.hooksPath` from them (with `extensions.worktreeConfig`), and they
 * sit beside the refs and the index, which any program that commits writes.
 * By absolute path. The common folder's own `config` is in every wall.
 */
export async function gitConfigFiles(common: string): Promise<string[]> {
  const linked = await fs.readdir(path.join(common, 'worktrees')).catch(() => [] as string[]);
  return [path.join(common, 'config.worktree'), ...linked.sort().map((name) => path.join(common, 'worktrees', name, 'config.worktree'))];
}

/** The common git folder of the repository git finds in `git.cwd`, by real path. */
async function commonGitFolder(git: Git): Promise<string | undefined> {
  const common = (await git.run(['rev-parse', '--git-common-dir']).catch(() => '')).trim();
  if (common === '') return undefined;
  const folder = path.resolve(git.cwd, common);
  return fs.realpath(folder).catch(() => folder);
}

/**
 * Each of gitConfigFiles as it is now, read without running git (for every
 * tool call): its blob id in the object format of the ids `like` holds.
 */
export async function gitConfigNow(common: string, like: Record<string, string>): Promise<Record<string, string>> {
  const algorithm = Object.values(like).some((id) => id.length === 64) ? 'sha256' : 'sha1';
  const state: Record<string, string> = {};
  await Promise.all((await gitConfigFiles(common)).map(async (file) => {
    const content = (await fs.lstat(file).catch(() => undefined))?.isFile() ? await fs.readFile(file).catch(() => undefined) : undefined;
    state[file] = content === undefined ? 'absent' : digestHex(algorithm, `blob ${content.length}\0`, content);
  }));
  return state;
}

/** The common git folder's `config` as it is now, read without running git (for every tool call): its blob id in the object format of `like`, or `absent`. */
export async function repositoryConfigNow(common: string, like: string): Promise<string> {
  const file = path.join(common, 'config');
  const content = (await fs.lstat(file).catch(() => undefined))?.isFile() ? await fs.readFile(file).catch(() => undefined) : undefined;
  return content === undefined ? 'absent' : digestHex(like.length === 64 ? 'sha256' : 'sha1', `blob ${content.length}\0`, content);
}

/** Each of gitConfigFiles by its blob id (stored when `store`, so the undo can name it), `absent` when there is none. */
async function gitConfigState(git: Git, store: boolean): Promise<Record<string, string>> {
  const common = await commonGitFolder(git);
  const files = common === undefined ? [] : await gitConfigFiles(common);
  const present = (await Promise.all(files.map(async (file) => ((await fs.lstat(file).catch(() => undefined))?.isFile() ? file : undefined)))).filter((file): file is string => file !== undefined);
  const state: Record<string, string> = Object.fromEntries(files.map((file) => [file, 'absent']));
  if (present.length === 0) return state;
  const output = await git.run(['hash-object', '--no-filters', ...(store ? ['-w'] : []), '--stdin-paths'], { input: present.map((file) => `${file}\n`).join('') });
  output.split('\n').filter(Boolean).forEach((hash, index) => (state[present[index]] = hash));
  return state;
}

export async function worktreeState(root: string, isLocked: IsLocked, store: boolean): Promise<WorktreeState> {
  const git = new Git(root);
  const [listed, status] = await Promise.all([
    git.run(['ls-files', '-s', '-v', '-z']),
    // Ignored files too (a `.env`, a folder a `core.excludesFile` hides): ignoring is the user's to set, and so the agent's.
    // The user's excludes file is not read at all: a folder it hides whole would be skipped below unless locked whole.
    git.run(['-c', 'core.excludesFile=', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames']),
  ]);
  const dirty = new Set<string>();
  const untracked: string[] = [];
  const ignoredFolders: string[] = [];
  for (const entry of status.split('\0').filter((part) => part.length > 3)) {
    if (entry.startsWith('!!') && entry.endsWith('/')) ignoredFolders.push(entry.slice(3));
    else if (entry.startsWith('??') || entry.startsWith('!!')) untracked.push(entry.slice(3));
    else dirty.add(entry.slice(3));
  }
  // An ignored folder is read file by file only where it is locked (never node_modules or a build output).
  for (const folder of ignoredFolders) {
    if (!(await isLocked(`${folder}${LOCK_PROBE}`))) continue;
    const inside = await git.run(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', literalPathspec(folder)]).catch(() => '');
    untracked.push(...inside.split('\0').filter(Boolean));
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
    if (stage === '0' && marks.length === 0 && !dirty.has(file) && mode !== '120000') state.files[file] = withMode(blob, mode);
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
  const executable = new Set<string>();
  await Promise.all(files.map(async (file) => {
    const absolute = path.join(root, ...file.split('/'));
    const stats = await fs.lstat(absolute).catch(() => undefined);
    if (stats?.isSymbolicLink()) ids[file] = `link:${await fs.readlink(absolute)}`;
    else if (stats?.isFile()) regular.push(file);
    else ids[file] = 'absent';
    if (stats?.isFile() && (stats.mode & 0o111) !== 0) executable.add(file);
  }));
  if (regular.length > 0) {
    const output = await git.run(['hash-object', ...(store ? ['-w'] : []), '--stdin-paths'], { input: regular.map((file) => `${file}\n`).join('') });
    const hashes = output.split('\n').filter(Boolean);
    regular.forEach((file, index) => (ids[file] = withMode(hashes[index] ?? 'unreadable', executable.has(file) ? '100755' : '100644')));
  }
  return ids;
}

/**
 * A git that reads history as it is stored: `git replace` can put an
 * innocent twin in place of any commit for every command that does not say
 * otherwise, while a push sends the real one.
 */
export function historyGit(root: string): Git {
  return new Git(root, { env: { GIT_NO_REPLACE_OBJECTS: '1' } });
}

/** The commit of each ref `keep` takes by name (an annotated tag read as its commit); a ref to a tree or a blob carries no commit. */
export async function commitRefs(git: Git, keep: (ref: string) => boolean): Promise<string[]> {
  const listing = await git.run(['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)']);
  const commits = new Set<string>();
  for (const line of listing.split('\n').filter(Boolean)) {
    const [type, name, peeledType, peeled, ...ref] = line.split(' ');
    if (!keep(ref.join(' '))) continue;
    if (type === 'commit') commits.add(name);
    else if (type === 'tag' && peeledType === 'commit') commits.add(peeled);
  }
  return [...commits];
}

/**
 * Every stash entry, by the stash's own log: `--glob=refs/stash` reads
 * `refs/stash/*` (git adds `/*` to a glob without wildcards) and so nothing,
 * and the entries below the top are in no ref at all.
 */
export async function stashEntries(git: Git): Promise<string[]> {
  const listing = await git.exec(['log', '--walk-reflogs', '--format=%H', 'refs/stash', '--'], { okExitCodes: [128] });
  return listing.exitCode === 0 ? listing.stdout.toString('utf8').split('\n').filter(Boolean) : [];
}
