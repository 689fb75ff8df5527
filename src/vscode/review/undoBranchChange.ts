import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import { baseVersion, currentBase } from './editorChange';
import { toReviewFailure } from './reviewFailure';
import { requireTrust } from '../shared/trust';
import { CommandId } from '../commandIds';
import { unstageUndone } from '../shared/unstage';

/** `pmZone.undoBranchChange`: the review's code action on a locked file's finding. */
export function registerUndoBranchChangeCommand(repositories: Repositories): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.UndoBranchChange, (target?: vscode.Uri) => {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    return uri ? undoBranchChange(repositories, uri) : undefined;
  });
}

/** Asks before anything is discarded; true when the user chose `action`. */
export type Confirm = (message: string, detail: string, action: string) => Promise<boolean>;

export const modalConfirm: Confirm = async (message, detail, action) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

export type UndoOutcome = 'restored' | 'deleted' | 'unchanged' | 'cancelled' | 'untrusted' | 'failed';

/**
 * Undoes the change's edits to one file: it goes back to its version at the
 * merge base with the base branch (byte for byte, saved or not), or, when the
 * change added it, it moves to the trash. Nothing happens unless the user
 * confirms in a modal dialog that names the file.
 */
export async function undoBranchChange(repositories: Repositories, uri: vscode.Uri, confirm: Confirm = modalConfirm): Promise<UndoOutcome> {
  if (!requireTrust('undo')) return 'untrusted';
  const located = await repositories.locate(uri);
  if (!located) {
    void vscode.window.showInformationMessage('PM Zone: this file is not in a repository of the workspace.');
    return 'failed';
  }
  const { repository, path: relPath } = located;
  let before: Uint8Array | undefined;
  let branch: string | undefined;
  let commit: string | undefined;
  try {
    ({ branch, commit } = await currentBase(repository.root));
    before = commit ? await baseVersion(repository.root, commit, relPath) : undefined;
  } catch (error) {
    void vscode.window.showErrorMessage(toReviewFailure(error, 'undo the change').message);
    return 'failed';
  }
  const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  const target: UndoTarget = { repositories, uri, relPath, document, baseName: branch ? `${branch} (${commit?.slice(0, 7)})` : 'the base branch', confirm };
  return before === undefined ? deleteAdded(target) : restore(target, before);
}

interface UndoTarget {
  repositories: Repositories;
  uri: vscode.Uri;
  relPath: string;
  /** The open document, whose unsaved edits go too. */
  document: vscode.TextDocument | undefined;
  /** The base as the PM reads it: `main (1a2b3c4)`. */
  baseName: string;
  confirm: Confirm;
}

/** A file the base has: back to that version, byte for byte. */
async function restore({ repositories, uri, relPath, document, baseName, confirm }: UndoTarget, before: Uint8Array): Promise<UndoOutcome> {
  const current = await fs.readFile(uri.fsPath).catch(() => undefined);
  if (current && Buffer.compare(Buffer.from(current), Buffer.from(before)) === 0 && !document?.isDirty) {
    void vscode.window.showInformationMessage(`PM Zone: ${relPath} is already as on ${baseName}.`);
    return 'unchanged';
  }
  const confirmed = await confirm(
    `Undo your change to ${relPath}?`,
    `It goes back to its version on ${baseName}. Your edits to this file, saved or not, are discarded.`,
    'Undo my change',
  );
  if (!confirmed) return 'cancelled';
  // The base's file, in place of whatever is there now: a link the change put there is replaced, never written through.
  const { writeRepositoryFile } = await import('../../core/git/index.js');
  const repository = repositories.knownForUri(uri);
  if (!repository) throw new Error(`${relPath} is in no repository PM Zone knows.`);
  await writeRepositoryFile(repository.root.fsPath, relPath, before, { mode: 'replace' });
  // The buffer held unsaved edits: reload it from the restored file.
  if (document?.isDirty) await revert(document);
  await tellUnstaged(repositories, uri, relPath);
  return 'restored';
}

/** A file the change added: to the trash, or, where there is none, deleted once the PM agrees again. */
async function deleteAdded({ repositories, uri, relPath, document, baseName, confirm }: UndoTarget): Promise<UndoOutcome> {
  const confirmed = await confirm(
    `Delete ${relPath}?`,
    `It is new in this change: ${baseName} does not have it. It moves to the trash.`,
    'Move to Trash',
  );
  if (!confirmed) return 'cancelled';
  if (document?.isDirty) await revert(document);
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: true });
  } catch {
    // Remote and web hosts often have no trash: ask again before deleting for good.
    const permanently = await confirm(
      `Delete ${relPath} permanently?`,
      'There is no trash here, so the file cannot be recovered from it.',
      'Delete Permanently',
    );
    if (!permanently) return 'cancelled';
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
  await tellUnstaged(repositories, uri, relPath);
  return 'deleted';
}

async function tellUnstaged(repositories: Repositories, uri: vscode.Uri, relPath: string): Promise<void> {
  const sentence = await unstageUndone(repositories, uri);
  if (sentence) void vscode.window.showInformationMessage(`PM Zone: your change to ${relPath} is undone.${sentence}`);
}

async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
