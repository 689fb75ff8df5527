import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import type { ReviewDiagnostics } from './reviewDiagnostics';
import { ReviewFailure } from './reviewFailure';
import type { ReviewRun, ReviewService } from './reviewService';
import { firstPlacedBlocker, onBaseBranch, summaryMessage } from './reviewSummary';
import type { Placement } from './reviewDiagnostics';
import { requireTrust } from '../shared/trust';
import { completingStep } from '../shared/walkthroughSteps';
import { showFindingsAction } from './showFindings';

/**
 * "PM Zone: Review my change": reviews the repository of the active file
 * (or the one picked), publishes the findings as diagnostics and sums them
 * up in a notification. Resolves with the review once the diagnostics are
 * in place, without waiting for the notification to be answered.
 */
export function registerReviewCommand(repositories: Repositories, service: ReviewService, diagnostics: ReviewDiagnostics): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ReviewChange, completingStep('review', async (target?: unknown): Promise<ReviewRun | undefined> => {
    if (!requireTrust('review')) return undefined;
    const repository = await chooseRepository(repositories, target, 'review the change');
    if (!repository) return undefined;
    let run: ReviewRun;
    try {
      run = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'PM Zone: reviewing the change' },
        () => service.review(repository, 'command'),
      );
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof ReviewFailure ? error.message : String(error));
      return undefined;
    }
    const placement = await diagnostics.placed(run);
    const message = summaryMessage(run, placement, service.pullRequestOf(run.root));
    const actions = nextSteps(run, placement);
    const { summary } = run.outcome.result;
    const show = summary.blockers > 0 || summary.errors > 0 || summary.warnings > 0 || run.savedFixes.toStage.length > 0
      ? vscode.window.showWarningMessage
      : vscode.window.showInformationMessage;
    void show(message, ...actions.map((action) => action.title)).then((choice) => actions.find((action) => action.title === choice)?.run());
    return run;
  }));
}

/**
 * The buttons of the review's notification, the next step first: stage the
 * saved fixes a commit would leave out; leave the base branch; write the
 * missing planning doc; then the findings, and the first blocker's file.
 */
function nextSteps(run: ReviewRun, placement: Placement): { title: string; run: () => unknown }[] {
  const steps: { title: string; run: () => unknown }[] = [];
  if (run.savedFixes.toStage.length > 0) steps.push({ title: 'Stage my fixes', run: () => vscode.commands.executeCommand(CommandId.StageFixes, run.root) });
  if (onBaseBranch(run)) steps.push({ title: 'Start a change', run: () => vscode.commands.executeCommand(CommandId.StartChange, run.root) });
  if (run.outcome.result.findings.some((finding) => finding.check === 'planning.missing')) {
    steps.push({ title: 'New planning doc', run: () => vscode.commands.executeCommand(CommandId.NewPlanningDoc) });
  }
  const findings = showFindingsAction();
  steps.push({ title: findings.title, run: () => findings.run() });
  const blocker = firstPlacedBlocker(placement);
  if (blocker && steps.length < 4) {
    steps.push({ title: `Open ${path.posix.basename(blocker.uri.path)}`, run: () => vscode.window.showTextDocument(blocker.uri, { selection: blocker.diagnostic.range }) });
  }
  return steps;
}
