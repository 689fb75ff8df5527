import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editToml, readToml, tomlValueAt, type TomlEdit } from '../tomlFile';
import type { LockedArea } from './lockedArea';
import { SettingsFileError } from './settingsFiles';

// Codex CLI's wall for a pilot PM: a permission profile in the user's
// config.toml (beta in 0.169), selected for every session with
// `default_permissions`. Codex takes one profile for all of a user's
// projects, so PM Zone's extends Codex's own `:workspace` (what a trusted
// project gets: the session's folder and the temporary folders writable,
// `.git`, `.codex`, `.agents` read-only) with absolute entries: each
// worktree of each guarded repository writable (a session started in a
// subfolder writes the rest of it too), its locked area read-only. Paths
// are absolute because relative ones resolve against the session's folder.
// bubblewrap mounts a path that does not exist yet as an empty read-only
// placeholder at its first missing folder, which also stops it being made;
// two entries under one missing folder fail every command, so those are
// replaced by that folder. The user's config also gets the project's trust
// (without it the project's hooks do not load and `codex exec` is
// read-only) and the trusted hash of each of PM Zone's project hooks.

export const CODEX_PROFILE = 'pm-zone';
/** The profile Codex ships that PM Zone's extends. */
const BASE_PROFILE = ':workspace';

type Access = 'read' | 'write';

/**
 * One repository's entries: each worktree writable, its locked area
 * read-only, where a sandboxed command could otherwise write it (inside a
 * worktree or a temporary folder); what sits in a git folder is left to
 * Codex, which keeps the git folders read-only itself.
 */
export function profileEntries(worktrees: readonly { root: string; area: LockedArea }[], env: NodeJS.ProcessEnv): Record<string, Access> {
  const roots = worktrees.map(({ root }) => root);
  const writable = [...roots, '/tmp', os.tmpdir(), ...(env.TMPDIR ? [path.resolve(env.TMPDIR)] : [])];
  const under = (file: string, folder: string) => file === folder || file.startsWith(`${folder}${path.sep}`);
  const gitFolders = roots.map((root) => path.join(root, '.git'));
  const read = new Set<string>();
  const missing: string[] = [];
  for (const { area } of worktrees) {
    for (const file of area.paths) {
      if (gitFolders.some((folder) => under(file, folder))) continue;
      if (area.existing.includes(file) || existsSync(file)) read.add(file);
      else if (writable.some((folder) => under(file, folder))) missing.push(file);
    }
  }
  // Missing paths grouped by their first missing folder: alone, the path itself; together, that folder.
  const byFolder = new Map<string, string[]>();
  for (const file of missing) {
    let first = file;
    while (!existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
    byFolder.set(first, [...(byFolder.get(first) ?? []), file]);
  }
  for (const [first, files] of byFolder) for (const file of files.length > 1 ? [first] : files) read.add(file);
  const collapsed = [...read].filter((file) => ![...read].some((other) => other !== file && under(file, other)) && !roots.includes(file));
  return Object.fromEntries([...roots.map((root): [string, Access] => [root, 'write']), ...collapsed.sort().map((file): [string, Access] => [file, 'read'])]);
}

/** What stops PM Zone's profile from being the one in force, read in the user's config before anything is written. */
export function profileConflicts(text: string | undefined, file: string): string[] {
  const config = readToml(text, file, (message) => new SettingsFileError(message));
  const found: string[] = [];
  const chosen = config.default_permissions;
  if (chosen !== undefined && chosen !== CODEX_PROFILE) found.push(`${file} sets default_permissions = ${JSON.stringify(chosen)}: Codex takes one permission profile for every project, and PM Zone's must be it. Remove that line (PM Zone's profile extends Codex's ${BASE_PROFILE}), then run pm-zone agents init --me again.`);
  const selected = typeof config.profile === 'string' ? config.profile : undefined;
  if (selected && tomlValueAt(config, ['profiles', selected, 'sandbox_mode']) !== undefined) found.push(`${file} selects profile = ${JSON.stringify(selected)}, whose sandbox_mode switches every permission profile off: remove sandbox_mode from [profiles.${selected}], then run pm-zone agents init --me again.`);
  for (const name of ['hooks', 'codex_hooks']) if (tomlValueAt(config, ['features', name]) === false) found.push(`${file} switches Codex's hooks off ([features] ${name} = false), so PM Zone's guard would never run: remove that line, then run pm-zone agents init --me again.`);
  return found;
}

export interface CodexUserConfig {
  /** Worktree roots to trust (their `.codex/config.toml` loads, and `codex exec` may write). */
  trusted: readonly string[];
  /** This repository's profile entries. */
  entries: Record<string, Access>;
  /** The entries PM Zone wrote for this repository last time, replaced by `entries`. */
  previous: readonly string[];
  /** The hooks' trusted hashes to write, by Codex's key (`<config path>:pre_tool_use:0:0`); undefined leaves them. */
  hookHashes?: Record<string, string>;
  /** The keys PM Zone trusted for this repository last time (dropped when no longer PM Zone's). */
  previousHooks?: readonly string[];
}

/** The user's config.toml with PM Zone's trust, profile and hook hashes; everything of the user's kept (tomlFile.ts). */
export function codexUserConfig(existing: string | undefined, file: string, wanted: CodexUserConfig): string {
  const fail = (message: string) => new SettingsFileError(message);
  const config = readToml(existing, file, fail);
  const filesystem = tomlValueAt(config, ['permissions', CODEX_PROFILE, 'filesystem']);
  const others = Object.fromEntries(Object.entries(filesystem && typeof filesystem === 'object' ? filesystem : {}).filter(([key]) => !wanted.previous.includes(key) && !(key in wanted.entries)));
  const edits: TomlEdit[] = [
    { kind: 'set', table: [], key: 'default_permissions', value: CODEX_PROFILE },
    ...wanted.trusted.map((root): TomlEdit => ({ kind: 'set', table: ['projects', root], key: 'trust_level', value: 'trusted' })),
    { kind: 'replace-tables', prefix: ['permissions', CODEX_PROFILE], tables: { extends: BASE_PROFILE, filesystem: { ...others, ...wanted.entries } } },
  ];
  if (wanted.hookHashes) {
    for (const key of wanted.previousHooks ?? []) if (!(key in wanted.hookHashes)) edits.push({ kind: 'remove', table: ['hooks', 'state', key], key: 'trusted_hash' });
    for (const [key, hash] of Object.entries(wanted.hookHashes)) {
      edits.push({ kind: 'set', table: ['hooks', 'state', key], key: 'trusted_hash', value: hash });
      // A hook the user switched off in Codex would never run: PM Zone's are switched back on.
      if (tomlValueAt(config, ['hooks', 'state', key, 'enabled']) === false) edits.push({ kind: 'remove', table: ['hooks', 'state', key], key: 'enabled' });
    }
  }
  return editToml(existing, file, edits, fail);
}
