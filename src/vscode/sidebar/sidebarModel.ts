import * as vscode from 'vscode';
import type { Finding, Zone } from '../../core/types';
import type { ReviewRun } from '../review';
import type { Repositories, Repository } from '../repositories';
import { editorFiles } from '../editorFiles';

/** The repository the sidebar shows: the active editor's, else the first with a PM zone. */
export function sidebarRepository(repositories: Repositories): Repository | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const active = uri?.scheme === 'file' ? repositories.knownForUri(uri) : undefined;
  if (active?.policy?.zone.defined) return active;
  return repositories.known().find((repository) => repository.policy?.zone.defined) ?? active;
}

export const ZONE_GROUPS: { zone: Zone; title: string; icon: string }[] = [
  { zone: 'locked', title: 'Engineering only', icon: 'lock' },
  { zone: 'outside', title: 'Outside the PM zone', icon: 'circle-slash' },
  { zone: 'editable', title: 'PM-editable', icon: 'pass' },
];

export const SEVERITY_ICONS: Record<Finding['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/** The planning doc of a change, by the rule the pull request links it with (a changed PLANNING.md, else the author's). */
export async function planningDocOf(run: ReviewRun): Promise<vscode.Uri | undefined> {
  const { planningDocOf: planningOfChange } = await import('../../core/pr/index.js');
  const planning = await planningOfChange(run.change, editorFiles(run.root), run.policy);
  return planning && vscode.Uri.joinPath(run.root, ...planning.path.split('/'));
}

/** "2 blockers, 3 warnings" — the words the notification and the sidebar share. */
export function countsLabel(run: ReviewRun): string {
  const { blockers, warnings } = run.outcome.result.summary;
  if (blockers === 0 && warnings === 0) return 'No blockers — ready for review';
  const parts = [];
  if (blockers > 0) parts.push(`${blockers} blocker${blockers === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function openAt(uri: vscode.Uri, line: number | null): vscode.Command {
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  return { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(position, position) }] };
}
