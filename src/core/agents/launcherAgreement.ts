import * as path from 'node:path';
import type { Problem } from '../types';
import { GUARD_LAUNCHER } from './configPaths';
import { AGENT_HOOKS, installedHooks } from './hookConfig';
import { launcherHash, verifiedHashOf } from './launcherLine';
import { AGENTS, type AgentName } from './model';
import { readCacheFile, storeCacheFile } from './policyCache';
import { findRepository } from './repositoryLocation';
import { readInsideRepository } from './writeFile';

// Every hook line of PM Zone's carries the SHA-256 of the launcher it runs
// and refuses the tool call when the file does not hash to it (launcherLine.ts).
// A line and a launcher that disagree therefore refuse every tool call, for
// everyone, engineers included: what `agents check` and `check-config` must
// say, with the fix, before anyone meets it as a refused edit.

export interface LauncherDisagreement {
  agent: AgentName;
  /** The agent's settings file holding the lines. */
  file: string;
  /** The events whose line does not verify the launcher that is there. */
  events: string[];
  message: string;
}

const FIX = 'an engineer runs pm-zone agents init, which writes the launcher and the lines again to agree, and commits them';

/**
 * The agents whose PM Zone hook lines would refuse the launcher as it is
 * (`launcher` undefined: the file is missing). Lines of an older PM Zone that
 * verify nothing are not counted. `actual`: the launcher's hash, where it was
 * already known.
 */
export function launcherDisagreements(launcher: string | undefined, configs: Partial<Record<AgentName, string | undefined>>, actual = launcher === undefined ? undefined : launcherHash(launcher)): LauncherDisagreement[] {
  const found: LauncherDisagreement[] = [];
  for (const agent of AGENTS) {
    const file = AGENT_HOOKS[agent].file;
    let hooks;
    try {
      hooks = installedHooks(agent, configs[agent]);
    } catch {
      // A file that does not parse is said by the agent's own check.
      continue;
    }
    const lines = Object.entries(hooks).flatMap(([event, hook]) => (hook ? [{ event, hash: verifiedHashOf(hook.command) }] : []));
    const wrong = lines.filter((line) => line.hash !== undefined && line.hash !== actual);
    if (wrong.length === 0) continue;
    const events = wrong.map((line) => line.event);
    const message = actual === undefined
      ? `${file}: PM Zone's hooks (${events.join(', ')}) run ${GUARD_LAUNCHER}, which is missing, so they refuse every tool call, for everyone: ${FIX}.`
      : `${file}: PM Zone's hooks (${events.join(', ')}) verify ${GUARD_LAUNCHER} by a hash it does not have (the lines expect ${wrong[0].hash?.slice(0, 12)}…, the file hashes to ${actual.slice(0, 12)}…), so they refuse every tool call, for everyone: ${FIX}.`;
    found.push({ agent, file, events, message });
  }
  return found;
}

/** The same read from a working tree: the launcher and every agent's settings as they are there. */
export async function launcherDisagreementsIn(root: string, agents: readonly AgentName[] = AGENTS): Promise<LauncherDisagreement[]> {
  const launcher = await readInsideRepository(root, GUARD_LAUNCHER);
  const configs = Object.fromEntries(await Promise.all(agents.map(async (agent) => [agent, await readInsideRepository(root, AGENT_HOOKS[agent].file)] as const)));
  return launcherDisagreements(launcher, configs, launcher === undefined ? undefined : await launcherHashKept(root, launcher));
}

/** Where the launcher's last hash is kept, in the git folder. */
export const LAUNCHER_HASH_FILE = path.join('pm-zone', 'launcher-hash.json');

/**
 * launcherHash, kept in the git folder with the text it is the hash of: while
 * the launcher reads the same, nothing is hashed, and `check-config` loads
 * no crypto module (about a tenth of node's start) for a file that seldom
 * changes. The entry holds the whole text and is used only for that text.
 * An entry planted there could at most hide this warning: the hook lines
 * hash the launcher themselves on every tool call and refuse it when it
 * differs.
 */
async function launcherHashKept(root: string, launcher: string): Promise<string> {
  const location = await findRepository(root);
  if (location?.root !== root) return launcherHash(launcher);
  const file = path.join(location.gitDir, LAUNCHER_HASH_FILE);
  const text = launcher.replace(/\r/g, '');
  const kept = readCacheFile(file) as { text?: unknown; hash?: unknown } | null | undefined;
  if (kept?.text === text && typeof kept.hash === 'string' && /^[0-9a-f]{64}$/.test(kept.hash)) return kept.hash;
  const hash = launcherHash(text);
  await storeCacheFile(file, JSON.stringify({ text, hash })).catch(() => undefined);
  return hash;
}

/** For check-config: one error per agent settings file whose lines refuse the launcher that is there. */
export async function launcherProblems(root: string): Promise<Problem[]> {
  return (await launcherDisagreementsIn(root)).map(({ file, message }) => ({ file, line: 1, column: 1, severity: 'error', kind: 'guard-launcher-mismatch', message }));
}
