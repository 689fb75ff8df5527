import * as path from 'node:path';
import type { AgentName } from './model';

// Where each coding agent keeps its own settings, hooks and MCP servers: a
// folder under the home folder unless the agent's own variable moves it.
// Each agent documents its variable (`copilot help environment`, Claude
// Code's and Codex CLI's settings pages, Gemini CLI's home lookup): the
// guard must lock the folder the agent really reads, or a moved one would
// be open to the agent's shell and edit tools.

/** The variable that names the agent's folder itself. */
const OWN_FOLDER_VARIABLE: Partial<Record<AgentName, string>> = { claude: 'CLAUDE_CONFIG_DIR', codex: 'CODEX_HOME', copilot: 'COPILOT_HOME' };
/** The variable that stands in for the home folder, under which the agent's folder keeps its usual name. */
const HOME_VARIABLE: Partial<Record<AgentName, string>> = { gemini: 'GEMINI_CLI_HOME' };
const FOLDER_NAME: Record<AgentName, string> = { claude: '.claude', codex: '.codex', copilot: '.copilot', cursor: '.cursor', gemini: '.gemini' };

/** The agent's own folder, absolute, for this home folder and environment. */
export function agentFolder(agent: AgentName, home: string, env: NodeJS.ProcessEnv): string {
  const own = OWN_FOLDER_VARIABLE[agent];
  if (own && env[own]) return path.resolve(env[own]);
  const movedHome = HOME_VARIABLE[agent];
  return path.join(movedHome && env[movedHome] ? path.resolve(env[movedHome]) : home, FOLDER_NAME[agent]);
}
