import * as vscode from 'vscode';
import { zoneSummary } from '../core/repository/describe';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { unstageUndone } from './shared/unstage';
import { zoneOnDisk } from '../core/repository/linkedPath';

/**
 * The first edit of a locked file in a session gets one non-modal warning
 * with "Why?" and "Undo my changes". Nothing is discarded unless the user
 * chooses it. "Undo" restores the file as it was before that first edit: the
 * text of every open document is remembered while it is clean (opened,
 * saved, reloaded from disk), because auto-save may have written the edit by
 * the time the user answers, and reading the disk at the first keystroke
 * would race with it.
 */
export function registerLockedEditGuard(context: vscode.ExtensionContext, repositories: Repositories): void {
  /** Text of each open file document as it was when last clean. */
  const cleanText = new Map<string, string>();
  /** Locked files the user was warned about, with their text before the first edit. */
  const before = new Map<string, string>();
  const checking = new Set<string>();
  const remember = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    if (document.uri.scheme === 'file' && !document.isDirty && !before.has(key)) cleanText.set(key, document.getText());
  };
  vscode.workspace.textDocuments.forEach(remember);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(remember),
    vscode.workspace.onDidSaveTextDocument(remember),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (!before.has(document.uri.toString())) cleanText.delete(document.uri.toString());
    }),
    vscode.workspace.onDidChangeTextDocument(async (event) => {
      const document = event.document;
      const key = document.uri.toString();
      if (event.contentChanges.length === 0 || before.has(key) || checking.has(key) || !cleanText.has(key)) return;
      checking.add(key);
      try {
        // A change that leaves the document clean is VS Code reloading it from
        // disk (a revert, a checkout): the new text is the one to go back to.
        // The dirty flag of a first edit can trail its change event a little.
        if (!document.isDirty) await new Promise((resolve) => setTimeout(resolve, 50));
        if (!document.isDirty) {
          cleanText.set(key, document.getText());
          return;
        }
        const original = cleanText.get(key) as string;
        if (sameText(original, document.getText())) return;
        const located = await repositories.locate(document.uri);
        const policy = located?.repository.policy;
        if (!located || !policy?.zone.defined) return;
        const answer = await zoneOnDisk(policy, located.repository.root.fsPath, located.path);
        if (answer.zone !== 'locked') return;
        before.set(key, original);
        const choice = await vscode.window.showWarningMessage(
          `${located.path} is engineering-only: PMs do not change it, and the PM PR Review blocks a change to it. ${zoneSummary(answer, { forPm: true })}`,
          'Why?',
          'Undo my changes',
        );
        if (choice === 'Why?') await vscode.commands.executeCommand(CommandId.WhyLocked, document.uri);
        if (choice === 'Undo my changes') await vscode.commands.executeCommand(CommandId.UndoFileChanges, document.uri);
      } finally {
        checking.delete(key);
      }
    }),
    vscode.commands.registerCommand(CommandId.UndoFileChanges, async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!uri) return undefined;
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const original = before.get(uri.toString());
      if (original === undefined) {
        // Never warned about: only the unsaved edits are known to be the user's.
        await vscode.commands.executeCommand('workbench.action.files.revert');
        return undefined;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
      // Saving writes back the text the file had before the first edit.
      await document.save();
      before.delete(uri.toString());
      cleanText.set(uri.toString(), document.getText());
      await reportUnstaged(repositories, uri);
      return undefined;
    }),
  );
}

/** Only when the edit had been staged: then the PM learns the index was restored too (or, plainly, that it was not). */
async function reportUnstaged(repositories: Repositories, uri: vscode.Uri): Promise<void> {
  const sentence = await unstageUndone(repositories, uri);
  if (sentence) void vscode.window.showInformationMessage(`PM Zone: your edit to ${vscode.workspace.asRelativePath(uri)} is undone.${sentence}`);
}

function sameText(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  return plain(a) === plain(b);
}
