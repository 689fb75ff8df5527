import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RepositoryPolicy } from '../../repository/assemble';
import { AGENTS, type AgentName } from '../model';
import { findRepository } from '../repositoryLocation';
import { guardedEntry, personalFolder, saveGuardedEntry, type GuardedRepository } from './guarded';
import { PACKAGE_OF, PERSONAL_AGENTS, userSettingsFile, type PersonalAgent } from './registry';
import { mergeUserHooks } from './userHooks';
import { USER_LAUNCHER, userLauncherScript } from './userLauncher';
import { profileConflicts } from './codexProfile';
import { guardOptionsOf, trustCodexHooks } from './codexTrust';
import { CODEX_HOOKS_KEY, makeRecordsFolders, planWalls, writePlanned, type PlannedFile } from './walls';
import { onPath, programsOnPath } from './programs';
import { sha256Hex } from '../../digest';

// `pm-zone agents init --me` and "PM Zone: Guard my coding agents": the
// identified pilot PM turns the guard on for their own agents, in files of
// their own (nothing committed): the user-level hooks of each installed
// agent, the user-level launcher they run, each agent's sandbox (or srt's
// settings), and the record that this repository is guarded. Everything is
// read and merged first; one unreadable file stops it before any write.

export interface PersonalOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** The agents to set up; those installed (on PATH) by default. */
  agents?: readonly AgentName[];
  /** `--policy-file`, `--codeowners-flavor` when not the defaults, for the guard the hooks run. */
  guardArguments?: string[];
  /** PM Zone's guard when the repository does not install it (the running program's own dist/guard.js). */
  fallbackGuard?: string;
}

export interface PersonalAgentResult {
  agent: AgentName;
  label: string;
  /** On PATH (or asked for by name). */
  installed: boolean;
  /** The user-level settings file holding the hooks. */
  userSettings: string;
  wall: PersonalAgent['shell']['kind'];
  /** Programs the wall needs that are missing: until installed, Claude Code refuses to start, Gemini CLI's commands are asked about, and Copilot CLI's sandbox cannot be relied on. */
  missing: string[];
}

export type PersonalOutcome =
  | { status: 'refused'; message: string }
  | { status: 'written'; agents: PersonalAgentResult[]; files: { file: string; action: 'create' | 'update' | 'unchanged' }[]; install?: string; notes: string[] };

export async function initPersonalGuard(root: string, policy: RepositoryPolicy, options: PersonalOptions): Promise<PersonalOutcome> {
  if (!policy.zone.defined) return { status: 'refused', message: `${policy.zone.file} defines no PM zone here, so there is nothing for the guard to enforce; nothing was written.` };
  if (!policy.identity.known || !policy.author) {
    return { status: 'refused', message: `agents init --me turns the guard on for a pilot PM's own agents, and you are not a pilot PM in ${policy.zone.file} (PM Zone goes by your git e-mail, or --as): nothing was written. An engineer's agents stay as they are, unsandboxed and unasked.` };
  }
  if (process.platform === 'win32') return { status: 'refused', message: "the agents' sandboxes PM Zone sets up run on Linux and macOS; on Windows the project's hooks (pm-zone agents init) are the guard. Nothing was written." };
  const location = await findRepository(root);
  if (!location) return { status: 'refused', message: `${root} is not in a git repository; nothing was written.` };
  const { home, env } = options;
  const installed = new Set(AGENTS.filter((agent) => PERSONAL_AGENTS[agent].programs.some((program) => onPath(program, env))));
  const agents = options.agents ? [...options.agents] : AGENTS.filter((agent) => installed.has(agent));
  if (agents.length === 0) return { status: 'refused', message: `none of the coding agents PM Zone knows (${AGENTS.map((agent) => PERSONAL_AGENTS[agent].label).join(', ')}) is on PATH; name one with --agent to set it up anyway. Nothing was written.` };
  const guard = await findGuard(location.root, env, options.fallbackGuard);
  if (!guard) return { status: 'refused', message: 'PM Zone is not installed in this repository (node_modules/pm-zone) nor on PATH, so the hooks would have nothing to run: run `npm install` first. Nothing was written.' };
  const previous = await guardedEntry(home, location).catch(() => undefined);
  const codex = agents.includes('codex') ? onPath('codex', env) : undefined;
  if (agents.includes('codex')) {
    if (!codex) return { status: 'refused', message: 'Codex CLI (codex) is not on PATH: PM Zone asks it for the hashes it trusts hooks by, so it cannot set Codex up. Install it, or leave it out with --agent. Nothing was written.' };
    const file = userSettingsFile('codex', home, env);
    const conflicts = profileConflicts(await readOptional(file), file);
    if (conflicts.length > 0) return { status: 'refused', message: `${conflicts.join('\n')}\nOr leave Codex CLI out with --agent. Nothing was written.` };
  }

  // Read and merge everything first. node as PATH finds it now: the user-level hook lines run it by that file's path.
  const programs = await programsOnPath(env);
  const planned: PlannedFile[] = [];
  const launcherFile = path.join(personalFolder(home), USER_LAUNCHER);
  planned.push({ file: launcherFile, before: await readOptional(launcherFile), text: userLauncherScript() });
  for (const agent of agents.filter((name) => PERSONAL_AGENTS[name].userHooksShape !== 'none')) {
    const file = userSettingsFile(agent, home, env);
    const before = await readOptional(file);
    planned.push({ file, before, text: mergeUserHooks(agent, before, file, home, programs.node?.real) });
  }
  // Planned once to read every file before anything is written, and again once the user files exist (a sandbox that lists only existing paths then lists them).
  await planWalls(location, policy, agents, home, env, previous?.wrote ?? {});
  await writePlanned(planned, home);
  await makeRecordsFolders(location);
  const walls = await planWalls(location, policy, agents, home, env, previous?.wrote ?? {});
  await writePlanned(walls.files, home);
  planned.push(...walls.files);
  const notes: string[] = [];
  let codexTrust: Record<string, string> | undefined;
  if (codex) {
    const trust = await trustCodexHooks(codex, walls.worktrees, walls.wrote, home, env, guardOptionsOf(options.guardArguments ?? []));
    walls.wrote[CODEX_HOOKS_KEY] = trust.keys;
    codexTrust = trust.hashes;
    notes.push(...trust.notes);
  }
  const entry: GuardedRepository = { root: location.realRoot, handle: policy.author.handle, agents, guard, arguments: options.guardArguments ?? [], area: walls.digest, wrote: walls.wrote, programs, ...(codexTrust ? { codexTrust } : {}) };
  await saveGuardedEntry(home, location, entry);

  const results = agents.map((agent): PersonalAgentResult => {
    const registered = PERSONAL_AGENTS[agent];
    const needs = registered.shell.kind === 'none' || process.platform !== 'linux' ? [] : registered.shell.needs;
    return { agent, label: registered.label, installed: installed.has(agent), userSettings: userSettingsFile(agent, home, env), wall: registered.shell.kind, missing: needs.filter((program) => !onPath(program, env)) };
  });
  const missing = [...new Set(results.flatMap((result) => result.missing))];
  if (agents.some((agent) => PERSONAL_AGENTS[agent].shell.kind === 'srt-rewrite') && !(await findSrt(location.root, env))) {
    notes.push("Gemini CLI's shell commands run under srt, which is not installed: until it is, PM Zone asks before every shell command that is not plainly read-only (and refuses it when Gemini runs headless). Install it with `npm install --global @anthropic-ai/sandbox-runtime`.");
  }
  if (agents.includes('codex')) notes.push("Codex CLI takes one permission profile for all of your projects: PM Zone's extends Codex's own :workspace, so in your other projects Codex works as in a trusted one (a codex exec in a project you never trusted, read-only before, can now write its folder), and a session elsewhere can write this repository's editable files, never its locked area.");
  if (agents.includes('copilot')) notes.push("Copilot CLI reads its sandbox from your own settings only (~/.copilot/settings.json), not from a repository's: PM Zone's is on in all of your Copilot sessions, in every folder, with every guarded repository's locked area read-only; `/sandbox disable` or `--no-sandbox` switches it off for a session.");
  if (agents.includes('cursor')) notes.push("Cursor has no sandbox PM Zone can switch on: its shell commands are judged by their reading only, and the backstop reports what got through before the agent finishes.");
  return {
    status: 'written',
    agents: results,
    files: planned.map((file) => ({ file: file.file, action: file.before === undefined ? 'create' : file.before === file.text ? 'unchanged' : 'update' })),
    ...(missing.length > 0 ? { install: `apt-get install ${missing.map((program) => PACKAGE_OF[program] ?? program).join(' ')}` } : {}),
    notes,
  };
}

async function readOptional(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** PM Zone's guard as the launcher finds it (the repository's node_modules, then PATH), else the fallback; with its hash. */
export async function findGuard(root: string, env: NodeJS.ProcessEnv, fallback?: string): Promise<GuardedRepository['guard'] | undefined> {
  const candidates = [path.join(root, 'node_modules', 'pm-zone', 'dist', 'guard.js')];
  const program = onPath('pm-zone', env);
  if (program) candidates.push(path.join(path.dirname(await fs.realpath(program).catch(() => program)), 'guard.js'));
  if (fallback) candidates.push(fallback);
  for (const candidate of candidates) {
    const text = await fs.readFile(candidate).catch(() => undefined);
    if (text && text.length > 0) return { path: await fs.realpath(candidate), sha256: sha256Hex(text) };
  }
  return undefined;
}

/** srt's program: the repository's node_modules, else `srt` on PATH. */
export async function findSrt(root: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const local = path.join(root, 'node_modules', '@anthropic-ai', 'sandbox-runtime', 'dist', 'cli.js');
  if (await fs.stat(local).then((stats) => stats.isFile(), () => false)) return local;
  const program = onPath('srt', env);
  return program ? fs.realpath(program).catch(() => program) : undefined;
}
