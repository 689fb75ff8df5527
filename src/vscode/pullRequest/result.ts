import * as vscode from 'vscode';

export type PullRequestOutcome =
  /** The draft is written and open, waiting for "Send pull request". */
  | 'composed'
  | 'created'
  /** A pull request was already open for the branch. */
  | 'exists'
  /** The branch's commits were pushed to its open pull request. */
  | 'pushed'
  /** A blocker stands, or the change cannot become a pull request (no branch, no change). */
  | 'refused'
  | 'failed'
  | 'cancelled'
  /** Opened (or copied) as a link to GitHub's compare page. */
  | 'compare';

/**
 * What "Open pull request" and "Send pull request" did, returned by the
 * commands; the user reads the same `message`, with `actions` as its buttons.
 */
export interface PullRequestResult {
  outcome: PullRequestOutcome;
  message: string;
  /** The titles of the buttons the message offers. */
  actions: string[];
  /** The pull request, or the compare link offered instead. */
  url?: string;
  number?: number;
  /** Labels or reviewers GitHub did not take: the pull request is open regardless. */
  warnings?: string[];
  /** PULL_REQUEST.md, which keeps the text in every case. */
  document?: vscode.Uri;
}

export interface Action {
  title: string;
  run(): unknown;
}

export type Severity = 'info' | 'warning' | 'error';

const SHOW: Record<Severity, (message: string, ...items: string[]) => Thenable<string | undefined>> = {
  info: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  warning: (message, ...items) => vscode.window.showWarningMessage(message, ...items),
  error: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
};

/**
 * Shows the message without waiting for an answer (a button runs its action
 * later), and returns the same words as the command's result.
 */
export function report(
  severity: Severity,
  outcome: PullRequestOutcome,
  message: string,
  actions: Action[] = [],
  extra: Partial<Omit<PullRequestResult, 'outcome' | 'message' | 'actions'>> = {},
): PullRequestResult {
  void SHOW[severity](message, ...actions.map((action) => action.title)).then((chosen) => actions.find((action) => action.title === chosen)?.run());
  return { outcome, message, actions: actions.map((action) => action.title), ...extra };
}

export function openLink(title: string, url: string): Action {
  return { title, run: () => vscode.env.openExternal(vscode.Uri.parse(url, true)) };
}
