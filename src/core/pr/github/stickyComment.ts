// One comment per pull request that a bot owns, found by a marker in its
// body and edited in place on every run: a push must not add a comment.
// Only a comment the token's own account wrote is the bot's: anyone can
// paste the marker into a comment of their own.

import type { Connection } from './connection';
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
  /** Said in place of the earlier comment when this one cannot be written there: an old verdict must not stand. */
  unavailable?: string;
}

export type StickyCommentResult = { outcome: 'created' | 'updated'; url: string; id: number };

interface Author {
  login?: string;
  type?: string;
}

/**
 * Creates the comment, or edits the earliest one of the token's own account
 * that holds the marker. When that edit fails, the earlier comment is
 * replaced with `unavailable` if GitHub allows it, and the failure is
 * thrown. Throws a GitHubError (403 on a read-only token).
 */
export async function upsertStickyComment(target: StickyCommentTarget, body: string, options: GitHubOptions): Promise<StickyCommentResult> {
  const github = connect(options);
  const { owner, repo, number } = target;
  const context = github.context('comment on pull requests', `${owner}/${repo}`);
  const text = body.includes(target.marker) ? body : `${target.marker}\n${body}`;
  try {
    const [comments, me] = await Promise.all([
      github.octokit.paginate(github.octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 }),
      viewerLogin(github),
    ]);
    const owned = me === undefined ? undefined : comments.find((comment) => typeof comment.body === 'string' && comment.body.includes(target.marker) && writtenBy(comment.user ?? undefined, me));
    if (owned) {
      try {
        const { data } = await github.octokit.rest.issues.updateComment({ owner, repo, comment_id: owned.id, body: text });
        return { outcome: 'updated', url: data.html_url, id: data.id };
      } catch (error) {
        if (target.unavailable) await github.octokit.rest.issues.updateComment({ owner, repo, comment_id: owned.id, body: `${target.marker}\n${target.unavailable}` }).catch(() => undefined);
        throw error;
      }
    }
    const { data } = await github.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: text });
    return { outcome: 'created', url: data.html_url, id: data.id };
  } catch (error) {
    throw toGitHubError(error, context);
  }
}

/**
 * The token's own account, through GraphQL's `viewer`: REST's `GET /user`
 * refuses the installation token GitHub Actions hands a workflow. Undefined
 * when GitHub does not say; then no comment counts as the bot's.
 */
async function viewerLogin(github: Connection): Promise<string | undefined> {
  try {
    const answer = await github.octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    return typeof answer.viewer?.login === 'string' ? answer.viewer.login : undefined;
  } catch {
    return undefined;
  }
}

/** GraphQL names an app's bot `slug` or `slug[bot]`; REST names its comments' author `slug[bot]`, of type Bot. */
function writtenBy(author: Author | undefined, me: string): boolean {
  const login = author?.login?.toLowerCase();
  const mine = me.toLowerCase();
  return login === mine || (author?.type === 'Bot' && login === `${mine}[bot]`);
}
