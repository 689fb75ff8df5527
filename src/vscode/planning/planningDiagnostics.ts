import * as vscode from 'vscode';
import type { Problem, TextFix } from '../../core/types';
import type { Checklist } from '../../core/review';
import { editorFiles } from '../editorFiles';
import { policyPath } from '../config';
import { ProblemFixes, problemDiagnostic } from '../shared/problemDiagnostics';
import type { Repositories } from '../repositories';
import type { ReviewRun, ReviewService } from '../review';
import { LatestRuns } from '../../core/latestRun';

const PLANNING_FILE = 'PLANNING.md';
const TYPING_DELAY_MS = 250;

/** One finished check of a planning doc: what the Problems panel now shows for it. */
export interface PlanningCheck {
  uri: vscode.Uri;
  diagnostics: readonly vscode.Diagnostic[];
}

/**
 * The problems of every open PLANNING.md as the PM writes it (the same list
 * as `pm-zone planning check`): a required section missing or unwritten,
 * front matter that does not parse, a flag the author does not own, a tier
 * that does not exist. Recomputed on open, as the PM types (debounced), and
 * when the policy or the planning template changes; cleared when its last
 * tab closes, unless the change under review holds the doc.
 *
 * The one list of a planning doc's gaps: the review's `planning.incomplete`
 * findings are these same problems, so the review does not publish them
 * again; it has this list cover the planning docs of the change even when
 * they are not open. A gap has the review's severity (a warning, a blocker
 * when the team's checklist makes its item blocking), so the Problems panel,
 * the status bar, the sidebar and the pull request count it alike.
 */
export class PlanningDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pmZone.planning');
  private readonly fixes = new ProblemFixes();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  // A check started later wins: an earlier one that finishes last must not overwrite it.
  private readonly checks = new LatestRuns();
  private readonly templates = new Map<string, Promise<string | undefined>>();
  private readonly checked = new vscode.EventEmitter<PlanningCheck>();
  /** Fires when a check has set a doc's diagnostics (none included): a doc found clean was checked, not skipped. */
  readonly onDidCheck = this.checked.event;
  private readonly disposables: vscode.Disposable[];
  /** Planning docs of the change under review, per repository: shown whether open or not. */
  private readonly ofChange = new Map<string, Set<string>>();
  private readonly checklists = new Map<string, Promise<Checklist>>();

  constructor(private readonly repositories: Repositories, review?: ReviewService) {
    this.disposables = [
      this.collection,
      this.checked,
      ...(review ? [review.onDidReview((run) => this.reviewed(run)), review.onDidForget((root) => this.reviewed(undefined, root))] : []),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isPlanningDoc(document)) void this.check(document);
      }),
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length > 0 && isPlanningDoc(document)) this.schedule(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.inChange(document.uri)) void this.checkUri(document.uri);
        else this.forget(document.uri);
      }),
      // VS Code keeps a document open for a while after its last tab closes: the tab is what the PM sees.
      vscode.window.tabGroups.onDidChangeTabs(({ opened, closed }) => this.tabsChanged(opened, closed)),
      repositories.onDidChange(({ repository }) => {
        this.templates.delete(repository.root.toString());
        this.checklists.delete(repository.root.toString());
        for (const key of this.ofChange.get(repository.root.toString()) ?? []) void this.checkUri(vscode.Uri.parse(key));
        for (const document of vscode.workspace.textDocuments) {
          if (isPlanningDoc(document) && repositories.knownForUri(document.uri) === repository) void this.check(document);
        }
      }),
      vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: `**/${PLANNING_FILE}` }, this.fixes, ProblemFixes.metadata),
    ];
    for (const document of vscode.workspace.textDocuments) if (isPlanningDoc(document)) void this.check(document);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    for (const disposable of this.disposables) disposable.dispose();
  }

  private check(document: vscode.TextDocument): Promise<void> {
    return this.checkText(document.uri, () => document.getText(), document);
  }

  /** A planning doc of the change: its open buffer when there is one, else the file as saved. */
  private async checkUri(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return this.check(open);
    const bytes = await vscode.workspace.fs.readFile(uri).then((read) => read, () => undefined);
    if (bytes === undefined) return this.forget(uri);
    const text = new TextDecoder().decode(bytes);
    return this.checkText(uri, () => text);
  }

  private async checkText(uri: vscode.Uri, text: () => string, document?: vscode.TextDocument): Promise<void> {
    const key = uri.toString();
    const isLatest = this.checks.start(key);
    const located = await this.repositories.locate(uri);
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined) {
      this.clear(uri);
      return;
    }
    const root = located.repository.root;
    const [planning, review, templateText, checklist] = await Promise.all([
      import('../../core/planning/index.js'),
      import('../../core/review/index.js'),
      this.templateOf(root),
      this.checklistOf(root),
    ]);
    if (!isLatest() || document?.isClosed) return;
    const problems = planning.checkPlanningDoc(text(), { file: located.path, policy: policy.zone, author: policy.author, templateText });
    // A gap of the doc is a review finding too: it takes the review's severity, and "Blocker: " when it blocks.
    const diagnostics = review.settlePlanningProblems(problems, checklist).map((problem) => {
      const diagnostic = problemDiagnostic(problem, document);
      if (problem.blocking) diagnostic.message = `Blocker: ${diagnostic.message}`;
      return diagnostic;
    });
    this.collection.set(uri, diagnostics);
    this.fixes.set(
      uri,
      problems.flatMap((problem, index) => fixesOf(problem, planning.tierQuickFixes).map((fix) => ({ problem: { ...problem, fix }, diagnostic: diagnostics[index] }))),
    );
    this.checked.fire({ uri, diagnostics });
  }

  /** The planning docs of the reviewed change are checked, open or not; those it no longer holds go back to "open only". */
  private reviewed(run: ReviewRun | undefined, root = run?.root): void {
    if (!root) return;
    const key = root.toString();
    const now = new Set((run?.change.files ?? [])
      .filter((file) => file.status !== 'deleted' && (file.path === PLANNING_FILE || file.path.endsWith(`/${PLANNING_FILE}`)))
      .map((file) => vscode.Uri.joinPath(root, ...file.path.split('/')).toString()));
    const before = this.ofChange.get(key) ?? new Set<string>();
    this.ofChange.set(key, now);
    for (const uri of now) if (!before.has(uri) || !shownInTab(vscode.Uri.parse(uri))) void this.checkUri(vscode.Uri.parse(uri));
    for (const uri of before) if (!now.has(uri) && !shownInTab(vscode.Uri.parse(uri))) this.forget(vscode.Uri.parse(uri));
  }

  private checklistOf(root: vscode.Uri): Promise<Checklist> {
    let checklist = this.checklists.get(root.toString());
    if (!checklist) {
      checklist = import('../../core/review/index.js').then(({ loadChecklist }) => loadChecklist(editorFiles(root), policyPath('skillFile', root)));
      this.checklists.set(root.toString(), checklist);
    }
    return checklist;
  }

  private templateOf(root: vscode.Uri): Promise<string | undefined> {
    let template = this.templates.get(root.toString());
    if (!template) {
      template = import('../../core/planning/index.js').then(async ({ loadPlanningTemplate }) => {
        const loaded = await loadPlanningTemplate(editorFiles(root), policyPath('planningTemplate', root));
        return loaded.source === 'repository' ? loaded.text : undefined;
      });
      this.templates.set(root.toString(), template);
    }
    return template;
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.check(document);
    }, TYPING_DELAY_MS));
  }

  private tabsChanged(opened: readonly vscode.Tab[], closed: readonly vscode.Tab[]): void {
    for (const uri of opened.map(tabUri)) {
      const document = uri && vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      if (document && isPlanningDoc(document)) void this.check(document);
    }
    for (const uri of closed.map(tabUri)) {
      if (!uri || shownInTab(uri)) continue;
      // Closed, but part of the change under review: shown as saved.
      if (this.inChange(uri)) void this.checkUri(uri);
      else this.forget(uri);
    }
  }

  private inChange(uri: vscode.Uri): boolean {
    return [...this.ofChange.values()].some((uris) => uris.has(uri.toString()));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    // A check still running for it is no longer the latest, and drops its result.
    this.checks.forget(key);
    this.clear(uri);
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.fixes.clear(uri);
  }
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}

function shownInTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUri(tab)?.toString() === uri.toString()));
}

function isPlanningDoc(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && document.uri.path.endsWith(`/${PLANNING_FILE}`);
}

/**
 * A problem carries one fix; a wrong or missing tier gets one per tier, each
 * its own quick fix, the checker's closest guess first.
 */
function fixesOf(problem: Problem, tierQuickFixes: (problem: Problem) => TextFix[]): TextFix[] {
  if (!problem.fix) return [];
  const perTier = problem.kind === 'invalid-tier' ? tierQuickFixes(problem) : [];
  if (perTier.length === 0) return [problem.fix];
  const guess = problem.fix.text;
  return [...perTier.filter((fix) => fix.text === guess), ...perTier.filter((fix) => fix.text !== guess)];
}
