// How each real agent CLI is driven headless against a scripted local model:
// which API it speaks and how it is pointed there, what its user has set up
// once (trust in the repository, the way a user answers the first-run
// question), the switches that keep it from reaching anything else
// (telemetry, update checks, sign-in), and its tool names. The facts behind
// each line are in CONTRIBUTING.md ("The agent clients' tier").
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agentClientPaths, type AgentClientName } from '../../../scripts/agent-clients.mjs';
import { startAnthropicServer } from '../../support/models/anthropicMessages';
import { startGeminiServer } from '../../support/models/geminiApi';
import { startResponsesServer } from '../../support/models/openaiResponses';
import type { ScriptedModel, ToolCall, Turn } from '../../support/models/script';

export type { AgentClientName, ScriptedModel };

/** The calls a script is written with, in the agent's own tool names; paths are absolute. */
export interface AgentTools {
  /** Replaces `before` (found once) with `after` in `file`. */
  edit(file: string, before: string, after: string): ToolCall;
  /** Writes `content` to a new `file`. */
  write(file: string, content: string): ToolCall;
  shell(command: string): ToolCall;
}

export interface AgentDriver {
  name: AgentClientName;
  tools: AgentTools;
  startModel(script: readonly Turn[]): Promise<ScriptedModel>;
  /** What the user set up once in `home` (merged into what is there): trust in `trusted` folders, no telemetry or updates. */
  prepareHome(home: string, trusted: string[]): Promise<void>;
  /** The variables that point the program at `model` and keep it quiet. */
  env(home: string, model: ScriptedModel): Record<string, string>;
  /** The program's arguments for one headless session on `prompt`, talking to `model`, with the test's `extra` ones. */
  args(prompt: string, model: ScriptedModel, extra: string[]): string[];
}

const MODEL_KEY = 'pm-zone-test-key';

/** Merges `value` into the JSON object in `file` (created when missing), objects key by key, as a user's edits would. */
async function mergeJson(file: string, value: Record<string, unknown>): Promise<void> {
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No settings yet.
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(merged(current, value), null, 2)}\n`);
}

function merged(into: Record<string, unknown>, value: Record<string, unknown>): Record<string, unknown> {
  const result = { ...into };
  for (const [key, item] of Object.entries(value)) {
    const before = result[key];
    const bothObjects = [before, item].every((each) => typeof each === 'object' && each !== null && !Array.isArray(each));
    result[key] = bothObjects ? merged(before as Record<string, unknown>, item as Record<string, unknown>) : item;
  }
  return result;
}

/** Claude Code: the Messages API at ANTHROPIC_BASE_URL; every tool allowed, so only PM Zone can refuse. */
const claude: AgentDriver = {
  name: 'claude',
  tools: {
    edit: (file, before, after) => ({ name: 'Edit', input: { file_path: file, old_string: before, new_string: after } }),
    write: (file, content) => ({ name: 'Write', input: { file_path: file, content } }),
    shell: (command) => ({ name: 'Bash', input: { command, description: 'Run the command' } }),
  },
  startModel: startAnthropicServer,
  prepareHome: async () => {},
  env: (_home, model) => ({
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: MODEL_KEY,
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // bypassPermissions refuses to run as root unless told it is inside a sandbox (CI runs as root).
    ...(process.getuid?.() === 0 ? { IS_SANDBOX: '1' } : {}),
  }),
  args: (prompt, _model, extra) => ['-p', prompt, '--output-format', 'stream-json', '--verbose', '--permission-mode', 'bypassPermissions', ...extra],
};

/** Gemini CLI: the Gemini API at GOOGLE_GEMINI_BASE_URL, an API key, YOLO mode; the model named, so no routing call. */
const gemini: AgentDriver = {
  name: 'gemini',
  tools: {
    edit: (file, before, after) => ({ name: 'replace', input: { file_path: file, instruction: 'Make the change', old_string: before, new_string: after } }),
    write: (file, content) => ({ name: 'write_file', input: { file_path: file, content } }),
    shell: (command) => ({ name: 'run_shell_command', input: { command, description: 'Run the command' } }),
  },
  startModel: startGeminiServer,
  prepareHome: async (home, trusted) => {
    await mergeJson(path.join(home, '.gemini', 'settings.json'), {
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { disableAutoUpdate: true, disableUpdateNag: true },
    });
    await mergeJson(path.join(home, '.gemini', 'trustedFolders.json'), Object.fromEntries(trusted.map((folder) => [folder, 'TRUST_FOLDER'])));
  },
  env: (_home, model) => ({ GOOGLE_GEMINI_BASE_URL: model.url, GEMINI_API_KEY: MODEL_KEY }),
  args: (prompt, _model, extra) => ['-p', prompt, '--approval-mode', 'yolo', '--model', 'gemini-2.5-pro', '--output-format', 'stream-json', ...extra],
};

/** Copilot CLI: its own-model provider (BYOK) of type anthropic, offline (no GitHub sign-in, telemetry or update). */
const copilot: AgentDriver = {
  name: 'copilot',
  tools: {
    edit: (file, before, after) => ({ name: 'edit', input: { path: file, old_str: before, new_str: after } }),
    write: (file, content) => ({ name: 'create', input: { path: file, file_text: content } }),
    shell: (command) => ({ name: 'bash', input: { command, description: 'Run the command' } }),
  },
  startModel: startAnthropicServer,
  prepareHome: async (home, trusted) => {
    // Hooks of an untrusted folder are not loaded at all: the user trusted the repository once.
    await mergeJson(path.join(home, '.copilot', 'config.json'), { trustedFolders: trusted });
  },
  env: (_home, model) => ({
    COPILOT_PROVIDER_BASE_URL: model.url,
    COPILOT_PROVIDER_TYPE: 'anthropic',
    COPILOT_PROVIDER_API_KEY: MODEL_KEY,
    COPILOT_MODEL: 'claude-sonnet-4.5',
    COPILOT_OFFLINE: 'true',
    COPILOT_AUTO_UPDATE: 'false',
    // The program unpacks itself (235 MB) into the cache folder on first start: once, beside the install, not per user.
    XDG_CACHE_HOME: path.join(agentClientPaths('copilot').installDir, '.cache'),
  }),
  args: (prompt, _model, extra) => ['-p', prompt, '--yolo', '--output-format', 'json', '--disable-client-telemetry', '--no-auto-update', ...extra],
};

/** Codex CLI: a Responses-API model provider in the user's config.toml, the repository trusted there. */
const codex: AgentDriver = {
  name: 'codex',
  tools: {
    edit: (file, before, after) => ({ name: 'apply_patch', input: { patch: `*** Begin Patch\n*** Update File: ${file}\n@@\n-${before}\n+${after}\n*** End Patch\n` } }),
    write: (file, content) => ({ name: 'apply_patch', input: { patch: `*** Begin Patch\n*** Add File: ${file}\n${content.replace(/\n$/, '').split('\n').map((line) => `+${line}`).join('\n')}\n*** End Patch\n` } }),
    shell: (command) => ({ name: 'exec_command', input: { cmd: command } }),
  },
  startModel: startResponsesServer,
  prepareHome: async (home, trusted) => {
    const file = path.join(home, '.codex', 'config.toml');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.appendFile(file, codexUserConfig(trusted));
  },
  env: (home) => ({ CODEX_HOME: path.join(home, '.codex'), PM_ZONE_TEST_MODEL_KEY: MODEL_KEY }),
  args: (prompt, model, extra) => ['exec', '--json', ...codexModel(model).flatMap((setting) => ['-c', setting]), ...extra, prompt],
};

/**
 * The model, as `-c` overrides of the command line (a user's config.toml stays
 * theirs): a known model slug (an unknown one gets no apply_patch tool) and a
 * Responses-API provider whose key is read from the environment.
 */
function codexModel(model: ScriptedModel): string[] {
  const provider = 'model_providers.scripted';
  return ['model="gpt-5.5"', 'model_provider="scripted"', `${provider}.name="scripted"`, `${provider}.base_url="${model.url}/v1"`, `${provider}.env_key="PM_ZONE_TEST_MODEL_KEY"`, `${provider}.wire_api="responses"`];
}

/**
 * The user's own config.toml lines: no update check, analytics, feedback or
 * telemetry, no plugins (their catalogue is cloned from GitHub at start);
 * the trusted projects.
 */
export function codexUserConfig(trusted: string[]): string {
  return [
    'check_for_update_on_startup = false',
    '',
    '[features]',
    'plugins = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[feedback]',
    'enabled = false',
    '',
    '[otel]',
    'exporter = "none"',
    ...trusted.flatMap((folder) => ['', `[projects.${JSON.stringify(folder)}]`, 'trust_level = "trusted"']),
    '',
  ].join('\n');
}

export const AGENT_DRIVERS: Record<AgentClientName, AgentDriver> = { claude, gemini, copilot, codex };
