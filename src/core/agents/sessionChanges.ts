import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { literalPathspecs } from '../git/pathspec';
import { remoteDefaultTip } from '../git/repository';
import { Git } from '../git/runGit';
import type { ZoneAnswer } from '../policy/zoneModel';
import { commitRefs, historyGit, repositoryConfigFile, repositoryConfigState, repositoryState, stashEntries, withMode, worktreesOf, type IsLocked, type RepositoryState, type WorktreeState } from './sessionState';

// What a session did to the locked area, measured against its start: files
// on disk (marked ones read, not trusted), index entries, the index marks
// that hide a change from `git status`, every commit made since on any local
// branch or worktree (a merge counts for the files it changed against all
// its parents, so bringing in engineering's reviewed work is not the
// session's change), and each with the exact command that undoes it.

export interface SessionChange {
  path: string;
  answer: ZoneAnswer;
  /** How it was changed, said after the path: `staged in the index`, `committed in …`; empty for a file on disk. */
  how: string;
  /** The command that undoes it, run from the repository's top. */
  undo: string;
}

/** Commits read at most: past this many new ones, the backstop reports that it could not read them all. */
const MAX_COMMITS = 200;

/**
 * How an undo is written. `read-only-git`: for an agent whose sandbox keeps
 * all of the git folder read-only (Codex CLI's permission profile), where
 * `git checkout HEAD -- f` cannot take the index lock: the file is put back
 * from the last commit through an index of its own in the temporary folder;
 * and with no `<`, `>` or `&`, which reach Codex's model escaped as XML.
 */
export type UndoForm = 'git' | 'read-only-git';

export async function sessionChanges(root: string, start: RepositoryState, judge: (relPath: string) => Promise<ZoneAnswer>, form: UndoForm = 'git'): Promise<SessionChange[]> {
  const locked: IsLocked = async (relPath) => (await judge(relPath)).zone === 'locked';
  const now = await repositoryState(root, locked);
  const real = await fs.realpath(root).catch(() => root);
  const here = Object.keys(now.worktrees).find((worktree) => worktree === real) ?? real;
  const git = new Git(root);
  const current = start.worktrees[here];
  const touched = current ? union(current.files, now.worktrees[here]?.files ?? {}) : [];
  const atStartHead = start.head ? await treeEntries(git, start.head, touched) : {};
  // A file that now matches a HEAD that moved was changed by commits: the commits are judged, not the file.
  const atHeadNow = now.head !== start.head && now.head ? await treeEntries(git, now.head, touched) : undefined;
  const changes: SessionChange[] = [];
  for (const [worktree, state] of Object.entries(now.worktrees)) {
    const before = start.worktrees[worktree];
    const found = worktree === here && before ? compared(before, state, atStartHead, atHeadNow, form) : unclean(state, before, form);
    const where = worktree === here ? '' : ` in the worktree ${worktree}`;
    for (const change of found) {
      changes.push({ ...change, answer: await judge(change.path), how: `${change.how}${where}`.trim(), undo: worktree === here ? change.undo : inWorktree(worktree, change.undo, form) });
    }
  }
  changes.push(...gitConfigChanges(root, start.gitConfig, now.gitConfig));
  changes.push(...(await repositoryConfigChanges(root, start)));
  changes.push(...(await committedChanges(historyGit(root), start, judge, await worktreeHeads(root))));
  return changes;
}

/** The git configuration files (gitConfigFiles) whose content differs from the start's; none when the start did not record them. */
export function changedGitConfig(start: Record<string, string> | undefined, now: Record<string, string> | undefined): string[] {
  if (start === undefined || now === undefined) return [];
  return union(start, now).filter((file) => (start[file] ?? 'absent') !== (now[file] ?? 'absent'));
}

/** What git reads its user and programs from, written in the session: reported as locked, with the command that puts it back. */
export function gitConfigChanges(root: string, start: Record<string, string> | undefined, now: Record<string, string> | undefined): SessionChange[] {
  return changedGitConfig(start, now).map((file) => {
    const shown = gitFolderPath(root, file);
    const was = start?.[file] ?? 'absent';
    const word = shellWord(shown);
    return {
      path: shown,
      answer: gitConfigAnswer(shown),
      how: 'changed since the session began',
      undo: was === 'absent' ? `rm -- ${word}` : `git cat-file blob ${was} > ${word}`,
    };
  });
}

/** A file in the git folder as the PM reads it: from the top when it is inside the worktree (`.git/config.worktree`), else absolute. */
export function gitFolderPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** Why git's per-worktree configuration is no one's to write in a PM's session, as the zone answer says it. */
export function gitConfigAnswer(shown: string): ZoneAnswer {
  const message = "git's per-worktree configuration: git reads who the user is (a PM or an engineer) and which programs it runs (core.fsmonitor, core.hooksPath) from it";
  return { path: shown, zone: 'locked', reasons: [{ source: 'built-in', line: null, rule: 'config.worktree', message }], owners: [], ownersLine: null, ownersFile: null, unenforced: false, qualifiers: [] };
}

/**
 * The common git folder's `config` changed since the start, in what git reads
 * from it: a key set, changed or removed (`core.excludesFile`, `user.email`,
 * `core.fsmonitor`, an alias…). The upstream a push or `git branch -u` records
 * (`branch.*`) is the PM's own work and not counted. Empty when the start did
 * not record it or nothing git reads changed.
 */
export async function repositoryConfigChanges(root: string, start: RepositoryState): Promise<SessionChange[]> {
  const was = start.config;
  const git = new Git(root);
  const file = await repositoryConfigFile(git);
  const keys = await changedConfigKeys(root, start);
  if (was === undefined || file === undefined || keys.length === 0) return [];
  const shown = gitFolderPath(root, file);
  const word = shellWord(shown);
  const message = "git's configuration: git reads who the user is (a PM or an engineer), which programs it runs (core.fsmonitor, core.hooksPath, aliases) and what it ignores (core.excludesFile) from it";
  return [{
    path: shown,
    answer: { path: shown, zone: 'locked', reasons: [{ source: 'built-in', line: null, rule: '.git/config', message }], owners: [], ownersLine: null, ownersFile: null, unenforced: false, qualifiers: [] },
    how: `${keys.join(', ')} changed since the session began`,
    undo: was === 'absent' ? `rm -- ${word}` : `git cat-file blob ${was} > ${word}`,
  }];
}

/** The keys of the common git folder's `config` set, changed or removed since `start` recorded it, lower-cased as git lists them, `branch.*` left out. */
export async function changedConfigKeys(root: string, start: RepositoryState): Promise<string[]> {
  const was = start.config;
  if (was === undefined) return [];
  const git = new Git(root);
  const file = await repositoryConfigFile(git);
  if (file === undefined) return [];
  const is = await repositoryConfigState(git, false);
  if (is === was) return [];
  const entries = async (args: string[]) => {
    const listed = await git.exec(['config', '--null', '--list', ...args], { okExitCodes: [1, 128] });
    return listed.exitCode === 0 ? listed.stdout.toString('utf8').split('\0').filter((entry) => entry !== '' && !/^branch\./i.test(entry)) : [];
  };
  const [before, after] = await Promise.all([was === 'absent' ? ([] as string[]) : entries([`--blob=${was}`]), is === 'absent' ? ([] as string[]) : entries(['--file', file])]);
  const key = (entry: string) => entry.split('\n')[0];
  const gone = before.filter((entry) => !after.includes(entry));
  const added = after.filter((entry) => !before.includes(entry));
  return [...new Set([...added, ...gone].map(key))].sort();
}

type Found = Omit<SessionChange, 'answer'>;

function compared(before: WorktreeState, after: WorktreeState, atStartHead: Record<string, string>, atHeadNow: Record<string, string> | undefined, form: UndoForm): Found[] {
  const byCommits = (file: string, value: string | undefined) => atHeadNow !== undefined && atHeadNow[file] !== atStartHead[file] && (value ?? 'absent') === (atHeadNow[file] ?? 'absent');
  const found: Found[] = [];
  for (const file of union(before.files, after.files)) {
    const was = before.files[file] ?? 'absent';
    const is = after.files[file] ?? 'absent';
    if (was !== is && !byCommits(file, is)) found.push({ path: file, how: '', undo: putBack(file, was, atStartHead[file], form) });
  }
  for (const file of union(before.index, after.index)) {
    if (before.index[file] === after.index[file] || byCommits(file, indexed(after.index[file]))) continue;
    const entry = before.index[file]?.split(' ');
    found.push({ path: file, how: 'staged in the index', undo: entry ? `git update-index --cacheinfo ${entry[0]},${entry[1]},${shellWord(file)}` : `git rm --cached --quiet -- ${shellWord(file)}` });
  }
  for (const file of union(before.marks, after.marks)) {
    const marks = (after.marks[file] ?? '').split(' ').filter((mark) => mark !== '' && !(before.marks[file] ?? '').includes(mark));
    if (marks.length > 0) found.push({ path: file, how: `marked ${marks.join(' and ')} in the index, which hides its changes from git status`, undo: unmark(file, marks) });
  }
  return found;
}

/** Another worktree: every locked file that differs from its index, or is marked, and was not so when the session began. */
function unclean(state: WorktreeState, before: WorktreeState | undefined, form: UndoForm): Found[] {
  const found: Found[] = [];
  for (const [file, content] of Object.entries(state.files)) {
    const blob = state.index[file]?.split(' ')[1];
    if (content !== indexed(state.index[file]) && before?.files[file] !== content) found.push({ path: file, how: '', undo: blob ? (form === 'git' ? `git checkout -- ${shellWord(file)}` : fromLastCommit(file)) : `rm -- ${shellWord(file)}` });
  }
  for (const [file, marks] of Object.entries(state.marks)) {
    if (before?.marks[file] !== marks) found.push({ path: file, how: `marked ${marks.replace(' ', ' and ')} in the index, which hides its changes from git status`, undo: unmark(file, marks.split(' ')) });
  }
  return found;
}

/** An index entry (`<mode> <blob> <stage>`) as a content id. */
function indexed(entry: string | undefined): string | undefined {
  const [mode, blob] = entry?.split(' ') ?? [];
  return blob === undefined ? undefined : withMode(blob, mode);
}

function unmark(file: string, marks: readonly string[]): string {
  return `git update-index ${marks.map((mark) => `--no-${mark}`).join(' ')} -- ${shellWord(file)}`;
}

/** The command that puts a file back as it was: the last commit's version when that is what it was, else its exact content. */
function putBack(file: string, was: string, atHead: string | undefined, form: UndoForm): string {
  const word = shellWord(file);
  if (was === 'absent') return `rm -- ${word}`;
  if (was === atHead) return form === 'git' ? `git checkout HEAD -- ${word}` : fromLastCommit(file);
  if (was.startsWith('link:')) return `ln -sfn ${shellWord(was.slice(5))} ${word}`;
  const [blob, executable] = was.split(' ');
  return `git cat-file blob ${blob} > ${word}; chmod ${executable ? '+x' : '-x'} ${word}`;
}

function inWorktree(worktree: string, undo: string, form: UndoForm): string {
  if (undo.startsWith('git ')) return `git -C ${shellWord(worktree)} ${undo.slice(4)}`;
  return form === 'git' ? `(cd ${shellWord(worktree)} && ${undo})` : `(cd ${shellWord(worktree)}; ${undo})`;
}

/** The file as the last commit has it, written into the working tree only: git's own index (read-only here) untouched. */
export function fromLastCommit(file: string): string {
  return `GIT_INDEX_FILE="\${TMPDIR:-/tmp}/pm-zone-restore.index" git restore --source=HEAD --worktree -- ${shellWord(file)}`;
}

/**
 * Each locked file changed by a commit made since the start, on any ref the
 * PM can push (branches, tags, notes, any `refs/…` but the remote-tracking
 * ones), a worktree's HEAD or any stash entry; read with replace objects
 * off, and measured against every ref as it was at the start (the
 * remote-tracking refs included): a remote-tracking ref written since hides
 * nothing. When some are found, the commits the remote's default branch
 * holds as the remote says it now (upstreamTip) are engineering's, fetched
 * and merged by the PM: those are not the session's.
 */
async function committedChanges(git: Git, start: RepositoryState, judge: (relPath: string) => Promise<ZoneAnswer>, heads: readonly string[]): Promise<SessionChange[]> {
  const pushable = await commitRefs(git, (ref) => !ref.startsWith('refs/remotes/'));
  const wanted = [...new Set([...pushable, ...(await stashEntries(git)), ...heads])];
  if (wanted.length === 0) return [];
  const found = await lockedCommits(git, wanted, start, judge, []);
  if (found.length === 0) return found;
  const upstream = await upstreamTip(git);
  return upstream === undefined ? found : lockedCommits(git, wanted, start, judge, [upstream]);
}

/** The locked files changed by the commits `wanted` holds that neither the start's refs nor `accepted` hold. */
async function lockedCommits(git: Git, wanted: readonly string[], start: RepositoryState, judge: (relPath: string) => Promise<ZoneAnswer>, accepted: readonly string[]): Promise<SessionChange[]> {
  const list = await git.exec(['rev-list', `--max-count=${MAX_COMMITS + 1}`, ...wanted, '--not', ...start.tips, ...accepted, '--'], { okExitCodes: [128] });
  if (list.exitCode !== 0) {
    // History that cannot be read is reported, never taken for "no commits".
    return [{ path: 'the commits made since the session began', answer: await judge('.git'), how: `unreadable: ${list.stderr.trim().split('\n')[0]}`, undo: `git log --stat --branches --tags --not --remotes` }];
  }
  const commits = list.stdout.toString('utf8').split('\n').filter(Boolean);
  const changes: SessionChange[] = [];
  if (commits.length > MAX_COMMITS) {
    const answer = await judge('.git');
    return [{ path: `${commits.length - 1}+ commits`, answer, how: `made since the session began, more than PM Zone reads (${MAX_COMMITS})`, undo: `git log --stat ${start.head ?? ''}..HEAD` }];
  }
  for (const commit of commits) {
    const [subject, parents] = (await git.run(['log', '-1', '--format=%s%x00%P', commit])).trimEnd().split('\0');
    const merge = parents.split(' ').filter(Boolean).length > 1;
    const files = (await git.run(['diff-tree', '-r', '-z', '--no-commit-id', '--name-only', '--root', ...(merge ? ['--cc'] : []), commit])).split('\0').filter(Boolean);
    for (const file of files) {
      const answer = await judge(file);
      if (answer.zone !== 'locked') continue;
      changes.push({ path: file, answer, how: `committed in ${commit.slice(0, 12)} "${subject}"`, undo: `git revert --no-edit ${merge ? '-m 1 ' : ''}${commit.slice(0, 12)}` });
    }
  }
  return changes;
}

/** How long bringing in the remote's default branch may take when its tip is not here yet; the finish hook has 30 s. */
const UPSTREAM_FETCH_TIMEOUT_MS = 8000;

/**
 * The commit at the tip of origin's default branch as the remote says it now
 * (`git ls-remote`, which answers from the remote, not from a ref the agent
 * can write), once it is here: a tip pushed since the PM last fetched is
 * fetched (`git fetch origin <branch>`, which writes objects and origin's
 * own tracking ref, runs no hook). Undefined without an origin, offline, or
 * past the time limits: then nothing is taken for engineering's.
 */
async function upstreamTip(git: Git): Promise<string | undefined> {
  const tip = await remoteDefaultTip(git);
  if (!tip?.commit || !/^[A-Za-z0-9._/-]+$/.test(tip.branch)) return undefined;
  if (await isCommit(git, tip.commit)) return tip.commit;
  const fetched = await git.exec(['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', 'fetch', '--quiet', '--no-tags', '--no-recurse-submodules', 'origin', `refs/heads/${tip.branch}`], { okExitCodes: [1, 128], timeoutMs: UPSTREAM_FETCH_TIMEOUT_MS }).catch(() => undefined);
  return fetched?.exitCode === 0 && (await isCommit(git, tip.commit)) ? tip.commit : undefined;
}

async function isCommit(git: Git, id: string): Promise<boolean> {
  return (await git.exec(['cat-file', '-e', `${id}^{commit}`], { okExitCodes: [1, 128] })).exitCode === 0;
}

/** The commit each worktree's HEAD is on. */
async function worktreeHeads(root: string): Promise<string[]> {
  return (await worktreesOf(root)).flatMap((worktree) => (worktree.head ? [worktree.head] : []));
}

/** The blob of each path in a commit's tree. */
async function treeEntries(git: Git, commit: string, paths: readonly string[]): Promise<Record<string, string>> {
  if (paths.length === 0) return {};
  const output = await git.run(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...literalPathspecs(paths)]).catch(() => '');
  const entries: Record<string, string> = {};
  for (const line of output.split('\0').filter(Boolean)) {
    const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (match) entries[match[3]] = withMode(match[2], match[1]);
  }
  return entries;
}

function union(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** A path as one shell word: quoted only when it has to be. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
