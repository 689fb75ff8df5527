import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CODEX_CONFIG, GUARD_LAUNCHER } from '../configPaths';
import { AGENT_HOOKS, type GuardOptions } from '../hookConfig';
import { readInsideRepository } from '../writeFile';
import { codexHooks, type CodexHook } from './codexProgram';
import { codexUserConfig } from './codexProfile';
import { userSettingsFile } from './registry';
import { CODEX_HOOKS_KEY, writeUserFile } from './walls';

// Codex CLI runs a project's hook only once its user trusted that hook's
// definition, by a hash Codex computes (`[hooks.state."<key>"]
// trusted_hash`), and skips an untrusted one without a word. `agents init
// --me` trusts PM Zone's project hooks for the PM: it asks Codex for the
// hooks it would run from each worktree and their hashes, trusts exactly
// those whose command is the line PM Zone writes for the launcher that is
// there (no other hook of the project's, nor one that only mentions the
// launcher), then asks again to see them trusted.

export interface CodexTrust {
  /** The keys trusted, for the next run (GuardedRepository.wrote). */
  keys: string[];
  /** The hash each was trusted by, by key, for `agents check` (GuardedRepository.codexTrust). */
  hashes: Record<string, string>;
  /** What the PM is told: hooks missing or not PM Zone's current ones. */
  notes: string[];
}

/** `--policy-file` and `--codeowners-flavor` back from the arguments the user-level launcher passes. */
export function guardOptionsOf(args: readonly string[]): GuardOptions {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const flavor = value('--codeowners-flavor');
  return { ...(value('--policy-file') ? { policyFile: value('--policy-file') } : {}), ...(flavor === 'gitlab' || flavor === 'github' ? { codeownersFlavor: flavor } : {}) };
}

/** The hooks of PM Zone's in the worktree's config: their command is the line for the launcher that is there. */
async function ownHooks(hooks: readonly CodexHook[], root: string, options: GuardOptions): Promise<CodexHook[]> {
  const launcherText = await readInsideRepository(root, GUARD_LAUNCHER);
  if (launcherText === undefined) return [];
  const lines = { ...options, launcherText };
  const expected: Record<string, string> = { preToolUse: AGENT_HOOKS.codex.command(lines), sessionStart: AGENT_HOOKS.codex.lifecycle!(lines), stop: AGENT_HOOKS.codex.lifecycle!(lines) };
  const config = await fs.realpath(path.join(root, ...CODEX_CONFIG.split('/'))).catch(() => path.join(root, ...CODEX_CONFIG.split('/')));
  return hooks.filter((hook) => hook.source === 'project' && hook.command === expected[hook.eventName] && (hook.sourcePath === config || hook.sourcePath === path.join(root, ...CODEX_CONFIG.split('/'))));
}

/** Trusts PM Zone's project hooks in the user's config (written already with the profile), and checks Codex now trusts them. */
export async function trustCodexHooks(program: string, worktrees: readonly string[], wrote: Record<string, string[]>, home: string, env: NodeJS.ProcessEnv, options: GuardOptions): Promise<CodexTrust> {
  const listed = await codexHooks(program, worktrees, env);
  const mine = (await Promise.all(worktrees.map((root) => ownHooks(listed, root, options)))).flat();
  const unique = [...new Map(mine.map((hook) => [hook.key, hook])).values()];
  const file = userSettingsFile('codex', home, env);
  const before = await fs.readFile(file, 'utf8').catch(() => undefined);
  const text = codexUserConfig(before, file, { trusted: worktrees, entries: {}, previous: [], hookHashes: Object.fromEntries(unique.map((hook) => [hook.key, hook.currentHash])), previousHooks: wrote[CODEX_HOOKS_KEY] ?? [] });
  // The profile written a moment ago is kept as it is: `entries` empty and `previous` empty leave it whole.
  if (text !== before) await writeUserFile(file, text);
  const notes: string[] = [];
  const events = new Set(unique.map((hook) => hook.eventName));
  if (unique.length === 0) {
    const stale = listed.some((hook) => hook.source === 'project' && (hook.command ?? '').includes(GUARD_LAUNCHER));
    notes.push(stale
      ? `The project's Codex hooks (${CODEX_CONFIG}) are not the ones this PM Zone writes for the launcher that is there, so PM Zone did not trust them: ask an engineer to run pm-zone agents init and commit it, then run pm-zone agents init --me again. Until then Codex's sandbox keeps the locked area read-only, but Codex is not told why, nothing holds its finish, and the sandbox is not refreshed when the zone changes.`
      : `The project has no Codex hooks of PM Zone's (${CODEX_CONFIG}): ask an engineer to run pm-zone agents init and commit it, then run pm-zone agents init --me again. Until then Codex's sandbox keeps the locked area read-only, but Codex is not told why, nothing holds its finish, and the sandbox is not refreshed when the zone changes.`);
  } else {
    const after = await codexHooks(program, worktrees, env);
    const untrusted = unique.filter((hook) => !after.some((now) => now.key === hook.key && now.trustStatus === 'trusted' && now.enabled));
    if (untrusted.length > 0) throw new Error(`Codex does not trust ${untrusted.map((hook) => hook.key).join(', ')} after PM Zone wrote their hashes into ${file}; run pm-zone agents check`);
    const missing = ['preToolUse', 'sessionStart', 'stop'].filter((event) => !events.has(event));
    if (missing.length > 0) notes.push(`The project's Codex hooks lack ${missing.join(', ')}: ask an engineer to run pm-zone agents init again.`);
  }
  return { keys: unique.map((hook) => hook.key), hashes: Object.fromEntries(unique.map((hook) => [hook.key, hook.currentHash])), notes };
}

