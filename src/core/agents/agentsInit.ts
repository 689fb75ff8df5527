import type { RepositoryPolicy } from '../repository/assemble';
import { zoneSummary } from '../repository/describe';
import { GUARD_LAUNCHER } from './configPaths';
import { AGENT_HOOKS, mergeGuardConfig, type GuardOptions } from './hookConfig';
import { launcherScript } from './launcher';
import type { AgentName } from './model';
import { writeRepositoryFile } from '../git/repositoryWrite';
import { fileInsideRepository, readInsideRepository } from './writeFile';
import { DEFAULT_PACKAGE_MANAGER, listsPmZone, type PackageManager } from '../repository/packageManager';

/** One file `agents init` writes: what is there decides the action; an unchanged file is left alone. */
export interface ConfigFileWrite {
  file: string;
  action: 'create' | 'update' | 'unchanged';
  text: string;
}

/**
 * What `pm-zone agents init` and "PM Zone: Guard coding agents" write, the
 * same for both: the launcher and each chosen agent's configuration, merged
 * into what is there, every hook line carrying the hash of the launcher
 * written beside it (the one text, taken once). Throws AgentConfigError,
 * before anything is written, when an existing file cannot be read as JSON.
 */
export function agentsInitWrites(existing: Readonly<Record<string, string | undefined>>, agents: readonly AgentName[], options: GuardOptions = {}): ConfigFileWrite[] {
  const launcherText = options.launcherText ?? launcherScript();
  const planned = [
    { file: GUARD_LAUNCHER, text: launcherText },
    ...agents.map((agent) => ({ file: AGENT_HOOKS[agent].file, text: mergeGuardConfig(agent, existing[AGENT_HOOKS[agent].file], { ...options, launcherText }) })),
  ];
  return planned.map(({ file, text }) => {
    const before = existing[file];
    const action = before === undefined ? 'create' : before === text ? 'unchanged' : 'update';
    return { file, action, text };
  });
}

/** The files `agents init` reads before it writes: the launcher and each agent's configuration. */
export function agentsInitFiles(agents: readonly AgentName[]): string[] {
  return [GUARD_LAUNCHER, ...agents.map((agent) => AGENT_HOOKS[agent].file)];
}

/**
 * Where the hook finds PM Zone: unless package.json lists pm-zone, the
 * engineer is told how to add it, with the repository's package manager
 * (PM Zone does not edit the project's dependencies). Undefined when it is
 * listed.
 */
export function installAdvice(packageJson: string | undefined, manager: Pick<PackageManager, 'addDev'> = DEFAULT_PACKAGE_MANAGER): string | undefined {
  if (listsPmZone(packageJson)) return undefined;
  return packageJson === undefined
    ? 'The hooks run PM Zone from node_modules/pm-zone, else from the PM Zone extension of the editor on each machine, else from PATH: this project has no package.json, so whoever has neither the extension nor a global install (npm install --global pm-zone) is not guarded.'
    : `The hooks run PM Zone from node_modules/pm-zone, else from the PM Zone extension of the editor on each machine: add it to the project with \`${manager.addDev}\` and commit package.json, so every checkout has the version your CI runs.`;
}

/** What a pilot PM sends the engineer who adds the guard: the exact steps, with the repository's package manager, nothing to look up. */
export function agentsInitRequest(agents: readonly AgentName[], manager: Pick<PackageManager, 'addDev' | 'exec' | 'oneOff'> = DEFAULT_PACKAGE_MANAGER): string {
  return [
    "Could you add PM Zone's guard to our coding agents' hooks, so an agent working for a PM is stopped before it edits an engineering-only file?",
    '',
    `1. Run \`${manager.oneOff} agents init\` (or "PM Zone: Guard coding agents" in VS Code): it writes ${agentsInitFiles(agents).join(', ')}.`,
    `2. Add pm-zone as a devDependency (\`${manager.addDev}\`) if the project does not list it yet.`,
    `3. Commit the files (git must not ignore them: \`${manager.exec} agents check\` says so when it does); it then says, per agent, whether the guard answers.`,
  ].join('\n');
}

export type AgentsInitOutcome =
  | { status: 'refused'; message: string; request: string }
  | { status: 'written'; files: { file: string; action: ConfigFileWrite['action'] }[]; advice?: string };

/**
 * `agents init` for both front ends. The hook settings decide what every
 * agent in the repository may do, so writing them is an engineer's act: a
 * pilot PM is told so, with the request to send, and nothing is written.
 */
export async function initAgents(root: string, policy: RepositoryPolicy, agents: readonly AgentName[], options: GuardOptions = {}, manager: PackageManager = DEFAULT_PACKAGE_MANAGER): Promise<AgentsInitOutcome> {
  if (policy.identity.known) {
    const answer = policy.zoneOf(AGENT_HOOKS[agents[0] ?? 'claude'].file);
    const dri = policy.author?.engineeringDri;
    return {
      status: 'refused',
      message: `The coding agents' hook settings are policy files (${zoneSummary(answer, { forPm: true })}): an engineer adds them. Ask your engineering DRI${dri ? ` (${dri})` : ''} to add PM Zone's guard; nothing was written.`,
      request: agentsInitRequest(agents, manager),
    };
  }
  const files = agentsInitFiles(agents);
  const existing = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readInsideRepository(root, file)] as const)));
  const writes = agentsInitWrites(existing, agents, options);
  const changed = writes.filter((write) => write.action !== 'unchanged');
  // Every destination is checked before the first is written: one that leads out of the repository leaves none half done.
  await Promise.all(changed.map((write) => fileInsideRepository(root, write.file)));
  // The one write every file of PM Zone's goes through: a link at the target is replaced, never followed.
  for (const write of changed) await writeRepositoryFile(root, write.file, write.text, { mode: 'replace' });
  const advice = installAdvice(await readInsideRepository(root, 'package.json'), manager);
  return { status: 'written', files: writes.map(({ file, action }) => ({ file, action })), ...(advice ? { advice } : {}) };
}
