import * as vscode from 'vscode';
import type { Problem, TextFix } from '../../core/types';
import { editorFiles } from '../editorFiles';
import { policyPath } from '../config';
import { ProblemFixes, problemDiagnostic } from '../problemDiagnostics';
import type { Repositories } from '../repositories';

const PLANNING_FILE = 'PLANNING.md';
const TYPING_DELAY_MS = 250;

/**
 * The problems of every open PLANNING.md as the PM writes it (the same list
 * as `pm-zone planning check`): a required section missing or unwritten,
 * front matter that does not parse, a flag the author does not own, a tier
 * that does not exist. Recomputed on open, as the PM types (debounced), and
 * when the policy or the planning template changes; cleared when its last
 * tab closes.
 */
export function registerPlanningDiagnostics(context: vscode.ExtensionContext, repositories: Repositories): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('pmZone.planning');
  const fixes = new ProblemFixes();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // A check started later wins: an earlier one that finishes last must not overwrite it.
  const generations = new Map<string, number>();
  let lastGeneration = 0;
  const templates = new Map<string, Promise<string | undefined>>();

  const clear = (uri: vscode.Uri) => {
    collection.delete(uri);
    fixes.clear(uri);
  };

  const templateOf = (root: vscode.Uri) => {
    let template = templates.get(root.toString());
    if (!template) {
      template = import('../../core/planning/index.js').then(async ({ loadPlanningTemplate }) => {
        const loaded = await loadPlanningTemplate(editorFiles(root), policyPath('planningTemplate', root));
        return loaded.source === 'repository' ? loaded.text : undefined;
      });
      templates.set(root.toString(), template);
    }
    return template;
  };

  const check = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    const generation = ++lastGeneration;
    generations.set(key, generation);
    const located = await repositories.locate(document.uri);
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined) {
      clear(document.uri);
      return;
    }
    const [planning, templateText] = await Promise.all([import('../../core/planning/index.js'), templateOf(located.repository.root)]);
    if (generations.get(key) !== generation || document.isClosed) return;
    const problems = planning.checkPlanningDoc(document.getText(), { file: located.path, policy: policy.zone, author: policy.author, templateText });
    const diagnostics = problems.map((problem) => problemDiagnostic(problem, 'PM Zone', document));
    collection.set(document.uri, diagnostics);
    fixes.set(
      document.uri,
      problems.flatMap((problem, index) => fixesOf(problem, planning.tierQuickFixes).map((fix) => ({ problem: { ...problem, fix }, diagnostic: diagnostics[index] }))),
    );
  };

  const forget = (uri: vscode.Uri) => {
    const key = uri.toString();
    clearTimeout(pending.get(key));
    pending.delete(key);
    // A check still running for it finds no generation of its own and drops its result.
    generations.delete(key);
    clear(uri);
  };

  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      void check(document);
    }, TYPING_DELAY_MS));
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isPlanningDoc(document)) void check(document);
    }),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length > 0 && isPlanningDoc(document)) schedule(document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => forget(document.uri)),
    // VS Code keeps a document open for a while after its last tab closes: the tab is what the PM sees.
    vscode.window.tabGroups.onDidChangeTabs(({ opened, closed }) => {
      for (const uri of opened.map(tabUri)) {
        const document = uri && vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
        if (document && isPlanningDoc(document)) void check(document);
      }
      for (const uri of closed.map(tabUri)) {
        if (uri && !shownInTab(uri)) forget(uri);
      }
    }),
    repositories.onDidChange(({ repository }) => {
      templates.delete(repository.root.toString());
      for (const document of vscode.workspace.textDocuments) {
        if (isPlanningDoc(document) && repositories.knownForUri(document.uri) === repository) void check(document);
      }
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: `**/${PLANNING_FILE}` }, fixes, ProblemFixes.metadata),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  );
  for (const document of vscode.workspace.textDocuments) if (isPlanningDoc(document)) void check(document);
  return collection;
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
