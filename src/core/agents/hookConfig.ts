import type { CodeownersFlavor } from '../codeowners/model';
import { DEFAULT_POLICY_FILE } from '../defaults';
import { shellQuote } from '../git/hookScript';
import { codexHooksIn, mergeCodexHooks } from './codexConfig';
import { CLAUDE_SETTINGS, CODEX_CONFIG, COPILOT_HOOKS, CURSOR_HOOKS, GEMINI_SETTINGS, GUARD_LAUNCHER } from './configPaths';
import { launcherScript } from './launcher';
import { verifiedLauncherLine, verifiedLauncherLinePowerShell, verifiedLifecycleLine, type LauncherLine } from './launcherLine';
import type { AgentName } from './model';

// The hook configuration `pm-zone agents init` writes, each in the schema its
// agent documents, every command naming only the committed launcher
// (.pmzone/guard.cjs) by a path relative to the project: the files are
// shared, so they name no folder of one machine.
// - Claude Code: `.claude/settings.json`, `hooks.<Event>[]` of `{ matcher,
//   hooks: [{ type: "command", command, timeout (s) }] }`; the project folder
//   as `$CLAUDE_PROJECT_DIR` in a shell-form command, as the hooks guide
//   writes it (code.claude.com/docs/en/hooks-guide). VS Code's agent and
//   Copilot CLI read this file too.
// - Copilot: `.github/hooks/*.json`, `{ version: 1, hooks: { preToolUse:
//   [{ type, bash, powershell, cwd, timeoutSec, matcher }] } }`, `cwd`
//   relative to the repository root (docs.github.com hooks reference).
// - Cursor: `.cursor/hooks.json`, `{ version: 1, hooks: { preToolUse:
//   [{ command, matcher, timeout (s) }] } }`; project hooks run from the
//   project root; `loop_limit` caps stop follow-ups (cursor.com/docs/hooks).
// - Gemini CLI: `.gemini/settings.json`, `hooks.BeforeTool[]` of `{ matcher,
//   hooks: [{ name, type, command, timeout (ms) }] }`; Gemini CLI replaces
//   `$GEMINI_PROJECT_DIR` with the quoted project folder itself
//   (geminicli.com/docs/hooks).
// - Codex CLI: `.codex/config.toml` (TOML, codexConfig.ts), `[[hooks.<Event>]]`
//   groups of `{ matcher, hooks: [{ type, command, timeout (s) }] }` as
//   Claude Code's; loaded from any folder of a trusted project, each hook
//   run only once the user trusted its hash. Its hooks run in the folder
//   the session started in, with no project variable: the launcher is
//   found from the repository's top, `$(git rev-parse --show-toplevel)`.

export interface GuardOptions {
  /** Where the repository keeps its policy, when not at the defaults (written into the command as flags). */
  policyFile?: string;
  codeownersFlavor?: CodeownersFlavor;
  /** The launcher the lines verify; the one `agents init` writes unless a test says otherwise. */
  launcherText?: string;
}

/** Each agent's events: the tool call, the start of a session, the moment it stops. */
interface AgentHooks {
  file: string;
  /** The guard's command line as this agent runs it (through sh), verifying the launcher before it runs it. */
  command: (options: GuardOptions) => string;
  /** The line of the session's start and finish, when a failure there must not block (verifiedLifecycleLine); `command` otherwise. */
  lifecycle?: (options: GuardOptions) => string;
}

/** What a refusal for a missing or altered launcher tells the agent. */
const LAUNCHER_FIX = 'Tell the user: an engineer restores it (git checkout -- .pmzone/guard.cjs) or runs pm-zone agents init again.';

function launcherLine(agent: AgentName, launcher: string, options: GuardOptions): LauncherLine {
  return { launcher, text: options.launcherText ?? launcherScript(), args: guardArguments(agent, options), fix: LAUNCHER_FIX };
}

const CLAUDE_EDIT_TOOLS = 'Edit|MultiEdit|Write|NotebookEdit|Bash';
const COPILOT_EDIT_TOOLS = 'create|edit|apply_patch|str_replace_editor|bash';
const CURSOR_EDIT_TOOLS = 'Write|Delete|Shell';
const GEMINI_EDIT_TOOLS = 'write_file|replace|run_shell_command';
/** Codex CLI names its shell Bash and its patches apply_patch; any other tool it gains is read too (the guard is silent on what writes nothing). */
const CODEX_EDIT_TOOLS = '.*';
/** Seconds for a decision (a first run parses CLAUDE.md), and for the backstop's `git status`. */
const DECISION_TIMEOUT = 10;
const STOP_TIMEOUT = 30;

/** The launcher from the repository's top: Codex runs its hooks in the session's folder, and sets no project variable. */
const CODEX_LAUNCHER = `"$(git rev-parse --show-toplevel)"/${GUARD_LAUNCHER}`;

export const AGENT_HOOKS: Record<AgentName, AgentHooks> = {
  // `:-.`: where the variable is not set (VS Code runs this file too), the hook's folder is the project's.
  claude: { file: CLAUDE_SETTINGS, command: (options) => verifiedLauncherLine(launcherLine('claude', `"\${CLAUDE_PROJECT_DIR:-.}"/${GUARD_LAUNCHER}`, options)) },
  copilot: { file: COPILOT_HOOKS, command: (options) => verifiedLauncherLine(launcherLine('copilot', GUARD_LAUNCHER, options)) },
  cursor: { file: CURSOR_HOOKS, command: (options) => verifiedLauncherLine(launcherLine('cursor', GUARD_LAUNCHER, options)) },
  gemini: { file: GEMINI_SETTINGS, command: (options) => verifiedLauncherLine(launcherLine('gemini', `$GEMINI_PROJECT_DIR/${GUARD_LAUNCHER}`, options)) },
  // Without git the word is `/.pmzone/guard.cjs`, which is missing: the line refuses.
  codex: {
    file: CODEX_CONFIG,
    command: (options) => verifiedLauncherLine(launcherLine('codex', CODEX_LAUNCHER, options)),
    lifecycle: (options) => verifiedLifecycleLine(launcherLine('codex', CODEX_LAUNCHER, options)),
  },
};

function guardArguments(agent: AgentName, options: GuardOptions): string {
  const words = ['--agent', agent];
  if (options.policyFile && options.policyFile !== DEFAULT_POLICY_FILE) words.push('--policy-file', shellQuote(options.policyFile));
  if (options.codeownersFlavor && options.codeownersFlavor !== 'github') words.push('--codeowners-flavor', options.codeownersFlavor);
  return words.join(' ');
}

type Json = Record<string, unknown>;

/** The entries PM Zone owns in each agent's project configuration, by event. */
export function guardEntries(agent: AgentName, options: GuardOptions = {}): Record<string, Json> {
  const powershell = agent === 'copilot' ? verifiedLauncherLinePowerShell(launcherLine('copilot', GUARD_LAUNCHER, options)) : undefined;
  return hookEntries(agent, AGENT_HOOKS[agent].command(options), powershell, AGENT_HOOKS[agent].lifecycle?.(options));
}

/**
 * The events PM Zone's hooks answer for an agent, in its own names: the keys
 * guardEntries writes, without building its lines (each hashes the launcher,
 * which reading a configuration has no need of).
 */
export function guardEvents(agent: AgentName): string[] {
  return Object.keys(hookEntries(agent, ''));
}

/** Each agent's events in its own schema, every one running `command` (the project's hooks and the user's alike); `lifecycle` at a session's start and finish when given. */
export function hookEntries(agent: AgentName, command: string, powershell = command, lifecycle = command): Record<string, Json> {
  switch (agent) {
    case 'claude':
    case 'codex': {
      const handler = (timeout: number, line = command) => ({ type: 'command', command: line, timeout });
      return {
        PreToolUse: { matcher: agent === 'claude' ? CLAUDE_EDIT_TOOLS : CODEX_EDIT_TOOLS, hooks: [handler(DECISION_TIMEOUT)] },
        SessionStart: { hooks: [handler(DECISION_TIMEOUT, lifecycle)] },
        Stop: { hooks: [handler(STOP_TIMEOUT, lifecycle)] },
      };
    }
    case 'copilot': {
      const handler = (timeoutSec: number) => ({ type: 'command', bash: command, powershell, cwd: '.', timeoutSec });
      return {
        sessionStart: handler(DECISION_TIMEOUT),
        preToolUse: { ...handler(DECISION_TIMEOUT), matcher: COPILOT_EDIT_TOOLS },
        agentStop: handler(STOP_TIMEOUT),
      };
    }
    case 'cursor':
      return {
        sessionStart: { command, timeout: DECISION_TIMEOUT },
        preToolUse: { command, matcher: CURSOR_EDIT_TOOLS, timeout: DECISION_TIMEOUT },
        // One reminder per conversation: the guard does not hold an agent twice.
        stop: { command, timeout: STOP_TIMEOUT, loop_limit: 1 },
      };
    case 'gemini': {
      const handler = (timeout: number) => ({ name: 'pm-zone-guard', type: 'command', command, timeout: timeout * 1000 });
      return {
        BeforeTool: { matcher: GEMINI_EDIT_TOOLS, hooks: [handler(DECISION_TIMEOUT)] },
        SessionStart: { hooks: [handler(DECISION_TIMEOUT)] },
        AfterAgent: { hooks: [handler(STOP_TIMEOUT)] },
      };
    }
  }
}

export class AgentConfigError extends Error {}

/**
 * The file's new text with PM Zone's entries in it: every other hook and
 * setting kept as it was, PM Zone's own entries (those that run the
 * launcher) replaced in place, and the text returned unchanged, byte for
 * byte, when they are already current. `existing` that is not a JSON
 * object is an error: nothing is written over a file PM Zone cannot read.
 */
export function mergeGuardConfig(agent: AgentName, existing: string | undefined, options: GuardOptions = {}): string {
  const file = AGENT_HOOKS[agent].file;
  if (agent === 'codex') return mergeCodexHooks(existing, file, guardEntries(agent, options), runsGuard, (message) => new AgentConfigError(message));
  const config = existing === undefined ? {} : parseObject(existing, file);
  const hooks = config.hooks === undefined ? {} : config.hooks;
  if (!isObject(hooks)) throw new AgentConfigError(`${file}: "hooks" is not an object, so PM Zone cannot add its hooks to it; nothing was written`);
  const nested = agent === 'claude' || agent === 'gemini';
  let changed = existing === undefined;
  for (const [event, entry] of Object.entries(guardEntries(agent, options))) {
    const current = hooks[event] === undefined ? [] : hooks[event];
    if (!Array.isArray(current)) throw new AgentConfigError(`${file}: "hooks.${event}" is not a list, so PM Zone cannot add its hook to it; nothing was written`);
    const merged = replaceOwn(current, entry, nested);
    if (JSON.stringify(merged) !== JSON.stringify(current)) changed = true;
    hooks[event] = merged;
  }
  if (agent === 'cursor' || agent === 'copilot') {
    if (config.version === undefined) changed = true;
    config.version ??= 1;
  }
  config.hooks = hooks;
  if (!changed && existing !== undefined) return existing;
  const ordered = config.version === undefined ? config : { version: config.version, ...config };
  return `${JSON.stringify(ordered, null, indentOf(existing))}\n`;
}

/** The list with PM Zone's entry where it was (the first one, others removed), or appended; `mine` tells PM Zone's handlers. */
export function replaceOwn(entries: unknown[], own: Json, nested: boolean, mine: (handler: unknown) => boolean = runsGuard): unknown[] {
  const isOwn = (entry: unknown) => (nested ? handlersOf(entry).some(mine) : mine(entry));
  const first = entries.findIndex(isOwn);
  if (first < 0) return [...entries, own];
  return entries.flatMap((entry, index) => (index === first ? [own] : isOwn(entry) ? [] : [entry]));
}

/** The handlers of a matcher group (Claude Code's and Gemini CLI's nested shape). */
export function handlersOf(group: unknown): unknown[] {
  return isObject(group) && Array.isArray(group.hooks) ? group.hooks : [];
}

/** A handler whose command runs the launcher: PM Zone's, whatever its other fields say. */
export function runsGuard(handler: unknown): boolean {
  if (!isObject(handler)) return false;
  return ['command', 'bash', 'powershell'].some((field) => typeof handler[field] === 'string' && (handler[field] as string).includes(GUARD_LAUNCHER));
}

/** PM Zone's hook as a configuration holds it: the command line, and the timeout the agent gives it, in seconds. */
export interface InstalledHook {
  command: string;
  timeoutSeconds: number;
}

/** Each agent's timeout when none is written: Claude Code 600 s, Copilot 30 s, Cursor (unstated) 30 s, Gemini CLI 60 s. */
const DEFAULT_TIMEOUTS: Record<AgentName, number> = { claude: 600, codex: 600, copilot: 30, cursor: 30, gemini: 60 };

/** PM Zone's hooks as an agent's configuration holds them, event by event (for `agents check`). */
export function installedHooks(agent: AgentName, text: string | undefined): Record<string, InstalledHook | undefined> {
  if (agent === 'codex') {
    const handlers = codexHooksIn(text, AGENT_HOOKS.codex.file, guardEvents(agent), runsGuard, (message) => new AgentConfigError(message));
    return Object.fromEntries(Object.entries(handlers).map(([event, handler]) => [event, handler && { command: String(handler.command), timeoutSeconds: timeoutOf(agent, handler) }]));
  }
  const config = text === undefined ? {} : parseObject(text, AGENT_HOOKS[agent].file);
  const hooks = isObject(config.hooks) ? config.hooks : {};
  const nested = agent === 'claude' || agent === 'gemini';
  const found: Record<string, InstalledHook | undefined> = {};
  for (const event of guardEvents(agent)) {
    const entries = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
    const handler = (nested ? entries.flatMap(handlersOf) : entries).find(runsGuard);
    found[event] = isObject(handler) ? { command: String(handler.bash ?? handler.command), timeoutSeconds: timeoutOf(agent, handler) } : undefined;
  }
  return found;
}

function timeoutOf(agent: AgentName, handler: Json): number {
  const written = typeof handler.timeoutSec === 'number' ? handler.timeoutSec : typeof handler.timeout === 'number' ? handler.timeout : undefined;
  if (written === undefined) return DEFAULT_TIMEOUTS[agent];
  return agent === 'gemini' ? written / 1000 : written;
}

function parseObject(text: string, file: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AgentConfigError(`${file} is not valid JSON (${(error as Error).message}); nothing was written. Fix it, or move it aside and run again.`);
  }
  if (!isObject(value)) throw new AgentConfigError(`${file} does not hold a JSON object; nothing was written`);
  return value;
}

/** The file's own indentation, so a merged file differs only where PM Zone's entries are. */
function indentOf(existing: string | undefined): string {
  return (existing && /^([ \t]+)"/m.exec(existing)?.[1]) || '  ';
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
