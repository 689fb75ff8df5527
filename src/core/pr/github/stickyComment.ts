// One comment per pull request that a bot owns, found by a marker in its
// body and edited in place on every run: a push must not add a comment.

import { connect } from './connection';
import { toGitHubError } from './errors';
import type { GitHubOptions } from './types';

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  /** The pull request's number (GitHub files its comments under issues). */
  number: number;
  /** Text only the owned comment holds, such as an HTML comment. */
  marker: string;
}

export type StickyCommentResult = { outcome: 'created' | 'updated'; url: string; id: number };

/** Creates the comment, or edits the earliest one that holds the marker. Throws a GitHubError (403 on a read-only token). */
export async function upsertStickyComment(target: StickyCommentTarget, body: string, options: GitHubOptions): Promise<StickyCommentResult> {
  const github = connect(options);
  const { owner, repo, number } = target;
  const context = github.context('comment on pull requests', `${owner}/${repo}`);
  const text = body.includes(target.marker) ? body : `${target.marker}\n${body}`;
  try {
    const comments = await github.octokit.paginate(github.octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
    const owned = comments.find((comment) => typeof comment.body === 'string' && comment.body.includes(target.marker));
    if (owned) {
      const { data } = await github.octokit.rest.issues.updateComment({ owner, repo, comment_id: owned.id, body: text });
      return { outcome: 'updated', url: data.html_url, id: data.id };
    }
    const { data } = await github.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: text });
    return { outcome: 'created', url: data.html_url, id: data.id };
  } catch (error) {
    throw toGitHubError(error, context);
  }
}
