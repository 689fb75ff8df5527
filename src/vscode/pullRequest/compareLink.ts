import * as vscode from 'vscode';
import type { CompareUrl, PullRequestDraft } from '../../core/pr';
import { report, type PullRequestResult } from './result';

// The way to a pull request without the API: GitHub's compare page with the
// form filled in (quick_pull=1, title, body, labels). Reviewers and draft
// cannot travel in a link, so the message names what is left to do.

/** Opens the link (the core composes it) in the browser, or puts it on the clipboard when VS Code cannot open it. */
export async function openCompareLink(link: CompareUrl, draft: PullRequestDraft, document: vscode.Uri): Promise<PullRequestResult> {
  const opened = await Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(link.url, true))).catch(() => false);
  if (!opened) await vscode.env.clipboard.writeText(link.url);
  const parts = [
    opened
      ? "Opened GitHub's compare page with the pull request filled in: check it and choose Create pull request there."
      : "PM Zone could not open the browser: the link to GitHub's compare page, with the pull request filled in, is on the clipboard.",
  ];
  if (link.trimmed) parts.push('The description was too long for a link and was cut: paste the rest from PULL_REQUEST.md, which holds all of it.');
  if (draft.draft) parts.push('Choose "Create draft pull request" there to open it as a draft.');
  if (draft.reviewers.length > 0) parts.push(`Ask ${draft.reviewers.join(', ')} to review once it is open.`);
  return report('info', 'compare', parts.join(' '), [], { url: link.url, document });
}
