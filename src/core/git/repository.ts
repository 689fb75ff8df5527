import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { commitNamed, objectTypes } from './blobs';
import { isCloseAncestor } from './closeAncestor';
import { GitError } from './gitError';
import { headNamedAsGitReads } from './headTrees';
import { INDEX_TREE_RECORD_FILE, indexTree } from './indexTree';
import { refsAsGitReads } from './refFiles';
import { parseRemote, type RemoteRepository } from './remote';
import type { Git } from './runGit';
import { topAsGitFinds } from './topFolder';

// Queries about the repository as a whole. Paths returned are absolute and
// use the platform's separators; repository-relative paths elsewhere use `/`.

const tops = new WeakMap<Git, Promise<string>>();
/** For a Git that reads its configuration once: the common folder and the hooks folder, found with the top one (undefined when they were not). */
const gitFolders = new WeakMap<Git, () => Promise<{ common: string; hooks: string } | undefined>>();
/** For a Git that reads its configuration once: its common git folder, where the file system vouched for it (foldersFromTop). */
const vouchedGitFolders = new WeakMap<Git, string>();

/**
 * Absolute path of the working tree's top folder. Asked once per Git: a Git
 * lives for one command or one review, and opening the repository and
 * reading its change both ask. A failure is not kept. Where the file system
 * provably gives git's answer (topAsGitFinds), no git process is started
 * for it (foldersFromTop says what a Git that reads its configuration once
 * then knows); elsewhere such a Git asks its other folders and HEAD with
 * it, in the one process it starts anyway.
 */
export function root(git: Git): Promise<string> {
  let top = tops.get(git);
  if (!top) {
    const found = existsSync(git.gitPath) ? topAsGitFinds(git.cwd, git.env) : undefined;
    if (found !== undefined && git.readConfigOnce) foldersFromTop(git, found);
    top = found !== undefined ? Promise.resolve(found) : git.readConfigOnce ? topWithGitFolders(git) : git.run(['rev-parse', '--show-toplevel']).then((output) => path.resolve(output.trim()));
    top.catch(() => tops.delete(git));
    tops.set(git, top);
  }
  return top;
}

/** For a Git that reads its configuration once: HEAD's commit and branch, asked with the top folder or once when first asked (undefined when HEAD names no commit). */
const headsWithTop = new WeakMap<Git, () => Promise<{ head: string; branch: string | null } | undefined>>();

/** headsWithTop's answer once the top folder was asked; undefined before that, or when it holds none. */
async function headWithTop(git: Git): Promise<{ head: string; branch: string | null } | undefined> {
  return tops.has(git) ? headsWithTop.get(git)?.() : undefined;
}

/**
 * The top folder, with the common and hooks folders commonDirAndHooksPath
 * would ask for and headAndBranch's answer, of one git process: for a Git
 * whose command writes no configuration (core.hooksPath then cannot change
 * while it lives) and moves no HEAD (a review, check-config, the CI gate).
 * Before the first commit, or outside a repository, git fails the whole
 * question: the folders are then asked without HEAD (git's own failure is
 * the answer), and HEAD later, as headAndBranch asks it. Where git's answer
 * is not five lines (a path with a line break in it), the top folder is
 * asked on its own, as root asks it, and the rest later.
 */
async function topWithGitFolders(git: Git): Promise<string> {
  const withHead = git.exec(['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir', '--git-path', 'hooks', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], { keepHooksPath: true, okExitCodes: [128] })
    .then((result) => (result.exitCode === 0 ? result.stdout.toString('utf8').replace(/\n$/, '').split('\n') : undefined));
  const asked = withHead.then(async (lines) => lines ?? (await git.run(['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir', '--git-path', 'hooks'], { keepHooksPath: true })).replace(/\n$/, '').split('\n'));
  const folders = (found: string[]) => (found.length === 3 || found.length === 5 ? { common: path.resolve(found[1].trim()), hooks: path.resolve(found[2].trim()) } : undefined);
  const answered = asked.then(folders, () => undefined);
  gitFolders.set(git, () => answered);
  const heads = withHead.then((found) => (found?.length === 5 ? headAndBranchOf(found[3], found[4]) : undefined), () => undefined);
  headsWithTop.set(git, () => heads);
  const found = await asked;
  if (found.length === 3 || found.length === 5) return path.resolve(found[0].trim());
  return path.resolve((await git.run(['rev-parse', '--show-toplevel'])).trim());
}

/**
 * For a Git that reads its configuration once, whose top folder the file
 * system gave (topAsGitFinds): the common folder is that top's `.git` (a
 * folder with no `commondir`, in a configuration that moves nothing), and
 * the hooks folder its `hooks` while the configuration listing sets no
 * core.hooksPath. A set one, which git expands and resolves by its own
 * rules, is git's to answer (`--git-path hooks`), asked only when a command
 * asks for it. HEAD is asked once, when a command first asks (headAndBranch,
 * headSha): `check-config` never does, and starts no process for any of it.
 */
function foldersFromTop(git: Git, top: string): void {
  const common = path.join(top, '.git');
  vouchedGitFolders.set(git, common);
  let asked: Promise<{ common: string; hooks: string } | undefined> | undefined;
  gitFolders.set(git, () => (asked ??= git.listedConfigValue('core.hooksPath', { keepHooksPath: true }).then((hooksPath) => (hooksPath === null ? { common, hooks: path.join(common, 'hooks') } : undefined), () => undefined)));
  let head: ReturnType<typeof headAndBranchAsked> | undefined;
  headsWithTop.set(git, () => (head ??= headAndBranchInFolder(git, common).catch(() => undefined)));
}

/**
 * The common git folder of a Git that keeps its processes, where the file
 * system vouched for it (foldersFromTop, once root was asked); undefined
 * elsewhere, and git answers what the folder's files would.
 */
async function vouchedGitFolder(git: Git): Promise<string | undefined> {
  if (!git.keepsProcesses) return undefined;
  await root(git).catch(() => undefined);
  return vouchedGitFolders.get(git);
}

/**
 * The tree the index holds, as the side of a difference (indexTree.ts), for
 * a Git that keeps its processes in a git folder the file system vouched
 * for, reading that folder's own index (no GIT_INDEX_FILE, as a hook's
 * commit names); undefined elsewhere, and git reads the index. What it
 * holds is kept in that folder's records by the index's checksum, for the
 * next command (a large index is then read once, not on every review).
 */
export async function indexAsTree(git: Git, idBytes: number): Promise<{ tree: string } | undefined> {
  const gitFolder = await vouchedGitFolder(git);
  if (gitFolder === undefined || git.env.GIT_INDEX_FILE !== undefined) return undefined;
  const tree = indexTree(path.join(gitFolder, 'index'), idBytes, path.join(gitFolder, INDEX_TREE_RECORD_FILE));
  return tree === undefined ? undefined : { tree };
}

/**
 * headAndBranch's answer for a Git that reads its configuration once, in a
 * git folder the file system vouched for (foldersFromTop): the branch from
 * the HEAD file as git reads it (headNamedAsGitReads), the commit from the
 * process the command keeps for reading objects (`HEAD^{commit}`, as
 * rev-parse peels it), so no git process is started for either. A HEAD file
 * this does not read is git's (rev-parse); undefined before the first commit.
 */
async function headAndBranchInFolder(git: Git, gitFolder: string): Promise<{ head: string; branch: string | null } | undefined> {
  const named = headNamedAsGitReads(gitFolder);
  if (!named) return headAndBranchAsked(git);
  const head = await commitNamed(git, 'HEAD');
  return head === undefined ? undefined : { head, branch: 'ref' in named ? branchOfRef(named.ref) : null };
}

/** Absolute path of the folder shared by all worktrees (`.git` of the main one). */
export async function commonDir(git: Git): Promise<string> {
  const output = await git.run(['rev-parse', '--path-format=absolute', '--git-common-dir']);
  return path.resolve(output.trim());
}

/** The checked-out branch (also before its first commit), or null when HEAD is detached or names no branch. */
export async function currentBranch(git: Git): Promise<string | null> {
  const result = await git.exec(['symbolic-ref', '--quiet', 'HEAD'], { okExitCodes: [1] });
  return result.exitCode === 0 ? branchOfRef(result.stdout.toString('utf8').trim()) : null;
}

/**
 * The branch a full ref name is (`refs/heads/<name>`), else null. Not git's
 * short name (`symbolic-ref --short`): where a tag has the branch's name, that
 * is `heads/<name>`, which a push and a pull request would take for another
 * branch. HEAD can name a ref outside refs/heads (`git symbolic-ref HEAD
 * refs/tags/v1` is allowed): no branch is checked out then.
 */
function branchOfRef(ref: string): string | null {
  return ref.startsWith(BRANCH_PREFIX) && ref.length > BRANCH_PREFIX.length ? ref.slice(BRANCH_PREFIX.length) : null;
}

const BRANCH_PREFIX = 'refs/heads/';

/**
 * headSha's and currentBranch's answers, in one git process where HEAD names
 * a commit (`rev-parse` prints its id, then the ref HEAD names, or `HEAD` when
 * detached); before the first commit, where that fails, each is asked.
 */
export async function headAndBranch(git: Git): Promise<{ head: string | null; branch: string | null }> {
  const withTop = await headWithTop(git);
  if (withTop) return withTop;
  const found = await headAndBranchAsked(git);
  if (found) return found;
  const [head, branch] = await Promise.all([headSha(git), currentBranch(git)]);
  return { head, branch };
}

/** HEAD's commit and branch, in one git process; undefined where HEAD names no commit (before the first commit). */
async function headAndBranchAsked(git: Git): Promise<{ head: string; branch: string | null } | undefined> {
  const result = await git.exec(['rev-parse', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], { okExitCodes: [128] });
  const lines = result.stdout.toString('utf8').split('\n');
  return result.exitCode === 0 && lines.length === 3 && lines[2] === '' ? headAndBranchOf(lines[0]!, lines[1]!) : undefined;
}

/** `rev-parse HEAD^{commit} --symbolic-full-name HEAD`'s two lines read: undefined unless the first is a commit id. */
function headAndBranchOf(commit: string, ref: string): { head: string; branch: string | null } | undefined {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit) ? { head: commit, branch: branchOfRef(ref) } : undefined;
}

/** The checked-out branch; throws a `detached-head` GitError when there is none. */
export async function requireCurrentBranch(git: Git): Promise<string> {
  const branch = await currentBranch(git);
  if (branch === null) {
    throw new GitError('detached-head', 'HEAD is detached (no branch is checked out): switch to a branch first.');
  }
  return branch;
}

/** The commit HEAD points to, or null before the first commit; for a Git that asked it with the top folder, that answer (as headAndBranch takes it). */
export async function headSha(git: Git): Promise<string | null> {
  const withTop = await headWithTop(git);
  return withTop ? withTop.head : resolveCommit(git, 'HEAD');
}

/** The full commit id a revision names, or null when it names no commit. */
export async function resolveCommit(git: Git, revision: string): Promise<string | null> {
  if (revision.startsWith('-')) return null;
  const result = await git.exec(['rev-parse', '--quiet', '--verify', '--end-of-options', `${revision}^{commit}`], {
    okExitCodes: [1],
  });
  const sha = result.stdout.toString('utf8').trim();
  return result.exitCode === 0 && sha !== '' ? sha : null;
}

export function userEmail(git: Git): Promise<string | null> {
  return configValue(git, 'user.email');
}

/**
 * user.email as git resolves it, leaving out a worktree's own configuration
 * (`config.worktree`, which sits beside the refs and the index that any
 * program that commits writes): who the guard takes the user for. Read
 * from the repository's config, the user's and the system's, which every
 * wall keeps. A git without `--show-scope` (before 2.26) reads as git does.
 */
export async function userEmailOutsideWorktree(git: Git): Promise<string | null> {
  const result = await git.exec(['config', '--show-scope', '--get-all', 'user.email'], { okExitCodes: [1, 129] });
  if (result.exitCode === 129) return userEmail(git);
  if (result.exitCode !== 0) return null;
  const values = result.stdout.toString('utf8').split('\n').filter(Boolean).map((line) => line.split('\t')).filter(([scope]) => scope !== 'worktree');
  return values.length === 0 ? null : values[values.length - 1].slice(1).join('\t');
}

export function userName(git: Git): Promise<string | null> {
  return configValue(git, 'user.name');
}

/** One config value as git resolves it (repository, user, system), or null when unset. */
export async function configValue(git: Git, key: string, options: { keepHooksPath?: boolean } = {}): Promise<string | null> {
  const listed = await git.listedConfigValue(key, options);
  if (listed !== undefined) return listed;
  const result = await git.exec(['config', '--get', key], { okExitCodes: [1], ...options });
  const value = result.stdout.toString('utf8').replace(/\r?\n$/, '');
  return result.exitCode === 0 ? value : null;
}

/** Whether `git config --get key` finds a value: kept between runs where only that was (Git.knowConfig), else as configValue asks. */
export async function configKeySet(git: Git, key: string): Promise<boolean> {
  return (await git.configKeySet(key)) ?? (await configValue(git, key)) !== null;
}

/** The URL of a remote (after `url.*.insteadOf` rewriting), or null when there is no such remote. */
export async function remoteUrl(git: Git, name = 'origin'): Promise<string | null> {
  if (name.startsWith('-')) return null;
  const result = await git.exec(['remote', 'get-url', name], { okExitCodes: [2] });
  const url = result.stdout.toString('utf8').trim();
  return result.exitCode === 0 && url !== '' ? url : null;
}

/** The hosted repository a remote (origin by default) names, if it names one. */
export async function remoteRepository(git: Git, name = 'origin'): Promise<RemoteRepository | undefined> {
  const url = await remoteUrl(git, name);
  return (url && parseRemote(url)) || undefined;
}

/** The remote (origin first, then the others by name) that names `repository` on its host, if one does. */
export async function remoteNaming(git: Git, repository: RemoteRepository): Promise<string | undefined> {
  const listed = (await git.exec(['remote'])).stdout.toString('utf8').split('\n').map((name) => name.trim()).filter((name) => name !== '');
  const names = [...listed.filter((name) => name === 'origin'), ...listed.filter((name) => name !== 'origin').sort()];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const name of names) {
    const named = await remoteRepository(git, name);
    if (named && same(named.host, repository.host) && same(named.owner, repository.owner) && same(named.repo, repository.repo)) return name;
  }
  return undefined;
}

/** Commits of `head` that `base` lacks, counting against origin's copy of `base` when there is one; undefined when either is unknown. */
export async function commitsAhead(git: Git, head: string, base: string): Promise<number | undefined> {
  const [headCommit, originBase, localBase] = await Promise.all([
    resolveCommit(git, `refs/heads/${head}`),
    resolveCommit(git, `refs/remotes/origin/${base}`),
    resolveCommit(git, `refs/heads/${base}`),
  ]);
  const baseCommit = originBase ?? localBase;
  if (!headCommit || !baseCommit) return undefined;
  return Number((await git.run(['rev-list', '--count', `${baseCommit}..${headCommit}`])).trim());
}

const ORIGIN_HEAD = 'refs/remotes/origin/HEAD';
/** The names a default branch usually has: without origin/HEAD, the only one of them that exists is the base. */
export const DEFAULT_BRANCH_NAMES: readonly string[] = ['main', 'master', 'develop', 'trunk'];
const DEFAULT_BRANCHES = DEFAULT_BRANCH_NAMES;
/** How long the remote may take to say its default branch before PM Zone goes on without it (offline, a slow VPN). */
export const REMOTE_HEAD_TIMEOUT_MS = 3000;
const originRef = (name: string) => `refs/remotes/origin/${name}`;
const localRef = (name: string) => `refs/heads/${name}`;
/** What finding the default base branch needs to see. */
const DEFAULT_BASE_REFS = [ORIGIN_HEAD, ...DEFAULT_BRANCHES.flatMap((name) => [localRef(name), originRef(name)])];

/** A ref that leads to a commit: the ref it points to when it is symbolic ('' when not), and the commit. */
interface CommitRef {
  symref: string;
  commit: string;
}

/**
 * Of the refs named, those that lead to a commit: read from the ref files
 * where the file system vouched for the git folder and they say what git
 * reads (refsAsGitReads), each object's type from the process the command
 * keeps for reading objects; else, or for a ref at a tag, of one git process.
 */
async function commitRefs(git: Git, names: readonly string[]): Promise<Map<string, CommitRef>> {
  const gitFolder = await vouchedGitFolder(git);
  const read = gitFolder === undefined ? undefined : refsAsGitReads(gitFolder, names);
  if (read) {
    const types = await objectTypes(git, [...read.values()].map(({ id }) => id));
    // A tag is peeled once by for-each-ref (a tag of a tag is not a commit there), and a missing object is git's to report.
    if ([...read.values()].every(({ id }) => types.has(id) && types.get(id) !== 'tag')) {
      return new Map([...read].filter(([, { id }]) => types.get(id) === 'commit').map(([name, { symref, id }]) => [name, { symref, commit: id }]));
    }
  }
  return commitRefsListed(git, names);
}

/** commitRefs as `git for-each-ref` lists them. */
async function commitRefsListed(git: Git, names: readonly string[]): Promise<Map<string, CommitRef>> {
  const output = await git.run(['for-each-ref', '--format=%(refname)%00%(symref)%00%(objecttype)%00%(*objecttype)%00%(objectname)%00%(*objectname)', '--', ...names]);
  const found = new Map<string, CommitRef>();
  for (const line of output.split('\n')) {
    const [name = '', symref = '', type, peeled, id = '', peeledId = ''] = line.split('\0');
    // A pattern also matches the refs below it (refs/heads/main/x): only the names asked for count.
    if (!names.includes(name)) continue;
    if (type === 'commit') found.set(name, { symref, commit: id });
    else if (peeled === 'commit') found.set(name, { symref, commit: peeledId });
  }
  return found;
}

/**
 * The default branch from a listing that holds those refs: origin/HEAD's
 * branch, else the remote's own answer (`git ls-remote --symref origin
 * HEAD`, asked only then, within REMOTE_HEAD_TIMEOUT_MS, and nothing when
 * offline; kept as origin/HEAD, see keepAsOriginHead), else the only one of
 * main, master, develop and trunk that exists locally or on origin. Null
 * when none does, or more than one does and nothing says which: then the
 * caller asks for `--base`.
 */
async function defaultBranchIn(git: Git, refs: Map<string, CommitRef>): Promise<string | null> {
  const originHead = refs.get(ORIGIN_HEAD)?.symref;
  if (originHead?.startsWith(originRef(''))) return originHead.slice(originRef('').length);
  const remote = await remoteHead(git);
  if (remote !== null) {
    if (!refs.has(ORIGIN_HEAD) && (await originHas(git, refs, remote))) await keepAsOriginHead(git, remote);
    return remote;
  }
  const present = DEFAULT_BRANCHES.filter((name) => refs.has(localRef(name)) || refs.has(originRef(name)));
  return present.length === 1 ? present[0] : null;
}

/** Whether origin's copy of `branch` leads to a commit: from the listing where it asked for that ref, else asked of git (a default branch of another name). */
async function originHas(git: Git, refs: Map<string, CommitRef>, branch: string): Promise<boolean> {
  const ref = originRef(branch);
  return refs.has(ref) || (!DEFAULT_BASE_REFS.includes(ref) && (await resolveCommit(git, ref)) !== null);
}

/**
 * Sets origin/HEAD to the branch the remote named, where origin/HEAD is not
 * there at all, as `git clone` sets it and as `git fetch` does since Git 2.48
 * (unless `remote.origin.followRemoteHEAD` is "never", which is kept to
 * here): a repository pushed from `git init` has none, and every review, the
 * pre-commit hook's included, asked the network for it again (up to
 * REMOTE_HEAD_TIMEOUT_MS offline). Only for a branch fetched from origin
 * (`refs/remotes/origin/<branch>`, as `git remote set-head` asks). A
 * symbolic origin/HEAD that leads nowhere, or a plain one at a commit, is
 * left as it is; a write that fails (a read-only git folder) changes
 * nothing answered.
 */
async function keepAsOriginHead(git: Git, branch: string): Promise<void> {
  const follow = await configValue(git, 'remote.origin.followRemoteHEAD').catch(() => null);
  if (follow?.trim().toLowerCase() === 'never') return;
  // `symbolic-ref -q` exits 1 for a ref that is missing or not symbolic; a plain origin/HEAD leading to a commit is in `refs`.
  const present = await git.exec(['symbolic-ref', '-q', '--', ORIGIN_HEAD], { okExitCodes: [1] }).catch(() => undefined);
  if (present?.exitCode !== 1) return;
  await git.exec(['symbolic-ref', '-m', "pm-zone: origin's default branch, as the remote said it", '--', ORIGIN_HEAD, originRef(branch)]).catch(() => undefined);
}

/** The branch origin's HEAD names, as the remote says it now; null without an origin, offline, or past the time limit. */
async function remoteHead(git: Git): Promise<string | null> {
  return (await remoteDefaultTip(git))?.branch ?? null;
}

/**
 * origin's default branch and the commit at its tip, as the remote says them
 * now (`git ls-remote --symref origin HEAD`), never read from a local ref;
 * null without an origin, offline, or past REMOTE_HEAD_TIMEOUT_MS.
 */
export async function remoteDefaultTip(git: Git): Promise<{ branch: string; commit: string | null } | null> {
  const hasOrigin = await configKeySet(git, 'remote.origin.url').catch(() => false);
  if (!hasOrigin) return null;
  const result = await git.exec(['ls-remote', '--symref', '--', 'origin', 'HEAD'], { okExitCodes: [1, 2, 128], timeoutMs: REMOTE_HEAD_TIMEOUT_MS }).catch(() => undefined);
  if (result?.exitCode !== 0) return null;
  const listing = result.stdout.toString('utf8');
  const named = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(listing);
  const commit = /^([0-9a-f]{40}|[0-9a-f]{64})\tHEAD$/m.exec(listing);
  return named ? { branch: named[1], commit: commit?.[1] ?? null } : null;
}

/**
 * The branch pull requests usually target: see defaultBranchIn. The one
 * answer the pre-commit hook, `review`, `pr`, `planning` and the editor use.
 */
export async function defaultBaseBranch(git: Git): Promise<string | null> {
  return defaultBranchIn(git, await commitRefs(git, DEFAULT_BASE_REFS));
}

/** When no base branch is found: what to say, naming `--base` (and, where several could be, which). */
export async function noBaseBranchMessage(git: Git): Promise<string> {
  const refs = await commitRefs(git, DEFAULT_BASE_REFS);
  const present = DEFAULT_BRANCHES.filter((name) => refs.has(localRef(name)) || refs.has(originRef(name)));
  const why = present.length > 1
    ? `origin/HEAD is not set and the remote did not say which branch is its default, and ${present.join(' and ')} all exist`
    : `no origin/HEAD, the remote did not say which branch is its default, and there is no ${DEFAULT_BRANCHES.join(', ').replace(/, (?=[^,]*$)/, ' or ')} branch`;
  return `No base branch found (${why}): name the branch to compare with, --base BRANCH (or set it once for the clone: git remote set-head origin BRANCH).`;
}

/**
 * The base branch of a change (`requested`, else the default one) and what
 * to compare with: `origin/<base>` when the remote has it (what the pull
 * request targets), else the base as git reads the name. Usually one git
 * process; `ref` is null when git knows no such commit. `commit` is the
 * commit the ref led to in that listing, where the listing held it.
 */
export async function baseBranchRef(git: Git, requested?: string): Promise<{ branch: string | null; ref: string | null; commit?: string }> {
  const asked = requested === undefined ? [] : [originRef(requested), localRef(requested)];
  const refs = await commitRefs(git, [...asked, ...DEFAULT_BASE_REFS]);
  const branch = requested ?? (await defaultBranchIn(git, refs));
  if (branch === null) return { branch, ref: null };
  const listed = (ref: string) => ({ branch, ref, commit: refs.get(ref)!.commit });
  if (refs.has(originRef(branch))) return listed(originRef(branch));
  // By its full name: git reads a bare name as a tag first, and a tag named as the branch (`main`) would be the base.
  if (refs.has(localRef(branch))) return listed(localRef(branch));
  // Not a branch of either listing (a tag, a commit id, a branch origin/HEAD names): ask git for it.
  if (branch.startsWith('-')) return { branch, ref: null };
  if ((await resolveCommit(git, originRef(branch))) !== null) return { branch, ref: originRef(branch) };
  return { branch, ref: (await resolveCommit(git, branch)) === null ? null : branch };
}

/**
 * Where HEAD's commit `head` left the base branch (`baseRef`, at
 * `baseCommit` where its listing gave it): `head` itself for a branch that
 * has not left its base, the base's commit where that is one of HEAD's
 * close ancestors in a git folder the file system vouched for
 * (isCloseAncestor, no process of its own), else `git merge-base`'s answer.
 */
export async function mergeBaseWithBase(git: Git, head: string, baseRef: string, baseCommit: string | undefined): Promise<string | null> {
  if (baseCommit === head) return head;
  const gitFolder = await vouchedGitFolder(git);
  if (baseCommit !== undefined && gitFolder !== undefined && (await isCloseAncestor(git, head, baseCommit, gitFolder))) return baseCommit;
  return mergeBase(git, head, baseRef);
}

/** The best common ancestor of two revisions, or null when they share no history. */
export async function mergeBase(git: Git, a: string, b: string): Promise<string | null> {
  const result = await git.exec(['merge-base', '--end-of-options', a, b], { okExitCodes: [1] });
  const sha = result.stdout.toString('utf8').trim();
  return result.exitCode === 0 && sha !== '' ? sha : null;
}

/**
 * Absolute path of the folder git runs hooks from: `core.hooksPath` when set
 * (relative values are relative to the working tree's top), else the
 * `hooks` folder of the common git folder, shared by all worktrees.
 */
export async function hooksPath(git: Git): Promise<string> {
  const output = await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { keepHooksPath: true });
  return path.resolve(output.trim());
}

/**
 * commonDir and hooksPath, asked of one git process (check-config asks both
 * on every run). A path with a line break in it makes more than two lines:
 * then each is asked on its own, as those two functions ask it.
 */
export async function commonDirAndHooksPath(git: Git): Promise<{ common: string; hooks: string }> {
  const known = tops.has(git) ? await gitFolders.get(git)?.() : undefined;
  if (known) return known;
  const output = await git.run(['rev-parse', '--path-format=absolute', '--git-common-dir', '--git-path', 'hooks'], { keepHooksPath: true });
  const lines = output.replace(/\n$/, '').split('\n');
  if (lines.length !== 2) return { common: await commonDir(git), hooks: await hooksPath(git) };
  return { common: path.resolve(lines[0].trim()), hooks: path.resolve(lines[1].trim()) };
}

/** Every file git would show: tracked, plus untracked ones not ignored. Repository-relative, `/`-separated. */
export async function listFiles(git: Git): Promise<string[]> {
  const shared = workingTreeListing(git);
  if (shared) return (await shared).files;
  const output = await git.run(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', ':(top)']);
  return [...new Set(output.split('\0').filter((file) => file !== ''))];
}

/** The working tree as one `git ls-files -t --cached --others` lists it. */
export interface WorkingTreeListing {
  /** What listFiles answers: every file, each once, in git's order. */
  files: string[];
  /** The index's entries. */
  tracked: ReadonlySet<string>;
}

const listings = new WeakMap<Git, Promise<WorkingTreeListing>>();

/**
 * The working tree's files and the index's entries from
 * one `git ls-files -t`, for a Git that lives for one command (it keeps its
 * processes, as a review's and check-config's do): check-config asks which
 * policy files git tracks, and lists every file, each of which asked git on
 * its own. (A review's untracked files are still listed on their own: most
 * reviews need no other listing, and in a large repository every file costs
 * more to list than the untracked ones.) Undefined for any other Git, which
 * asks each as before: the files may change between two of its questions.
 */
export function workingTreeListing(git: Git): Promise<WorkingTreeListing> | undefined {
  if (!git.keepsProcesses) return undefined;
  let listing = listings.get(git);
  if (!listing) {
    listing = git.run(['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--full-name', '--', ':(top)']).then(taggedListing);
    listings.set(git, listing);
  }
  return listing;
}

/** `ls-files -t`'s entries read: a tag (`?` for an untracked file; `H`, `S`, `M` for an index entry), a space, the path. */
function taggedListing(output: string): WorkingTreeListing {
  const files = new Set<string>();
  const tracked = new Set<string>();
  for (const entry of output.split('\0')) {
    if (entry.length < 3 || entry[1] !== ' ') continue;
    const file = entry.slice(2);
    files.add(file);
    if (entry[0] !== '?') tracked.add(file);
  }
  return { files: [...files], tracked };
}
