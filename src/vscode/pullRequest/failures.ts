import * as vscode from 'vscode';
import type { GitHubError } from '../../core/pr';
import { openLink, report, type Action, type PullRequestResult } from './result';

// One message per way GitHub can refuse, each with the next step as its
// button. The message always says where the text is: nothing is lost.

export const KEPT = 'Your text is kept in PULL_REQUEST.md.';

export const ACTIONS = {
  signInAgain: 'Sign in again',
  authorizeSso: 'Authorize for SSO',
  openReady: 'Open as ready for review',
  compare: 'Open as a compare link',
  commitFirst: 'Commit your change first',
  tryAgain: 'Try again',
} as const;

export interface Retry {
  /** Sends again with these changes. */
  send(options: { renewSession?: boolean; ready?: boolean; compare?: boolean }): unknown;
}

export interface FailureContext {
  document: vscode.Uri;
  compareUrl?: string;
  /** Removes the token from what is shown, should GitHub ever echo it. */
  scrub(words: string): string;
}

export function gitHubFailure(error: GitHubError, retry: Retry, context: FailureContext): PullRequestResult {
  const compare: Action = { title: ACTIONS.compare, run: () => retry.send({ compare: true }) };
  const kept = /text is kept/i.test(error.nextStep) ? '' : ` ${KEPT}`;
  const message = context.scrub(`${error.summary} ${error.nextStep}${kept}`);
  const actions: Action[] = [];
  switch (error.kind) {
    case 'unauthorized':
      actions.push({ title: ACTIONS.signInAgain, run: () => retry.send({ renewSession: true }) }, compare);
      break;
    case 'sso-required':
      if (error.ssoUrl) actions.push(openLink(ACTIONS.authorizeSso, error.ssoUrl));
      break;
    case 'drafts-unsupported':
      actions.push({ title: ACTIONS.openReady, run: () => retry.send({ ready: true }) });
      break;
    case 'no-commits':
      actions.push({ title: ACTIONS.commitFirst, run: () => vscode.commands.executeCommand('workbench.view.scm') });
      break;
    case 'network':
    case 'rate-limited':
    case 'already-exists':
      actions.push(compare);
      break;
    case 'server':
      actions.push({ title: ACTIONS.tryAgain, run: () => retry.send({}) }, compare);
      break;
    default:
      // forbidden, not-found, validation: the message says what to ask for or correct.
      break;
  }
  const offersCompare = actions.some((action) => action.title === ACTIONS.compare);
  return report('error', 'failed', message, actions, { document: context.document, ...(offersCompare && context.compareUrl ? { url: context.compareUrl } : {}) });
}
