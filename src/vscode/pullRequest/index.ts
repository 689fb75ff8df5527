import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import type { ReviewService } from '../review';
import type { Sidebar } from '../sidebar';
import { isDraftUri } from './draftFile';
import { DraftLenses, trackActiveDraft } from './draftLenses';
import { openPullRequest } from './openPullRequest';
import type { PullRequestResult } from './result';
import { sendCommand, type SendOptions } from './sendCommand';
import { SentPullRequests } from './sentPullRequest';

export type { OpenPullRequestArgs } from './openPullRequest';
export type { PullRequestOutcome, PullRequestResult } from './result';
export type { SendOptions } from './sendCommand';

/**
 * "Open pull request" (compose, confirm the AI disclosure, write the
 * editable PULL_REQUEST.md) and "Send pull request" (push, open it on GitHub
 * or as a compare link), with the draft's CodeLens and title-bar button.
 */
export function registerPullRequest(context: vscode.ExtensionContext, repositories: Repositories, review: ReviewService, sidebar: Sidebar): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('pmZone.pullRequest');
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const sendContext = { repositories, diagnostics, userAgent: `pm-zone-vscode/${version}` };
  const sent = new SentPullRequests(repositories, sidebar, sendContext.userAgent, review);
  // A second "Send pull request" with the same options while one is under way (a double click on the CodeLens, a
  // click that seemed lost while the sign-in was asked) joins it: one push, one sign-in, one pull request.
  const sending = new Map<string, Promise<PullRequestResult>>();
  const send = (options: SendOptions) => {
    const key = JSON.stringify([options.uri?.toString() ?? null, options.compare === true, options.ready === true, options.renewSession === true]);
    const running = sending.get(key);
    if (running) return running;
    const run = sendCommand({ ...sendContext, sent }, options).finally(() => sending.delete(key));
    sending.set(key, run);
    return run;
  };
  context.subscriptions.push(
    sent,
    diagnostics,
    vscode.commands.registerCommand(CommandId.OpenPullRequest, (target?: unknown) => openPullRequest({ repositories, review, sidebar, send, sent }, target)),
    vscode.commands.registerCommand(CommandId.PushToPullRequest, (target?: unknown) => sent.push(target)),
    // The editor title passes the document's uri; the CodeLens and the messages pass options.
    vscode.commands.registerCommand(CommandId.SendPullRequest, (target?: vscode.Uri | SendOptions) => send(target instanceof vscode.Uri ? { uri: target } : (target ?? {}))),
    vscode.languages.registerCodeLensProvider(DraftLenses.selector, new DraftLenses()),
    // A problem found when sending is stale once the PM edits the draft; the next send checks again.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && isDraftUri(event.document.uri)) diagnostics.delete(event.document.uri);
    }),
    trackActiveDraft(),
  );
}
