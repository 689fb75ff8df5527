import * as vscode from 'vscode';
import type { AgentName } from '../../core/agents/model';
import { CommandId } from '../commandIds';
import { policyFileSetting, setting } from '../config';
import { editorFiles } from '../editorFiles';
import type { Repositories } from '../repositories';
import { askEngineering } from '../shared/askEngineering';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';

const AGENT_LABELS: Record<AgentName, string> = {
  claude: 'Claude Code',
  codex: 'Codex CLI',
  copilot: 'GitHub Copilot (CLI, cloud agent, VS Code agent mode)',
  cursor: 'Cursor',
  gemini: 'Gemini CLI',
};
const OPEN_FILES = 'Open the files';

/**
 * "PM Zone: Guard coding agents": the hook settings `pm-zone agents init`
 * writes, through the same core function. The settings decide what every
 * agent in the repository may do, so this is an engineer's act: a pilot PM
 * is told so and gets the request to send; nothing is written.
 * `agents` given as an argument skips the question (tests, other commands).
 */
export function registerGuardAgentsCommand(repositories: Repositories): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.GuardAgents, async (target?: unknown, agents?: AgentName[]): Promise<string[] | undefined> => {
    if (!requireTrust('agents')) return undefined;
    const repository = await chooseRepository(repositories, target, 'guard coding agents');
    if (!repository) return undefined;
    // Who the user is decides what happens: never answer from a policy a reload is replacing.
    await repositories.whenIdle();
    const policy = repository.policy;
    if (!policy?.zone.defined) {
      void vscode.window.showInformationMessage(`PM Zone: ${policy?.zone.file ?? 'CLAUDE.md'} defines no PM zone here, so there is nothing for the agents' guard to enforce. Add a "## PM zone" section first.`);
      return undefined;
    }
    const core = await import('../../core/agents/index.js');
    // A pilot PM is not asked which agents: nothing will be written for them.
    const chosen = agents ?? (policy.identity.known ? [...core.AGENTS] : await pickAgents(core.AGENTS));
    if (!chosen || chosen.length === 0) return undefined;
    const { detectPackageManager } = await import('../../core/repository/index.js');
    const manager = await detectPackageManager(editorFiles(repository.root));
    let outcome;
    try {
      outcome = await core.initAgents(repository.root.fsPath, policy, chosen, { policyFile: policyFileSetting(repository.root), codeownersFlavor: setting('codeownersFlavor', repository.root) }, manager);
    } catch (error) {
      void vscode.window.showErrorMessage(`PM Zone: ${(error as Error).message}`);
      return undefined;
    }
    if (outcome.status === 'refused') {
      // Not awaited: the command ends while the PM reads the message.
      void askEngineering(`PM Zone: ${outcome.message}`, outcome.request);
      return undefined;
    }
    const written = outcome.files.filter((file) => file.action !== 'unchanged').map((file) => file.file);
    const said = written.length === 0 ? "the agents' hooks are already there and current." : `wrote ${written.join(', ')}.`;
    void vscode.window.showInformationMessage(`PM Zone: ${said} ${outcome.advice ? `${outcome.advice} ` : ''}Commit them, then run \`${manager.exec} agents check\`.`, OPEN_FILES).then(async (choice) => {
      if (choice !== OPEN_FILES) return;
      for (const file of outcome.files) await vscode.window.showTextDocument(vscode.Uri.joinPath(repository.root, ...file.file.split('/')), { preview: false });
    });
    return outcome.files.map((file) => `${file.file} ${file.action}`);
  });
}

async function pickAgents(agents: readonly AgentName[]): Promise<AgentName[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    agents.map((agent) => ({ label: AGENT_LABELS[agent], agent, picked: true })),
    { title: "PM Zone: Guard coding agents — which agents does the team use?", canPickMany: true, placeHolder: 'Their hooks will refuse a PM\'s agent an edit of an engineering-only file' },
  );
  return picked?.map((item) => item.agent);
}
