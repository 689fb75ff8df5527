import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { relativePath } from '../editorFiles';
import type { Repositories } from '../repositories';
import { chooseZonedRepository } from '../shared/chooseRepository';

const MAX_DOCS = 500;

interface DocItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/**
 * "PM Zone: Open planning doc": the PM's own PLANNING.md (the one in their
 * feature folder), a pick when there are several, or an offer to create one.
 */
export async function openPlanningDoc(repositories: Repositories, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri && target.path.endsWith('/PLANNING.md')) return show(target);
  const repository = await chooseZonedRepository(repositories, target instanceof vscode.Uri ? target : undefined, 'Open planning doc');
  if (typeof repository === 'string') return undefined;
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(repository.root, '**/PLANNING.md'), '**/node_modules/**', MAX_DOCS);
  // A repository nested inside this one has docs of its own.
  const docs = found.filter((uri) => repositories.knownForUri(uri) === repository);
  if (docs.length === 0) {
    const choice = await vscode.window.showInformationMessage('PM Zone: this repository has no PLANNING.md yet.', 'New planning doc');
    if (choice) await vscode.commands.executeCommand(CommandId.NewPlanningDoc, { repository: repository.root });
    return undefined;
  }
  const { featureFolderOf } = await import('../../core/planning/index.js');
  const ownFolders = (repository.policy.author?.featureFolders ?? []).map(featureFolderOf);
  const pathOf = (uri: vscode.Uri) => relativePath(repository.root, uri) ?? uri.path;
  const isOwn = (uri: vscode.Uri) => ownFolders.some((folder) => pathOf(uri).startsWith(`${folder}/`));
  const depth = (uri: vscode.Uri) => pathOf(uri).split('/').length;
  const own = docs.filter(isOwn);
  if (own.length === 1) return show(own[0]);
  if (docs.length === 1) return show(docs[0]);
  const items: DocItem[] = [...docs]
    .sort((a, b) => Number(isOwn(b)) - Number(isOwn(a)) || depth(a) - depth(b) || pathOf(a).localeCompare(pathOf(b)))
    .map((uri) => ({ label: `$(file) ${pathOf(uri)}`, description: isOwn(uri) ? 'in your feature folder' : undefined, uri }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Open planning doc', placeHolder: 'Which planning doc?', matchOnDescription: true });
  return picked ? show(picked.uri) : undefined;
}

async function show(uri: vscode.Uri): Promise<vscode.Uri> {
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
