import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AgentName } from '../../core/agents/model';
import type { PersonalOutcome } from '../../core/agents/personal/initMe';
import { CommandId } from '../commandIds';
import { policyFileSetting, setting } from '../config';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';
import { completingStep } from '../shared/walkthroughSteps';

const COPY_INSTALL = 'Copy the install command';

/**
 * "PM Zone: Guard my coding agents": `pm-zone agents init --me` for the
 * identified pilot PM, through the same core function. Files of the PM's
 * own (user-level hooks, each agent's sandbox settings, srt's), nothing
 * committed; an engineer is told why nothing was written. `agents` given as
 * an argument chooses them (tests); the installed ones otherwise. `home`:
 * where the user's settings live, the user's home folder unless given.
 */
export function registerGuardMyAgentsCommand(repositories: Repositories, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.GuardMyAgents, completingStep('guardAgents', async (target?: unknown, agents?: AgentName[], home?: string): Promise<PersonalOutcome | undefined> => {
    if (!requireTrust('myAgents')) return undefined;
    const repository = await chooseRepository(repositories, target, 'guard your coding agents');
    if (!repository) return undefined;
    await repositories.whenIdle();
    const policy = repository.policy;
    if (!policy) return undefined;
    const core = await import('../../core/agents/index.js');
    const flavor = setting('codeownersFlavor', repository.root);
    const policyFile = policyFileSetting(repository.root);
    let outcome: PersonalOutcome;
    try {
      outcome = await core.initPersonalGuard(repository.root.fsPath, policy, {
        home: home ?? os.homedir(),
        env: process.env,
        ...(agents ? { agents } : {}),
        guardArguments: [...(policyFile && policyFile !== 'CLAUDE.md' ? ['--policy-file', policyFile] : []), ...(flavor !== 'github' ? ['--codeowners-flavor', flavor] : [])],
        // The extension's own guard, when the repository does not install PM Zone.
        fallbackGuard: vscode.Uri.joinPath(extensionUri, 'dist', 'guard.js').fsPath,
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`PM Zone: ${(error as Error).message}`);
      return undefined;
    }
    if (outcome.status === 'refused') {
      void vscode.window.showWarningMessage(`PM Zone: ${outcome.message}`);
      return outcome;
    }
    const walls = outcome.agents.map((agent) => `${agent.label} (${agent.wall === 'own-sandbox' ? 'its sandbox' : agent.wall === 'srt-rewrite' ? 'srt' : 'no sandbox'}${agent.missing.length > 0 ? `, missing ${agent.missing.join(', ')}` : ''})`);
    const said = `PM Zone: your coding agents are guarded in this repository, from any folder of it: ${walls.join(', ')}. Engineering-only files are read-only to their commands. This is the early "no" on your machine; the lock is GitHub's. ${outcome.notes.join(' ')}`;
    const install = outcome.install;
    void (install ? vscode.window.showInformationMessage(`${said} Install what the sandboxes need: ${install}`, COPY_INSTALL) : vscode.window.showInformationMessage(said)).then((choice) => {
      if (choice === COPY_INSTALL && install) void vscode.env.clipboard.writeText(install);
    });
    return outcome;
  }));
}
