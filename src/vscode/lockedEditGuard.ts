import * as vscode from 'vscode';
import { zoneSummary } from '../core/repository/describe';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { undoBranchChange } from './review/undoBranchChange';

/**
 * The first edit of a locked file in a session gets one non-modal warning
 * with "Why?" and "Undo my changes". Nothing is discarded unless the user
 * chooses it. "Undo" restores the file as it was before that first edit:
 * its text on disk is remembered at that moment, because auto-save may have
 * written the edit by the time the user answers.
 */
export function registerLockedEditGuard(context: vscode.ExtensionContext, repositories: Repositories): void {
  const before = new Map<string, Uint8Array>();
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument(async (event) => {
      const document = event.document;
      if (event.contentChanges.length === 0 || document.uri.scheme !== 'file') return;
      const key = document.uri.toString();
      if (before.has(key)) return;
      const onDisk = vscode.workspace.fs.readFile(document.uri);
      // The dirty flag reaches the extension host just after the change event;
      // a change that leaves the document clean (a revert, a reload) is no edit.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!document.isDirty) return;
      const located = await repositories.locate(document.uri);
      const policy = located?.repository.policy;
      if (!located || !policy?.zone.defined || before.has(key)) return;
      const answer = policy.zoneOf(located.path);
      if (answer.zone !== 'locked') return;
      try {
        before.set(key, await onDisk);
      } catch {
        return; // A new file: nothing on disk to go back to.
      }
      const choice = await vscode.window.showWarningMessage(
        `${located.path} is engineering-only: a PM change to it will be rejected. ${zoneSummary(answer)}`,
        'Why?',
        'Undo my changes',
      );
      if (choice === 'Why?') await vscode.commands.executeCommand(CommandId.WhyLocked, document.uri);
      if (choice === 'Undo my changes') await vscode.commands.executeCommand(CommandId.UndoFileChanges, document.uri);
    }),
    vscode.commands.registerCommand(CommandId.UndoFileChanges, async (target?: vscode.Uri, scope?: 'branch') => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!uri) return;
      // From a review finding: everything the branch changed in the file, back to its base version.
      if (scope === 'branch') return undoBranchChange(repositories, uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const original = before.get(uri.toString());
      if (!original) {
        // Never warned about: only the unsaved edits are known to be the user's.
        await vscode.commands.executeCommand('workbench.action.files.revert');
        return;
      }
      const text = new TextDecoder('utf-8').decode(original);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      await vscode.workspace.applyEdit(edit);
      // Saving writes back the bytes the file had before the first edit.
      await document.save();
      before.delete(uri.toString());
    }),
  );
}
