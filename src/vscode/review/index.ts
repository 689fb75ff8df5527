import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import { AutoReview } from './autoReview';
import { registerBuiltInChecklistDocument } from './checklistLinks';
import { registerCiGateCommand } from './ciGate';
import { registerHookCommands } from './hookCommands';
import { ReviewCodeActions } from './reviewCodeActions';
import { registerReviewCommand } from './reviewCommand';
import { ReviewDiagnostics } from './reviewDiagnostics';
import { ReviewService } from './reviewService';
import { registerStarterSkillFileCommand } from './starterSkillFile';
import { registerUndoBranchChangeCommand } from './undoBranchChange';
import { registerStageFixesCommand } from './stageFixes';

export { ReviewService, type ReviewRun, type ReviewTrigger, type TickedProvider } from './reviewService';
export { ReviewFailure } from './reviewFailure';
export { showFindingsAction } from './showFindings';
export { onBaseBranch, savedFixesSentence } from './reviewSummary';
export { baseVersion, currentBase } from './editorChange';

/**
 * "Review my change": the review service, its diagnostics and code actions,
 * the automatic re-run, the pre-commit hook commands and the starter skill
 * file command, and the command that adds the same gate on GitHub.
 */
export function registerReview(context: vscode.ExtensionContext, repositories: Repositories): ReviewService {
  const service = new ReviewService(repositories);
  const diagnostics = new ReviewDiagnostics(service);
  registerBuiltInChecklistDocument(context);
  context.subscriptions.push(
    service,
    diagnostics,
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new ReviewCodeActions(diagnostics), ReviewCodeActions.metadata),
    registerReviewCommand(repositories, service, diagnostics),
    ...registerHookCommands(context, repositories),
    registerStarterSkillFileCommand(repositories),
    registerCiGateCommand(repositories),
    registerUndoBranchChangeCommand(repositories),
    registerStageFixesCommand(repositories, service),
    new AutoReview(repositories, service),
  );
  return service;
}
