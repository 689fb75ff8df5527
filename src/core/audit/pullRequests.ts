// The pull requests an audit covers, read through GitHub's REST API with
// pagination: by number, or every one opened since a date, with its reviews.

import { connect, type Connection } from '../pr/github/connection';
import { toGitHubError } from '../pr/github/errors';
import { DEFAULT_API_URL } from '../pr/github/connection';
import type { GitHubOptions } from '../pr/github/types';
import { onHost, webOriginOf } from './links';
import type { PullRequestFacts } from './model';
import { gateCheckOf, type ReviewAtMerge } from './reviewAtMerge';

export interface PullRequestRecord extends PullRequestFacts {
  mergeCommitSha: string | null;
  /** GitHub's `updated_at`: a review submitted changes it, so reviews kept at the same value are still the reviews. */
  updatedAt: string | null;
  /** The description, where the composer writes what the readout reads back. */
  body: string;
  /** The head commit, where the CI gate's check ran; null when GitHub did not say. */
  headSha: string | null;
  reviews: ReviewRecord[];
}

/** A pull request as the list shows it, before its reviews are asked for. */
export type ListedPullRequest = Omit<PullRequestRecord, 'reviews'>;

/**
 * Who GitHub names when the account is gone: `user: null` where its
 * description allows it (a pull request in a list, a review), else its
 * stand-in account "ghost". The audit keeps the row, its author unknown, and
 * says so.
 */
export const DELETED_ACCOUNT = 'ghost (deleted account)';

/** The login of a `user` GitHub answered, a deleted account named as such; undefined when there is none to read. */
function loginOf(user: { login?: unknown } | null | undefined): string | undefined {
  if (user === null || user?.login === 'ghost') return DELETED_ACCOUNT;
  return typeof user?.login === 'string' ? user.login : undefined;
}

export interface ReviewRecord {
  reviewer: string;
  state: string;
  at: string;
  url: string;
  /** What the reviewer wrote with the review: the readout counts the ones tagged compliance. */
  body: string;
  /** The pull request's head when the review was submitted (the review cycles read it); null when GitHub did not say. */
  commitId: string | null;
}

export interface PullRequestQuery {
  owner: string;
  repo: string;
  /** These pull requests only. */
  numbers?: readonly number[];
  /** Opened at or after this time (ISO 8601), when no numbers are given. */
  since?: string;
  /** Opened before this time (ISO 8601). */
  before?: string;
}

/** The pull requests of `query` that `keep` accepts, each with its reviews (asked only for those kept). */
export async function readPullRequests(query: PullRequestQuery, options: GitHubOptions, keep: (pull: PullRequestFacts) => boolean = () => true): Promise<PullRequestRecord[]> {
  return withReviews(query, (await listPullRequests(query, options)).filter(keep), options);
}

/** The pull requests of `query`, without their reviews: one paginated list, or one request per number. */
export async function listPullRequests(query: PullRequestQuery, options: GitHubOptions): Promise<ListedPullRequest[]> {
  const github = connect(options);
  const { owner, repo } = query;
  try {
    const since = query.since ? Date.parse(query.since) : undefined;
    const pulls: unknown[] = query.numbers && query.numbers.length > 0
      ? await Promise.all(query.numbers.map(async (pull_number) => (await github.octokit.rest.pulls.get({ owner, repo, pull_number })).data))
      : await github.octokit.paginate(github.octokit.rest.pulls.list, { owner, repo, state: 'all', sort: 'created', direction: 'desc', per_page: 100 }, (response, done) => {
        // Newest first: the first page that reaches back before --since is the last one needed.
        const oldest = response.data.at(-1)?.created_at;
        if (since !== undefined && oldest && Date.parse(oldest) < since) done();
        return response.data;
      });
    const origin = webOriginOf(options.apiUrl ?? DEFAULT_API_URL);
    const records = pulls.map((pull) => toRecord(pull, origin)).filter((pull): pull is ListedPullRequest => pull !== undefined);
    const before = query.before ? Date.parse(query.before) : undefined;
    return records.filter((pull) => (since === undefined || Date.parse(pull.openedAt) >= since) && (before === undefined || Date.parse(pull.openedAt) < before));
  } catch (error) {
    throw toGitHubError(error, github.context('read pull requests', `${owner}/${repo}`));
  }
}

/** `pulls` with their reviews; a pull request's reviews kept at its current `updated_at` are not asked again. */
export async function withReviews(query: Pick<PullRequestQuery, 'owner' | 'repo'>, pulls: readonly ListedPullRequest[], options: GitHubOptions): Promise<PullRequestRecord[]> {
  const github = connect(options);
  const { owner, repo } = query;
  const cache = options.cache;
  try {
    return await Promise.all(pulls.map(async (pull) => {
      const read = () => reviewsOf(github, owner, repo, pull.number, webOriginOf(options.apiUrl ?? DEFAULT_API_URL));
      return { ...pull, reviews: cache && pull.updatedAt ? await cache.derived(`reviews ${owner}/${repo}#${pull.number}`, `${pull.updatedAt} with commits`, read) : await read() };
    }));
  } catch (error) {
    throw toGitHubError(error, github.context('read reviews', `${owner}/${repo}`));
  }
}

async function reviewsOf(github: Connection, owner: string, repo: string, pull_number: number, origin: string): Promise<ReviewRecord[]> {
  const reviews: unknown[] = await github.octokit.paginate(github.octokit.rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 });
  return reviews.flatMap((review) => {
    const { user, state, submitted_at: at, html_url: url, body, commit_id: commit } = review as { user?: { login?: unknown } | null; state?: unknown; submitted_at?: unknown; html_url?: unknown; body?: unknown; commit_id?: unknown };
    const reviewer = loginOf(user);
    return typeof reviewer === 'string' && typeof state === 'string' && typeof at === 'string' && typeof url === 'string'
      ? [{ reviewer, state, at, url: onHost(url, origin), body: typeof body === 'string' ? body : '', commitId: typeof commit === 'string' && commit !== '' ? commit : null }]
      : [];
  });
}

/** A reply that lacks what the audit must show is left out, not guessed at; a link off the repository's host is dropped. */
function toRecord(value: unknown, origin: string): ListedPullRequest | undefined {
  const pull = value as {
    number?: unknown; title?: unknown; html_url?: unknown; user?: { login?: unknown } | null; labels?: Array<{ name?: unknown }>;
    created_at?: unknown; merged_at?: unknown; merge_commit_sha?: unknown; updated_at?: unknown; body?: unknown; head?: { sha?: unknown } | null;
  };
  const author = pull ? loginOf(pull.user) : undefined;
  if (!Number.isInteger(pull?.number) || typeof pull.html_url !== 'string' || typeof pull.created_at !== 'string' || typeof author !== 'string') return undefined;
  const mergedAt = typeof pull.merged_at === 'string' ? pull.merged_at : null;
  return {
    number: pull.number as number,
    title: typeof pull.title === 'string' ? pull.title : '',
    url: onHost(pull.html_url, origin),
    author: `@${author}`,
    labels: (pull.labels ?? []).map((label) => label.name).filter((name): name is string => typeof name === 'string'),
    openedAt: pull.created_at,
    mergedAt,
    updatedAt: typeof pull.updated_at === 'string' ? pull.updated_at : null,
    body: typeof pull.body === 'string' ? pull.body : '',
    headSha: typeof pull.head?.sha === 'string' && /^[0-9a-f]{40}$/.test(pull.head.sha) ? pull.head.sha : null,
    mergeCommitSha: mergedAt && typeof pull.merge_commit_sha === 'string' && /^[0-9a-f]{40}$/.test(pull.merge_commit_sha) ? pull.merge_commit_sha : null,
  };
}

/**
 * Reads the CI gate's check run on a pull request's head, for the audit.
 * Undefined when there is none, or when the token may not read checks (a
 * fine-grained token without "Checks: read"): the review is then recomputed.
 */
export function gateCheckReader(query: Pick<PullRequestQuery, 'owner' | 'repo'>, options: GitHubOptions): (pull: PullRequestRecord) => Promise<ReviewAtMerge | undefined> {
  const github = connect(options);
  return async (pull) => {
    if (!pull.headSha) return undefined;
    try {
      return await gateCheckOf(github, query.owner, query.repo, pull.headSha, options.cache);
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status === 403 || status === 404) return undefined;
      throw toGitHubError(error, github.context('read the PM PR Review check', `${query.owner}/${query.repo}`));
    }
  };
}
