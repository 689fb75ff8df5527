import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GuardAnswer } from '../model';
import type { RepositoryLocation } from '../repositoryLocation';
import { readToml, tomlValueAt } from '../tomlFile';
import { ancestorCommandLine } from './agentProcess';
import { sandboxModeLayers } from './codexCheck';
import { CODEX_PROFILE } from './codexProfile';
import { guardedEntry } from './guarded';
import { needsNoSandbox } from './readOnlyCommand';
import { userSettingsFile } from './registry';

// A pilot PM's Codex session whose permission profile is switched off (a
// flag on its command line, `sandbox_mode` in a config it loads, the
// user's default changed): nothing but the shell reading stands between its
// commands and the locked area, so PM Zone refuses every shell command that
// is not plainly read-only, saying what switched the profile off and how to
// put it back. Patches are read whole by the hook either way.

const OFF_FLAGS = new Set(['-s', '--sandbox', '--full-auto', '--dangerously-bypass-approvals-and-sandbox', '--yolo']);

/** What switched the profile off for this session, or undefined when nothing did (as far as can be told). */
export async function profileSwitchedOff(location: RepositoryLocation, cwd: string, home: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const file = userSettingsFile('codex', home, env);
  let config: Record<string, unknown>;
  try {
    config = readToml(await fs.readFile(file, 'utf8').catch(() => undefined), file, (message) => new Error(message));
  } catch {
    return `${file} is not valid TOML`;
  }
  if (config.default_permissions !== CODEX_PROFILE) return `${file} no longer selects PM Zone's profile (default_permissions = "${CODEX_PROFILE}"): run npx pm-zone agents init --me`;
  const layers = await sandboxModeLayers(location.root, cwd);
  if (layers.length > 0) return `${layers.join(', ')} set${layers.length === 1 ? 's' : ''} sandbox_mode or default_permissions: remove it`;
  const args = await ancestorCommandLine('codex');
  for (let at = 0; at < (args?.length ?? 0); at++) {
    const arg = args![at];
    const name = arg.split('=')[0];
    if (OFF_FLAGS.has(name)) return `codex was started with ${arg}: start it without`;
    const value = arg === '-c' || arg === '--config' ? args![at + 1] : name === '--config' ? arg.slice('--config='.length) : undefined;
    if (value !== undefined && /^\s*("?)(sandbox_mode|default_permissions|permissions\.)/.test(value)) return `codex was started with -c ${value}: start it without`;
    const profile = arg === '-p' || arg === '--profile' ? args![at + 1] : name === '--profile' ? arg.slice('--profile='.length) : undefined;
    if (profile !== undefined && (await profileSetsSandbox(config, profile, path.dirname(file)))) return `codex was started with --profile ${profile}, which sets sandbox_mode: start it without`;
  }
  return undefined;
}

async function profileSetsSandbox(config: Record<string, unknown>, profile: string, codexHome: string): Promise<boolean> {
  if (tomlValueAt(config, ['profiles', profile, 'sandbox_mode']) !== undefined) return true;
  const layer = path.join(codexHome, `${profile}.config.toml`);
  const text = await fs.readFile(layer, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const values = readToml(text, layer, (message) => new Error(message));
    return values.sandbox_mode !== undefined || values.default_permissions !== undefined;
  } catch {
    return true;
  }
}

/** The answer for a guarded PM's Codex shell command: the early one, unless the profile is off and the command is not plainly read-only. */
export async function codexShellAnswer(command: string, early: GuardAnswer, location: RepositoryLocation, cwd: string, home: string, env: NodeJS.ProcessEnv): Promise<GuardAnswer> {
  if (early.kind === 'deny' || needsNoSandbox(command)) return early;
  const entry = await guardedEntry(home, location);
  if (!entry?.agents.includes('codex')) return early;
  const off = await profileSwitchedOff(location, cwd, home, env);
  if (off === undefined) return early;
  return {
    kind: 'deny',
    reason: [
      ...(early.kind === 'ask' ? [early.reason] : []),
      `PM Zone: Codex's sandbox, which keeps the engineering-only files read-only, is switched off for this session (${off}), so PM Zone refuses every shell command that is not plainly read-only. Tell the user; edits through apply_patch are still checked one by one.`,
    ].join('\n'),
  };
}
