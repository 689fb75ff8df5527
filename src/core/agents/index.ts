// PM Zone inside the coding agent's loop: the guard each agent's hook runs
// before an edit, at session start and before the agent stops; the hook
// configuration `agents init` writes; the zone offered to an agent as a tool.
export { AGENTS, isAgentName, type AgentName, type Dialect, type GuardAnswer, type HookEvent, type HookOutput, type ToolWrites } from './model';
export { AGENT_CONFIG_FILES, CLAUDE_SETTINGS, COPILOT_HOOKS, CURSOR_HOOKS, GEMINI_SETTINGS, GUARD_LAUNCHER } from './configPaths';
export { runGuard, type GuardEnvironment } from './guard';
export { readHookEvent, PayloadError } from './payload';
export { renderAnswer } from './answers';
export { shellWrites, type ShellTarget, type WriteEffect } from './shellWrites';
export { toolWrites, patchPaths } from './toolWrites';
export { decideWrites } from './decision';
export { sessionSummary } from './sessionSummary';
export { commandLineConfigKept, commandLineUserEmail, CLI_CONFIG_CACHE_FILE, CLI_EMAIL_CACHE_FILE, KEPT_CONFIG_KEYS } from './emailCache';
// The check a record kept in the git folder carries, beside the functions that read and write those records.
export { textChecksum } from '../textChecksum';
export { buildStamp, cachedPolicySources, policyKey, policyReads, readCacheFile, storeCacheFile, CLI_POLICY_CACHE_FILE, EDITOR_POLICY_CACHE_FILE, CLI_COMMITTED_POLICY_CACHE_FILE, POLICY_CACHE_FILE, COMMITTED_POLICY_CACHE_FILE, type PolicyReads, type PolicySource } from './policyCache';
export { findRepository } from './repositoryLocation';
export { SHELL_CACHE_FILE } from './shellCache';
export { policySourceFiles } from './policySource';
export { AGENT_HOOKS, guardEntries, guardEvents, mergeGuardConfig, installedHooks, AgentConfigError, type GuardOptions, type InstalledHook } from './hookConfig';
export { initAgents, agentsInitWrites, agentsInitFiles, agentsInitRequest, installAdvice, type ConfigFileWrite, type AgentsInitOutcome } from './agentsInit';
export { launcherScript, guardMissingMessage, guardMissingForPilotMessage, GUARD_MISSING_MESSAGE, EDITOR_EXTENSION_FOLDERS } from './launcher';
export { trustedGuardKeys, RELEASE_BUILD } from './guardKeys';
export { checkAgents, launcherOfAnotherBuild, type AgentCheck, type GuardLocation } from './check';
export { launcherDisagreements, launcherDisagreementsIn, launcherProblems, type LauncherDisagreement } from './launcherAgreement';
export { runHookCommand, writePayload, refuses } from './hookRunner';
export { readInsideRepository } from './writeFile';
export { ZONE_TOOL, zoneToolText, toolPaths } from './zoneTool';
export { serveMcp, MCP_PROTOCOL_VERSIONS, type McpTool, type McpServerInfo } from './mcpServer';
export { initPersonalGuard, type PersonalOutcome, type PersonalAgentResult, type PersonalOptions } from './personal/initMe';
export { checkPersonal, type PersonalCheck } from './personal/checkMe';
export { PERSONAL_AGENTS, type PersonalAgent, type ShellWall } from './personal/registry';
export { SettingsFileError } from './personal/settingsFiles';
export { plainlyReadOnly } from './personal/readOnlyCommand';
export { lockedArea, type LockedArea } from './personal/lockedArea';
export { verifiedLauncherLine, launcherHash, verifiedHashOf } from './launcherLine';
