import type * as vscode from 'vscode';
import type { Repositories } from '../repositories';

/**
 * After an undo, the path's staged copy goes back to its committed version
 * too: an edit that `git add` had staged would otherwise still reach the
 * next commit (`git status` shows `MM`). The sentence to add to what the
 * user is told: empty when nothing was staged, plain words when unstaging
 * failed, so the user knows the edit may still be committed.
 */
export async function unstageUndone(repositories: Repositories, uri: vscode.Uri): Promise<string> {
  const located = await repositories.locate(uri);
  if (!located) return '';
  try {
    const { Git, unstagePath } = await import('../../core/git/index.js');
    const outcome = await unstagePath(new Git(located.repository.root.fsPath), located.path);
    return outcome === 'unstaged' ? ` Its staged copy was unstaged too, so the next commit does not carry the edit.` : '';
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return ` Its staged copy could not be unstaged (${why}): the next commit may still carry the edit. Run git restore --staged -- ${located.path}`;
  }
}
