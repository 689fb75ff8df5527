// The pull requests an audit covers, read through GitHub's REST API with
// pagination: by number, or every one opened since a date, with its reviews.

import { connect, type Connection } from '../pr/github/connection';
import { toGitHubError } from '../pr/github/errors';
import type { GitHubOptions } from '../pr/github/types';
import type { PullRequestFacts } from './model';

export interface PullRequestRecord extends PullRequestFacts {
  mergeCommitSha: string | null;
  /** GitHub's `updated_at`: a review submitted changes it, so reviews kept at the same value are still the reviews. */
  updatedAt: string | null;
  /** The description, where the composer writes what the readout reads back. */
  body: string;
  reviews: ReviewRecord[];
}

export interface ReviewRecord {
  reviewer: string;
  state: string;
  at: string;
  url: string;
}

export interface PullRequestQuery {
  owner: string;
  repo: string;
  /** These pull requests only. */
  numbers?: readonly number[];
  /** Opened at or after this time (ISO 8601), when no numbers are given. */
  since?: string;
}

/** The pull requests of `query` that `keep` accepts, each with its reviews (asked only for those kept). */
export async function readPullRequests(query: PullRequestQuery, options: GitHubOptions, keep: (pull: PullRequestFacts) => boolean = () => true): Promise<PullRequestRecord[]> {
  const github = connect(options);
  const { owner, repo } = query;
  const context = github.context('read pull requests', `${owner}/${repo}`);
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
    const records = pulls.map(toRecord).filter((pull): pull is Omit<PullRequestRecord, 'reviews'> => pull !== undefined);
    const chosen = records.filter((pull) => (since === undefined || Date.parse(pull.openedAt) >= since) && keep(pull));
    const reviewsFor = (pull: Omit<PullRequestRecord, 'reviews'>) => reviewsOf(github, owner, repo, pull.number);
    const cache = options.cache;
    return await Promise.all(chosen.map(async (pull) => ({
      ...pull,
      reviews: cache && pull.updatedAt ? await cache.derived(`reviews ${owner}/${repo}#${pull.number}`, pull.updatedAt, () => reviewsFor(pull)) : await reviewsFor(pull),
    })));
  } catch (error) {
    throw toGitHubError(error, context);
  }
}

async function reviewsOf(github: Connection, owner: string, repo: string, pull_number: number): Promise<ReviewRecord[]> {
  const reviews: unknown[] = await github.octokit.paginate(github.octokit.rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 });
  return reviews.flatMap((review) => {
    const { user, state, submitted_at: at, html_url: url } = review as { user?: { login?: unknown } | null; state?: unknown; submitted_at?: unknown; html_url?: unknown };
    return typeof user?.login === 'string' && typeof state === 'string' && typeof at === 'string' && typeof url === 'string' ? [{ reviewer: user.login, state, at, url }] : [];
  });
}

/** A reply that lacks what the audit must show is left out, not guessed at. */
function toRecord(value: unknown): Omit<PullRequestRecord, 'reviews'> | undefined {
  const pull = value as {
    number?: unknown; title?: unknown; html_url?: unknown; user?: { login?: unknown } | null; labels?: Array<{ name?: unknown }>;
    created_at?: unknown; merged_at?: unknown; merge_commit_sha?: unknown; updated_at?: unknown; body?: unknown;
  };
  if (!Number.isInteger(pull?.number) || typeof pull.html_url !== 'string' || typeof pull.created_at !== 'string' || typeof pull.user?.login !== 'string') return undefined;
  const mergedAt = typeof pull.merged_at === 'string' ? pull.merged_at : null;
  return {
    number: pull.number as number,
    title: typeof pull.title === 'string' ? pull.title : '',
    url: pull.html_url,
    author: `@${pull.user.login}`,
    labels: (pull.labels ?? []).map((label) => label.name).filter((name): name is string => typeof name === 'string'),
    openedAt: pull.created_at,
    mergedAt,
    updatedAt: typeof pull.updated_at === 'string' ? pull.updated_at : null,
    body: typeof pull.body === 'string' ? pull.body : '',
    mergeCommitSha: mergedAt && typeof pull.merge_commit_sha === 'string' && /^[0-9a-f]{40}$/.test(pull.merge_commit_sha) ? pull.merge_commit_sha : null,
  };
}
