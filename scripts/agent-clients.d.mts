// Types of agent-clients.mjs for the TypeScript tests that use it.

export type AgentClientName = 'claude' | 'gemini' | 'copilot' | 'codex';
export type AgentToolName = 'srt';

export interface AgentClient {
  title: string;
  packageName: string;
  version: string;
  bin: string;
}

export interface AgentClientPaths extends AgentClient {
  name: AgentClientName | AgentToolName;
  spec: string;
  installDir: string;
  program: string;
  marker: string;
  installLog: string;
}

export declare const repositoryRoot: string;
export declare const AGENT_CLIENTS: Record<AgentClientName, AgentClient>;
export declare const AGENT_CLIENT_NAMES: AgentClientName[];
export declare const AGENT_TOOLS: Record<AgentToolName, AgentClient>;
export declare function agentClientPaths(name: AgentClientName | AgentToolName, root?: string): AgentClientPaths;
export declare function ensureAgentClient(
  name: AgentClientName | AgentToolName,
  options?: { root?: string; env?: Record<string, string>; log?: (line: string) => void },
): Promise<string>;
