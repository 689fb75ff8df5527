import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Git } from '../../core/git';
import type { Change, ChangedFile } from '../../core/review/model';
import { setting } from '../config';
import { relativePath } from '../editorFiles';
import { ReviewFailure } from './reviewFailure';
import { baseBranchOf } from '../shared/baseBranch';

/** The change as the editor sees it, and the commit it is compared with. */
export interface EditorChange {
  change: Change;
  /** The merge base with the base branch: what "undo" restores. Undefined before the first commit. */
  baseCommit: string | undefined;
}

/**
 * What the pull request would contain: the working tree against the merge
 * base with the base branch (`pmZone.review.base`, else the remote's default
 * branch), committed, staged, unstaged and untracked edits alike; then every
 * unsaved buffer of the repository in place of its file on disk.
 *
 * The command and the automatic re-run both review this, so the Problems
 * panel says what the pull request will be told. The pre-commit hook reviews
 * the staged part only, a subset of it.
 *
 * `owns` tells whether a document belongs to this repository rather than to
 * a repository nested inside it.
 */
export async function readEditorChange(root: vscode.Uri, owns: (uri: vscode.Uri) => boolean): Promise<EditorChange> {
  const core = await import('../../core/git/index.js');
  const git = new core.Git(root.fsPath);
  await requireTopFolder(git, root);
  const base = setting('review.base', root).trim() || undefined;
  const change = await core.readChange(git, { mode: 'branch', base });
  const baseCommit = await mergeBaseOf(git, change.base);
  const files = await withUnsavedBuffers(git, root, change.files, baseCommit, owns);
  return { change: { ...change, files }, baseCommit };
}

/** The base branch and the merge base with it, found afresh (the base branch may have moved since the last review). */
export async function currentBase(root: vscode.Uri): Promise<{ branch: string | undefined; commit: string | undefined }> {
  const core = await import('../../core/git/index.js');
  const git = new core.Git(root.fsPath);
  const branch = await baseBranchOf(root, git);
  return { branch, commit: await mergeBaseOf(git, branch) };
}

/** Reads the file as the base commit has it, bytes unchanged; undefined when the base has no such file. */
export async function baseVersion(root: vscode.Uri, baseCommit: string, relPath: string): Promise<Uint8Array | undefined> {
  const core = await import('../../core/git/index.js');
  const git = new core.Git(root.fsPath);
  const result = await git.exec(['cat-file', 'blob', `${baseCommit}:${relPath}`], { okExitCodes: [128] });
  return result.exitCode === 0 ? result.stdout : undefined;
}

/**
 * Same rule as the core's change reader: `origin/<base>` when the remote has
 * it (what the pull request targets), else the local branch.
 */
async function mergeBaseOf(git: Git, baseBranch: string | undefined): Promise<string | undefined> {
  const core = await import('../../core/git/index.js');
  const head = await core.headSha(git);
  if (head === null || baseBranch === undefined) return undefined;
  const remote = `refs/remotes/origin/${baseBranch}`;
  const ref = (await core.resolveCommit(git, remote)) !== null ? remote : baseBranch;
  return (await core.mergeBase(git, head, ref)) ?? undefined;
}

/** Paths in the change are relative to git's top folder, policies to the workspace folder: they must be the same. */
async function requireTopFolder(git: Git, root: vscode.Uri): Promise<void> {
  const core = await import('../../core/git/index.js');
  const top = await core.root(git);
  const [realTop, realRoot] = await Promise.all([top, root.fsPath].map((folder) => fs.realpath(folder).catch(() => folder)));
  if (path.relative(realTop, realRoot) !== '') {
    throw new ReviewFailure(`PM Zone reviews a repository from its top folder, and this folder is inside the repository at ${top}. Open that folder to review the change.`);
  }
}

async function withUnsavedBuffers(
  git: Git,
  root: vscode.Uri,
  files: readonly ChangedFile[],
  baseCommit: string | undefined,
  owns: (uri: vscode.Uri) => boolean,
): Promise<ChangedFile[]> {
  const core = await import('../../core/git/index.js');
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.scheme !== 'file' || !owns(document.uri)) continue;
    const relPath = relativePath(root, document.uri);
    if (relPath === undefined || relPath === '.git' || relPath.startsWith('.git/')) continue;
    const text = document.getText();
    const entry = byPath.get(relPath);
    if (entry) {
      const updated = entry.binary ? entry : withBufferText(entry, text);
      if (updated) byPath.set(relPath, updated);
      else byPath.delete(relPath);
      continue;
    }
    // Not in the change: the file on disk is the base version, or git ignores it.
    const before = baseCommit ? await core.showFile(git, baseCommit, relPath) : undefined;
    if (before === undefined) {
      const onDisk = await fs.stat(document.uri.fsPath).then(() => true, () => false);
      // On disk yet not in the change: ignored by git, so not part of the pull request either.
      if (!onDisk) byPath.set(relPath, { path: relPath, status: 'added', oldText: undefined, newText: text });
      continue;
    }
    if (before.binary || sameText(before.text, text)) continue;
    byPath.set(relPath, { path: relPath, status: 'modified', oldText: before.text, newText: text });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The entry with the buffer's text as its new version; undefined when the buffer undoes the change. */
function withBufferText(entry: ChangedFile, text: string): ChangedFile | undefined {
  switch (entry.status) {
    case 'deleted':
      // Deleted on disk, still open with edits: saving would bring it back.
      return sameText(entry.oldText, text) ? undefined : { ...entry, status: 'modified', newText: text };
    case 'modified':
      return sameText(entry.oldText, text) ? undefined : { ...entry, newText: text };
    default:
      return { ...entry, newText: text };
  }
}

/** Equal but for line endings: git's autocrlf makes those no change. */
function sameText(a: string | undefined, b: string): boolean {
  return a !== undefined && (a === b || a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n'));
}
