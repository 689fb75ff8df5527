import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git/runGit';
import { sha256Hex } from '../digest';
import { isWithin } from '../git/folders';
import { fileTextNow } from '../git/regularFile';
import type { ZoneAnswer } from '../policy/zoneModel';
import type { RepositoryPolicy } from '../repository/assemble';
import { zoneSummary } from '../repository/describe';
import { fromLastCommit, shellWord, type SessionChange, type UndoForm } from './sessionChanges';
import type { RepositoryState } from './sessionState';

// The backstop for what the pre-edit check cannot see (a script, a command
// it could not read, an editor outside the agent, a sandbox's gaps such as
// git's plumbing): when the agent is about to finish, the locked area is
// compared with the state recorded when the session began (sessionState.ts,
// sessionChanges.ts): files on disk, the index and its marks, every commit
// made since, other worktrees. Each change is named with the command that
// undoes it. Without a record (the session began before the hooks were
// there) the working tree is compared with the last commit.

/** One path `git status` lists, and how to put it back as the last commit has it. */
export interface ChangedPath {
  path: string;
  /** The command that undoes the change; the pre-edit check never refuses it. */
  revert: string;
}

const SESSIONS_FOLDER = path.join('pm-zone', 'agent-sessions');
const SESSION_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Every path that differs from the last commit, staged or not, tracked or new. */
export async function changedPaths(git: Git, form: UndoForm = 'git'): Promise<ChangedPath[]> {
  const output = await git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const entries = output.split('\0').filter((entry) => entry.length > 3);
  return entries.map((entry) => {
    const status = entry.slice(0, 2);
    const file = entry.slice(3);
    const quoted = shellWord(file);
    if (status === '??') return { path: file, revert: `rm -- ${quoted}` };
    if (status[0] === 'A') return { path: file, revert: `git rm -f -- ${quoted}` };
    return { path: file, revert: form === 'git' ? `git checkout HEAD -- ${quoted}` : fromLastCommit(file) };
  });
}

export interface SessionRecord {
  version: 2;
  startedAt: number;
  state: RepositoryState;
}

/** The locked area as the session found it, kept in the git folder under the session's id. */
export async function saveSessionStart(gitDir: string, sessionId: string, state: RepositoryState): Promise<void> {
  const folder = path.join(gitDir, SESSIONS_FOLDER);
  await fs.mkdir(folder, { recursive: true });
  await forgetOldSessions(folder);
  const record: SessionRecord = { version: 2, startedAt: Date.now(), state };
  await fs.writeFile(sessionFile(gitDir, sessionId), JSON.stringify(record), 'utf8');
}

export async function loadSessionStart(gitDir: string, sessionId: string | undefined): Promise<SessionRecord | undefined> {
  if (sessionId === undefined) return undefined;
  const record = await fileTextNow(sessionFile(gitDir, sessionId)).then((text) => (text === undefined ? undefined : (JSON.parse(text) as SessionRecord))).catch(() => undefined);
  return record?.version === 2 && record.state?.worktrees ? record : undefined;
}

/** Without a record of the session's start: the locked files that differ from the last commit. */
export async function lockedChangesSinceCommit(git: Git, zoneOf: (relPath: string) => Promise<ZoneAnswer>, form: UndoForm = 'git'): Promise<SessionChange[]> {
  const judged = await Promise.all((await changedPaths(git, form)).map(async (change) => ({ change, answer: await zoneOf(change.path) })));
  return judged.filter(({ answer }) => answer.zone === 'locked').map(({ change, answer }) => ({ path: change.path, answer, how: '', undo: change.revert }));
}

export function backstopReason(changes: readonly SessionChange[], policy: RepositoryPolicy, knownSession: boolean): string {
  const dri = policy.author?.engineeringDri;
  const undo = [...new Set(changes.map((change) => change.undo))];
  return [
    `PM Zone: ${knownSession ? 'this session changed' : 'these'} engineering-only files${knownSession ? '' : ' differ from the last commit'}:`,
    ...changes.map((change) => `- ${change.answer.path}${change.how ? ` (${change.how})` : ''}: ${zoneSummary(change.answer, { forPm: true })}`),
    `Before you finish, ${knownSession ? 'revert them' : "revert the changes this session made to them (leave alone any change it did not make)"}:`,
    ...undo.map((command) => `  ${command}`),
    `Then tell the PM that this part needs engineering: ${dri ? `ask the engineering DRI, ${dri}` : 'ask the engineering DRI'}, with what is needed written into the PLANNING.md hand-off.`,
  ].join('\n');
}

/**
 * A session id that names its record as it is: lower-case letters, digits and hyphens (the agents' UUIDs), which no
 * file system reads as another id. Any other id is named by the start of its SHA-256, as every id was: for the name
 * alone, the one hash a warm decision still made once the checks before it were held (guardChain.ts).
 */
const PLAIN_SESSION_ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

function sessionFile(gitDir: string, sessionId: string): string {
  const name = PLAIN_SESSION_ID.test(sessionId) ? `id-${sessionId}` : sha256Hex(sessionId).slice(0, 24);
  return path.join(gitDir, SESSIONS_FOLDER, `${name}.json`);
}

async function forgetOldSessions(folder: string): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  await Promise.all(names.map(async (name) => {
    const file = path.join(folder, name);
    const stats = await fs.stat(file).catch(() => undefined);
    if (stats && now - stats.mtimeMs > SESSION_MAX_AGE_MS && isWithin(folder, file)) await fs.rm(file, { force: true });
  }));
}
