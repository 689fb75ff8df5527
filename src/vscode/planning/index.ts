import * as vscode from 'vscode';
import { CommandId, ContextKey } from '../commandIds';
import type { Repositories } from '../repositories';
import type { ReviewService } from '../review';
import { completingWhen } from '../shared/walkthroughSteps';
import { newPlanningDoc, type NewPlanningDocArgs } from './newPlanningDoc';
import { openPlanningDoc } from './openPlanningDoc';
import { PlanningDiagnostics } from './planningDiagnostics';
import { startChange, type StartChangeArgs } from './startChange';

export type { NewPlanningDocArgs, NewPlanningDocResult } from './newPlanningDoc';
export type { StartChangeArgs, StartChangeResult } from './startChange';
export type { PlanningDiagnostics, PlanningCheck } from './planningDiagnostics';

/**
 * PLANNING.md in the editor: "New planning doc" (five questions, then the doc
 * from the template), "Open planning doc", "Start a change" (the change's own
 * branch), and the doc's problems as the PM writes it. Returns the
 * planning docs' diagnostics, which show the gaps of the docs the review
 * finds in the change too.
 */
export function registerPlanning(context: vscode.ExtensionContext, repositories: Repositories, review: ReviewService): PlanningDiagnostics {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.NewPlanningDoc, completingWhen('planning', ContextKey.PlanningDocWritten,
      (argument?: NewPlanningDocArgs | vscode.Uri) => newPlanningDoc(repositories, argument),
      (result) => result.status === 'created' || result.status === 'exists')),
    vscode.commands.registerCommand(CommandId.OpenPlanningDoc, (target?: vscode.Uri) => openPlanningDoc(repositories, target)),
    vscode.commands.registerCommand(CommandId.StartChange, completingWhen('branch', ContextKey.ChangeStarted,
      (argument?: StartChangeArgs | vscode.Uri) => startChange(repositories, argument),
      (result) => result.kind === 'started')),
  );
  const diagnostics = new PlanningDiagnostics(repositories, review);
  context.subscriptions.push(diagnostics);
  return diagnostics;
}
