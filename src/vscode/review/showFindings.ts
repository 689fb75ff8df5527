import * as vscode from 'vscode';
import { ViewId } from '../commandIds';
import { PM_ZONE_SOURCE } from '../shared/problemDiagnostics';

/**
 * The "Show Problems" button of a review, with PM Zone's findings only.
 * VS Code lets no extension set the Problems panel's filter (its commands
 * only focus or clear the box), so when other tools have problems too the
 * button becomes "Show Findings" and opens "My change", which lists PM
 * Zone's findings under each changed file, each opening its line. With only
 * PM Zone's findings in the workspace, the Problems panel is that list.
 */
export function showFindingsAction(): { title: string; run: () => Thenable<unknown> } {
  const others = otherProblemCount();
  return others === 0
    ? { title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') }
    : { title: 'Show Findings', run: () => vscode.commands.executeCommand(`${ViewId.MyChange}.focus`) };
}

/** Problems in the workspace that other tools (a linter, the compiler) reported. */
export function otherProblemCount(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    count += diagnostics.filter((diagnostic) => diagnostic.source !== PM_ZONE_SOURCE).length;
  }
  return count;
}
