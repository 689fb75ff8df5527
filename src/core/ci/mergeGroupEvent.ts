// The merge queue's event (`merge_group`): GitHub builds each queued pull
// request on top of the branch and the entries ahead of it, on a branch named
// `gh-readonly-queue/<base>/pr-<number>-<sha>`, and waits for the required
// checks there. The gate judges that queued change as it judged the pull
// request: the same author, labels and description (read from GitHub), the
// change since the merge group's parent commit, the policy at that commit.

import { connect } from '../pr/github/connection';
import { toGitHubError } from '../pr/github/errors';
import type { GitHubOptions } from '../pr/github/types';
import { readPullRequestEvent, type GatePullRequest } from './pullRequestEvent';

export interface QueuedChange {
  /** The pull request the queue built this group for. */
  number: number;
  /** The merge group's parent commit: the branch with the entries ahead of this one. */
  baseSha: string;
  /** The branch the group merges into, without `refs/heads/`. */
  baseBranch: string;
  headSha: string;
  repository: string;
}

/** Undefined for any other event; a merge group whose shape is not GitHub's is refused with a sentence. */
export function readMergeGroupEvent(payload: unknown): { ok: true; queued: QueuedChange } | { ok: false; message: string } | undefined {
  const group = (payload as { merge_group?: unknown } | null)?.merge_group as Record<string, unknown> | undefined;
  if (!group || typeof group !== 'object') return undefined;
  const repository = (payload as { repository?: { full_name?: unknown } }).repository?.full_name;
  const { head_ref: headRef, head_sha: headSha, base_sha: baseSha, base_ref: baseRef } = group;
  if (typeof headRef !== 'string' || typeof headSha !== 'string' || typeof baseSha !== 'string' || typeof baseRef !== 'string' || typeof repository !== 'string') {
    return { ok: false, message: 'The merge_group event lacks its head ref, head commit, base commit, base branch or repository.' };
  }
  const number = /\/pr-(\d+)-[0-9a-f]{40}$/.exec(headRef)?.[1];
  if (!number) return { ok: false, message: `The merge group ${headRef} does not name its pull request (gh-readonly-queue/<base>/pr-<number>-<commit>).` };
  return { ok: true, queued: { number: Number(number), baseSha, baseBranch: baseRef.replace(/^refs\/heads\//, ''), headSha, repository } };
}

/** The queued pull request as the gate judges it, read from GitHub (the event carries only the group). */
export async function queuedPullRequest(options: GitHubOptions, queued: QueuedChange): Promise<GatePullRequest> {
  const github = connect(options);
  const [owner, repo] = queued.repository.split('/') as [string, string];
  let data: unknown;
  try {
    data = (await github.octokit.rest.pulls.get({ owner, repo, pull_number: queued.number })).data;
  } catch (error) {
    throw toGitHubError(error, github.context(`read pull request #${queued.number}, queued for merge`, queued.repository));
  }
  const read = readPullRequestEvent({ pull_request: data, repository: { full_name: queued.repository } });
  if (!read.ok) throw new Error(`GitHub's answer for pull request #${queued.number}: ${read.message}`);
  return read.pullRequest;
}
