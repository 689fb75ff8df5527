import * as vscode from 'vscode';
import { noteOfReason, zoneInWords } from '../core/repository/describe';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { unstageUndone } from './shared/unstage';
import { zoneOnDisk } from '../core/repository/linkedPath';
import { baseVersion, currentBase } from './review';

/**
 * The first edit of a locked file in a session gets one non-modal warning
 * with "Why?" and "Undo my changes". Nothing is discarded unless the user
 * chooses it. "Undo" restores the file as it was before that first edit: the
 * text of every open document is remembered while it is clean (opened,
 * saved, reloaded from disk), because auto-save may have written the edit by
 * the time the user answers, and reading the disk at the first keystroke
 * would race with it.
 */
export function registerLockedEditGuard(context: vscode.ExtensionContext, repositories: Repositories): LockedEdits {
  const markers = new LockedEditMarkers(repositories);
  const guard = new LockedEditGuard(repositories, markers);
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
    markers,
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, markers, LockedEditMarkers.metadata),
  );
  return markers;
}

/** A locked file the PM edited that still differs from its base version: what the marker and My change show. */
export interface LockedEditedFile {
  uri: vscode.Uri;
  /** Repository-relative. */
  path: string;
}

/** The locked files the PM edited and has not put back, for the sidebar. */
export interface LockedEdits {
  edited(): LockedEditedFile[];
  readonly onDidChange: vscode.Event<void>;
}

/** A locked file the PM edited: its path, and why it is locked in the hover's words. */
interface LockedEdit {
  path: string;
  words: string;
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

  constructor(private readonly repositories: Repositories, private readonly markers: LockedEditMarkers) {}

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
    let locked: LockedEdit | undefined;
    try {
      locked = await recording;
    } finally {
      this.checking.delete(key);
    }
    if (locked) {
      this.markers.follow(document.uri, locked.path);
      await this.warn(document, locked);
    }
  }

  /** Remembers the text before the first edit of a locked file; the file's zone answer, or undefined when it is no such edit. */
  private async record(document: vscode.TextDocument): Promise<LockedEdit | undefined> {
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

  private async lockedAnswer(document: vscode.TextDocument): Promise<LockedEdit | undefined> {
    const located = await this.repositories.locate(document.uri);
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined) return undefined;
    const answer = await zoneOnDisk(policy, located.repository.root.fsPath, located.path);
    return answer.zone === 'locked' ? { path: located.path, words: zoneInWords(answer, noteOfReason(policy.zone)) } : undefined;
  }

  private async warn(document: vscode.TextDocument, { path, words }: LockedEdit): Promise<void> {
    const choice = await vscode.window.showWarningMessage(
      `${path} is engineering-only: PMs do not change it, and the PM PR Review blocks a change to it. ${words}`,
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

/** What the lasting marker says, in a PM's words: no rule id, no glob. */
export const LOCKED_EDIT_MARKER = 'You changed an engineering-only file: PMs do not change it, and the review blocks a change to it. Undo my changes puts it back as on the base branch.';

/** How long a file's text must stay still before it is compared with the base again. */
const RECHECK_DELAY_MS = 300;

/**
 * The lasting marker of a locked-file edit: a problem on the file (in the
 * Problems panel, the editor and the explorer's colour) for as long as the
 * file, saved or not, differs from its version on the base branch, committed
 * or not; it goes away once the file is put back. The toast of the first
 * edit hides itself after a while; this does not. A locked file the review
 * already reports (its own problem on that file) is not marked twice.
 */
class LockedEditMarkers implements vscode.CodeActionProvider, vscode.Disposable, LockedEdits {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  readonly diagnostics = vscode.languages.createDiagnosticCollection('pm-zone-locked-edits');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a locked file starts or stops differing from its base version. */
  readonly onDidChange = this.changed.event;
  /** The locked files edited in this window: their repository-relative path, and the first line that differs from the base while one does. */
  private readonly followed = new Map<string, { uri: vscode.Uri; path: string; differs?: number }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly repositories: Repositories) {
    const recheck = (uri: vscode.Uri) => {
      if (this.followed.has(uri.toString())) this.schedule(uri);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, false, false);
    this.disposables = [
      this.diagnostics,
      this.changed,
      watcher,
      watcher.onDidChange(recheck),
      watcher.onDidDelete(recheck),
      vscode.workspace.onDidChangeTextDocument((event) => recheck(event.document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => recheck(document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => recheck(document.uri)),
      // A commit or a checkout moves the base the file is compared with.
      repositories.onDidChange(() => this.followed.forEach(({ uri }) => this.schedule(uri))),
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.forEach((uri) => {
        if (this.followed.has(uri.toString())) this.render(uri);
      })),
    ];
  }

  /** The followed files that differ from their base version now, whether or not the review reports them too. */
  edited(): LockedEditedFile[] {
    return [...this.followed.values()].filter((entry) => entry.differs !== undefined).map(({ uri, path }) => ({ uri, path }));
  }

  /** Starts following a locked file the PM just edited. */
  follow(uri: vscode.Uri, path: string): void {
    if (!this.followed.has(uri.toString())) this.followed.set(uri.toString(), { uri, path });
    this.schedule(uri, 0);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!context.diagnostics.some((diagnostic) => diagnostic.message === LOCKED_EDIT_MARKER)) return [];
    const undo = new vscode.CodeAction('Undo my changes to this file', vscode.CodeActionKind.QuickFix);
    undo.command = { command: CommandId.UndoBranchChange, title: undo.title, arguments: [document.uri] };
    undo.isPreferred = true;
    const why = new vscode.CodeAction('Why is this file locked?', vscode.CodeActionKind.QuickFix);
    why.command = { command: CommandId.WhyLocked, title: why.title, arguments: [document.uri] };
    return [undo, why];
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private schedule(uri: vscode.Uri, delayMs = RECHECK_DELAY_MS): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(uri).catch(() => undefined);
    }, delayMs));
  }

  /** Compares the file (its open buffer first) with its base version, and marks it or lets it go. */
  private async check(uri: vscode.Uri): Promise<void> {
    const entry = this.followed.get(uri.toString());
    const repository = this.repositories.knownForUri(uri);
    // The base version is read with git, which Restricted Mode does not allow.
    if (!entry || !repository || !vscode.workspace.isTrusted) return;
    const { commit } = await currentBase(repository.root);
    const before = commit ? await baseVersion(repository.root, commit, entry.path) : undefined;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const now = open ? open.getText() : await vscode.workspace.fs.readFile(uri).then((bytes) => Buffer.from(bytes).toString('utf8'), () => undefined);
    const differs = firstDifferingLine(before === undefined ? undefined : Buffer.from(before).toString('utf8'), now);
    const wasEdited = entry.differs !== undefined;
    if (differs === undefined) {
      // Put back: nothing to mark until it differs again (the file stays followed).
      entry.differs = undefined;
      this.diagnostics.delete(uri);
      if (wasEdited) this.changed.fire();
      return;
    }
    entry.differs = differs;
    this.render(uri);
    if (!wasEdited) this.changed.fire();
  }

  /** The marker, unless the review already reports this file's edit. */
  private render(uri: vscode.Uri): void {
    const entry = this.followed.get(uri.toString());
    if (entry?.differs === undefined) return;
    const reviewed = vscode.languages.getDiagnostics(uri).some((diagnostic) => typeof diagnostic.code === 'object' && String(diagnostic.code.value) === 'zone.locked');
    if (reviewed) {
      this.diagnostics.delete(uri);
      return;
    }
    const diagnostic = new vscode.Diagnostic(new vscode.Range(entry.differs, 0, entry.differs, 1000), LOCKED_EDIT_MARKER, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'PM Zone';
    this.diagnostics.set(uri, [diagnostic]);
  }
}

/** The first line (0-based) where `now` differs from `before`, or undefined when they are the same text; a file only one side has differs at line 0. */
function firstDifferingLine(before: string | undefined, now: string | undefined): number | undefined {
  if (before === undefined || now === undefined) return before === now ? undefined : 0;
  if (sameText(before, now)) return undefined;
  const a = before.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  const b = now.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  return Math.min(line, Math.max(0, b.length - 1));
}

function sameText(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  return plain(a) === plain(b);
}
