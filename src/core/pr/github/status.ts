// Where a sent pull request stands, as GitHub says: open, a draft, merged or
// closed, and its checks on the head commit. Read for the sidebar, so the PM
// finds the pull request again and sees what happens next.

import { connect } from './connection';
import { toGitHubError, unreadableReply } from './errors';
import type { GitHubOptions } from './types';

export interface PullRequestStatus {
  number: number;
  url: string;
  state: 'open' | 'draft' | 'merged' | 'closed';
  /** The check runs on the head commit, by outcome; `pending` includes queued and running. */
  checks: { passed: number; failed: number; pending: number };
  /** Logins and team slugs asked to review, as GitHub lists them now. */
  requestedReviewers: string[];
}

const FAILED = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale']);

export async function pullRequestStatus(owner: string, repo: string, number: number, options: GitHubOptions): Promise<PullRequestStatus> {
  const github = connect(options);
  const context = github.context('read the pull request', `${owner}/${repo}`);
  let pull;
  try {
    pull = (await github.octokit.rest.pulls.get({ owner, repo, pull_number: number })).data as unknown;
  } catch (error) {
    throw toGitHubError(error, context);
  }
  if (!isPull(pull)) throw unreadableReply(context, 200);
  const state = pull.merged_at ? 'merged' : pull.state === 'closed' ? 'closed' : pull.draft === true ? 'draft' : 'open';
  const checks = { passed: 0, failed: 0, pending: 0 };
  try {
    const runs = (await github.octokit.rest.checks.listForRef({ owner, repo, ref: pull.head.sha, per_page: 100 })).data as { check_runs?: unknown };
    for (const run of Array.isArray(runs.check_runs) ? runs.check_runs : []) {
      const { status, conclusion } = run as { status?: unknown; conclusion?: unknown };
      if (status !== 'completed') checks.pending++;
      else if (typeof conclusion === 'string' && FAILED.has(conclusion)) checks.failed++;
      else checks.passed++;
    }
  } catch (error) {
    // A token without the checks permission still shows the pull request itself.
    const failure = toGitHubError(error, github.context('read the checks', `${owner}/${repo}`));
    if (failure.kind !== 'forbidden' && failure.kind !== 'not-found') throw failure;
  }
  const reviewers = [
    ...(pull.requested_reviewers ?? []).flatMap((user) => (typeof user?.login === 'string' ? [`@${user.login}`] : [])),
    ...(pull.requested_teams ?? []).flatMap((team) => (typeof team?.slug === 'string' ? [`@${owner}/${team.slug}`] : [])),
  ];
  return { number: pull.number, url: pull.html_url, state, checks, requestedReviewers: reviewers };
}

interface PullReply {
  number: number;
  html_url: string;
  state: string;
  draft?: boolean;
  merged_at?: string | null;
  head: { sha: string };
  requested_reviewers?: { login?: unknown }[];
  requested_teams?: { slug?: unknown }[];
}

function isPull(value: unknown): value is PullReply {
  if (typeof value !== 'object' || value === null) return false;
  const pull = value as Partial<PullReply>;
  return Number.isInteger(pull.number) && typeof pull.html_url === 'string' && typeof pull.state === 'string' && typeof pull.head?.sha === 'string';
}

/** `#12` of `https://github.com/acme/shop/pull/12`; undefined for any other address. */
export function pullRequestNumberOf(url: string): number | undefined {
  const match = /\/pull\/(\d+)(?:[/?#]|$)/.exec(url);
  return match ? Number(match[1]) : undefined;
}

/**
 * What happens next, in one sentence a PM acts on: why a draft is one and
 * who moves it on (`draftReason`, from the composer), a failed check to fix,
 * the reviewers it waits for, what follows a merge.
 */
export function pullRequestNextStep(status: PullRequestStatus, draftReason?: string): string {
  const { checks } = status;
  const waitingFor = status.requestedReviewers.length > 0 ? status.requestedReviewers.join(' and ') : 'a reviewer';
  switch (status.state) {
    case 'merged':
      return 'Merged. Roll it out as the planning doc says (the feature flag), and watch the primary metric.';
    case 'closed':
      return 'Closed without merging. To try again, change the branch and open a new pull request.';
    case 'draft':
      return draftReason ?? 'It is a draft: mark it ready for review on GitHub when it is, and the reviewers are asked.';
    case 'open':
      // Short clauses: the sidebar shows one a row, and a row is one line.
      if (checks.failed > 0) return `${checks.failed} check${checks.failed === 1 ? '' : 's'} failed: see which on GitHub, fix it on this branch, commit and push again.`;
      if (checks.pending > 0) return `Checks are running; then ${waitingFor} review${status.requestedReviewers.length === 1 ? 's' : ''} it.`;
      return `Waiting for ${waitingFor} to review. Answer comments on GitHub; commits you push update it.`;
  }
}
