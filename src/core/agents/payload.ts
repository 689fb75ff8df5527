import type { AgentName, Dialect, HookEvent } from './model';
import { toolWrites } from './toolWrites';

// Reads the JSON an agent's hook gets on standard input. The event names and
// fields are the documented ones:
// - Claude Code: `hook_event_name` PreToolUse / SessionStart / Stop,
//   `tool_name`, `tool_input`, `cwd`, `session_id`, `stop_hook_active`;
// - VS Code agent hooks: the same in Claude's names, with `hookEventName`
//   and `sessionId` (code.visualstudio.com/docs/copilot/customization/hooks);
// - Copilot CLI: camelCase events carry no event name (`toolName`,
//   `toolArgs`, `sessionId`; `stopReason` and `stop_hook_active` on
//   agentStop; `source` on sessionStart), PascalCase ones Claude's fields;
// - Cursor: `hook_event_name` preToolUse / sessionStart / stop, `cwd` on
//   tool events, `workspace_roots` on all, `conversation_id`, `loop_count`;
// - Gemini CLI: `hook_event_name` BeforeTool / SessionStart / AfterAgent;
// - Codex CLI: Claude Code's names and fields (`tool_name` Bash with
//   `tool_input.command`, apply_patch with the whole patch in
//   `tool_input.command`; `stop_hook_active` on Stop; `source` on
//   SessionStart); `cwd` is the session's folder, never a command's `workdir`.

const PRE_TOOL = new Set(['pretooluse', 'beforetool']);
const SESSION_START = new Set(['sessionstart']);
const STOP = new Set(['stop', 'agentstop', 'afteragent']);

/** Where the agent works when its payload does not say: the project folder each agent exports to its hooks. */
const PROJECT_DIR_VARIABLES = ['CLAUDE_PROJECT_DIR', 'GEMINI_PROJECT_DIR', 'CURSOR_PROJECT_DIR'] as const;

export class PayloadError extends Error {}

export function readHookEvent(agent: AgentName, text: string, fallback: { cwd: string; env: NodeJS.ProcessEnv; payloadObserved?: <T extends object>(payload: T) => T }): HookEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`the hook's input is not JSON (${(error as Error).message}); PM Zone reads the payload the agent writes to standard input`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new PayloadError("the hook's input is not a JSON object");
  // Read through the guard's recorder, where one runs (answerRecorder.ts): each field read is noted.
  const payload = fallback.payloadObserved ? fallback.payloadObserved(json as Record<string, unknown>) : (json as Record<string, unknown>);
  const eventName = nonEmpty(payload.hook_event_name) ?? nonEmpty(payload.hookEventName);
  const common = {
    dialect: dialectOf(agent, eventName),
    cwd: nonEmpty(payload.cwd) ?? firstRoot(payload.workspace_roots) ?? projectDir(fallback.env) ?? fallback.cwd,
    ...sessionOf(payload),
  };
  const kind = eventName === undefined ? camelCaseEvent(payload) : eventKind(eventName);
  if (kind === 'pre-tool') {
    const tool = nonEmpty(payload.tool_name) ?? nonEmpty(payload.toolName) ?? '';
    const input = 'tool_input' in payload ? payload.tool_input : payload.toolArgs;
    return { event: 'pre-tool', tool, writes: toolWrites(tool, input), common, input };
  }
  if (kind === 'stop') {
    const loops = typeof payload.loop_count === 'number' ? payload.loop_count : 0;
    return { event: 'stop', alreadyContinued: payload.stop_hook_active === true || loops > 0, common };
  }
  return { event: kind, common };
}

function dialectOf(agent: AgentName, eventName: string | undefined): Dialect {
  if (agent === 'cursor' || agent === 'gemini' || agent === 'codex') return agent;
  // Copilot's camelCase events carry no event name; VS Code and the PascalCase events do.
  return agent === 'copilot' && eventName === undefined ? 'copilot' : 'hook-specific';
}

function eventKind(name: string): 'pre-tool' | 'session-start' | 'stop' | 'other' {
  const lower = name.toLowerCase();
  if (PRE_TOOL.has(lower)) return 'pre-tool';
  if (SESSION_START.has(lower)) return 'session-start';
  return STOP.has(lower) ? 'stop' : 'other';
}

function camelCaseEvent(payload: Record<string, unknown>): 'pre-tool' | 'session-start' | 'stop' | 'other' {
  if ('toolName' in payload) return 'pre-tool';
  if ('stopReason' in payload || 'stop_hook_active' in payload) return 'stop';
  return 'source' in payload ? 'session-start' : 'other';
}

function sessionOf(payload: Record<string, unknown>): { sessionId?: string } {
  const id = nonEmpty(payload.session_id) ?? nonEmpty(payload.sessionId) ?? nonEmpty(payload.conversation_id);
  return id === undefined ? {} : { sessionId: id };
}

function firstRoot(roots: unknown): string | undefined {
  return Array.isArray(roots) ? nonEmpty(roots[0]) : undefined;
}

export function projectDir(env: NodeJS.ProcessEnv): string | undefined {
  return PROJECT_DIR_VARIABLES.map((name) => env[name]).find((value): value is string => typeof value === 'string' && value !== '');
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

