import * as path from 'node:path';
import { agentFolder } from '../agentFolders';
import type { AgentName } from '../model';

// Each coding agent as `agents init --me` sets it up for a pilot PM, one
// entry per agent: where its user-level hooks live, where its project hooks
// load from, what walls its shell in and how, and what its hooks' "ask"
// does when it runs headless. A fifth agent is one more entry (and its
// settings writer in sandboxSettings.ts when it has a sandbox of its own).

/** What keeps the agent's shell commands off the locked area. */
export type ShellWall =
  /**
   * The agent's own OS sandbox, switched on in a settings file of the user's:
   * `scope: 'worktree'`, a per-user file inside each worktree (`file`, not
   * committed: PM Zone adds it to .git/info/exclude); `scope: 'user'`, the
   * user-level settings file (`file`, from the home folder), holding every
   * guarded repository's paths, where the agent reads its sandbox from only
   * (Copilot CLI drops `sandbox` from a repository's settings files).
   * `missingPaths`: whether the sandbox accepts a path that does not exist
   * yet (bubblewrap through srt mounts an empty read-only folder there,
   * which also stops it being created).
   */
  | { kind: 'own-sandbox'; scope: 'worktree' | 'user'; file: string; missingPaths: boolean; needs: readonly string[] }
  /**
   * The agent's own OS sandbox, configured in the user's settings file as a
   * permission profile with absolute paths (Codex CLI's `default_permissions`):
   * one profile for all the user's projects, holding every guarded
   * repository's entries. `needs`: programs it cannot run without (none:
   * Codex CLI brings its own bubblewrap).
   */
  | { kind: 'permission-profile'; needs: readonly string[] }
  /** No usable sandbox of its own: the guard rewrites each shell command to run under srt (the agent's documented input rewrite). */
  | { kind: 'srt-rewrite'; needs: readonly string[] }
  /** No wall: the shell reading answers early and the backstop reports what got through. */
  | { kind: 'none' };

export interface PersonalAgent {
  agent: AgentName;
  label: string;
  /** Programs whose presence on PATH says the agent is installed. */
  programs: readonly string[];
  /** The user-level file holding its hooks, from the home folder (its first name is the agent's folder: userSettingsFile finds it where the agent's variable moves it). */
  userSettings: string;
  /**
   * `hooks-file`: a file of hooks only, with `version: 1` (Cursor); `settings`: a `hooks` key in the agent's settings;
   * `none`: no user-level hooks, the project's load from any folder once the user trusts them (Codex CLI).
   */
  userHooksShape: 'settings' | 'hooks-file' | 'none';
  /** Where the project's hooks load from: a session started at the top only, anywhere in the repository, or not known for sure. */
  projectHooksLoad: 'top' | 'anywhere' | 'unsure';
  shell: ShellWall;
  /** What its pre-tool hook's "ask" does when the agent runs headless, as documented in docs/agents.md. */
  headlessAsk: 'refusal' | 'hangs' | 'not-enforced';
}

/** What srt needs on Linux: bubblewrap, socat for its network proxy, ripgrep to find the files it protects. */
const SRT_NEEDS = ['bwrap', 'socat', 'rg'] as const;

export const PERSONAL_AGENTS: Record<AgentName, PersonalAgent> = {
  claude: {
    agent: 'claude',
    label: 'Claude Code',
    programs: ['claude'],
    userSettings: '.claude/settings.json',
    userHooksShape: 'settings',
    // The root's .claude/settings.json loads only for a session started there.
    projectHooksLoad: 'top',
    // Claude Code's sandbox is srt's: bubblewrap and socat on Linux, Seatbelt on macOS.
    shell: { kind: 'own-sandbox', scope: 'worktree', file: '.claude/settings.local.json', missingPaths: true, needs: ['bwrap', 'socat'] },
    headlessAsk: 'refusal',
  },
  copilot: {
    agent: 'copilot',
    label: 'GitHub Copilot CLI',
    programs: ['copilot'],
    userSettings: '.copilot/settings.json',
    userHooksShape: 'settings',
    projectHooksLoad: 'anywhere',
    // Copilot CLI's sandbox (bubblewrap backend), read from the user's settings only (1.0.102 keeps a short list of
    // keys from .github/copilot/settings*.json, without `sandbox`): its readonlyPaths must exist.
    shell: { kind: 'own-sandbox', scope: 'user', file: '.copilot/settings.json', missingPaths: false, needs: ['bwrap', 'slirp4netns', 'iptables'] },
    headlessAsk: 'refusal',
  },
  codex: {
    agent: 'codex',
    label: 'Codex CLI',
    programs: ['codex'],
    userSettings: '.codex/config.toml',
    userHooksShape: 'none',
    // The repository's .codex/config.toml loads from any folder of a trusted project; each hook runs once its hash is trusted.
    projectHooksLoad: 'anywhere',
    shell: { kind: 'permission-profile', needs: [] },
    // A PreToolUse "ask" runs the tool: PM Zone refuses instead.
    headlessAsk: 'not-enforced',
  },
  cursor: {
    agent: 'cursor',
    label: 'Cursor',
    programs: ['cursor-agent', 'cursor'],
    userSettings: '.cursor/hooks.json',
    userHooksShape: 'hooks-file',
    projectHooksLoad: 'unsure',
    shell: { kind: 'none' },
    headlessAsk: 'not-enforced',
  },
  gemini: {
    agent: 'gemini',
    label: 'Gemini CLI',
    programs: ['gemini'],
    userSettings: '.gemini/settings.json',
    userHooksShape: 'settings',
    // Project hooks load only at the top, and only in a folder the user trusts: not counted on.
    projectHooksLoad: 'unsure',
    // Its sandboxes are a container (docker, podman) or toolSandboxing, which makes protected files unreadable.
    shell: { kind: 'srt-rewrite', needs: SRT_NEEDS },
    headlessAsk: 'hangs',
  },
};

/** The user-level settings file of `agent`, in its own folder (agentFolder: moved by CODEX_HOME, COPILOT_HOME, CLAUDE_CONFIG_DIR, GEMINI_CLI_HOME). */
export function userSettingsFile(agent: AgentName, home: string, env: NodeJS.ProcessEnv): string {
  const [, ...insideFolder] = PERSONAL_AGENTS[agent].userSettings.split('/');
  return path.join(agentFolder(agent, home, env), ...insideFolder);
}

/** The Debian package that provides each program a wall needs. */
export const PACKAGE_OF: Record<string, string> = { bwrap: 'bubblewrap', socat: 'socat', rg: 'ripgrep', slirp4netns: 'slirp4netns', iptables: 'iptables' };
