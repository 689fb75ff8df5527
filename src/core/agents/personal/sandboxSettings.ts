import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentName } from '../model';
import type { LockedArea } from './lockedArea';
import { mergedList, readSettings, setValues, valueAt } from './settingsFiles';

// Each sandbox's settings for a pilot PM, from the locked area (one source).
// - Claude Code, `.claude/settings.local.json` (per user, not committed):
//   the sandbox on, failing closed where it cannot run, with no escape hatch
//   (`allowUnsandboxedCommands: false`: the model's `dangerouslyDisableSandbox`
//   parameter is ignored), the area in `filesystem.denyWrite` (`//` = an
//   absolute path). The sandbox does not cover the Edit and Write tools, so
//   `permissions` rules do, in two parts. Claude Code checks a deny rule
//   before any hook runs and answers it with words of its own ("denied by
//   your permission settings"); an ask rule comes after the hooks. So:
//   `deny` for the files that would switch the guard or the sandbox off
//   (this very file first), which no hook may be needed to protect; `ask`
//   for the rest of the area, where PM Zone's hook answers first, with the
//   rule, the owners and whom to ask, and where Claude Code itself still
//   stops the edit if no hook answers (headless: refused; in a session: the
//   PM is asked, naming the file). `disableAllHooks` is removed.
// - Copilot CLI, the user's `~/.copilot/settings.json`: the sandbox on, no
//   bypass, the existing paths of every guarded repository's area in
//   `userPolicy.filesystem.readonlyPaths` (its edit tools check the same
//   policy). Copilot reads `sandbox` from there (and an organization's
//   managed policy) only: from a repository's `.github/copilot/settings.json`
//   and `settings.local.json` it keeps a short list of other keys, so a
//   sandbox written there is never on.
// - srt (for Gemini CLI, whose commands the guard rewrites): a file of
//   PM Zone's own; writes allowed in the repository, its git folder, the
//   temporary folder and the package caches, the area denied; the network
//   open to the package registry and GitHub only (srt has no "any host").

export interface SandboxWrite {
  text: string;
  /** The entries PM Zone put into each shared list, to replace next time. */
  wrote: Record<string, string[]>;
}

/** Every absolute path as Claude Code's settings spell one: `//` then the path without its leading slash. */
function claudePath(absolute: string): string {
  return `/${absolute.split(path.sep).join('/')}`;
}

/** `Edit(…)` rules for each path: the path itself and everything under it. */
function editRules(paths: readonly string[]): string[] {
  return paths.map(claudePath).flatMap((locked) => [`Edit(${locked})`, `Edit(${locked}/**)`]);
}

/**
 * `absent`: the names Claude Code's sandbox denies by itself at the top of
 * the worktree (CLAUDE_OWN_DENIED) that are not there, held the same way
 * as a locked path not there yet (denyWrite only: no Edit rule for them).
 */
export function claudeLocalSettings(existing: string | undefined, file: string, area: LockedArea, previous: Record<string, string[]>, absent: readonly string[] = []): SandboxWrite {
  const settings = readSettings(existing, file);
  // Claude Code's sandbox is srt's: a locked path not there yet is held by an empty folder, not /dev/null (see srtSettings).
  const held = [...new Set([...area.paths, ...absent.filter((name) => !area.existing.includes(name))])].sort();
  const denyWrite = heldBelow({ ...area, paths: held }).map(claudePath);
  const deny = editRules(area.switches);
  const ask = editRules(area.paths.filter((locked) => !area.switches.includes(locked)));
  const wrote = { 'claude.denyWrite': denyWrite, 'claude.deny': deny, 'claude.ask': ask };
  const text = setValues(existing, file, [
    [['sandbox', 'enabled'], true],
    [['sandbox', 'failIfUnavailable'], true],
    [['sandbox', 'allowUnsandboxedCommands'], false],
    [['sandbox', 'autoAllowBashIfSandboxed'], true],
    [['sandbox', 'filesystem', 'denyWrite'], mergedList(valueAt(settings, ['sandbox', 'filesystem', 'denyWrite']), previous['claude.denyWrite'] ?? [], denyWrite)],
    [['permissions', 'deny'], mergedList(valueAt(settings, ['permissions', 'deny']), previous['claude.deny'] ?? [], deny)],
    [['permissions', 'ask'], mergedList(valueAt(settings, ['permissions', 'ask']), previous['claude.ask'] ?? [], ask)],
    ...(settings.disableAllHooks === undefined ? [] : [[['disableAllHooks'], undefined] as [string[], undefined]]),
  ]);
  return { text, wrote };
}

export function copilotUserSettings(existing: string | undefined, file: string, area: LockedArea, previous: Record<string, string[]>): SandboxWrite {
  const settings = readSettings(existing, file);
  // Copilot CLI runs the hooks in its sandbox too: PM Zone's records folder read-only there, the session start could not
  // record what the finish is checked against, and said nothing (the locked area itself stays read-only to Copilot's shell).
  const readonly = area.existing.filter((locked) => !area.records.some((records) => locked === records || locked.startsWith(`${records}${path.sep}`)));
  const at = ['sandbox', 'userPolicy', 'filesystem', 'readonlyPaths'];
  const text = setValues(existing, file, [
    [['sandbox', 'enabled'], true],
    [['sandbox', 'allowBypass'], false],
    [at, mergedList(valueAt(settings, at), previous['copilot.readonlyPaths'] ?? [], readonly)],
  ]);
  return { text, wrote: { 'copilot.readonlyPaths': readonly } };
}

/** Where an earlier PM Zone wrote Copilot CLI's sandbox, in each worktree: Copilot CLI never read it there. */
export const COPILOT_REPOSITORY_SETTINGS = '.github/copilot/settings.local.json';

/**
 * The repository's Copilot settings without the `sandbox` an earlier PM Zone
 * wrote there (Copilot CLI drops the key from a repository's files, so it
 * never switched anything on, and it reads as if it did); undefined when
 * there is none, or when it holds anything PM Zone never wrote, which stays.
 */
export function withoutInertCopilotSandbox(existing: string | undefined, file: string): string | undefined {
  let sandbox: unknown;
  try {
    sandbox = valueAt(readSettings(existing, file), ['sandbox']);
  } catch {
    return undefined; // A file PM Zone no longer needs is left as it is, readable or not.
  }
  if (sandbox === undefined || sandbox === null || typeof sandbox !== 'object' || Array.isArray(sandbox)) return undefined;
  const { enabled, allowBypass, userPolicy, ...other } = sandbox as Record<string, unknown>;
  const policyKeys = userPolicy === undefined ? [] : Object.keys(userPolicy as object);
  const filesystemKeys = Object.keys((valueAt(userPolicy, ['filesystem']) as object | undefined) ?? {});
  const onlyOurs = Object.keys(other).length === 0 && enabled !== false && allowBypass !== true
    && policyKeys.every((key) => key === 'filesystem') && filesystemKeys.every((key) => key === 'readonlyPaths');
  return onlyOurs ? setValues(existing, file, [[['sandbox'], undefined]]) : undefined;
}

/** The sandbox settings writer of each agent that has a sandbox of its own. */
export const OWN_SANDBOX_SETTINGS: Partial<Record<AgentName, typeof claudeLocalSettings>> = {
  claude: claudeLocalSettings,
  copilot: copilotUserSettings,
};

/** Hosts a sandboxed command may reach: the npm registry and GitHub (push, pull, the API), nothing else. */
const SRT_HOSTS = ['registry.npmjs.org', '*.npmjs.org', 'github.com', '*.github.com', '*.githubusercontent.com'];

/** A name below each locked path that does not exist yet, denied too, so srt holds the path with an empty folder rather than /dev/null. */
export const SRT_HELD_BELOW = '.pm-zone-locked';

/** The area's paths for srt's denyWrite, each one that does not exist yet with a name below it. */
function heldBelow(area: LockedArea): string[] {
  return area.paths.flatMap((locked) => (area.existing.includes(locked) ? [locked] : [locked, path.join(locked, SRT_HELD_BELOW)]));
}

/**
 * srt's settings for a command that starts in a folder below the
 * repository's top: the repository's own (`text`), with each of srt's own
 * names that is not there in that folder (`absent`, absolute) held by an
 * empty folder too, which `git status` does not list, where srt would leave
 * an empty file that it does.
 */
export function srtSettingsStartingIn(text: string, absent: readonly string[]): string {
  const settings = JSON.parse(text) as { filesystem: { denyWrite: string[] } };
  const held = heldBelow({ paths: [...absent], existing: [], switches: [], digest: '', records: [] });
  settings.filesystem.denyWrite = [...new Set([...settings.filesystem.denyWrite, ...held])].sort();
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/**
 * What srt keeps read-only by itself in the folder a command starts in
 * (its DANGEROUS_FILES and DANGEROUS_DIRECTORIES, srt 0.0.83): where one
 * does not exist, srt mounts /dev/null there too, and `git status` inside
 * the wall lists each as a new file (`?? .bashrc`, `?? .idea`).
 */
export const SRT_OWN_DENIED = ['.gitconfig', '.gitmodules', '.bashrc', '.bash_profile', '.zshrc', '.zprofile', '.profile', '.ripgreprc', '.mcp.json', '.vscode', '.idea'];

/**
 * What Claude Code's sandbox keeps read-only by itself in the folder it
 * starts in (Claude Code 2.1.331): srt's names, and Claude Code's own files
 * in `.claude`. Where one does not exist, `git status` inside the sandbox
 * lists it as a new file (`?? .claude/launch.json`) unless PM Zone holds it
 * with an empty folder.
 */
export const CLAUDE_OWN_DENIED = [...SRT_OWN_DENIED, '.claude/launch.json', '.claude/loop.md', '.claude/routines', '.claude/scheduled_tasks.json', '.claude/workflows'];

/**
 * srt's settings for one repository: writable where a PM's commands work,
 * the locked area denied. srt stops a denied path that does not exist yet
 * from being made by mounting /dev/null there, which `rg` (exit 2) and git
 * (`unable to access '.gitattributes'`, a phantom untracked file) cannot
 * open; a path with a denied one below it gets an empty read-only folder
 * instead, which refuses the write as well and which both pass over. The
 * names srt denies by itself (SRT_OWN_DENIED) are held the same way at the
 * top of each worktree, where commands start.
 */
export function srtSettings(writable: readonly string[], area: LockedArea, home: string, worktrees: readonly string[] = []): string {
  const allowWrite = [...new Set([...writable, os.tmpdir(), '/tmp', path.join(home, '.npm'), path.join(home, '.cache')])];
  const ownDenied = worktrees.flatMap((root) => SRT_OWN_DENIED.map((name) => path.join(root, name)));
  const denyWrite = heldBelow({ ...area, paths: [...new Set([...area.paths, ...ownDenied])].sort() });
  return `${JSON.stringify({ filesystem: { denyRead: [], allowWrite, denyWrite }, network: { allowedDomains: SRT_HOSTS, deniedDomains: [] } }, null, 2)}\n`;
}
