import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Repositories, Repository } from '../repositories';

// Where PULL_REQUEST.md lives and how it is read and written. It sits in the
// git folder of the working tree (`.git/pm-zone/`), so no commit ever picks it
// up and two worktrees on two branches keep two drafts.

export const DRAFT_FILE_NAME = 'PULL_REQUEST.md';
/** Relative to the git folder. */
export const DRAFT_FOLDER = 'pm-zone';

const draftUris = new Map<string, Promise<vscode.Uri>>();

export async function draftUriOf(root: vscode.Uri): Promise<vscode.Uri> {
  const key = root.toString();
  let uri = draftUris.get(key);
  if (!uri) {
    uri = gitFolderOf(root).then((folder) => vscode.Uri.file(path.join(folder, DRAFT_FOLDER, DRAFT_FILE_NAME)));
    uri.catch(() => draftUris.delete(key));
    draftUris.set(key, uri);
  }
  return uri;
}

/** Whether the uri names a PM Zone draft (the send command checks the repository too). */
export function isDraftUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return uri?.scheme === 'file' && uri.path.endsWith(`/${DRAFT_FOLDER}/${DRAFT_FILE_NAME}`);
}

/** The repository whose git folder holds this draft. */
export async function repositoryOfDraft(repositories: Repositories, uri: vscode.Uri): Promise<Repository | undefined> {
  for (const repository of await repositories.all()) {
    const draft = await draftUriOf(repository.root).catch(() => undefined);
    if (draft && draft.toString() === uri.toString()) return repository;
  }
  return undefined;
}

/** The text as the PM sees it: the open editor's, saved or not, else the file's. */
export async function readDraftText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Replaces the draft's text and saves it, in the open editor when there is one (its undo history keeps the old text). */
export async function writeDraftText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open && !open.isClosed) {
    if (open.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${uri.fsPath}`);
    }
    if (open.isDirty) await open.save();
    return;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(uri.fsPath)));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function showDraft(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(0, 0, 0, 0) });
}

async function gitFolderOf(root: vscode.Uri): Promise<string> {
  const { Git } = await import('../../core/git/index.js');
  return (await new Git(root.fsPath).run(['rev-parse', '--absolute-git-dir'])).trim();
}
