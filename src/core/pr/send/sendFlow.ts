// Sending a pull request, one sequence for the editor and the command line:
// is there anything to send, push the branch, sign in, ask GitHub (or offer
// the compare link), and mark the draft sent. The front ends supply small
// ports (push, commits ahead, sign-in) and only render the outcome; the text
// stays in PULL_REQUEST.md whatever happens, and the outcome says so.

import type { RemoteRepository } from '../../git';
import { compareUrl, type CompareUrl } from '../compareUrl';
import type { PullRequestDraft } from '../draft';
import { createPullRequest, GitHubError } from '../github/client';
import { pullRequestHead } from './destination';

export interface SendRequest {
  /** What is sent: the draft as the PM left it. */
  draft: PullRequestDraft;
  /** The repository the pull request opens in; undefined when origin names none. */
  target: RemoteRepository | undefined;
  /** The repository the branch is pushed to (origin); a fork of `target` makes the head `owner:branch`. */
  pushedTo?: RemoteRepository;
  /** Open GitHub's compare page instead of calling the API. */
  compare?: boolean;
  /** Leave the branch as it is on the remote (`--no-push`). */
  skipPush?: boolean;
}

export type SignIn = { ok: true; token: string; apiUrl: string } | { ok: false; reason: 'no-token' | 'refused-host' | 'setup' | 'cancelled'; message: string };

export interface SendPorts {
  /** Commits of `head` that `base` (origin's copy when known) does not have; undefined when either is unknown. */
  commitsAhead(head: string, base: string): Promise<number | undefined>;
  /** Pushes `head` to origin; throws an Error whose message is the reason, in words for the PM. */
  push(head: string): Promise<{ pushed: boolean }>;
  signIn(target: RemoteRepository): Promise<SignIn>;
  /** Records the address on the draft once GitHub opened it. */
  markSent(url: string): Promise<void>;
  userAgent: string;
}

export type SendOutcome =
  | { kind: 'created'; url: string; number: number; draft: boolean; warnings: string[]; pushed: boolean }
  | { kind: 'exists'; url: string; number: number }
  | { kind: 'already-sent'; url: string }
  | { kind: 'no-remote' }
  | { kind: 'no-commits'; head: string; base: string }
  | { kind: 'push-failed'; message: string }
  /** The compare link: asked for, or the API cannot be used (`signIn` says why). */
  | { kind: 'compare'; link: CompareUrl; signIn?: Extract<SignIn, { ok: false }> }
  /** GitHub refused; `link` when the branch is on GitHub and its compare page can still open it. */
  | { kind: 'github-failed'; error: GitHubError; link?: CompareUrl };

/** GitHub failures after which the compare page, opened in the user's browser session, can still work. */
const COMPARE_HELPS = new Set(['network', 'server', 'rate-limited', 'unauthorized', 'sso-required', 'already-exists']);

export async function sendPullRequest(request: SendRequest, ports: SendPorts): Promise<SendOutcome> {
  const { draft, target } = request;
  if (draft.sent) return { kind: 'already-sent', url: draft.sent };
  if (!target) return { kind: 'no-remote' };
  const head = pullRequestHead(draft.head, target, request.pushedTo);
  const link = () => compareUrl({ ...target, base: draft.base, head, title: draft.title, body: draft.body, labels: draft.labels });
  if (request.compare) return { kind: 'compare', link: link() };

  if ((await ports.commitsAhead(draft.head, draft.base)) === 0) return { kind: 'no-commits', head: draft.head, base: draft.base };
  let pushed = false;
  if (!request.skipPush) {
    try {
      pushed = (await ports.push(draft.head)).pushed;
    } catch (error) {
      // The branch is not on GitHub: no compare link would work; the PM retries the push.
      return { kind: 'push-failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
  const signIn = await ports.signIn(target);
  if (!signIn.ok) return { kind: 'compare', link: link(), signIn };
  try {
    const result = await createPullRequest(
      { owner: target.owner, repo: target.repo, title: draft.title, body: draft.body, head, base: draft.base, draft: draft.draft, labels: draft.labels, reviewers: draft.reviewers },
      { token: signIn.token, apiUrl: signIn.apiUrl, userAgent: ports.userAgent },
    );
    if (result.outcome === 'exists') return { kind: 'exists', url: result.url, number: result.number };
    await ports.markSent(result.url);
    return { kind: 'created', url: result.url, number: result.number, draft: result.draft, warnings: result.warnings, pushed };
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    return { kind: 'github-failed', error, ...(COMPARE_HELPS.has(error.kind) ? { link: link() } : {}) };
  }
}
