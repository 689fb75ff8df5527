import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { completingStep } from '../walkthrough';
import { newPlanningDoc, type NewPlanningDocArgs } from './newPlanningDoc';
import { openPlanningDoc } from './openPlanningDoc';
import { registerPlanningDiagnostics } from './planningDiagnostics';

export type { NewPlanningDocArgs, NewPlanningDocResult } from './newPlanningDoc';

/**
 * PLANNING.md in the editor: "New planning doc" (five questions, then the doc
 * from the template), "Open planning doc", and the doc's problems as the PM
 * writes it. Returns the diagnostics collection.
 */
export function registerPlanning(context: vscode.ExtensionContext, repositories: Repositories): vscode.DiagnosticCollection {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.NewPlanningDoc, completingStep('planning', (argument?: NewPlanningDocArgs | vscode.Uri) => newPlanningDoc(repositories, argument))),
    vscode.commands.registerCommand(CommandId.OpenPlanningDoc, (target?: vscode.Uri) => openPlanningDoc(repositories, target)),
  );
  return registerPlanningDiagnostics(context, repositories);
}
