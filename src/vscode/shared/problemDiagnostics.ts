import * as vscode from 'vscode';
import type { Problem, Severity, TextFix } from '../../core/types';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return SEVERITIES[severity];
}

/** Core positions are 1-based; a missing end column means "to the end of the line". */
export function problemRange(problem: Pick<Problem, 'line' | 'column' | 'endColumn'>, document?: vscode.TextDocument): vscode.Range {
  const line = Math.max(0, problem.line - 1);
  const start = Math.max(0, problem.column - 1);
  const lineLength = document && line < document.lineCount ? document.lineAt(line).text.length : start + 1000;
  const end = problem.endColumn ? problem.endColumn - 1 : Math.max(lineLength, start + 1);
  return new vscode.Range(line, start, line, Math.max(end, start));
}

/** The source of every diagnostic PM Zone publishes: the Problems panel's filter finds them by it. */
export const PM_ZONE_SOURCE = 'PM Zone';

export function problemDiagnostic(problem: Problem, document?: vscode.TextDocument): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(problemRange(problem, document), problem.message, toSeverity(problem.severity));
  diagnostic.source = PM_ZONE_SOURCE;
  diagnostic.code = problem.kind;
  return diagnostic;
}

function fixRange(fix: TextFix): vscode.Range {
  return new vscode.Range(fix.start.line - 1, fix.start.column - 1, fix.end.line - 1, fix.end.column - 1);
}

/**
 * Quick fixes for problems that carry an obvious edit. The fixes are kept per
 * document beside the diagnostics, because the diagnostics a code action
 * provider receives are copies, and matched by range and message.
 */
export class ProblemFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly fixes = new Map<string, { range: vscode.Range; message: string; fix: TextFix }[]>();

  set(uri: vscode.Uri, problems: { problem: Problem; diagnostic: vscode.Diagnostic }[]): void {
    const withFixes = problems.filter(({ problem }) => problem.fix).map(({ problem, diagnostic }) => ({ range: diagnostic.range, message: diagnostic.message, fix: problem.fix as TextFix }));
    if (withFixes.length > 0) this.fixes.set(uri.toString(), withFixes);
    else this.fixes.delete(uri.toString());
  }

  clear(uri?: vscode.Uri): void {
    if (uri) this.fixes.delete(uri.toString());
    else this.fixes.clear();
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const known = this.fixes.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    // The same problem can be on the line twice (the planning check and the review both report it): one fix each.
    const offered = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      for (const entry of known) {
        if (!entry.range.isEqual(diagnostic.range) || entry.message !== diagnostic.message) continue;
        const key = `${entry.fix.title}\u0000${entry.fix.start.line}:${entry.fix.start.column}`;
        if (offered.has(key)) continue;
        offered.add(key);
        const action = new vscode.CodeAction(entry.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, fixRange(entry.fix), entry.fix.text);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }
}
