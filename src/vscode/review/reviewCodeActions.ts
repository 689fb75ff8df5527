import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { locationLink } from './checklistLinks';
import type { PlacedFinding, ReviewDiagnostics } from './reviewDiagnostics';

const MAX_ITEM_TITLE = 60;

/**
 * Code actions on review diagnostics, only where they are honest: open the
 * checklist item behind a finding; create the missing PLANNING.md; undo the
 * change to a locked file (after a modal confirmation).
 */
export class ReviewCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: ReviewDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    const add = (key: string, action: vscode.CodeAction) => {
      if (seen.has(key)) return;
      seen.add(key);
      actions.push(action);
    };
    for (const diagnostic of context.diagnostics) {
      const placed = this.diagnostics.findingFor(document.uri, diagnostic);
      if (!placed) continue;
      const { finding } = placed;
      if (finding.check === 'zone.locked' && !placed.changeWide) {
        add('undo', action('Undo my change to this locked file', diagnostic, {
          command: CommandId.UndoBranchChange,
          title: 'Undo my change to this locked file',
          arguments: [document.uri],
        }, true));
      }
      if (finding.check === 'planning.missing') {
        add('planning', action('Create the missing PLANNING.md', diagnostic, { command: CommandId.NewPlanningDoc, title: 'Create the missing PLANNING.md' }, true));
      }
      add(`item:${placed.location.uri.toString()}:${placed.location.line}`, openItemAction(placed, diagnostic));
    }
    return actions;
  }
}

function openItemAction(placed: PlacedFinding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const text = placed.location.item?.text ?? placed.finding.check;
  const short = text.length > MAX_ITEM_TITLE ? `${text.slice(0, MAX_ITEM_TITLE - 1)}…` : text;
  // `vscode.open` with only a uri goes through the opener, which reads the line from the `#L12` fragment.
  return action(`Open checklist item: ${short}`, diagnostic, {
    command: 'vscode.open',
    title: 'Open checklist item',
    arguments: [locationLink(placed.location)],
  });
}

function action(title: string, diagnostic: vscode.Diagnostic, command: vscode.Command, preferred = false): vscode.CodeAction {
  const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  codeAction.command = command;
  codeAction.diagnostics = [diagnostic];
  codeAction.isPreferred = preferred;
  return codeAction;
}
