import * as vscode from 'vscode';
import type { Problem, TextFix } from '../../core/types';
import { editorFiles } from '../editorFiles';
import { policyPath } from '../config';
import { ProblemFixes, problemDiagnostic } from '../shared/problemDiagnostics';
import type { Repositories } from '../repositories';

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
 * tab closes.
 */
export class PlanningDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pmZone.planning');
  private readonly fixes = new ProblemFixes();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  // A check started later wins: an earlier one that finishes last must not overwrite it.
  private readonly generations = new Map<string, number>();
  private lastGeneration = 0;
  private readonly templates = new Map<string, Promise<string | undefined>>();
  private readonly checked = new vscode.EventEmitter<PlanningCheck>();
  /** Fires when a check has set a doc's diagnostics (none included): a doc found clean was checked, not skipped. */
  readonly onDidCheck = this.checked.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly repositories: Repositories) {
    this.disposables = [
      this.collection,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isPlanningDoc(document)) void this.check(document);
      }),
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length > 0 && isPlanningDoc(document)) this.schedule(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // VS Code keeps a document open for a while after its last tab closes: the tab is what the PM sees.
      vscode.window.tabGroups.onDidChangeTabs(({ opened, closed }) => this.tabsChanged(opened, closed)),
      repositories.onDidChange(({ repository }) => {
        this.templates.delete(repository.root.toString());
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

  private async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = ++this.lastGeneration;
    this.generations.set(key, generation);
    const located = await this.repositories.locate(document.uri);
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined) {
      this.clear(document.uri);
      return;
    }
    const [planning, templateText] = await Promise.all([import('../../core/planning/index.js'), this.templateOf(located.repository.root)]);
    if (this.generations.get(key) !== generation || document.isClosed) return;
    const problems = planning.checkPlanningDoc(document.getText(), { file: located.path, policy: policy.zone, author: policy.author, templateText });
    const diagnostics = problems.map((problem) => problemDiagnostic(problem, document));
    this.collection.set(document.uri, diagnostics);
    this.fixes.set(
      document.uri,
      problems.flatMap((problem, index) => fixesOf(problem, planning.tierQuickFixes).map((fix) => ({ problem: { ...problem, fix }, diagnostic: diagnostics[index] }))),
    );
    this.checked.fire({ uri: document.uri, diagnostics });
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
      if (uri && !shownInTab(uri)) this.forget(uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    // A check still running for it finds no generation of its own and drops its result.
    this.generations.delete(key);
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
