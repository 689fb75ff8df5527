import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { literalPathspec } from '../git/pathspec';
import { fileTextNow } from '../git/regularFile';
import { Git } from '../git/runGit';
import { GLOB_OPTIONS } from '../policy/compileZonePolicy';
import { GlobList } from '../policy/globList';
import { SESSION_SETTINGS_GLOBS } from './configPaths';
import { shellWord } from './sessionChanges';
import type { RepositoryLocation } from './repositoryLocation';

// An agent's settings, hooks or MCP servers in a folder of the repository
// (`src/features/checkout/.claude/settings.json`, a `.mcp.json`) run, with
// the PM's rights and outside every sandbox, in the next session started in
// that folder. The wall keeps an agent from writing one; this finds one that
// is there anyway (written before the guard was on, by a program outside
// it, or through a way the wall missed) when a guarded session starts.
//
// Decided narrowly: a file is the engineers' only as the last commit has it
// (tracked, and neither changed on disk nor staged). An untracked, ignored,
// staged or changed one is nobody's yet: an engineer reads it and commits it,
// or removes it. Only folders below the top are looked at: the settings at
// the worktree's top are where `agents init` writes the guard's own hooks
// (committed later, or never in a trial) and `--me` the PM's sandbox; they
// are in the locked area, which the wall keeps and the finish reads, and a
// session anywhere loads them anyway. A folder git ignores whole (node_modules, a build output) is
// not looked into unless its own name is an agent's settings folder: nobody
// starts a session there, and listing it would cost every session start.

export interface FoundSetting {
  /** From the worktree's top, with `/`. */
  path: string;
  /** Why it is not the engineers': `not committed`, `ignored by git, not committed`, `changed since the last commit`. */
  why: string;
}

// Each glob compiled when a path may match it (globList.ts), not all of them on every hook's start.
const MATCHERS = new GlobList(SESSION_SETTINGS_GLOBS, { ...GLOB_OPTIONS, nocase: true });
/** A name no glob spells out: a file directly inside a folder, to ask whether the folder is an agent's settings folder. */
const PROBE = '.pm-zone-probe';

/** Whether a session started in its folder loads `relPath` as an agent's settings. */
export function isSessionSetting(relPath: string): boolean {
  return MATCHERS.firstMatch(relPath) >= 0;
}

// The same settings at the worktree's top only: each glob without its leading "any folder" part.
export const SESSION_SETTINGS_AT_TOP = SESSION_SETTINGS_GLOBS.map((glob) => glob.replace(/^\*\*\//, ''));
const AT_TOP = new GlobList(SESSION_SETTINGS_AT_TOP, { ...GLOB_OPTIONS, nocase: true });

/** Whether `relPath` is an agent's settings in a folder below the worktree's top. */
function belowTop(relPath: string): boolean {
  return isSessionSetting(relPath) && AT_TOP.firstMatch(relPath) < 0;
}

/** Every agent settings file below the top of the worktree `root` that is not there as the last commit has it. */
export async function unreviewedSettings(root: string): Promise<FoundSetting[]> {
  const git = new Git(root);
  // Ignored files too, whatever ignores them: a core.excludesFile is the user's to set, and so the agent's.
  const status = await git.run(['-c', 'core.excludesFile=', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames']);
  const found = new Map<string, string>();
  for (const entry of status.split('\0').filter((part) => part.length > 3)) {
    const code = entry.slice(0, 2);
    const file = entry.slice(3);
    if (code === '!!' && file.endsWith('/')) {
      if (!belowTop(`${file}${PROBE}`)) continue;
      const inside = await git.run(['-c', 'core.excludesFile=', 'ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', literalPathspec(file)]).catch(() => '');
      for (const name of inside.split('\0').filter(Boolean)) found.set(name, 'ignored by git, not committed');
    } else if (belowTop(file)) {
      found.set(file, code === '??' ? 'not committed' : code === '!!' ? 'ignored by git, not committed' : 'changed since the last commit');
    }
  }
  const kept: FoundSetting[] = [];
  for (const [file, why] of found) {
    // A committed file deleted on disk loads nothing.
    if (!(await fs.lstat(path.join(root, ...file.split('/'))).then(() => true, () => false))) continue;
    kept.push({ path: file, why });
  }
  return kept.sort((a, b) => a.path.localeCompare(b.path));
}

/** What the session start says, and every edit and command of the session is refused with, while such files are there. */
export function unreviewedSettingsReason(found: readonly FoundSetting[]): string {
  return [
    "PM Zone: this session is refused. Agent settings that nobody committed are in this repository, and an agent session started in their folder loads them: their hooks and MCP servers run with the PM's rights, outside every sandbox.",
    ...found.map((file) => `- ${file.path} (${file.why})`),
    'Every edit and command is refused until an engineer reads each one and commits it, or removes it:',
    ...found.map((file) => `  rm -- ${shellWord(file.path)}`),
    'Then start a new session. Tell the PM, who asks an engineer; do not remove them yourself.',
  ].join('\n');
}

/** Where the session start keeps what it found, in the worktree's own git folder. */
function recordFile(location: RepositoryLocation): string {
  return path.join(location.gitDir, 'pm-zone', 'unreviewed-settings.json');
}

/** Kept at the session start (removed when there are none), for every tool call of the sessions in this worktree. */
export async function saveUnreviewedSettings(location: RepositoryLocation, found: readonly FoundSetting[]): Promise<void> {
  const file = recordFile(location);
  if (found.length === 0) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(found), 'utf8');
}

/** Those the last session start found that are still there: one small file read per tool call, none when there were none. */
export async function unreviewedSettingsStill(location: RepositoryLocation): Promise<FoundSetting[]> {
  const text = await fileTextNow(recordFile(location));
  if (text === undefined) return [];
  let listed: FoundSetting[];
  try {
    listed = (JSON.parse(text) as FoundSetting[]).filter((entry) => typeof entry?.path === 'string');
  } catch {
    return [{ path: path.relative(location.root, recordFile(location)), why: 'PM Zone cannot read its own record of them' }];
  }
  const present = await Promise.all(listed.map((entry) => fs.lstat(path.join(location.root, ...entry.path.split('/'))).then(() => true, () => false)));
  return listed.filter((_, index) => present[index]);
}
