import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { policyFileSetting, policyPath, setting } from '../config';
import type { Repositories } from '../repositories';
import { askEngineering } from '../shared/askEngineering';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';

const REPLACE = 'Replace';
const UPDATE_PINS = 'Update the pins';
const OPEN_EXISTING = 'Open the existing one';
const HOW_TO_REQUIRE = 'How to require the check';
const BRANCH_PROTECTION_DOCS = 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/managing-a-branch-protection-rule';

/**
 * "Add the CI gate": the same workflow `pm-zone ci init` writes. A workflow
 * runs with the repository's token on every pull request, so it is an
 * engineer's file: a pilot PM is told so and gets the request to send,
 * nothing is written.
 */
export function registerCiGateCommand(repositories: Repositories): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.AddCiGate, async (target?: unknown): Promise<vscode.Uri | undefined> => {
    if (!requireTrust('ciGate')) return undefined;
    const repository = await chooseRepository(repositories, target, 'add the CI gate');
    if (!repository) return undefined;
    // Who the user is decides what happens: never answer from a policy a reload is replacing.
    await repositories.whenIdle();
    const { gateAlreadyCommitted, outdatedWorkflowMessage, pilotMayNotWriteWorkflow, workflowText, workflowWrite, WORKFLOW_PATH } = await import('../../core/ci/index.js');
    const { detectPackageManager } = await import('../../core/repository/index.js');
    const git = await import('../../core/git/index.js');
    const manager = await detectPackageManager(git.workingTreeFiles(repository.root.fsPath));
    const refusal = repository.policy && pilotMayNotWriteWorkflow(repository.policy, manager);
    if (refusal) {
      // A workflow the last commit already holds needs nobody to add it.
      const runner = new git.Git(repository.root.fsPath);
      const head = await git.headSha(runner).catch(() => null);
      const inPlace = head ? gateAlreadyCommitted(await git.commitFiles(runner, head).readText(WORKFLOW_PATH), manager) : undefined;
      if (inPlace) {
        void vscode.window.showInformationMessage(`PM Zone: ${inPlace}`);
        return undefined;
      }
      // Not awaited: the command ends while the PM reads the message.
      void askForTheGate(refusal);
      return undefined;
    }
    const uri = vscode.Uri.joinPath(repository.root, ...WORKFLOW_PATH.split('/'));
    const existing = await git.workingTreeFiles(repository.root.fsPath).readText(WORKFLOW_PATH);
    const write = workflowWrite(existing, {
      policyFile: policyFileSetting(repository.root),
      skillFile: policyPath('skillFile', repository.root),
      codeownersFlavor: setting('codeownersFlavor', repository.root),
    });
    const { action } = write;
    let choice: 'update' | 'replace' = 'replace';
    if (action === 'outdated') {
      const answer = await vscode.window.showWarningMessage(
        `PM Zone: ${outdatedWorkflowMessage(write.pins, write.mergeQueue)}.`,
        { modal: true, detail: 'Update the pins moves only the pinned actions (and adds the merge queue trigger an earlier version did not write), keeping every other line. Replace writes the current workflow over the file.' },
        UPDATE_PINS, REPLACE, OPEN_EXISTING,
      );
      if (answer === OPEN_EXISTING) await vscode.window.showTextDocument(uri, { preview: false });
      if (answer !== UPDATE_PINS && answer !== REPLACE) return undefined;
      choice = answer === UPDATE_PINS ? 'update' : 'replace';
    }
    const text = workflowText(write, choice);
    if (action === 'differs') {
      const choice = await vscode.window.showWarningMessage(
        `PM Zone: ${WORKFLOW_PATH} already exists and differs from the one PM Zone writes.`,
        { modal: true, detail: 'Replace it with the current workflow? Your edits to it are lost unless they are committed.' },
        REPLACE, OPEN_EXISTING,
      );
      if (choice === OPEN_EXISTING) await vscode.window.showTextDocument(uri, { preview: false });
      if (choice !== REPLACE) return undefined;
    }
    if (action !== 'unchanged') {
      try {
        // Replaced only after the yes above; a link or unreadable file where none was seen is not replaced unasked.
        const written = await git.writeRepositoryFile(repository.root.fsPath, WORKFLOW_PATH, text, { mode: action === 'create' ? 'create' : 'replace' });
        if (written === 'exists') {
          void vscode.window.showErrorMessage(`PM Zone: ${WORKFLOW_PATH} exists but is not a text file PM Zone can compare (a link or a binary file): nothing was written.`);
          return undefined;
        }
      } catch (error) {
        void vscode.window.showErrorMessage(`PM Zone: ${error instanceof git.RepositoryWriteRefused ? error.message : `could not write ${WORKFLOW_PATH}: ${String(error)}`}`);
        return undefined;
      }
    }
    await vscode.window.showTextDocument(uri, { preview: false });
    const said = action === 'unchanged' ? `${WORKFLOW_PATH} is already there and current.` : action === 'outdated' && choice === 'update' ? `moved the pins of ${WORKFLOW_PATH}.` : `wrote ${WORKFLOW_PATH}.`;
    void vscode.window.showInformationMessage(`PM Zone: ${said} Commit it, then require the "PM PR Review" check on the default branch so a pull request cannot merge past it.`, HOW_TO_REQUIRE)
      .then((choice) => { if (choice === HOW_TO_REQUIRE) void vscode.env.openExternal(vscode.Uri.parse(BRANCH_PROTECTION_DOCS)); });
    return uri;
  });
}

async function askForTheGate(refusal: { message: string; request: string }): Promise<void> {
  await askEngineering(`PM Zone: ${refusal.message}; the button copies the request.`, refusal.request);
}
