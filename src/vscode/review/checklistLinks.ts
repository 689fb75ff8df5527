import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import type { Checklist, ChecklistItem, EvaluatedItem } from '../../core/review/checklist';

const BUILT_IN_SCHEME = 'pm-zone-checklist';

/** The built-in checklist as a read-only document, for repositories without a skill file. */
export const BUILT_IN_CHECKLIST_URI = vscode.Uri.from({ scheme: BUILT_IN_SCHEME, path: '/built-in/SKILL.md' });

/** Where a finding's checklist item is written: a file (or the built-in checklist) and a 1-based line. */
export interface ItemLocation {
  uri: vscode.Uri;
  line: number;
  item: ChecklistItem | undefined;
}

let builtIn: Checklist | undefined;

export function registerBuiltInChecklistDocument(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(BUILT_IN_SCHEME, {
      async provideTextDocumentContent() {
        const { BUILTIN_CHECKLIST_MARKDOWN } = await import('../../core/review/index.js');
        return BUILTIN_CHECKLIST_MARKDOWN;
      },
    }),
  );
}

/** The checklist item a finding belongs to: the item whose evaluation lists it, else the first item naming its check. */
export function itemOfFinding(finding: Finding, evaluated: readonly EvaluatedItem[]): ChecklistItem | undefined {
  return evaluated.find((entry) => entry.findings.includes(finding))?.item
    ?? evaluated.find((entry) => entry.item.checks.includes(finding.check))?.item;
}

/**
 * Where to read about a finding: its item in the repository's skill file;
 * for an item PM Zone added itself, or a check no item names, the matching
 * item of the built-in checklist (shown read-only).
 */
export async function itemLocation(root: vscode.Uri, checklist: Checklist, item: ChecklistItem | undefined, check: string): Promise<ItemLocation> {
  if (item && item.line !== null && checklist.file !== 'built-in') {
    return { uri: vscode.Uri.joinPath(root, ...checklist.file.split('/')), line: item.line, item };
  }
  if (!builtIn) {
    const { builtInChecklist } = await import('../../core/review/index.js');
    builtIn = builtInChecklist();
  }
  const fallback = builtIn.items.find((candidate) => candidate.checks.includes(check));
  return { uri: BUILT_IN_CHECKLIST_URI, line: fallback?.line ?? 1, item: item ?? fallback };
}

/** The location as a link the Problems panel and hovers open at the line (`#L12`). */
export function locationLink(location: ItemLocation): vscode.Uri {
  return location.uri.with({ fragment: `L${location.line}` });
}
