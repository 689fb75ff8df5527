import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CODEX_CONFIG } from '../configPaths';
import { runsGuard } from '../hookConfig';
import type { RepositoryLocation } from '../repositoryLocation';
import { readToml, tomlValueAt } from '../tomlFile';
import { codexHooks, profileInForce, type CodexHook } from './codexProgram';
import { CODEX_PROFILE } from './codexProfile';
import type { GuardedRepository } from './guarded';
import { onPath } from './programs';
import { userSettingsFile } from './registry';
import { SettingsFileError } from './settingsFiles';
import { CODEX_HOOKS_KEY, CODEX_PROFILE_KEY } from './walls';

// `agents check` for Codex CLI, from the folder it runs in, asking Codex
// itself: whether it is installed, whether it trusts the project, whether it
// trusts each of PM Zone's hooks (it skips an untrusted one without a word),
// whether the permission profile a session started here would run under
// holds this repository's locked area, and what switches that off; each
// with the exact fix.

export interface CodexCheck {
  projectHooks: 'in-force' | 'untrusted' | 'absent';
  /** The PM's own set-up (`agents init --me`): the project's trust, the hooks' trust, the profile. */
  setUp: 'in-force' | 'absent' | 'stale' | 'not-guarded-here';
  sandbox: 'in-force' | 'settings-missing' | 'programs-missing' | 'switched-off';
  detail: string[];
}

const FIX = 'run pm-zone agents init --me';

/** What switches the profile off for a session, named whatever the check finds: the PM can do these by hand. */
export const CODEX_SWITCHES = 'what switches the profile off for a session: codex -s/--sandbox, --full-auto, --dangerously-bypass-approvals-and-sandbox, -c sandbox_mode=…, or sandbox_mode in a .codex/config.toml between the repository\'s top and the session\'s folder';

export async function checkCodex(folder: string, location: RepositoryLocation | undefined, entry: GuardedRepository | undefined, home: string, env: NodeJS.ProcessEnv): Promise<CodexCheck> {
  const detail: string[] = [];
  const program = onPath('codex', env);
  const mine = entry?.agents.includes('codex') ? entry : undefined;
  if (!program) return { projectHooks: 'absent', setUp: mine ? 'stale' : 'absent', sandbox: 'programs-missing', detail: ['Codex CLI (codex) is not on PATH: install it, then ' + FIX] };
  if (!location) return { projectHooks: 'absent', setUp: 'not-guarded-here', sandbox: 'settings-missing', detail: ['not in a git repository'] };
  const file = userSettingsFile('codex', home, env);
  let config: Record<string, unknown> = {};
  try {
    config = readToml(await fs.readFile(file, 'utf8').catch(() => undefined), file, (message) => new SettingsFileError(message));
  } catch (error) {
    detail.push((error as Error).message);
  }
  // The project's trust: without it Codex loads no project hooks and `codex exec` is read-only.
  const trusted = tomlValueAt(config, ['projects', location.realRoot, 'trust_level']) === 'trusted';
  if (!trusted) detail.push(`Codex does not trust ${location.realRoot} (${file} [projects."${location.realRoot}"] trust_level), so it loads none of the project's hooks: ${FIX}`);

  // Each of PM Zone's hooks, as Codex lists it from here.
  let projectHooks: CodexCheck['projectHooks'] = 'absent';
  let all: CodexHook[] = [];
  try {
    all = await codexHooks(program, [folder], env);
    const listed = all.filter((hook) => hook.source === 'project' && runsGuard({ command: hook.command }));
    const untrusted = listed.filter((hook) => hook.trustStatus !== 'trusted' || !hook.enabled);
    if (listed.length > 0) projectHooks = untrusted.length === 0 ? 'in-force' : 'untrusted';
    for (const hook of untrusted) detail.push(`Codex skips PM Zone's ${hook.eventName} hook without a word: it is ${hook.enabled ? hook.trustStatus : 'switched off'} (${hook.key}): ${FIX}`);
    if (listed.length === 0 && trusted) detail.push(`${CODEX_CONFIG} holds no hook of PM Zone's that Codex loads from here: an engineer runs pm-zone agents init`);
  } catch (error) {
    detail.push((error as Error).message);
  }

  // The hash Codex trusts each of PM Zone's hooks by, against the one `--me` trusted it by.
  const trust = mine ? trustSinceSetUp(mine, config, all, file) : [];
  detail.push(...trust);

  // The profile a session started here runs under: it must hold this repository's entries.
  let sandbox: CodexCheck['sandbox'] = 'settings-missing';
  const written = mine?.wrote[CODEX_PROFILE_KEY] ?? [];
  const profile = tomlValueAt(config, ['permissions', CODEX_PROFILE, 'filesystem']) as Record<string, string> | undefined;
  if (config.default_permissions !== CODEX_PROFILE || !profile || written.length === 0) {
    detail.push(`${file} does not select PM Zone's permission profile for this repository (default_permissions = "${CODEX_PROFILE}"): ${FIX}`);
  } else {
    try {
      const rendered = await profileInForce(program, folder, env);
      const lacking = written.filter((key) => profile[key] !== undefined && !rendered?.some((found) => found.path === key && found.access === profile[key]));
      if (rendered && lacking.length === 0) sandbox = 'in-force';
      else {
        sandbox = 'switched-off';
        const layers = await sandboxModeLayers(location.root, folder);
        detail.push(`a session started here does not run under PM Zone's permission profile${lacking.length > 0 && rendered ? ` (it lacks ${lacking.slice(0, 3).join(', ')}${lacking.length > 3 ? ', …' : ''})` : ''}: ${layers.length > 0 ? `remove sandbox_mode from ${layers.join(', ')}` : FIX}`);
      }
    } catch (error) {
      detail.push((error as Error).message);
    }
  }
  detail.push(CODEX_SWITCHES);
  const setUp: CodexCheck['setUp'] = !mine ? (written.length === 0 && !trusted ? 'absent' : 'not-guarded-here') : trusted && projectHooks !== 'untrusted' && trust.length === 0 ? 'in-force' : 'stale';
  return { projectHooks, setUp, sandbox, detail };
}

/**
 * Each of PM Zone's hooks `--me` trusted that Codex now trusts by another
 * hash (`[hooks.state."<key>"] trusted_hash` in the user's config, or the
 * hash `hooks/list` says it trusts): another definition of that hook was
 * trusted since, by hand or by a program, and Codex runs it in PM Zone's
 * place without a word (it may not run PM Zone at all); and each it no
 * longer trusts, which Codex skips without a word. Each with the fix.
 */
function trustSinceSetUp(entry: GuardedRepository, config: Record<string, unknown>, listed: readonly CodexHook[], file: string): string[] {
  const keys = entry.wrote[CODEX_HOOKS_KEY] ?? [];
  if (!entry.codexTrust) {
    return keys.length === 0 ? [] : [`pm-zone agents init --me ran with an earlier PM Zone, which did not record the hashes Codex trusts PM Zone's hooks by, so whether one was trusted again since under another definition cannot be told: ${FIX}`];
  }
  const found: string[] = [];
  for (const [key, recorded] of Object.entries(entry.codexTrust)) {
    const inConfig = tomlValueAt(config, ['hooks', 'state', key, 'trusted_hash']);
    const hook = listed.find((candidate) => candidate.key === key);
    const byList = hook?.trustStatus === 'trusted' ? hook.currentHash : undefined;
    const event = eventOfKey(key);
    const other = [inConfig, byList].find((hash) => hash !== undefined && hash !== recorded);
    if (other !== undefined) {
      found.push(`Codex trusts PM Zone's ${event} hook (${key}) by another hash than pm-zone agents init --me trusted it by (${file} [hooks.state."${key}"] trusted_hash = ${JSON.stringify(String(other))}, recorded ${JSON.stringify(recorded)}): another definition of that hook was trusted since, and Codex runs it in PM Zone's place without a word: ${FIX}`);
    } else if (inConfig === undefined && byList === undefined) {
      found.push(`Codex no longer trusts PM Zone's ${event} hook (${key}): ${file} has no trusted_hash for it, so Codex skips it without a word: ${FIX}`);
    }
  }
  return found;
}

/** The event of a `[hooks.state]` key (`<config path>:<event>:<group>:<handler>`), as hooks/list names it: `pre_tool_use` is preToolUse. */
function eventOfKey(key: string): string {
  const parts = key.split(':');
  return (parts[parts.length - 3] ?? key).replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

/** The project config files from the repository's top down to `folder` that set `sandbox_mode`, which switches every permission profile off. */
export async function sandboxModeLayers(root: string, folder: string): Promise<string[]> {
  const relative = path.relative(root, path.resolve(folder));
  const folders = relative.startsWith('..') ? [root] : relative.split(path.sep).filter(Boolean).reduce((all, part) => [...all, path.join(all[all.length - 1], part)], [root]);
  const found: string[] = [];
  for (const at of folders) {
    const file = path.join(at, ...CODEX_CONFIG.split('/'));
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const config = readToml(text, file, (message) => new Error(message));
      if (config.sandbox_mode !== undefined || config.default_permissions !== undefined) found.push(file);
    } catch {
      // A file Codex cannot read either fails the session at its start.
    }
  }
  return found;
}
