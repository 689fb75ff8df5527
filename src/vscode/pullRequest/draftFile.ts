import * as path from 'node:path';
import * as vscode from 'vscode';
import { DRAFT_FILE_NAME, DRAFT_FOLDER, PREVIOUS_DRAFT_FILE_NAME } from '../../core/pr/draftLocation';
import type { DraftFolder } from '../../core/pr';
import type { Repositories, Repository } from '../repositories';

// How the editor reads and writes PULL_REQUEST.md: through its documents, so
// unsaved edits count. Where it lives is the core's (`draftFilePath`), shared
// with the command line.

export { DRAFT_FILE_NAME, DRAFT_FOLDER, PREVIOUS_DRAFT_FILE_NAME };

const draftUris = new Map<string, Promise<vscode.Uri>>();

export async function draftUriOf(root: vscode.Uri): Promise<vscode.Uri> {
  const key = root.toString();
  let uri = draftUris.get(key);
  if (!uri) {
    uri = draftPathOf(root).then((file) => vscode.Uri.file(file));
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

/**
 * The text as the PM sees it: unsaved edits in the editor, else the file's.
 * A clean document may lag behind the disk (the command line rewrote the
 * draft a moment ago), so only a dirty one wins.
 */
async function readDraftText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  return diskText(uri);
}

async function diskText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Replaces the draft's text and saves it, through the open editor when there
 * is one (its undo history keeps the old text). An editor without unsaved
 * edits that is behind the disk (the command line rewrote the draft) is left
 * to reload: the text goes to the file.
 */
async function writeDraftText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const current = open && !open.isClosed && (open.isDirty || open.getText() === (await diskText(uri)));
  if (open && current) {
    if (open.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${uri.fsPath}`);
    }
    if (open.isDirty) await open.save();
    return;
  }
  await writeInGitFolder(uri, text);
}

/** A file of PM Zone's folder in the git folder, written only there (a link in the way is replaced, not followed). */
async function writeInGitFolder(uri: vscode.Uri, text: string): Promise<void> {
  const { writeRepositoryFile } = await import('../../core/git/index.js');
  const gitFolder = path.dirname(path.dirname(uri.fsPath));
  await writeRepositoryFile(gitFolder, path.relative(gitFolder, uri.fsPath), text, { mode: 'replace' });
}

/** The draft folder for the core's replaceDraft: PULL_REQUEST.md through the editor's documents, its neighbours on disk. */
export function editorDraftFolder(draft: vscode.Uri): DraftFolder {
  const sibling = (name: string) => vscode.Uri.joinPath(draft, '..', name);
  return {
    read: (name) => (name === DRAFT_FILE_NAME ? readDraftText(draft) : diskText(sibling(name))),
    async write(name, text) {
      if (name === DRAFT_FILE_NAME) return writeDraftText(draft, text);
      await writeInGitFolder(sibling(name), text);
    },
  };
}

export async function showDraft(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(0, 0, 0, 0) });
}

async function draftPathOf(root: vscode.Uri): Promise<string> {
  const [{ Git }, { draftFilePath }] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
  return draftFilePath(new Git(root.fsPath));
}
