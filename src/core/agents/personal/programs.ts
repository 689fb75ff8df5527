import { accessSync, constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findGitProgram } from '../../git/gitProgram';

// The programs PM Zone's hooks run by bare name (node: every hook line;
// git: every command PM Zone runs) as PATH found them when the pilot PM ran
// `agents init --me`. An agent's edit tool could plant a `node` in a folder
// PATH reads first (~/.local/bin) or rewrite a `git` the user owns (as
// Homebrew's is on a Mac), and PM Zone's own hooks would then run it outside
// every sandbox. Each is kept by the path PATH finds, the file it resolves
// to, and that file's identity: device, inode, size, modification and
// status-change times. The status-change time (ctime) cannot be set by a
// program (touch sets the other two), and a file written in place, replaced
// by a rename or a link, or chmod-ed changes it, so no hash of a 100 MB node
// is read at every tool call. An update of node or git (a package manager,
// another node version on PATH) changes it too: the PM runs `--me` again.

export const WATCHED_PROGRAMS = ['node', 'git'] as const;
export type WatchedProgram = (typeof WATCHED_PROGRAMS)[number];

export interface ProgramIdentity {
  /** Where PATH finds it. */
  path: string;
  /** The file that path resolves to, links followed. */
  real: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export type RecordedPrograms = Partial<Record<WatchedProgram, ProgramIdentity>>;

/** A program that is not what was recorded: where PATH finds it now (undefined: nowhere), and what differs. */
export interface ChangedProgram {
  program: WatchedProgram;
  recorded: ProgramIdentity;
  found: string | undefined;
  what: string;
}

/** The first of each program on `env`'s PATH, with its identity; one PATH has none of is left out. */
export async function programsOnPath(env: NodeJS.ProcessEnv): Promise<RecordedPrograms> {
  const recorded: RecordedPrograms = {};
  for (const program of WATCHED_PROGRAMS) {
    const found = firstOnPath(program, env);
    const identity = found === undefined ? undefined : await identityOf(found);
    if (identity) recorded[program] = identity;
  }
  return recorded;
}

/** Each recorded program PATH no longer finds as it was; none when nothing was recorded (set up by an earlier PM Zone). */
export async function changedPrograms(recorded: RecordedPrograms | undefined, env: NodeJS.ProcessEnv): Promise<ChangedProgram[]> {
  const changes: ChangedProgram[] = [];
  for (const program of WATCHED_PROGRAMS) {
    const was = recorded?.[program];
    if (!was) continue;
    const found = firstOnPath(program, env);
    const now = found === undefined ? undefined : await identityOf(found);
    const what = now === undefined
      ? 'PATH finds none now'
      : now.path !== was.path
        ? `PATH now finds ${now.path} first`
        : now.real !== was.real
          ? `it now leads to ${now.real}`
          : now.dev !== was.dev || now.ino !== was.ino
            ? 'it was replaced by another file'
            : now.size !== was.size || now.mtimeMs !== was.mtimeMs || now.ctimeMs !== was.ctimeMs
              ? 'it was written or its mode changed'
              : undefined;
    if (what !== undefined) changes.push({ program, recorded: was, found: now?.real ?? found, what });
  }
  return changes;
}

/** The refusal while a program is not what was recorded: which file, what changed, and what to do. */
export function changedProgramsReason(changes: readonly ChangedProgram[]): string {
  return [
    "PM Zone: a program PM Zone's hooks run is not the one recorded when the guard was turned on for this repository, so every edit and command is refused (a program planted there, or rewritten, would run outside the sandbox):",
    ...changes.map((change) => `- ${change.program}: ${change.recorded.path}${change.recorded.real === change.recorded.path ? '' : ` (${change.recorded.real})`} was recorded; ${change.what}${change.found && change.found !== change.recorded.real && !change.what.includes(change.found) ? ` (${change.found})` : ''}.`),
    "Tell the PM: if they did not install or update it themself, remove what was planted (a program in ~/.local/bin, ~/bin or another folder of theirs ahead of the system's) or reinstall it, then run `pm-zone agents init --me` (or 'PM Zone: Guard my coding agents' in the editor) again to record it.",
  ].join('\n');
}

/** The first file of that name on PATH that may be run. */
export function onPath(program: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const folder of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function firstOnPath(program: WatchedProgram, env: NodeJS.ProcessEnv): string | undefined {
  // git as PM Zone runs it (an absolute PATH entry only); node as the hook line's shell finds it.
  return program === 'git' ? findGitProgram(undefined, env) : onPath(program, env);
}

async function identityOf(file: string): Promise<ProgramIdentity | undefined> {
  const real = await fs.realpath(file).catch(() => undefined);
  const stats = real === undefined ? undefined : await fs.stat(real).catch(() => undefined);
  if (real === undefined || !stats?.isFile()) return undefined;
  return { path: file, real, dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
}
