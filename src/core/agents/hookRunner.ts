import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { shellQuote } from '../git/hookScript';
import type { AgentName, HookOutput } from './model';

/**
 * Runs a hook's command line as its agent does: through the shell
 * (`sh -c`), from the project folder, with the variables the agent sets
 * (`CLAUDE_PROJECT_DIR`; Gemini CLI puts the quoted folder in place of
 * `$GEMINI_PROJECT_DIR` itself), the payload on standard input, and killed
 * at the configured timeout. POSIX shells only: on Windows the agents use
 * their own shells, which `agents check` does not imitate.
 */
export function runHookCommand(agent: AgentName, command: string, root: string, payload: string, timeoutSeconds: number, env: NodeJS.ProcessEnv = process.env): Promise<HookOutput & { timedOut: boolean }> {
  const line = agent === 'gemini' ? command.replace(/\$GEMINI_PROJECT_DIR/g, () => shellQuote(root)) : command;
  const variables = agent === 'claude' ? { CLAUDE_PROJECT_DIR: root } : agent === 'cursor' ? { CURSOR_PROJECT_DIR: root, CLAUDE_PROJECT_DIR: root } : agent === 'gemini' ? { GEMINI_PROJECT_DIR: root, CLAUDE_PROJECT_DIR: root } : {};
  return new Promise((resolve, reject) => {
    // A group of its own, so a timeout ends the command's children too, not only the shell.
    const child = spawn('/bin/sh', ['-c', line], { cwd: path.resolve(root), env: { ...env, ...variables }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutSeconds * 1000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? 128, timedOut });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(payload);
  });
}

/** A documented PreToolUse payload of each agent for a Write of `file` (absolute). */
export function writePayload(agent: AgentName, root: string, file: string): string {
  // A session of its own each time: a launcher that cannot find PM Zone says so once per session.
  const session = `pm-zone-agents-check-${process.pid}-${Date.now()}`;
  switch (agent) {
    case 'claude':
      return JSON.stringify({ session_id: session, transcript_path: '', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: file, content: '' }, tool_use_id: 'toolu_pm_zone_check' });
    case 'copilot':
      return JSON.stringify({ sessionId: session, timestamp: Date.now(), cwd: root, toolName: 'create', toolArgs: JSON.stringify({ path: file, file_text: '' }) });
    case 'cursor':
      return JSON.stringify({ conversation_id: session, generation_id: 'check', hook_event_name: 'preToolUse', workspace_roots: [root], cwd: root, tool_name: 'Write', tool_input: { file_path: file }, tool_use_id: 'check' });
    case 'gemini':
      return JSON.stringify({ session_id: session, transcript_path: '', cwd: root, hook_event_name: 'BeforeTool', timestamp: new Date().toISOString(), tool_name: 'write_file', tool_input: { file_path: file, content: '' } });
    case 'codex':
      // Codex's apply_patch: the whole patch in `command`, paths as the model wrote them.
      return JSON.stringify({ session_id: session, turn_id: 'check', transcript_path: '', cwd: root, hook_event_name: 'PreToolUse', model: '', permission_mode: 'default', tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Update File: ${file}\n@@\n+\n*** End Patch\n` }, tool_use_id: 'call_pm_zone_check' });
  }
}

/** Whether an agent's answer, as its documentation shapes it, refuses the tool call. */
export function refuses(agent: AgentName, output: HookOutput): boolean {
  if (output.exitCode !== 0) return false;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(output.stdout) as Record<string, unknown>;
  } catch {
    return false;
  }
  switch (agent) {
    case 'claude':
    case 'codex':
      return (answer.hookSpecificOutput as Record<string, unknown> | undefined)?.permissionDecision === 'deny';
    case 'copilot':
      return answer.permissionDecision === 'deny';
    case 'cursor':
      return answer.permission === 'deny';
    case 'gemini':
      return answer.decision === 'deny';
  }
}
