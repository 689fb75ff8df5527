import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from '../config';
import type { Repositories, Repository } from '../repositories';

// The zone offered to VS Code's own agent mode, where the running VS Code
// can take it: a language model tool (`vscode.lm.registerTool`, 1.95 and
// later) and an MCP server definition (`vscode.lm.registerMcpServerDefinition
// Provider`, 1.101 and later) that starts `pm-zone mcp`. Both are feature-
// detected: the extension supports VS Code 1.90, whose types have neither,
// and an older VS Code simply goes without. Advice only: the hooks refuse.

/** The tool's name: package.json's `languageModelTools` and core/agents/zoneTool.ts's ZONE_TOOL agree (a test checks). */
export const ZONE_TOOL_NAME = 'check_pm_zone';
export const MCP_PROVIDER_ID = 'pmZone.mcp';
/** The release that finalized the MCP server definition provider API (and the contribution point package.json uses). */
const MCP_FINAL_VERSION = [1, 101];

interface LanguageModelTools {
  registerTool?(name: string, tool: { invoke(options: { input: unknown }, token: vscode.CancellationToken): Promise<unknown>; prepareInvocation?(): { invocationMessage: string } }): vscode.Disposable;
  registerMcpServerDefinitionProvider?(id: string, provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(): Promise<unknown[]> }): vscode.Disposable;
}

interface NewerApi {
  LanguageModelToolResult?: new (parts: unknown[]) => unknown;
  LanguageModelTextPart?: new (text: string) => unknown;
  McpStdioServerDefinition?: new (label: string, command: string, args?: string[], env?: Record<string, string>, version?: string) => { cwd?: vscode.Uri };
}

/** What this VS Code offered: the tool, the MCP definitions, both or neither. */
export interface AgentToolsRegistered {
  tool: boolean;
  mcp: boolean;
  /** The MCP server definitions as VS Code gets them, where it takes them. */
  mcpDefinitions?(): Promise<unknown[]>;
}

export function registerAgentTools(context: vscode.ExtensionContext, repositories: Repositories): AgentToolsRegistered {
  const lm = vscode.lm as unknown as LanguageModelTools | undefined;
  const api = vscode as unknown as NewerApi;
  const registered: AgentToolsRegistered = { tool: false, mcp: false };
  if (typeof lm?.registerTool === 'function' && api.LanguageModelToolResult && api.LanguageModelTextPart) {
    const Result = api.LanguageModelToolResult;
    const Text = api.LanguageModelTextPart;
    context.subscriptions.push(lm.registerTool(ZONE_TOOL_NAME, {
      prepareInvocation: () => ({ invocationMessage: 'Checking the PM zone' }),
      invoke: async (options) => new Result([new Text(await zoneText(repositories, options.input))]),
    }));
    registered.tool = true;
  }
  // VS Code 1.100 has the function before its finalization, under another contribution name, and throws for ours.
  if (typeof lm?.registerMcpServerDefinitionProvider === 'function' && api.McpStdioServerDefinition && atLeast(vscode.version, MCP_FINAL_VERSION)) {
    const Definition = api.McpStdioServerDefinition;
    const changed = new vscode.EventEmitter<void>();
    const provideMcpServerDefinitions = async () => (await repositories.all())
      .filter((repository) => repository.policy?.zone.defined)
      .map((repository) => mcpDefinition(Definition, context, repository));
    try {
      context.subscriptions.push(lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
        onDidChangeMcpServerDefinitions: changed.event,
        provideMcpServerDefinitions,
      }), changed, repositories.onDidChange(() => changed.fire()));
      registered.mcp = true;
      registered.mcpDefinitions = provideMcpServerDefinitions;
    } catch (error) {
      // An API that changed again must cost the agent its MCP server, never the extension its activation.
      changed.dispose();
      console.error('PM Zone: could not offer the MCP server definition:', error);
    }
  }
  return registered;
}

function atLeast(version: string, minimum: number[]): boolean {
  const parts = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index++) {
    if ((parts[index] ?? 0) !== minimum[index]) return (parts[index] ?? 0) > minimum[index];
  }
  return true;
}

/**
 * `pm-zone mcp` of this installation, for one repository. The extension
 * host's own program runs it: node in code-server and VS Code Server,
 * Electron (as node, by ELECTRON_RUN_AS_NODE) in the desktop app.
 */
function mcpDefinition(Definition: NonNullable<NewerApi['McpStdioServerDefinition']>, context: vscode.ExtensionContext, repository: Repository): unknown {
  const handle = setting('identity', repository.root).trim();
  const args = [context.asAbsolutePath('dist/cli.js'), 'mcp', '--cwd', repository.root.fsPath, ...(handle ? ['--as', handle] : [])];
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  const definition = new Definition(`PM Zone (${path.basename(repository.root.fsPath)})`, process.execPath, args, { ELECTRON_RUN_AS_NODE: '1' }, version);
  definition.cwd = repository.root;
  return definition;
}

/** The tool's answer for the paths asked, each by the repository that holds it. */
async function zoneText(repositories: Repositories, input: unknown): Promise<string> {
  const { toolPaths, zoneToolText } = await import('../../core/agents/index.js');
  const all = (await repositories.all()).filter((repository) => repository.policy?.zone.defined);
  if (all.length === 0) return 'No PM zone is defined in this workspace: PM Zone has nothing to say about its files.';
  const paths = toolPaths(input);
  const byRepository = new Map<Repository, string[]>();
  for (const given of paths) {
    const absolute = path.isAbsolute(given) ? given : path.join(all[0].root.fsPath, given);
    const repository = (await repositories.forUri(vscode.Uri.file(absolute))) ?? all[0];
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), given]);
  }
  if (paths.length === 0) byRepository.set(all[0], []);
  const answers = await Promise.all([...byRepository].map(([repository, asked]) => zoneToolText(repository.root.fsPath, repository.policy!, asked)));
  return answers.join('\n\n');
}
