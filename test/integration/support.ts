import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { PmZoneApi } from '../../src/vscode/api';
import type { ReviewRun } from '../../src/vscode/review';
import { until } from '../support/until';

export const EXTENSION_ID = 'pm-zone.pm-zone';

/** Sets `pmZone.identity` in the user's settings (undefined clears it) and waits for the policy to follow. */
export async function chooseIdentity(handle: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('pmZone').update('identity', handle, vscode.ConfigurationTarget.Global);
  await (await pmZone()).repositories.whenIdle();
}

export async function pmZone(): Promise<PmZoneApi> {
  const extension = vscode.extensions.getExtension<PmZoneApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

export function fileUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/** The one polling helper, shared with the end-to-end tier. */
export { until };

/**
 * Drives whatever quick input a command shows with a workbench command
 * (accept the highlighted item, or close it) until the command settles, and
 * returns its result; a command that fails fails the test.
 */
export async function answeringQuickInput<T>(
  running: Thenable<T>,
  command: 'workbench.action.acceptSelectedQuickOpenItem' | 'workbench.action.closeQuickOpen' = 'workbench.action.acceptSelectedQuickOpenItem',
  timeoutMs = 30_000,
): Promise<T> {
  let settled: { value: T } | undefined;
  let failure: unknown;
  Promise.resolve(running).then((value) => (settled = { value }), (error: unknown) => (failure = error ?? new Error('the command failed')));
  return (await until('the command to end', async () => {
    if (failure) throw failure;
    if (!settled) await vscode.commands.executeCommand(command);
    await new Promise((resolve) => setTimeout(resolve, 150));
    return settled;
  }, timeoutMs)).value;
}

export async function decorationOf(api: PmZoneApi, relPath: string): Promise<vscode.FileDecoration | undefined> {
  return (await api.decorations.provideFileDecoration(fileUri(relPath))) ?? undefined;
}

export function colorId(decoration: vscode.FileDecoration | undefined): string | undefined {
  return (decoration?.color as vscode.ThemeColor & { id?: string } | undefined)?.id;
}

/**
 * Replaces a document's whole text in an editor, leaving it unsaved. The
 * document is shown first: VS Code saves workspace edits of files that are
 * not open in an editor ("files.refactoring.autoSave").
 */
export async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  await vscode.window.showTextDocument(document, { preview: false });
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${document.uri.fsPath}`);
}

/** Reverts and closes every editor, so one test's unsaved edits never leak into the next. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until('every document to be reverted', () => vscode.workspace.textDocuments.every((doc) => !doc.isDirty));
  // The revert's change events reach the extension after the command returns.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await (await pmZone()).repositories.whenIdle();
}


/** Runs git in the sample workspace (no shell). */
export function workspaceGit(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
}

/** Puts the sample workspace back on a clean `main`, deleting every other branch. */
export function resetWorkspace(): void {
  workspaceGit('reset', '--hard', '--quiet');
  workspaceGit('clean', '-fdq');
  workspaceGit('checkout', '--quiet', 'main');
  for (const branch of workspaceGit('branch', '--format=%(refname:short)').split('\n').filter((b) => b && b !== 'main')) {
    workspaceGit('branch', '-D', '--quiet', branch);
  }
}

/** The rows a tree view shows under `parent` (its top level when absent), each with its tree item. */
export async function treeChildren(provider: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  const nodes = (await provider.getChildren(parent)) ?? [];
  return Promise.all(nodes.map(async (node) => ({ node, item: await provider.getTreeItem(node) })));
}

/** "Review my change" on the repository of `target`, as the command palette runs it. */
export async function reviewChangeOf(target: vscode.Uri): Promise<ReviewRun> {
  const run = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', target);
  assert.ok(run, 'the review returned nothing');
  return run;
}

/**
 * Asks the runner driving this workbench (scripts/vscode-host/integration-tier.mjs)
 * for a screenshot, saved as test-results/screenshots/NAME.png, and gives it
 * time to be taken before the test moves on. Under a desktop runner nobody
 * listens and nothing is saved.
 */
export async function requestScreenshot(name: string, settleMs = 1_500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  console.log(`--- pm-zone screenshot: ${name} ---`);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

/** Asks the runner driving this workbench to click, as a user would, the first element matching `selector` in any frame (webviews included). */
export function requestClick(selector: string): void {
  console.log(`--- pm-zone click: ${selector} ---`);
}
