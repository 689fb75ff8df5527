import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import type { ReviewDiagnostics } from './reviewDiagnostics';
import { ReviewFailure } from './reviewFailure';
import type { ReviewRun, ReviewService } from './reviewService';
import { firstPlacedBlocker, summaryMessage } from './reviewSummary';
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
    const message = summaryMessage(run, placement);
    const blocker = firstPlacedBlocker(placement);
    const openBlocker = blocker ? `Open ${path.posix.basename(blocker.uri.path)}` : undefined;
    const findings = showFindingsAction();
    const buttons = [findings.title, ...(openBlocker ? [openBlocker] : [])];
    const { summary } = run.outcome.result;
    const show = summary.blockers > 0 || summary.errors > 0 || summary.warnings > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(message, ...buttons).then(async (choice) => {
      if (choice === findings.title) await findings.run();
      if (choice && choice === openBlocker && blocker) {
        await vscode.window.showTextDocument(blocker.uri, { selection: blocker.diagnostic.range });
      }
    });
    return run;
  }));
}
