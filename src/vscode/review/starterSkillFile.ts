import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { policyPath } from '../config';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';

/**
 * "Write a starter PM PR Review skill file": the built-in checklist, written
 * to the configured skill file path when nothing is there (an existing file
 * is opened, never overwritten). It is a policy file: the message says an
 * engineer should review and commit it.
 */
export function registerStarterSkillFileCommand(repositories: Repositories): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.WriteStarterSkillFile, async (target?: unknown): Promise<vscode.Uri | undefined> => {
    if (!requireTrust('skillFile')) return undefined;
    const repository = await chooseRepository(repositories, target, 'write the starter skill file');
    if (!repository) return undefined;
    const relPath = policyPath('skillFile', repository.root);
    const uri = vscode.Uri.joinPath(repository.root, ...relPath.split('/'));
    const [{ BUILTIN_CHECKLIST_MARKDOWN }, git] = await Promise.all([import('../../core/review/index.js'), import('../../core/git/index.js')]);
    let exists: boolean;
    try {
      // Only where nothing is, a link included: a committed link must not carry the file out of the repository.
      exists = (await git.writeRepositoryFile(repository.root.fsPath, relPath, BUILTIN_CHECKLIST_MARKDOWN, { mode: 'create' })) === 'exists';
    } catch (error) {
      void vscode.window.showErrorMessage(`PM Zone: ${error instanceof git.RepositoryWriteRefused ? error.message : `could not write ${relPath}: ${String(error)}`}`);
      return undefined;
    }
    await vscode.window.showTextDocument(uri, { preview: false });
    void vscode.window.showInformationMessage(exists
      ? `PM Zone: ${relPath} already exists; it was left as it is.`
      : `PM Zone: wrote the starter checklist to ${relPath}. It is a policy file: an engineer should review and commit it (and CODEOWNERS should protect it).`);
    return uri;
  });
}
