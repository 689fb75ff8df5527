import * as vscode from 'vscode';
import { zoneSummary } from '../core/repository/describe';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { unstageUndone } from './shared/unstage';
import { zoneOnDisk } from '../core/repository/linkedPath';
import type { ZoneAnswer } from '../core/policy/zoneModel';

/**
 * The first edit of a locked file in a session gets one non-modal warning
 * with "Why?" and "Undo my changes". Nothing is discarded unless the user
 * chooses it. "Undo" restores the file as it was before that first edit: the
 * text of every open document is remembered while it is clean (opened,
 * saved, reloaded from disk), because auto-save may have written the edit by
 * the time the user answers, and reading the disk at the first keystroke
 * would race with it.
 */
export function registerLockedEditGuard(context: vscode.ExtensionContext, repositories: Repositories): void {
  const guard = new LockedEditGuard(repositories);
  vscode.workspace.textDocuments.forEach((document) => guard.remember(document));
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => guard.remember(document)),
    vscode.workspace.onDidSaveTextDocument((document) => guard.saved(document)),
    vscode.workspace.onDidCloseTextDocument((document) => guard.forget(document)),
    vscode.workspace.onDidChangeTextDocument((event) => guard.changed(event)),
    vscode.commands.registerCommand(CommandId.UndoFileChanges, (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      return uri ? guard.undo(uri) : undefined;
    }),
  );
}

class LockedEditGuard {
  /** Text of each open file document as it was when last clean. */
  private readonly cleanText = new Map<string, string>();
  /** Locked files the user was warned about, with their text before the first edit. */
  private readonly before = new Map<string, string>();
  /** First-edit checks still running, by document. */
  private readonly checking = new Map<string, Promise<unknown>>();
  /** Saves seen, by document: an edit saved at once (auto-save, a quick Ctrl+S) is still an edit. */
  private readonly saves = new Map<string, number>();

  constructor(private readonly repositories: Repositories) {}

  remember(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (document.uri.scheme === 'file' && !document.isDirty && !this.before.has(key)) this.cleanText.set(key, document.getText());
  }

  saved(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.saves.set(key, (this.saves.get(key) ?? 0) + 1);
    this.remember(document);
  }

  forget(document: vscode.TextDocument): void {
    if (!this.before.has(document.uri.toString())) this.cleanText.delete(document.uri.toString());
  }

  async changed(event: vscode.TextDocumentChangeEvent): Promise<void> {
    const document = event.document;
    const key = document.uri.toString();
    if (event.contentChanges.length === 0 || this.before.has(key) || this.checking.has(key) || !this.cleanText.has(key)) return;
    // Undo waits for this check to record the text before the edit: an undo asked meanwhile must not find nothing to restore.
    const recording = this.record(document);
    this.checking.set(key, recording);
    let locked: { path: string; answer: ZoneAnswer } | undefined;
    try {
      locked = await recording;
    } finally {
      this.checking.delete(key);
    }
    if (locked) await this.warn(document, locked);
  }

  /** Remembers the text before the first edit of a locked file; the file's zone answer, or undefined when it is no such edit. */
  private async record(document: vscode.TextDocument): Promise<{ path: string; answer: ZoneAnswer } | undefined> {
    const original = await this.editedText(document);
    const locked = original === undefined ? undefined : await this.lockedAnswer(document);
    if (original === undefined || !locked) return undefined;
    this.before.set(document.uri.toString(), original);
    return locked;
  }

  /** The text before the edit, or undefined when the change was no edit by the user. */
  private async editedText(document: vscode.TextDocument): Promise<string | undefined> {
    const key = document.uri.toString();
    // Read now: a save right after the edit replaces the clean text with the edited one.
    const original = this.cleanText.get(key) as string;
    const savesBefore = this.saves.get(key) ?? 0;
    // A change that leaves the document clean is VS Code reloading it from
    // disk (a revert, a checkout): the new text is the one to go back to.
    // The dirty flag of a first edit can trail its change event a little, and
    // a save can clear it meanwhile: a save since the change means an edit.
    if (!document.isDirty) await new Promise((resolve) => setTimeout(resolve, 50));
    const savedSince = (this.saves.get(key) ?? 0) !== savesBefore;
    if (!document.isDirty && !savedSince) {
      this.cleanText.set(key, document.getText());
      return undefined;
    }
    return sameText(original, document.getText()) ? undefined : original;
  }

  private async lockedAnswer(document: vscode.TextDocument): Promise<{ path: string; answer: ZoneAnswer } | undefined> {
    const located = await this.repositories.locate(document.uri);
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined) return undefined;
    const answer = await zoneOnDisk(policy, located.repository.root.fsPath, located.path);
    return answer.zone === 'locked' ? { path: located.path, answer } : undefined;
  }

  private async warn(document: vscode.TextDocument, { path, answer }: { path: string; answer: ZoneAnswer }): Promise<void> {
    const choice = await vscode.window.showWarningMessage(
      `${path} is engineering-only: PMs do not change it, and the PM PR Review blocks a change to it. ${zoneSummary(answer, { forPm: true })}`,
      'Why?',
      'Undo my changes',
    );
    if (choice === 'Why?') await vscode.commands.executeCommand(CommandId.WhyLocked, document.uri);
    if (choice === 'Undo my changes') await vscode.commands.executeCommand(CommandId.UndoFileChanges, document.uri);
  }

  /** `pmZone.undoFileChanges`: back to the text before the first edit (saved), or, never warned about, the unsaved edits reverted. */
  async undo(uri: vscode.Uri): Promise<void> {
    await this.checking.get(uri.toString())?.catch(() => undefined);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = this.before.get(uri.toString());
    if (original === undefined) {
      // Never warned about: only the unsaved edits are known to be the user's.
      await vscode.commands.executeCommand('workbench.action.files.revert');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
    await vscode.workspace.applyEdit(edit);
    // Saving writes back the text the file had before the first edit.
    await document.save();
    this.before.delete(uri.toString());
    this.cleanText.set(uri.toString(), document.getText());
    await reportUnstaged(this.repositories, uri);
  }
}

/** Only when the edit had been staged: then the PM learns the index was restored too (or, plainly, that it was not). */
async function reportUnstaged(repositories: Repositories, uri: vscode.Uri): Promise<void> {
  const sentence = await unstageUndone(repositories, uri);
  if (sentence) void vscode.window.showInformationMessage(`PM Zone: your edit to ${vscode.workspace.asRelativePath(uri)} is undone.${sentence}`);
}

function sameText(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  return plain(a) === plain(b);
}
