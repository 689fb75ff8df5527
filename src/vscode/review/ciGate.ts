import * as vscode from 'vscode';
import type { RepositoryPolicy } from '../../core/repository';
import { isOwnersReason, reasonLocation } from '../../core/repository/describe';
import { CommandId } from '../commandIds';
import { policyPath, setting } from '../config';
import type { Repositories } from '../repositories';
import { askEngineering } from '../shared/askEngineering';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';

const REPLACE = 'Replace';
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
    if (repository.policy?.identity.known) {
      // Not awaited: the command ends while the PM reads the message.
      void askForTheGate(repository.policy);
      return undefined;
    }
    const { workflowWrite, WORKFLOW_PATH } = await import('../../core/ci/index.js');
    const uri = vscode.Uri.joinPath(repository.root, ...WORKFLOW_PATH.split('/'));
    const existing = await vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
    const { action, text } = workflowWrite(existing, {
      policyFile: policyPath('policyFile', repository.root),
      skillFile: policyPath('skillFile', repository.root),
      codeownersFlavor: setting('codeownersFlavor', repository.root),
    });
    if (action === 'differs') {
      const choice = await vscode.window.showWarningMessage(
        `PM Zone: ${WORKFLOW_PATH} already exists and differs from the one PM Zone writes.`,
        { modal: true, detail: 'Replace it with the current workflow? Your edits to it are lost unless they are committed.' },
        REPLACE, OPEN_EXISTING,
      );
      if (choice === OPEN_EXISTING) await vscode.window.showTextDocument(uri, { preview: false });
      if (choice !== REPLACE) return undefined;
    }
    if (action !== 'unchanged') await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri, { preview: false });
    const said = action === 'unchanged' ? `${WORKFLOW_PATH} is already there and current.` : `wrote ${WORKFLOW_PATH}.`;
    void vscode.window.showInformationMessage(`PM Zone: ${said} Commit it, then require the "PM PR Review" check on the default branch so a pull request cannot merge past it.`, HOW_TO_REQUIRE)
      .then((choice) => { if (choice === HOW_TO_REQUIRE) void vscode.env.openExternal(vscode.Uri.parse(BRANCH_PROTECTION_DOCS)); });
    return uri;
  });
}

async function askForTheGate(policy: RepositoryPolicy): Promise<void> {
  const { ciGateRequest, WORKFLOW_PATH } = await import('../../core/ci/index.js');
  const answer = policy.zoneOf(WORKFLOW_PATH);
  const rule = answer.reasons.find((reason) => reason.line !== null && !isOwnersReason(reason, answer));
  const owners = answer.owners.length > 0 ? `, owned by ${answer.owners.join(' ')}` : '';
  // The zone may not name workflows at all; they are still an engineer's to add.
  const why = answer.zone === 'locked'
    ? `engineering-only for PMs (${rule ? reasonLocation(rule) : policy.zone.file}${owners})`
    : `a file that runs with the repository's token on every pull request${owners}`;
  const dri = policy.author?.engineeringDri;
  await askEngineering(
    `PM Zone: the CI gate is a GitHub workflow, ${WORKFLOW_PATH}, which is ${why}: an engineer adds it. Ask your engineering DRI${dri ? ` (${dri})` : ''} to add it; the button copies the request.`,
    ciGateRequest(),
  );
}
