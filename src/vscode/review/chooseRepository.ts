import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Repositories, Repository } from '../repositories';

/**
 * The repository a command acts on: the one of the file or SCM provider it
 * was invoked on, else the active editor's, else the only one, else the
 * user's pick. Undefined (after saying why) when there is none.
 */
export async function chooseRepository(repositories: Repositories, target: unknown, purpose: string): Promise<Repository | undefined> {
  const all = await repositories.all();
  const uri = targetUri(target) ?? vscode.window.activeTextEditor?.document.uri;
  const located = uri && uri.scheme === 'file' ? await repositories.forUri(uri) : undefined;
  if (located) return located;
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    void vscode.window.showInformationMessage(`PM Zone: open the folder of a git repository to ${purpose}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((repository) => ({ label: path.basename(repository.root.fsPath), description: repository.root.fsPath, repository })),
    { title: `Which repository? (${purpose})` },
  );
  return picked?.repository;
}

/** A file uri, or the root of a source control (`scm/title` menus pass the SourceControl). */
function targetUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  const rootUri = (target as { rootUri?: unknown } | undefined)?.rootUri;
  return rootUri instanceof vscode.Uri ? rootUri : undefined;
}
