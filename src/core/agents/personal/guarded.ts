import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileTextNow } from '../../git/regularFile';
import type { AgentName } from '../model';
import type { RepositoryLocation } from '../repositoryLocation';
import { PERSONAL_FOLDER } from './lockedArea';
import type { RecordedPrograms } from './programs';
import { GUARDED_FILE } from './userLauncher';
import { sha256Hex } from '../../digest';

// `~/.pmzone/guarded.json`: the repositories whose pilot PM turned the guard
// on for themself, by the real path of the repository's git folder (shared
// by its worktrees). The user-level launcher reads it to know where to
// answer and which PM Zone to run; the guard reads it at session start to
// refresh the sandbox settings when the zone changed. It sits outside every
// repository, and every sandbox PM Zone sets up keeps it read-only.

export interface GuardedRepository {
  /** The worktree `--me` ran in. */
  root: string;
  handle: string;
  agents: AgentName[];
  /** The PM Zone the user-level launcher runs, and its hash: a changed or missing one refuses every write. */
  guard: { path: string; sha256: string };
  /** `--policy-file`, `--codeowners-flavor` when not the defaults. */
  arguments: string[];
  /** The locked area's digest the settings were written for. */
  area: string;
  /** What PM Zone put into lists it shares with the user, by agent and list, so the next write replaces only its own. */
  wrote: Record<string, string[]>;
  /** node and git as PATH found them at set-up (programs.ts); missing in an entry an earlier PM Zone wrote. */
  programs?: RecordedPrograms;
  /** The hash Codex CLI trusts each of PM Zone's hooks by, by its `[hooks.state]` key, as set up (codexTrust.ts); missing in an entry an earlier PM Zone wrote. */
  codexTrust?: Record<string, string>;
}

export interface GuardedFile {
  version: 1;
  repositories: Record<string, GuardedRepository>;
}

export function personalFolder(home: string): string {
  return path.join(home, PERSONAL_FOLDER);
}

/** The key of a repository: its common git folder, as a real path (what the launcher computes). */
export function repositoryKey(location: RepositoryLocation): string {
  return location.realGitFolders[location.realGitFolders.length - 1];
}

export async function readGuarded(home: string): Promise<GuardedFile> {
  const text = await fileTextNow(path.join(personalFolder(home), GUARDED_FILE));
  if (text === undefined) return { version: 1, repositories: {} };
  const value = JSON.parse(text) as GuardedFile;
  return value && typeof value.repositories === 'object' ? value : { version: 1, repositories: {} };
}

export async function guardedEntry(home: string, location: RepositoryLocation): Promise<GuardedRepository | undefined> {
  return (await readGuarded(home).catch(() => undefined))?.repositories[repositoryKey(location)];
}

export async function saveGuardedEntry(home: string, location: RepositoryLocation, entry: GuardedRepository | undefined): Promise<void> {
  const file = await readGuarded(home);
  if (entry) file.repositories[repositoryKey(location)] = entry;
  else delete file.repositories[repositoryKey(location)];
  await writePersonalFile(home, GUARDED_FILE, `${JSON.stringify(file, null, 2)}\n`);
}

/** A file of PM Zone's in ~/.pmzone, written whole and renamed into place. */
export async function writePersonalFile(home: string, name: string, text: string): Promise<string> {
  const file = path.join(personalFolder(home), name);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
  await fs.rename(temporary, file);
  return file;
}

/** Where a repository's srt settings live: one folder per repository, named by its key. */
export function srtSettingsName(location: RepositoryLocation): string {
  return path.join('repositories', sha256Hex(repositoryKey(location)).slice(0, 16), 'srt-settings.json');
}
