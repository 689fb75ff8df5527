import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeRepositoryFile } from '../../git/repositoryWrite';
import type { AgentName } from '../model';
import { findRepository, type RepositoryLocation } from '../repositoryLocation';
import { worktreesOf } from '../sessionState';
import { readInsideRepository } from '../writeFile';
import { personalFolder, srtSettingsName, writePersonalFile, type GuardedRepository } from './guarded';
import { GIT_RECORDS_FOLDER, literalPart, lockedArea, type AreaPolicy, type LockedArea } from './lockedArea';
import { codexUserConfig, profileEntries } from './codexProfile';
import { PERSONAL_AGENTS, userSettingsFile } from './registry';
import { CLAUDE_OWN_DENIED, COPILOT_REPOSITORY_SETTINGS, OWN_SANDBOX_SETTINGS, SRT_HELD_BELOW, srtSettings, withoutInertCopilotSandbox } from './sandboxSettings';
import { sha256Hex } from '../../digest';

// The walls of a pilot PM's agents, written from the locked area of every
// worktree of the repository: each agent's own sandbox settings in each
// worktree (excluded from commits) or in the user's settings file (Copilot
// CLI, Codex CLI: every worktree's paths), and srt's settings for the agents whose
// commands the guard rewrites. `agents init --me` writes them; the guard
// writes them again at session start when the area's digest moved (the
// policy changed, a worktree was added).

export interface PlannedFile {
  /** Absolute. */
  file: string;
  /** The worktree it belongs to, when it is inside one (written the careful way, never through a link out). */
  root?: string;
  before: string | undefined;
  text: string;
}

export interface WallsPlan {
  files: PlannedFile[];
  digest: string;
  wrote: Record<string, string[]>;
  /** Every worktree's root, for srt's writable folders. */
  worktrees: string[];
}

/**
 * What the walls need written for `agents`, reading every file first: a file that cannot be read throws before anything is written.
 * `sessionFolder`: where a session starts (absolute), when it is known; the sandbox's own names are held there too.
 */
export async function planWalls(location: RepositoryLocation, policy: AreaPolicy, agents: readonly AgentName[], home: string, env: NodeJS.ProcessEnv, previous: Record<string, string[]>, sessionFolder?: string): Promise<WallsPlan> {
  const areas: { location: RepositoryLocation; area: LockedArea }[] = [];
  for (const found of await worktreeLocations(location)) areas.push({ location: found, area: await lockedArea(found, policy, home, env) });
  const files: PlannedFile[] = [];
  const wrote: Record<string, string[]> = {};
  for (const agent of agents) {
    const wall = PERSONAL_AGENTS[agent].shell;
    const writer = OWN_SANDBOX_SETTINGS[agent];
    if (wall.kind !== 'own-sandbox' || !writer) continue;
    const walled: LockedArea[] = [];
    for (const { location: at, area: found } of areas) {
      // The sandbox files written here exist once this is done: a sandbox that lists only existing paths lists them too.
      const written = agents.flatMap((other) => { const own = PERSONAL_AGENTS[other].shell; return own.kind === 'own-sandbox' && own.scope === 'worktree' ? [path.join(at.realRoot, ...own.file.split('/'))] : []; });
      // A written file, or the folder locked whole around it (`.claude` where the zone locks it), exists once this is done.
      const holding = (file: string) => found.paths.filter((locked) => file === locked || file.startsWith(`${locked}${path.sep}`));
      const area = { ...found, existing: [...new Set([...found.existing, ...written.flatMap(holding)])].sort() };
      if (wall.scope === 'user') {
        walled.push(area);
        if (agent === 'copilot') {
          const before = await readInsideRepository(at.root, COPILOT_REPOSITORY_SETTINGS);
          const text = withoutInertCopilotSandbox(before, path.join(at.root, COPILOT_REPOSITORY_SETTINGS));
          if (text !== undefined) files.push({ file: path.join(at.root, ...COPILOT_REPOSITORY_SETTINGS.split('/')), root: at.root, before, text });
        }
        continue;
      }
      const before = await readInsideRepository(at.root, wall.file);
      if (agent === 'claude') Object.assign(area, await withoutWholeClaudeFolder(area, at.realRoot, written));
      const key = (list: string) => `${at.realRoot}|${list}`;
      const mine = Object.fromEntries(Object.entries(previous).filter(([name]) => name.startsWith(`${at.realRoot}|`)).map(([name, value]) => [name.slice(at.realRoot.length + 1), value]));
      const startedBefore = foldersHeldBefore(mine['claude.denyWrite'] ?? []);
      const absent = agent === 'claude' ? await absentOwnDeniedWhereSessionsStart(at.realRoot, policy, [...startedBefore, ...(sessionFolder ? [sessionFolder] : [])], written) : [];
      const write = writer(before, path.join(at.root, wall.file), area, mine, absent);
      for (const [list, entries] of Object.entries(write.wrote)) wrote[key(list)] = entries;
      files.push({ file: path.join(at.root, ...wall.file.split('/')), root: at.root, before, text: write.text });
    }
    if (walled.length > 0) {
      // One user-level file for all of the user's projects: this repository's entries (every worktree's) replace those PM Zone wrote for it before.
      const file = userSettingsFile(agent, home, env);
      const before = await fs.readFile(file, 'utf8').catch(() => undefined);
      const all = (list: (area: LockedArea) => string[]) => [...new Set(walled.flatMap(list))].sort();
      const union: LockedArea = { paths: all((area) => area.paths), existing: all((area) => area.existing), switches: all((area) => area.switches), digest: '', records: all((area) => area.records) };
      const write = writer(before, file, union, previous);
      Object.assign(wrote, write.wrote);
      files.push({ file, before, text: write.text });
    }
  }
  if (agents.includes('codex')) {
    // One profile for every project of the user: this repository's entries replace those PM Zone wrote for it before.
    const file = userSettingsFile('codex', home, env);
    const before = await fs.readFile(file, 'utf8').catch(() => undefined);
    const entries = profileEntries(areas.map(({ location: at, area }) => ({ root: at.realRoot, area })), env);
    const trusted = areas.map(({ location: at }) => at.realRoot);
    files.push({ file, before, text: codexUserConfig(before, file, { trusted, entries, previous: previous[CODEX_PROFILE_KEY] ?? [] }) });
    wrote[CODEX_PROFILE_KEY] = Object.keys(entries);
    if (previous[CODEX_HOOKS_KEY]) wrote[CODEX_HOOKS_KEY] = previous[CODEX_HOOKS_KEY];
  }
  if (agents.some((agent) => PERSONAL_AGENTS[agent].shell.kind === 'srt-rewrite')) {
    const union: LockedArea = { paths: [...new Set(areas.flatMap(({ area }) => area.paths))].sort(), existing: [], switches: [], digest: '', records: [] };
    const writable = [...new Set(areas.flatMap(({ location: at }) => [at.realRoot, ...at.realGitFolders]))];
    const file = path.join(personalFolder(home), srtSettingsName(location));
    files.push({ file, before: await fs.readFile(file, 'utf8').catch(() => undefined), text: srtSettings(writable, union, home, areas.map(({ location: at }) => at.realRoot)) });
  }
  const digest = sha256Hex(JSON.stringify([agents, areas.map(({ location: at, area }) => [at.realRoot, area.digest])]));
  return { files, digest, wrote, worktrees: areas.map(({ location: at }) => at.realRoot) };
}

/** Where the entries PM Zone wrote into Codex's profile for a repository are kept (GuardedRepository.wrote). */
export const CODEX_PROFILE_KEY = 'codex.profile';
/** And the keys of the project hooks it trusted there. */
export const CODEX_HOOKS_KEY = 'codex.hooks';

/** What Claude Code keeps in `.claude`: named one by one when the zone locks the folder whole. */
const CLAUDE_FOLDER_ENTRIES = ['settings.json', 'settings.local.json', 'hooks', 'commands', 'agents', 'skills', 'output-styles'];

/**
 * Claude Code 2.1.197 fails every shell command when the whole `.claude`
 * folder is in its sandbox's denyWrite (it creates files there itself);
 * 2.1.331 does not. Where the zone locks `.claude` whole, its entries are
 * listed instead: those there now and those Claude Code reads. A new file
 * made directly in `.claude` is then left to the early answer and the
 * backstop.
 */
async function withoutWholeClaudeFolder(area: LockedArea, root: string, written: readonly string[] = []): Promise<LockedArea> {
  const folder = path.join(root, '.claude');
  if (!area.paths.includes(folder)) return area;
  const present = await fs.readdir(folder).catch(() => [] as string[]);
  const entries = [...new Set([...present, ...CLAUDE_FOLDER_ENTRIES])].map((name) => path.join(folder, name));
  const paths = [...area.paths.filter((entry) => entry !== folder), ...entries].sort();
  // What this run writes there exists once it is done (the sandbox's own settings file).
  const made = written.filter((file) => paths.includes(file));
  const existing = [...new Set([...area.existing.filter((entry) => entry !== folder), ...present.map((name) => path.join(folder, name)), ...made])].sort();
  return { ...area, paths, existing };
}

/**
 * Claude Code's sandbox keeps its names read-only in the folder a session
 * starts in, and reads the top's settings only as the session starts: the
 * names are held at the top, in the PM's own feature folders (where a PM's
 * session most often starts), and in every folder a session started in
 * (`sessionFolders`: held from the next session there on, and kept).
 */
async function absentOwnDeniedWhereSessionsStart(root: string, policy: AreaPolicy, sessionFolders: readonly string[], written: readonly string[]): Promise<string[]> {
  const features = (policy.author?.featureFolders ?? []).flatMap((glob) => literalPart(glob) ?? []).map((folder) => path.join(root, ...folder.split('/')));
  const below = [...new Set([...features, ...sessionFolders])].filter((folder) => folder.startsWith(`${root}${path.sep}`));
  const existing = (await Promise.all(below.map((folder) => fs.stat(folder).then((stats) => (stats.isDirectory() ? folder : undefined), () => undefined)))).filter((folder): folder is string => folder !== undefined);
  const lists = await Promise.all([absentOwnDenied(root, written), ...existing.sort().map((folder) => absentOwnDenied(folder, written, CLAUDE_FOLDER_ENTRIES.map((entry) => `.claude/${entry}`)))]);
  return [...new Set(lists.flat())];
}

/** The folders whose own names PM Zone held in Claude Code's denyWrite before (its entries `/<folder>/<name>/.pm-zone-locked`). */
function foldersHeldBefore(denyWrite: readonly string[]): string[] {
  const suffixes = CLAUDE_OWN_DENIED.map((name) => `/${name}/${SRT_HELD_BELOW}`);
  return [...new Set(denyWrite.flatMap((entry) => suffixes.filter((suffix) => entry.endsWith(suffix)).map((suffix) => entry.slice(1, -suffix.length))))];
}

/**
 * The names Claude Code's sandbox denies by itself in `folder` (and `more`) that are not there (nor written by this
 * run): each would show in `git status` inside it. Below the top, its own `.claude` files are among them.
 */
async function absentOwnDenied(folder: string, written: readonly string[], more: readonly string[] = []): Promise<string[]> {
  return (await absentIn(folder, [...CLAUDE_OWN_DENIED, ...more])).filter((name) => !written.includes(name));
}

/**
 * Makes PM Zone's records folder in each worktree's git folders, where its caches go on their first write. The locked
 * area lists a path that does not exist yet in another form (a sandbox refuses some paths that do not exist), so the
 * settings written would change again on the next run, once any cache was written: made first, they stay as written.
 */
export async function makeRecordsFolders(location: RepositoryLocation): Promise<void> {
  for (const found of await worktreeLocations(location)) {
    // A git folder PM Zone cannot write: the settings list the folder as missing, as before, and the guard's caches are not kept there anyway.
    for (const folder of new Set(found.realGitFolders)) await fs.mkdir(path.join(folder, GIT_RECORDS_FOLDER), { recursive: true }).catch(() => undefined);
  }
}

/** Every worktree of the repository at `location`, each found as the guard finds it (`location` itself where that fails). */
async function worktreeLocations(location: RepositoryLocation): Promise<RepositoryLocation[]> {
  return Promise.all((await worktreesOf(location.root)).map(async (worktree) => (await findRepository(worktree.root)) ?? location));
}

/** Each of `names` (relative, `/`-separated) that is not in `folder`, as an absolute path: what a sandbox would mark with a placeholder there. */
export async function absentIn(folder: string, names: readonly string[]): Promise<string[]> {
  const paths = names.map((name) => path.join(folder, ...name.split('/')));
  const there = await Promise.all(paths.map((name) => fs.lstat(name).then(() => true, () => false)));
  return paths.filter((_, index) => !there[index]);
}

/** Writes the planned files that changed; each worktree's own files are kept out of commits. */
export async function writePlanned(files: readonly PlannedFile[], home: string): Promise<PlannedFile[]> {
  const changed = files.filter((file) => file.before !== file.text);
  for (const planned of changed) {
    if (planned.root) {
      const relative = path.relative(planned.root, planned.file).split(path.sep).join('/');
      await writeRepositoryFile(planned.root, relative, planned.text, { mode: 'replace' });
      await excludeFromCommits(planned.root, relative);
    } else if (planned.file.startsWith(`${personalFolder(home)}${path.sep}`)) {
      await writePersonalFile(home, path.relative(personalFolder(home), planned.file), planned.text);
    } else {
      await writeUserFile(planned.file, planned.text);
    }
  }
  return changed;
}

/**
 * A user's settings file, written whole and renamed into place; its folder
 * made when missing. A settings file that is a link (dotfiles kept in one
 * folder and linked home) is written where it points, and stays a link.
 */
export async function writeUserFile(file: string, text: string): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.pm-zone-${process.pid}.tmp`;
  await fs.writeFile(temporary, text, 'utf8');
  await fs.rename(temporary, target);
}

/** Adds `/relPath` to the repository's .git/info/exclude (the per-user ignore list), unless git already ignores it. */
async function excludeFromCommits(root: string, relPath: string): Promise<void> {
  const location = await findRepository(root);
  if (!location) return;
  const exclude = path.join(location.realGitFolders[location.realGitFolders.length - 1], 'info', 'exclude');
  const text = await fs.readFile(exclude, 'utf8').catch(() => '');
  const line = `/${relPath}`;
  if (text.split(/\r?\n/).includes(line)) return;
  await fs.mkdir(path.dirname(exclude), { recursive: true });
  await fs.writeFile(exclude, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}# A pilot PM's sandbox settings (pm-zone agents init --me), per user\n${line}\n`, 'utf8');
}

/** The entry's settings written again when the locked area moved; true when they were. */
export async function refreshWalls(location: RepositoryLocation, policy: AreaPolicy, entry: GuardedRepository, home: string, env: NodeJS.ProcessEnv, sessionFolder?: string): Promise<{ refreshed: boolean; areaMoved: boolean; entry: GuardedRepository }> {
  const plan = await planWalls(location, policy, entry.agents, home, env, entry.wrote, sessionFolder);
  if (plan.digest === entry.area && plan.files.every((file) => file.before === file.text)) return { refreshed: false, areaMoved: false, entry };
  await writePlanned(plan.files, home);
  return { refreshed: true, areaMoved: plan.digest !== entry.area, entry: { ...entry, area: plan.digest, wrote: plan.wrote } };
}
