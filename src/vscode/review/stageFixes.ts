import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { relativePath } from '../editorFiles';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';
import type { ReviewService } from './reviewService';

const OPEN_SOURCE_CONTROL = 'Open Source Control';

/**
 * "PM Zone: Stage my fixes": after a blocked commit VS Code has staged
 * everything, and a PM who fixes and saves a file leaves the fix unstaged:
 * the next commit takes the old staged copy and is blocked again. This
 * stages the PM's saved edits to the files of the change they may edit
 * (unsaved ones are saved first), never a locked file or one outside the
 * zone, and says what to do next. Resolves with the paths it staged.
 */
export function registerStageFixesCommand(repositories: Repositories, service: ReviewService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.StageFixes, async (target?: unknown): Promise<string[] | undefined> => {
    if (!requireTrust('review')) return undefined;
    const repository = await chooseRepository(repositories, target, 'stage your fixes');
    if (!repository) return undefined;
    await saveEditableEdits(repository.root, (relPath) => repository.policy?.zoneOf(relPath).zone === 'editable');
    const run = await service.review(repository, 'auto');
    const paths = run.savedFixes.toStage;
    if (paths.length === 0) {
      void vscode.window.showInformationMessage('PM Zone: nothing to stage — every saved change to a file you may edit is staged already.');
      return [];
    }
    const { Git, stagePaths } = await import('../../core/git/index.js');
    await stagePaths(new Git(repository.root.fsPath), paths);
    // The staged set changed: reviewed again (not waited for), so the sidebar stops saying "Not staged".
    void service.review(repository, 'auto').catch(() => undefined);
    const names = paths.map((relPath) => path.posix.basename(relPath));
    const listed = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
    void vscode.window.showInformationMessage(`PM Zone: staged your fixes to ${listed}. Commit again in Source Control.`, OPEN_SOURCE_CONTROL).then((choice) => {
      if (choice === OPEN_SOURCE_CONTROL) void vscode.commands.executeCommand('workbench.view.scm');
    });
    return paths;
  });
}

/** Saves the unsaved edits of files the PM may edit in this repository: "my fixes" are what the PM sees. */
async function saveEditableEdits(root: vscode.Uri, editable: (relPath: string) => boolean): Promise<void> {
  const dirty = vscode.workspace.textDocuments.filter((document) => {
    if (!document.isDirty || document.uri.scheme !== 'file') return false;
    const relPath = relativePath(root, document.uri);
    return relPath !== undefined && editable(relPath);
  });
  await Promise.all(dirty.map((document) => document.save()));
}
