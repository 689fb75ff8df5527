import type { Dialect, GuardAnswer, HookOutput } from './model';

// One small adapter per agent: the guard's answer in the shape that agent's
// documentation gives, always exit 0 with one JSON object (a hook that
// prints anything else, or exits 1, is a hook error most agents let through).
// - Claude Code, code.claude.com/docs/en/hooks: PreToolUse
//   `hookSpecificOutput.permissionDecision` allow|deny|ask with
//   `permissionDecisionReason` (deny: shown to Claude; ask: to the user);
//   SessionStart `hookSpecificOutput.additionalContext`; Stop `decision:
//   "block"` with `reason`. VS Code's agent hooks read the same fields
//   (code.visualstudio.com/docs/copilot/customization/hooks), as do Copilot
//   CLI's PascalCase events.
// - Copilot CLI, docs.github.com/copilot/reference/hooks-reference:
//   camelCase preToolUse answers `permissionDecision` and
//   `permissionDecisionReason` at the top level (the cloud agent treats
//   "ask" as "deny"); sessionStart `additionalContext`; agentStop
//   `decision: "block"` with `reason`.
// - Cursor, cursor.com/docs/hooks: preToolUse `permission` allow|deny with
//   `user_message` and `agent_message` ("ask" is accepted but not enforced
//   for preToolUse, so PM Zone denies); sessionStart `additional_context`;
//   stop `followup_message`.
// - Gemini CLI, geminicli.com/docs/hooks/reference: BeforeTool `decision`
//   allow|deny with `reason` (sent to the agent); SessionStart
//   `hookSpecificOutput.additionalContext`; AfterAgent `decision: "deny"`
//   with `reason`, sent as a new prompt. It honours "ask" in an interactive
//   session (0.61) and hangs on one headless, so the guard turns an ask into
//   a refusal there before it gets here (personal/agentProcess.ts). A refusal
//   is always shown as a failed tool ("Tool execution blocked: …"), so the
//   user is also told in a `systemMessage` of their own.
// - Codex CLI (0.169): Claude Code's shapes for a refusal
//   (`hookSpecificOutput.permissionDecision: "deny"` with its reason, which
//   reaches the model as "Command blocked by PreToolUse hook: …"), for
//   SessionStart's `additionalContext` and Stop's `decision: "block"`; but
//   a PreToolUse "ask" runs the tool as if nothing were said, so PM Zone
//   refuses instead, saying why.
// - A rewritten tool input: Claude Code `hookSpecificOutput.updatedInput`,
//   Gemini CLI `hookSpecificOutput.tool_input`, Copilot CLI `modifiedArgs`,
//   each with the decision allow (or ask); Cursor documents none, so there
//   it is a refusal.

const SILENT: HookOutput = { stdout: '', stderr: '', exitCode: 0 };

/** Agents whose pre-tool hook cannot ask the user: an "ask" is a refusal that says so. */
const ASK_IS_DENY: ReadonlySet<Dialect> = new Set(['cursor', 'codex']);

export function renderAnswer(dialect: Dialect, answer: GuardAnswer): HookOutput {
  switch (answer.kind) {
    case 'silent':
      return SILENT;
    case 'deny':
    case 'ask':
      return json(permission(dialect, answer.kind, answer.reason));
    case 'context':
      return json(context(dialect, answer.text));
    case 'continue':
      return json(keepGoing(dialect, answer.reason));
    case 'rewrite':
      return json(rewritten(dialect, answer.input, answer.ask));
  }
}

function rewritten(dialect: Dialect, input: Record<string, unknown>, ask: string | undefined): object {
  const decision = ask !== undefined && !ASK_IS_DENY.has(dialect) ? 'ask' : 'allow';
  switch (dialect) {
    case 'hook-specific':
      return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, ...(ask ? { permissionDecisionReason: ask } : {}), updatedInput: input } };
    case 'copilot':
      return { permissionDecision: decision, ...(ask ? { permissionDecisionReason: ask } : {}), modifiedArgs: input };
    case 'codex':
      // Codex CLI's sandbox is its own (a permission profile): PM Zone never rewrites its commands.
      return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: ask ?? 'PM Zone: this command would have to run in a sandbox PM Zone cannot give Codex, so it was refused.' } };
    case 'cursor':
      // Cursor documents no rewrite of a tool's input: the call is refused rather than run as it was.
      return { permission: 'deny', user_message: ask ?? 'PM Zone: this command would have to run in a sandbox, which Cursor cannot be told to do, so it was refused.', agent_message: ask ?? 'PM Zone refused this command: it cannot be sandboxed here.' };
    case 'gemini':
      return { decision, ...(ask ? { reason: ask, systemMessage: ask } : {}), hookSpecificOutput: { hookEventName: 'BeforeTool', tool_input: input } };
  }
}

function permission(dialect: Dialect, kind: 'deny' | 'ask', reason: string): object {
  const asks = kind === 'ask' && !ASK_IS_DENY.has(dialect);
  const decision = asks ? 'ask' : 'deny';
  const text = kind === 'ask' && !asks ? `${reason}\nThis agent cannot ask the PM from a hook, so PM Zone refused the edit: tell the PM, who decides.` : reason;
  switch (dialect) {
    case 'hook-specific':
    case 'codex':
      return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: text } };
    case 'copilot':
      return { permissionDecision: decision, permissionDecisionReason: text };
    case 'cursor':
      return { permission: decision, user_message: text, agent_message: text };
    case 'gemini':
      // An ask shows its systemMessage in the confirmation; a refusal shows as a failed tool, with PM Zone's first line beside it.
      return { decision, reason: text, systemMessage: decision === 'ask' ? text : text.split('\n')[0] };
  }
}

function context(dialect: Dialect, text: string): object {
  switch (dialect) {
    case 'hook-specific':
    case 'codex':
    case 'gemini':
      return { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: text } };
    case 'copilot':
      return { additionalContext: text };
    case 'cursor':
      return { additional_context: text };
  }
}

function keepGoing(dialect: Dialect, reason: string): object {
  switch (dialect) {
    case 'hook-specific':
    case 'codex':
    case 'copilot':
      return { decision: 'block', reason };
    case 'cursor':
      return { followup_message: reason };
    case 'gemini':
      return { decision: 'deny', reason };
  }
}

function json(value: object): HookOutput {
  return { stdout: `${JSON.stringify(value)}\n`, stderr: '', exitCode: 0 };
}
