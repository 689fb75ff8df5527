import { promises as fs } from 'node:fs';
import { AGENT_HOOKS, installedHooks } from '../hookConfig';
import { launcherHash, verifiedHashOf, verifiedNodeOf } from '../launcherLine';
import { GUARD_LAUNCHER } from '../configPaths';
import type { AgentName } from '../model';
import { findRepository } from '../repositoryLocation';
import { readInsideRepository } from '../writeFile';
import { checkCodex } from './codexCheck';
import { guardedEntry } from './guarded';
import { findSrt } from './initMe';
import { changedPrograms, onPath } from './programs';
import { PERSONAL_AGENTS, userSettingsFile } from './registry';
import { readSettings } from './settingsFiles';
import { installedUserHooks } from './userHooks';
import { userHookLine, userLauncherPath, userLauncherScript } from './userLauncher';

// `agents check`, from the folder it is run in, per agent: whether the
// project's hooks load from here, whether the PM's user-level hooks are in
// place and verified, and whether the shell's wall is in force.

export interface PersonalCheck {
  agent: AgentName;
  /** The project's hooks: in its settings, and loaded for a session started in this folder (Codex CLI: and trusted). */
  projectHooks: 'in-force' | 'not-from-here' | 'absent' | 'untrusted';
  /** The user-level hooks of `agents init --me`: written, current, their launcher intact, this repository guarded (Codex CLI, which has none: the project's trust, its hooks' trust, the profile). */
  userHooks: 'in-force' | 'absent' | 'stale' | 'not-guarded-here';
  /** The wall around its shell. */
  sandbox: 'in-force' | 'settings-missing' | 'programs-missing' | 'none' | 'unverified-from-subfolder' | 'switched-off';
  detail: string[];
}

export async function checkPersonal(folder: string, agents: readonly AgentName[], home: string, env: NodeJS.ProcessEnv): Promise<PersonalCheck[]> {
  const location = await findRepository(folder);
  const atTop = location !== undefined && (await fs.realpath(folder).catch(() => folder)) === location.realRoot;
  const entry = location ? await guardedEntry(home, location) : undefined;
  const launcherText = await fs.readFile(userLauncherPath(home), 'utf8').catch(() => undefined);
  const projectLauncher = location ? await readInsideRepository(location.root, GUARD_LAUNCHER) : undefined;
  // node and git as PATH finds them now, against what `--me` recorded: the guard refuses every call while one differs.
  const programs = (await changedPrograms(entry?.programs, env)).map((change) => `${change.program} is not the one recorded at pm-zone agents init --me (${change.recorded.path}): ${change.what}; until it is recorded again, the guard refuses every edit and command. If the PM did not install or update it, remove what was planted, then run pm-zone agents init --me`);
  const checks: PersonalCheck[] = [];
  for (const agent of agents) {
    const registered = PERSONAL_AGENTS[agent];
    if (agent === 'codex') {
      const { setUp, ...codex } = await checkCodex(folder, location, entry, home, env);
      checks.push({ agent, ...codex, userHooks: programs.length > 0 && setUp === 'in-force' ? 'stale' : setUp, detail: [...codex.detail, ...programs] });
      continue;
    }
    const detail: string[] = [];
    // The project's hooks.
    let projectHooks: PersonalCheck['projectHooks'] = 'absent';
    if (location) {
      const text = await readInsideRepository(location.root, AGENT_HOOKS[agent].file);
      let found: Record<string, { command: string } | undefined> = {};
      try {
        found = installedHooks(agent, text);
      } catch (error) {
        detail.push((error as Error).message);
      }
      const present = Object.values(found).some(Boolean);
      const verified = Object.values(found).every((hook) => hook && projectLauncher !== undefined && verifiedHashOf(hook.command) === launcherHash(projectLauncher));
      if (present) projectHooks = registered.projectHooksLoad === 'anywhere' || atTop ? 'in-force' : 'not-from-here';
      if (present && !verified) detail.push(`the project's hooks in ${AGENT_HOOKS[agent].file} do not verify ${GUARD_LAUNCHER} as it is now: an engineer runs pm-zone agents init again`);
      if (projectHooks === 'not-from-here') detail.push(`${registered.label} loads the project's hooks only for a session started at the repository's top`);
    }
    // The user-level hooks.
    const userFile = userSettingsFile(agent, home, env);
    let lines: Record<string, string | undefined> = {};
    try {
      lines = installedUserHooks(agent, await fs.readFile(userFile, 'utf8').catch(() => undefined), userFile);
    } catch (error) {
      detail.push((error as Error).message);
    }
    // Each line runs the node `--me` recorded for this repository, by its path; elsewhere (not guarded here) whichever it names.
    const recordedNode = entry?.programs?.node?.real;
    const written = Object.values(lines).filter((line): line is string => line !== undefined);
    const nodes = [...new Set(written.map((line) => verifiedNodeOf(line)))];
    const nodeDiffers = entry !== undefined && written.length > 0 && (recordedNode === undefined || nodes.some((node) => node !== recordedNode));
    const otherwise = written.some((line) => line !== userHookLine(agent, home, verifiedNodeOf(line))) || launcherText !== userLauncherScript();
    let userHooks: PersonalCheck['userHooks'] = written.length > 0 ? 'in-force' : 'absent';
    if (userHooks === 'in-force' && (nodeDiffers || otherwise)) userHooks = 'stale';
    else if (userHooks === 'in-force' && (!entry || !entry.agents.includes(agent))) userHooks = 'not-guarded-here';
    if (nodeDiffers) {
      detail.push(recordedNode === undefined
        ? `pm-zone agents init --me recorded no node for this repository (an earlier PM Zone, or none on PATH then), so the user-level hooks in ${userFile} run node by its bare name, whatever PATH finds first: run pm-zone agents init --me again`
        : `the user-level hooks in ${userFile} run ${nodes.map((node) => node ?? 'node by its bare name (whatever PATH finds first)').join(' and ')}, not the node pm-zone agents init --me recorded (${recordedNode}): run pm-zone agents init --me again`);
    }
    if (otherwise) detail.push(`the user-level hooks in ${userFile} or their launcher are not the ones this PM Zone writes: run pm-zone agents init --me again`);
    if (userHooks === 'not-guarded-here') detail.push('the user-level hooks are set up, and stay silent here: run pm-zone agents init --me in this repository');
    if (programs.length > 0 && userHooks === 'in-force') userHooks = 'stale';
    detail.push(...programs);
    // The wall.
    const sandbox = await wallState(agent, location, atTop, home, env, detail);
    checks.push({ agent, projectHooks, userHooks, sandbox, detail });
  }
  return checks;
}

async function wallState(agent: AgentName, location: Awaited<ReturnType<typeof findRepository>>, atTop: boolean, home: string, env: NodeJS.ProcessEnv, detail: string[]): Promise<PersonalCheck['sandbox']> {
  const wall = PERSONAL_AGENTS[agent].shell;
  if (wall.kind === 'none') {
    detail.push(`${PERSONAL_AGENTS[agent].label} has no sandbox PM Zone can switch on: its shell commands are judged by their reading, and the backstop reports what got through`);
    return 'none';
  }
  const missing = process.platform === 'linux' ? wall.needs.filter((program) => !onPath(program, env)) : [];
  if (wall.kind === 'srt-rewrite' && location && !(await findSrt(location.root, env))) missing.push('srt');
  if (missing.length > 0) {
    // Claude Code's failIfUnavailable was seen to stop it before its first call; Copilot CLI without them was not tried.
    const until = wall.kind !== 'own-sandbox'
      ? 'PM Zone asks before each shell command that is not plainly read-only'
      : agent === 'claude' ? 'Claude Code refuses to start (failIfUnavailable)' : `${PERSONAL_AGENTS[agent].label}'s sandbox cannot run: do not rely on it`;
    detail.push(`missing: ${missing.join(', ')} (until installed, ${until})`);
    return 'programs-missing';
  }
  if (!location) return 'settings-missing';
  if (wall.kind === 'own-sandbox') {
    const file = wall.scope === 'user' ? userSettingsFile(agent, home, env) : wall.file;
    const text = wall.scope === 'user' ? await fs.readFile(file, 'utf8').catch(() => undefined) : await readInsideRepository(location.root, wall.file);
    let settings: Record<string, unknown> = {};
    try {
      settings = readSettings(text, file);
    } catch (error) {
      detail.push((error as Error).message);
    }
    const sandbox = settings.sandbox as Record<string, unknown> | undefined;
    if (sandbox?.enabled !== true) {
      detail.push(`${file} does not switch the sandbox on: run pm-zone agents init --me`);
      return 'settings-missing';
    }
    if (agent === 'claude' && !atTop) {
      detail.push('started in a subfolder, Claude Code 2.1.331 loads the top\'s .claude/settings.local.json (its sandbox), 2.1.197 did not: start it at the top to be sure');
      return 'unverified-from-subfolder';
    }
    return 'in-force';
  }
  const entry = await guardedEntry(home, location);
  if (!entry?.agents.includes(agent)) {
    detail.push('srt\'s settings for this repository are not written: run pm-zone agents init --me');
    return 'settings-missing';
  }
  return 'in-force';
}
