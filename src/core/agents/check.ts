import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RepositoryPolicy } from '../repository/assemble';
import { GUARD_LAUNCHER } from './configPaths';
import { AGENT_HOOKS, guardEntries, installedHooks, type InstalledHook } from './hookConfig';
import { refuses, runHookCommand, writePayload } from './hookRunner';
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
  /** Where the hook finds PM Zone: the project's node_modules, PATH, or nowhere. */
  reachable: 'node_modules' | 'path' | false;
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
  const reachable = await guardInstall(root, env);
  const launcher = await fs.stat(path.join(root, ...GUARD_LAUNCHER.split('/'))).then((stats) => stats.isFile(), () => false);
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
      return { agent, file, configured: true, installed: false, missing: Object.keys(guardEntries(agent)), reachable, answering: 'not-run', detail: (error as Error).message };
    }
    const missing = Object.entries(hooks).filter(([, hook]) => hook === undefined).map(([event]) => event);
    const base = { agent, file, configured: missing.length < Object.keys(hooks).length, installed: missing.length === 0, missing, reachable };
    if (text === undefined) return { ...base, answering: 'not-run', detail: `${file} does not exist: run pm-zone agents init` };
    if (!launcher) return { ...base, answering: 'not-run', detail: `${GUARD_LAUNCHER} does not exist: run pm-zone agents init` };
    const hook = hooks[preToolEvent(agent)];
    if (hook === undefined) return { ...base, answering: 'not-run', detail: `${file} has no ${preToolEvent(agent)} hook of PM Zone: run pm-zone agents init` };
    return { ...base, ...(await oneDecision(agent, hook, root, policy, env)) };
  }
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

/** Where the launcher would find PM Zone, searched as it searches. */
async function guardInstall(root: string, env: NodeJS.ProcessEnv): Promise<'node_modules' | 'path' | false> {
  const exists = (file: string) => fs.stat(file).then((stats) => stats.isFile(), () => false);
  if (await exists(path.join(root, 'node_modules', 'pm-zone', 'dist', 'guard.js'))) return 'node_modules';
  for (const folder of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const program = await fs.realpath(path.join(folder, 'pm-zone')).catch(() => undefined);
    if (program && (await exists(path.join(path.dirname(program), 'guard.js')))) return 'path';
  }
  return false;
}

function preToolEvent(agent: AgentName): string {
  return Object.keys(guardEntries(agent)).find((event) => /pretooluse|beforetool/i.test(event)) as string;
}
