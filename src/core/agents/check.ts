import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RepositoryPolicy } from '../repository/assemble';
import type { Problem } from '../types';
import { GUARD_LAUNCHER } from './configPaths';
import { AGENT_HOOKS, guardEvents, installedHooks, type InstalledHook } from './hookConfig';
import { refuses, runHookCommand, writePayload } from './hookRunner';
import { launcherScript } from './launcher';
import { launcherDisagreements } from './launcherAgreement';
import { readInsideRepository } from './writeFile';
import type { AgentName } from './model';

/** `pm-zone agents check`, per agent: is the guard configured, can its hook find PM Zone, and does it answer. */
export interface AgentCheck {
  agent: AgentName;
  file: string;
  /** Some of PM Zone's hooks are in the agent's settings: the team uses this agent with the guard. */
  configured: boolean;
  /** Every event PM Zone hooks is configured to run the launcher. */
  installed: boolean;
  /** Events without PM Zone's hook. */
  missing: string[];
  /** Where the hook finds PM Zone's own build: the project's node_modules, an editor's extension folder, PATH, or nowhere. */
  reachable: GuardLocation['reachable'];
  /** What the launcher found: the package's folder and version, or why it refuses to run it. */
  guard?: Omit<GuardLocation, 'reachable'>;
  /** One real decision through the configured command line: a pilot PM's write to the policy file was refused. */
  answering: boolean | 'not-run';
  detail: string;
}

export interface CheckOptions {
  /** Where a launcher can find a global install; the process's PATH by default. */
  env?: NodeJS.ProcessEnv;
}

export async function checkAgents(root: string, policy: RepositoryPolicy, agents: readonly AgentName[], options: CheckOptions = {}): Promise<AgentCheck[]> {
  const env = options.env ?? process.env;
  const launcher = await fs.stat(path.join(root, ...GUARD_LAUNCHER.split('/'))).then((stats) => stats.isFile(), () => false);
  const launcherText = launcher ? await readInsideRepository(root, GUARD_LAUNCHER) : undefined;
  const { reachable, ...found } = launcher ? await locateGuard(root, env) : { reachable: false as const };
  const guard = Object.keys(found).length > 0 ? { guard: found } : {};
  // One after the other: each decision's time is its own, not shared with three others.
  const checks: AgentCheck[] = [];
  for (const agent of agents) checks.push(await checkAgent(agent));
  return checks;

  async function checkAgent(agent: AgentName): Promise<AgentCheck> {
    const file = AGENT_HOOKS[agent].file;
    const text = await fs.readFile(path.join(root, ...file.split('/')), 'utf8').catch(() => undefined);
    let hooks: Record<string, InstalledHook | undefined>;
    try {
      hooks = installedHooks(agent, text);
    } catch (error) {
      return { agent, file, configured: true, installed: false, missing: guardEvents(agent), reachable, ...guard, answering: 'not-run', detail: (error as Error).message };
    }
    const missing = Object.entries(hooks).filter(([, hook]) => hook === undefined).map(([event]) => event);
    const base = { agent, file, configured: missing.length < Object.keys(hooks).length, installed: missing.length === 0, missing, reachable, ...guard };
    if (text === undefined) return { ...base, answering: 'not-run', detail: `${file} does not exist: run pm-zone agents init` };
    if (!launcher) return { ...base, answering: 'not-run', detail: `${GUARD_LAUNCHER} does not exist: run pm-zone agents init` };
    const hook = hooks[preToolEvent(agent)];
    if (hook === undefined) return { ...base, answering: 'not-run', detail: `${file} has no ${preToolEvent(agent)} hook of PM Zone: run pm-zone agents init` };
    // Lines that do not verify the launcher refuse every call: said as such, with the fix, rather than as one refused decision.
    const [disagreement] = launcherDisagreements(launcherText, { [agent]: text });
    if (disagreement) return { ...base, answering: false, detail: disagreement.message };
    return { ...base, ...(await oneDecision(agent, hook, root, policy, env)) };
  }
}

/**
 * A note where the committed launcher is not the one this build's `agents init`
 * writes: another release's (or a build with other keys). While its hook lines
 * verify it, it keeps working as it was written (lines that do not are an error,
 * launcherAgreement.ts); nothing else tells an engineer who upgraded PM Zone that
 * the launcher, which decides how the guard is started and checked, is still the
 * old one.
 */
export async function launcherOfAnotherBuild(root: string, version: string): Promise<Problem[]> {
  const text = await readInsideRepository(root, GUARD_LAUNCHER);
  if (text === undefined || text.replace(/\r/g, '') === launcherScript()) return [];
  const message = `${GUARD_LAUNCHER} is not the launcher this PM Zone (${version}) writes: another release wrote it. It keeps working as it was written while the hook lines agree with it; pm-zone agents init writes this release's launcher and hook lines, which start and check the guard as this release does (see its changelog), then commit them.`;
  return [{ file: GUARD_LAUNCHER, line: 1, column: 1, severity: 'info', kind: 'guard-launcher-other-build', message }];
}

/** Runs the configured command line on a pilot PM's write to the policy file, which is locked for every PM. */
async function oneDecision(agent: AgentName, hook: InstalledHook, root: string, policy: RepositoryPolicy, env: NodeJS.ProcessEnv): Promise<{ answering: boolean | 'not-run'; detail: string }> {
  const pilot = policy.zone.pilots[0];
  if (process.platform === 'win32') return { answering: 'not-run', detail: 'the check runs hooks through sh, which Windows lacks' };
  if (!policy.zone.defined || !pilot) return { answering: 'not-run', detail: `no pilot PM in ${policy.zone.file} to check a decision as` };
  const payload = writePayload(agent, root, path.join(root, ...policy.zone.file.split('/')));
  const timeout = hook.timeoutSeconds;
  const started = Date.now();
  try {
    const output = await runHookCommand(agent, hook.command, root, payload, timeout, { ...env, PM_ZONE_AS: pilot.handle });
    const took = `${Date.now() - started} ms`;
    if (output.timedOut) return { answering: false, detail: `the hook did not answer within its ${timeout} s timeout` };
    if (refuses(agent, output)) return { answering: true, detail: `refused ${pilot.handle}'s edit of ${policy.zone.file} in ${took}` };
    const said = (output.stderr || output.stdout).trim().split('\n')[0] || 'nothing';
    return { answering: false, detail: `exit ${output.exitCode}, expected a refusal of ${policy.zone.file} for ${pilot.handle}; it said: ${said}` };
  } catch (error) {
    return { answering: false, detail: `the hook could not be started: ${(error as Error).message}` };
  }
}

/** Where the launcher finds PM Zone's guard: the package's folder and version, or why it refuses the one it found. */
export interface GuardLocation {
  reachable: 'node_modules' | 'yarn-pnp' | 'extension' | 'path' | false;
  folder?: string;
  version?: string;
  refused?: string;
}

/**
 * Asks the launcher itself (`node .pmzone/guard.cjs --locate`, with the
 * hooks' environment): what is checked is what the hooks run, searched and
 * verified as they search and verify.
 */
async function locateGuard(root: string, env: NodeJS.ProcessEnv): Promise<GuardLocation> {
  const launcher = path.join(root, ...GUARD_LAUNCHER.split('/'));
  const run = await new Promise<{ stdout: string; missingNode: boolean }>((resolve) => {
    execFile('node', [launcher, '--locate'], { cwd: root, env, timeout: 10_000, encoding: 'utf8' }, (error, out) => resolve({ stdout: error ? '' : out, missingNode: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' }));
  });
  if (run.missingNode) return { reachable: false, refused: 'node is not on PATH, and every hook runs `node .pmzone/guard.cjs`' };
  let found: { from?: string; folder?: string; version?: string; refused?: string; guard?: string };
  try {
    found = JSON.parse(run.stdout);
  } catch {
    return { reachable: false, refused: `${GUARD_LAUNCHER} did not say where PM Zone is (written by an older PM Zone?): run pm-zone agents init to rewrite it` };
  }
  const reachable = found.guard && (found.from === 'node_modules' || found.from === 'yarn-pnp' || found.from === 'extension' || found.from === 'path') ? found.from : false;
  return { reachable, ...(found.folder ? { folder: found.folder } : {}), ...(found.version ? { version: found.version } : {}), ...(found.refused ? { refused: found.refused } : {}) };
}

function preToolEvent(agent: AgentName): string {
  return guardEvents(agent).find((event) => /pretooluse|beforetool/i.test(event)) as string;
}
