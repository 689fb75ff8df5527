// The guard's vocabulary: what an agent's hook asked, what PM Zone decided,
// and what is written back. Every agent's payload is read into a HookEvent,
// one decision core answers it, and one small adapter per agent writes the
// answer in that agent's documented shape.

export const AGENTS = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;
export type AgentName = (typeof AGENTS)[number];

export function isAgentName(value: unknown): value is AgentName {
  return typeof value === 'string' && (AGENTS as readonly string[]).includes(value);
}

/**
 * The shape an answer is written in. An agent's configuration is read by
 * more than one program: VS Code runs `.claude/settings.json` and
 * `.github/hooks/*.json`, Copilot CLI runs `.claude/settings.json`. Each
 * sends its own payload and reads its own answer, so the payload decides:
 * - `hook-specific`: Claude Code, VS Code, Copilot's PascalCase events (`hookSpecificOutput`);
 * - `copilot`: Copilot CLI's camelCase events (top-level `permissionDecision`);
 * - `cursor`: `permission` with `user_message` and `agent_message`;
 * - `gemini`: top-level `decision` and `reason`;
 * - `codex`: Claude Code's fields, without "ask" (Codex CLI runs the tool on one).
 */
export type Dialect = 'hook-specific' | 'codex' | 'copilot' | 'cursor' | 'gemini';

/** What a tool call would write, as far as the guard can read it. */
export type ToolWrites =
  /** Reads only, or a tool PM Zone has no opinion about. */
  | { kind: 'none' }
  /** Paths as the tool gives them: absolute, or relative to `cwd`. */
  | { kind: 'files'; paths: string[] }
  /** A shell command, analysed best effort (`shellWrites`). */
  | { kind: 'shell'; command: string; cwd?: string }
  /** A tool that edits files, whose target the guard could not find in its input. */
  | { kind: 'unreadable'; tool: string }
  /** A tool that names its file as a URI no folder here holds (`untitled:`, `vscode-remote://…`): which file it writes cannot be told. */
  | { kind: 'unplaceable'; tool: string; given: string };

export type HookEvent =
  | { event: 'pre-tool'; tool: string; writes: ToolWrites; common: EventCommon; /** The tool's input as the agent sent it (an object), for an answer that rewrites it. */ input?: unknown }
  | { event: 'session-start'; common: EventCommon }
  | { event: 'stop'; alreadyContinued: boolean; common: EventCommon }
  | { event: 'other'; common: EventCommon };

export interface EventCommon {
  dialect: Dialect;
  /** The folder the agent works in; the repository is the one around it. */
  cwd: string;
  /** The agent's session (conversation) id, when it sends one. */
  sessionId?: string;
}

/** What the guard says about one hook event. */
export type GuardAnswer =
  /** Nothing printed, exit 0: the agent goes on as it would without PM Zone. */
  | { kind: 'silent' }
  /** A file edit refused; `reason` goes to the agent. */
  | { kind: 'deny'; reason: string }
  /** The PM decides; agents that cannot ask deny with the same reason. */
  | { kind: 'ask'; reason: string }
  /** Context the agent reads at the start of a session. */
  | { kind: 'context'; text: string }
  /** The agent must not finish yet: `reason` tells it what to do first. */
  | { kind: 'continue'; reason: string }
  /** The tool runs with this input instead (a shell command wrapped in a sandbox); with `ask`, the PM decides first. */
  | { kind: 'rewrite'; input: Record<string, unknown>; ask?: string };

/** A process's answer to its agent: standard output, standard error and the exit status. */
export interface HookOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}
