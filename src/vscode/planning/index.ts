import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { completingStep } from '../shared/walkthroughSteps';
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
 * planning docs' diagnostics.
 */
export function registerPlanning(context: vscode.ExtensionContext, repositories: Repositories): PlanningDiagnostics {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.NewPlanningDoc, completingStep('planning', (argument?: NewPlanningDocArgs | vscode.Uri) => newPlanningDoc(repositories, argument))),
    vscode.commands.registerCommand(CommandId.OpenPlanningDoc, (target?: vscode.Uri) => openPlanningDoc(repositories, target)),
    vscode.commands.registerCommand(CommandId.StartChange, completingStep('branch', (argument?: StartChangeArgs | vscode.Uri) => startChange(repositories, argument))),
  );
  const diagnostics = new PlanningDiagnostics(repositories);
  context.subscriptions.push(diagnostics);
  return diagnostics;
}
