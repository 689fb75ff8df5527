import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../git/runGit';
import { isWithin } from '../git/folders';
import type { ZoneAnswer } from '../policy/zoneModel';
import type { RepositoryPolicy } from '../repository/assemble';
import { zoneSummary } from '../repository/describe';

// The backstop for what the pre-edit check cannot see (a script, a command
// it could not read, an editor outside the agent): when the agent is about
// to finish, the working tree is compared with the last commit, and a
// locked file this session changed is named with the command that reverts
// it. Files that were already changed when the session began are not this
// session's to revert: their state is recorded at session start.

/** One path `git status` lists, and how to put it back as the last commit has it. */
export interface ChangedPath {
  path: string;
  /** The command that undoes the change; the pre-edit check never refuses it. */
  revert: string;
}

const SESSIONS_FOLDER = path.join('pm-zone', 'agent-sessions');
const SESSION_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Every path that differs from the last commit, staged or not, tracked or new. */
export async function changedPaths(git: Git): Promise<ChangedPath[]> {
  const output = await git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const entries = output.split('\0').filter((entry) => entry.length > 3);
  return entries.map((entry) => {
    const status = entry.slice(0, 2);
    const file = entry.slice(3);
    const quoted = shellWord(file);
    if (status === '??') return { path: file, revert: `rm -- ${quoted}` };
    if (status[0] === 'A') return { path: file, revert: `git rm -f -- ${quoted}` };
    return { path: file, revert: `git checkout HEAD -- ${quoted}` };
  });
}

/** What each changed path holds now: its content's hash, a link's target, or absent. */
export async function contentStamps(root: string, paths: readonly string[]): Promise<Record<string, string>> {
  const stamps: Record<string, string> = {};
  await Promise.all(paths.map(async (relPath) => {
    const file = path.join(root, ...relPath.split('/'));
    const stats = await fs.lstat(file).catch(() => undefined);
    const content = stats?.isSymbolicLink() ? Buffer.from(await fs.readlink(file)) : stats?.isFile() ? await fs.readFile(file).catch(() => undefined) : undefined;
    stamps[relPath] = content === undefined ? 'absent' : createHash('sha256').update(content).digest('hex');
  }));
  return stamps;
}

export async function saveSessionStart(gitDir: string, sessionId: string, stamps: Record<string, string>): Promise<void> {
  const folder = path.join(gitDir, SESSIONS_FOLDER);
  await fs.mkdir(folder, { recursive: true });
  await forgetOldSessions(folder);
  await fs.writeFile(sessionFile(gitDir, sessionId), JSON.stringify(stamps), 'utf8');
}

export async function loadSessionStart(gitDir: string, sessionId: string | undefined): Promise<Record<string, string> | undefined> {
  if (sessionId === undefined) return undefined;
  return fs.readFile(sessionFile(gitDir, sessionId), 'utf8').then((text) => JSON.parse(text) as Record<string, string>, () => undefined).catch(() => undefined);
}

/** The changed locked files the session made: those whose state differs from the one recorded when it began. */
export async function lockedChangesOfSession(
  root: string,
  changed: readonly ChangedPath[],
  zoneOf: (relPath: string) => Promise<ZoneAnswer>,
  atStart: Record<string, string> | undefined,
): Promise<{ change: ChangedPath; answer: ZoneAnswer }[]> {
  const judged = await Promise.all(changed.map(async (change) => ({ change, answer: await zoneOf(change.path) })));
  const locked = judged.filter(({ answer }) => answer.zone === 'locked');
  if (!atStart || locked.length === 0) return locked;
  const now = await contentStamps(root, locked.map(({ change }) => change.path));
  return locked.filter(({ change }) => atStart[change.path] !== now[change.path]);
}

export function backstopReason(changes: { change: ChangedPath; answer: ZoneAnswer }[], policy: RepositoryPolicy, knownSession: boolean): string {
  const dri = policy.author?.engineeringDri;
  return [
    `PM Zone: ${knownSession ? 'this session changed' : 'these'} engineering-only files${knownSession ? '' : ' differ from the last commit'}:`,
    ...changes.map(({ answer }) => `- ${answer.path}: ${zoneSummary(answer, { forPm: true })}`),
    `Before you finish, revert ${knownSession ? 'them' : "the changes this session made to them (leave alone any change it did not make)"}:`,
    ...changes.map(({ change }) => `  ${change.revert}`),
    `Then tell the PM that this part needs engineering: ${dri ? `ask the engineering DRI, ${dri}` : 'ask the engineering DRI'}, with what is needed written into the PLANNING.md hand-off.`,
  ].join('\n');
}

function sessionFile(gitDir: string, sessionId: string): string {
  return path.join(gitDir, SESSIONS_FOLDER, `${createHash('sha256').update(sessionId).digest('hex').slice(0, 24)}.json`);
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

/** A path as one shell word: quoted only when it has to be. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
