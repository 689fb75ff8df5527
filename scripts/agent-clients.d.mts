// Types of agent-clients.mjs for the TypeScript tests that use it.

export type AgentClientName = 'claude' | 'gemini' | 'copilot' | 'codex';

export type PackageManagerProgramName = 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

export interface AgentClient {
  title: string;
  packageName: string;
  version: string;
  bin: string;
}

export interface AgentClientPaths extends AgentClient {
  name: AgentClientName | PackageManagerProgramName;
  spec: string;
  installDir: string;
  program: string;
  marker: string;
  installLog: string;
}

export declare const repositoryRoot: string;
export declare const AGENT_CLIENTS: Record<AgentClientName, AgentClient>;
export declare const AGENT_CLIENT_NAMES: AgentClientName[];
export declare function agentClientPaths(name: AgentClientName, root?: string): AgentClientPaths;
export declare function ensureAgentClient(
  name: AgentClientName,
  options?: { root?: string; env?: Record<string, string>; log?: (line: string) => void },
): Promise<string>;
export declare const PACKAGE_MANAGER_PROGRAMS: Record<PackageManagerProgramName, AgentClient>;
export declare const PACKAGE_MANAGER_PROGRAM_NAMES: PackageManagerProgramName[];
export declare function packageManagerProgramPaths(name: PackageManagerProgramName, root?: string, version?: string): AgentClientPaths;
export declare function ensurePackageManagerProgram(
  name: PackageManagerProgramName,
  options?: { root?: string; env?: Record<string, string>; log?: (line: string) => void; version?: string },
): Promise<string>;
export type HookManagerProgramName = 'husky' | 'lefthook';
export declare const HOOK_MANAGER_PACKAGES: Record<HookManagerProgramName, Omit<AgentClient, 'version'>>;
export declare function ensureHookManagerProgram(
  name: HookManagerProgramName,
  version: string,
  options?: { root?: string; log?: (line: string) => void },
): Promise<string>;
