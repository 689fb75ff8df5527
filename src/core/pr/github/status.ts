// Where a sent pull request stands, as GitHub says: open, a draft, merged or
// closed; what its reviewers decided (changes asked for, with their comments
// on lines, or approved); its checks on the head commit (every page of check
// runs, and the commit statuses older CI systems report through); and the
// head commit, so the branch's commits not yet on it can be counted. Read for
// the sidebar and `pm-zone pr`, so the PM finds the pull request again and
// sees what happens next.

import type { Octokit } from '@octokit/rest';
import { findOpen } from './client';
import { connect, type Connection } from './connection';
import { toGitHubError, unreadableReply } from './errors';
import { reviewCycles } from './reviewCycles';
import type { GitHubOptions } from './types';

export interface CheckCounts {
  passed: number;
  failed: number;
  /** Queued and running check runs, and pending statuses. */
  pending: number;
  /** Why the checks could not be read (a token without the checks permission): then the counts say nothing. */
  unknown?: string;
}

/** A reviewer's comment on a line of the change. */
export interface ReviewComment {
  path: string;
  /** The line in the pull request's head version; undefined when the comment is on a line that no longer exists. */
  line: number | undefined;
  body: string;
  author: string;
  url: string;
}

export interface PullRequestStatus {
  number: number;
  url: string;
  state: 'open' | 'draft' | 'merged' | 'closed';
  /** The commit GitHub has as the pull request's head: what a push moves on. */
  headSha?: string;
  checks: CheckCounts;
  /** Logins and team slugs asked to review, as GitHub lists them now. */
  requestedReviewers: string[];
  /** What the reviewers decided, each by their latest review that approves or asks for changes. */
  review?: ReviewDecision;
}

export interface ReviewDecision {
  decision: 'changes-requested' | 'approved' | 'none';
  /** `@login` of each reviewer whose latest decision asks for changes. */
  changesRequestedBy: string[];
  approvedBy: string[];
  /** The comments on lines of the reviews that ask for changes and still stand. */
  comments: ReviewComment[];
  /** The pilot's "review cycles" so far: commits a reviewer asked changes on that newer commits followed (`reviewCycles`). */
  cycles: number;
  /** True when every standing request for changes was made on an older commit than the head: the PM pushed since. */
  answered?: boolean;
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
  const [checks, review] = await Promise.all([checksOf(github, owner, repo, pull.head.sha), reviewOf(github, owner, repo, number, pull.head.sha)]);
  const reviewers = [
    ...(pull.requested_reviewers ?? []).flatMap((user) => (typeof user?.login === 'string' ? [`@${user.login}`] : [])),
    ...(pull.requested_teams ?? []).flatMap((team) => (typeof team?.slug === 'string' ? [`@${owner}/${team.slug}`] : [])),
  ];
  return { number: pull.number, url: pull.html_url, state, headSha: pull.head.sha, checks, requestedReviewers: reviewers, ...(review ? { review } : {}) };
}

/**
 * The open pull request whose head is the branch (`branch`, or `user:branch`
 * for a fork), with where it stands; undefined when the branch has none open.
 * GitHub is asked, not a file: a pull request opened on github.com, or from
 * another clone, is found too.
 */
export async function branchPullRequest(owner: string, repo: string, head: string, options: GitHubOptions): Promise<PullRequestStatus | undefined> {
  const open = await findOpen(connect(options), owner, repo, head);
  return open ? pullRequestStatus(owner, repo, open.number, options) : undefined;
}

/** Check runs (every page) and commit statuses on the head commit; a refusal is "unknown, because …", never "no checks". */
async function checksOf(github: Connection, owner: string, repo: string, ref: string): Promise<CheckCounts> {
  const checks: CheckCounts = { passed: 0, failed: 0, pending: 0 };
  const reasons: string[] = [];
  try {
    const runs = (await github.octokit.paginate(github.octokit.rest.checks.listForRef, { owner, repo, ref, per_page: 100 })) as unknown;
    for (const run of Array.isArray(runs) ? runs : []) {
      const { status, conclusion } = run as { status?: unknown; conclusion?: unknown };
      if (status !== 'completed') checks.pending++;
      else if (typeof conclusion === 'string' && FAILED.has(conclusion)) checks.failed++;
      else checks.passed++;
    }
  } catch (error) {
    reasons.push(refusal(github, error, 'read the checks', owner, repo));
  }
  try {
    const combined = (await github.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref, per_page: 100 })).data as { statuses?: unknown };
    for (const status of Array.isArray(combined.statuses) ? combined.statuses : []) {
      const { state } = status as { state?: unknown };
      if (state === 'success') checks.passed++;
      else if (state === 'failure' || state === 'error') checks.failed++;
      else checks.pending++;
    }
  } catch (error) {
    reasons.push(refusal(github, error, 'read the commit statuses', owner, repo));
  }
  if (reasons.length > 0) checks.unknown = [...new Set(reasons)].join(' ');
  return checks;
}

/** A token without the checks or statuses permission still shows the pull request: the refusal becomes the reason. */
function refusal(github: Connection, error: unknown, action: string, owner: string, repo: string): string {
  const failure = toGitHubError(error, github.context(action, `${owner}/${repo}`));
  if (failure.kind !== 'forbidden' && failure.kind !== 'not-found' && failure.kind !== 'unauthorized' && failure.kind !== 'sso-required') throw failure;
  return failure.kind === 'not-found' ? `GitHub did not let PM Zone ${action} (not found).` : `GitHub did not let PM Zone ${action}: the sign-in has no access to them.`;
}

interface ReviewReply {
  id: number;
  state: string;
  commit_id?: unknown;
  user: { login?: unknown } | null;
}

/** Each reviewer's standing decision, the comments of the reviews that ask for changes, and the review cycles so far. */
async function reviewOf(github: Connection, owner: string, repo: string, number: number, headSha: string): Promise<ReviewDecision | undefined> {
  let reviews: ReviewReply[];
  try {
    reviews = ((await github.octokit.paginate(github.octokit.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 })) as unknown[]).filter(isReview);
  } catch (error) {
    const failure = toGitHubError(error, github.context('read the reviews', `${owner}/${repo}`));
    if (failure.kind === 'forbidden' || failure.kind === 'not-found') return undefined;
    throw failure;
  }
  // GitHub lists reviews oldest first; a reviewer's latest approval, request or dismissal stands.
  const standing = new Map<string, ReviewReply>();
  for (const review of reviews) {
    const login = typeof review.user?.login === 'string' ? review.user.login : undefined;
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    standing.set(login, review);
  }
  const changesRequestedBy = [...standing].filter(([, review]) => review.state === 'CHANGES_REQUESTED').map(([login]) => `@${login}`);
  const approvedBy = [...standing].filter(([, review]) => review.state === 'APPROVED').map(([login]) => `@${login}`);
  const requests = [...standing.values()].filter((review) => review.state === 'CHANGES_REQUESTED');
  const asking = new Set(requests.map((review) => review.id));
  const answered = requests.length > 0 && requests.every((review) => typeof review.commit_id === 'string' && review.commit_id !== headSha);
  const comments = asking.size === 0 ? [] : await reviewComments(github.octokit, owner, repo, number, asking);
  return {
    decision: changesRequestedBy.length > 0 ? 'changes-requested' : approvedBy.length > 0 ? 'approved' : 'none',
    changesRequestedBy,
    approvedBy,
    comments,
    cycles: reviewCycles(reviews.map((review) => ({ state: review.state, commitId: typeof review.commit_id === 'string' ? review.commit_id : null })), headSha),
    ...(answered ? { answered } : {}),
  };
}

async function reviewComments(octokit: Octokit, owner: string, repo: string, number: number, reviews: Set<number>): Promise<ReviewComment[]> {
  let all: unknown[];
  try {
    all = (await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: number, per_page: 100 })) as unknown[];
  } catch {
    // The decision stands without its comments; GitHub shows them.
    return [];
  }
  return all.flatMap((raw) => {
    const comment = raw as { pull_request_review_id?: unknown; path?: unknown; line?: unknown; body?: unknown; user?: { login?: unknown } | null; html_url?: unknown };
    if (typeof comment.pull_request_review_id !== 'number' || !reviews.has(comment.pull_request_review_id) || typeof comment.path !== 'string') return [];
    return [{
      path: comment.path,
      line: typeof comment.line === 'number' ? comment.line : undefined,
      body: typeof comment.body === 'string' ? comment.body : '',
      author: typeof comment.user?.login === 'string' ? `@${comment.user.login}` : 'a reviewer',
      url: typeof comment.html_url === 'string' ? comment.html_url : '',
    }];
  });
}

function isReview(value: unknown): value is ReviewReply {
  const review = value as Partial<ReviewReply> | null;
  return typeof review === 'object' && review !== null && typeof review.id === 'number' && typeof review.state === 'string';
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

/** What the PM has that the pull request does not: commits of the branch not pushed to it, and edits not committed. */
export interface LocalWork {
  /** Commits of the branch that the pull request's head does not have; undefined when unknown. */
  unpushed?: number;
}

/**
 * What happens next, in one sentence a PM acts on: commits to push, changes a
 * reviewer asked for, why a draft is one and who moves it on (`draftReason`,
 * from the composer), a failed check to fix, the reviewers it waits for,
 * what follows a merge.
 */
export function pullRequestNextStep(status: PullRequestStatus, draftReason?: string, local: LocalWork = {}): string {
  const { checks } = status;
  const waitingFor = status.requestedReviewers.length > 0 ? status.requestedReviewers.join(' and ') : 'a reviewer';
  const unpushed = status.state === 'open' || status.state === 'draft' ? local.unpushed ?? 0 : 0;
  if (unpushed > 0) return `${unpushed} commit${unpushed === 1 ? ' is' : 's are'} not in #${status.number} yet: push ${unpushed === 1 ? 'it' : 'them'} (Push my changes to #${status.number}).`;
  switch (status.state) {
    case 'merged':
      return 'Merged. Roll it out as the planning doc says (the feature flag), and watch the primary metric.';
    case 'closed':
      return 'Closed without merging. To try again, change the branch and open a new pull request.';
    case 'draft':
      return draftReason ?? 'It is a draft: mark it ready for review on GitHub when it is, and the reviewers are asked.';
    case 'open': {
      const review = status.review;
      // Short clauses: the sidebar shows one a row, and a row is one line.
      if (review?.decision === 'changes-requested') {
        const comments = review.comments.length;
        const about = comments > 0 ? ` (${comments} comment${comments === 1 ? '' : 's'} on lines)` : '';
        const who = review.changesRequestedBy.join(' and ');
        if (review.answered) return `You pushed changes since ${who} asked${about}: ${who} review${review.changesRequestedBy.length === 1 ? 's' : ''} them next. Reply on GitHub to say what you changed.`;
        return `${review.changesRequestedBy.join(' and ')} asked for changes${about}: make them, commit, then push to #${status.number}.`;
      }
      if (checks.failed > 0) return `${checks.failed} check${checks.failed === 1 ? '' : 's'} failed: see which on GitHub, fix it on this branch, commit and push again.`;
      if (review?.decision === 'approved' && status.requestedReviewers.length === 0) return `Approved by ${review.approvedBy.join(' and ')}: it can be merged on GitHub.`;
      if (checks.pending > 0) return `Checks are running; then ${waitingFor} review${status.requestedReviewers.length === 1 ? 's' : ''} it.`;
      return `Waiting for ${waitingFor} to review. Answer comments on GitHub; commits you push update it.`;
    }
  }
}
