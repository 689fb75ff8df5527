import type * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import { registerAgentTools, type AgentToolsRegistered } from './agentTools';

export type { AgentToolsRegistered } from './agentTools';
import { registerGuardAgentsCommand } from './guardAgents';
import { registerGuardMyAgentsCommand } from './guardMyAgents';

/** The coding agents: the command that writes their hooks, and the zone offered to the editor's own agent. */
export function registerAgents(context: vscode.ExtensionContext, repositories: Repositories): AgentToolsRegistered {
  context.subscriptions.push(registerGuardAgentsCommand(repositories), registerGuardMyAgentsCommand(repositories, context.extensionUri));
  return registerAgentTools(context, repositories);
}
