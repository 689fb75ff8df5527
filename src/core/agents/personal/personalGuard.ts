import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shellQuote } from '../../git/hookScript';
import { GUARD_LAUNCHER } from '../configPaths';
import { AGENT_HOOKS, guardEntries, installedHooks } from '../hookConfig';
import { launcherHash, verifiedHashOf } from '../launcherLine';
import type { AgentName, GuardAnswer, HookEvent } from '../model';
import { projectDir } from '../payload';
import { findRepository, type RepositoryLocation } from '../repositoryLocation';
import { readInsideRepository } from '../writeFile';
import { guardedEntry, personalFolder, srtSettingsName, writePersonalFile } from './guarded';
import { findSrt } from './initMe';
import { changedPrograms, onPath } from './programs';
import { CLEAR_EMPTY_DIFF_EXTERNAL } from './geminiGitSettings';
import { mayPrintGitPatch, needsNoSandbox } from './readOnlyCommand';
import { PACKAGE_OF, PERSONAL_AGENTS } from './registry';
import { SRT_OWN_DENIED, srtSettingsStartingIn } from './sandboxSettings';
import { absentIn } from './walls';
import { sha256Hex } from '../../digest';

// What the guard does differently for a pilot PM who turned it on for
// themself (`agents init --me`): the shell commands of an agent without a
// sandbox of its own run under srt, and the user-level hook stays silent
// where the project's hooks are sure to give the same answer.

/**
 * The answer for a shell command of an agent whose wall is srt: the early
 * answer when it refuses; nothing when the command plainly only reads
 * (but for a git patch, walled where the wall can run); else the command rewritten to run under srt with the repository's
 * settings (asked first when the early answer asks); and when srt cannot
 * run here, a question, naming what to install.
 */
export async function shellWallAnswer(agent: AgentName, command: string, input: unknown, early: GuardAnswer, location: RepositoryLocation, home: string, env: NodeJS.ProcessEnv, startsIn: string = location.root): Promise<GuardAnswer> {
  const wall = PERSONAL_AGENTS[agent].shell;
  if (wall.kind !== 'srt-rewrite' || early.kind === 'deny' || input === null || typeof input !== 'object') return early;
  const plainRead = early.kind === 'silent' && needsNoSandbox(command);
  // A read that may print a git patch runs walled where the wall can run: unwalled, Gemini's own git settings make it fail (geminiGitSettings.ts).
  if (plainRead && !mayPrintGitPatch(command)) return early;
  const entry = await guardedEntry(home, location);
  if (!entry) return early;
  const repositorySettings = path.join(personalFolder(home), srtSettingsName(location));
  const srt = await findSrt(location.root, env);
  const missing = [...(srt ? [] : ['srt']), ...(process.platform === 'linux' ? wall.needs.filter((program) => !onPath(program, env)) : [])];
  const hasSettings = await fs.stat(repositorySettings).then((stats) => stats.isFile(), () => false);
  const settings = hasSettings ? await settingsStartingIn(home, location, startsIn) : repositorySettings;
  const ask = early.kind === 'ask' ? early.reason : undefined;
  if (srt && missing.length === 0 && hasSettings) {
    // srt points the command's TMPDIR at /tmp/claude, which only Claude Code makes: the temporary folder its settings allow is named instead.
    const wrapped = `${CLEAR_EMPTY_DIFF_EXTERNAL} CLAUDE_CODE_TMPDIR=${shellQuote(os.tmpdir())} ${shellQuote(process.execPath)} ${shellQuote(srt)} --settings ${shellQuote(settings)} -c ${shellQuote(command)}`;
    return { kind: 'rewrite', input: { ...(input as Record<string, unknown>), command: wrapped }, ...(ask ? { ask } : {}) };
  }
  if (plainRead) return early;
  const install = [
    ...(missing.includes('srt') ? ['npm install --global @anthropic-ai/sandbox-runtime'] : []),
    ...(missing.some((program) => program !== 'srt') ? [`apt-get install ${missing.filter((program) => program !== 'srt').map((program) => PACKAGE_OF[program] ?? program).join(' ')}`] : []),
    ...(hasSettings ? [] : ['PM Zone: Guard my coding agents, in the editor (or pm-zone agents init --me)']),
  ];
  return {
    kind: 'ask',
    reason: [
      ...(ask ? [ask] : []),
      `PM Zone: this shell command is not plainly read-only, and the sandbox that keeps ${PERSONAL_AGENTS[agent].label}'s commands off engineering-only files cannot run here (missing: ${[...missing, ...(hasSettings ? [] : ['its settings'])].join(', ')}). The PM decides whether it runs unsandboxed. To sandbox it: ${install.join(', then ')}.`,
    ].join('\n'),
  };
}

/**
 * The srt settings for a command that starts in `folder`: the repository's
 * own at the top (or outside it); below the top, a copy beside them that
 * also holds srt's own names there (srtSettingsStartingIn), written when
 * it differs, so that `git status` in the command lists none of them.
 */
async function settingsStartingIn(home: string, location: RepositoryLocation, folder: string): Promise<string> {
  const repositorySettings = path.join(personalFolder(home), srtSettingsName(location));
  const real = await fs.realpath(folder).catch(() => undefined);
  if (!real || !real.startsWith(`${location.realRoot}${path.sep}`)) return repositorySettings;
  const text = srtSettingsStartingIn(await fs.readFile(repositorySettings, 'utf8'), await absentIn(real, SRT_OWN_DENIED));
  const name = srtSettingsName(location).replace(/\.json$/, `.${sha256Hex(real).slice(0, 16)}.json`);
  const file = path.join(personalFolder(home), name);
  if ((await fs.readFile(file, 'utf8').catch(() => undefined)) !== text) await writePersonalFile(home, name, text);
  return file;
}

/**
 * Whether the user-level hook should stay silent because the project's
 * own hook answers this very event with the same guard: the agent loads
 * the project's hooks from where this session started, they hold PM
 * Zone's hook for the event, its line verifies the launcher that is there
 * now, the guard that launcher runs is the one the PM set up, and node and
 * git are the ones the PM recorded (the project's line runs `node` by its
 * bare name: a planted one would answer for it without running PM Zone).
 * Anything less and the user-level hook answers (twice is better than never).
 */
export async function projectHookAnswers(agent: AgentName, event: HookEvent, env: NodeJS.ProcessEnv, home: string): Promise<boolean> {
  const load = PERSONAL_AGENTS[agent].projectHooksLoad;
  if (load === 'unsure' || event.event === 'other') return false;
  const start = projectDir(env) ?? event.common.cwd;
  const location = await findRepository(start);
  if (!location) return false;
  if (load === 'top' && (await fs.realpath(start).catch(() => start)) !== location.realRoot) return false;
  let hooks;
  try {
    hooks = installedHooks(agent, await readInsideRepository(location.root, AGENT_HOOKS[agent].file));
  } catch {
    return false;
  }
  const name = Object.keys(guardEntries(agent)).find((key) => EVENT_KIND[event.event].test(key));
  const hook = name === undefined ? undefined : hooks[name];
  const launcher = await readInsideRepository(location.root, GUARD_LAUNCHER);
  if (!hook || launcher === undefined || verifiedHashOf(hook.command) !== launcherHash(launcher)) return false;
  const entry = await guardedEntry(home, location);
  const installed = await fs.realpath(path.join(location.root, 'node_modules', 'pm-zone', 'dist', 'guard.js')).catch(() => undefined);
  if (entry === undefined || installed !== entry.guard.path) return false;
  // The PATH the agent runs both hooks with, as the guard reads it (guard.ts).
  return (await changedPrograms(entry.programs, env.PATH === undefined ? { PATH: process.env.PATH } : env)).length === 0;
}

const EVENT_KIND: Record<Exclude<HookEvent['event'], 'other'>, RegExp> = { 'pre-tool': /pretooluse|beforetool/i, 'session-start': /sessionstart/i, stop: /^(stop|agentstop|afteragent)$/i };
