// One comment per pull request that a bot owns, found by a marker in its
// body and edited in place on every run: a push must not add a comment.
// Only a comment the token's own account wrote is the bot's: anyone can
// paste the marker into a comment of their own. Who the token acts as is
// asked of GraphQL's `viewer` first, then of REST: `GET /user` for a
// person's token, and for a GitHub App's installation token (which `GET
// /user` refuses) the app's bot, `github-actions[bot]` for a workflow's
// GITHUB_TOKEN. So a proxy or a GitHub Enterprise Server that blocks GraphQL
// still gets one comment, edited.

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
  /** The bot an installation token acts as, when it is not GitHub Actions' (`my-app[bot]`); asked only when GraphQL does not answer. */
  appBot?: string;
}

/** The account a workflow's GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

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
      actingAs(github, target.appBot ?? ACTIONS_BOT),
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
 * The token's own account: GraphQL's `viewer` where it answers (it names
 * installation tokens' bots too); else REST's `GET /user`, which answers a
 * person's token and refuses an installation token with 403, whose account is
 * then `appBot`. Undefined when neither says; then no comment counts as the bot's.
 */
async function actingAs(github: Connection, appBot: string): Promise<string | undefined> {
  try {
    const answer = await github.octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    if (typeof answer.viewer?.login === 'string') return answer.viewer.login;
  } catch {
    // Blocked, or not there: REST says it too.
  }
  try {
    const { data } = await github.octokit.rest.users.getAuthenticated();
    return typeof data.login === 'string' ? data.login : undefined;
  } catch (error) {
    return (error as { status?: unknown }).status === 403 ? appBot : undefined;
  }
}

/** GraphQL names an app's bot `slug` or `slug[bot]`; REST names its comments' author `slug[bot]`, of type Bot. */
function writtenBy(author: Author | undefined, me: string): boolean {
  const login = author?.login?.toLowerCase();
  const mine = me.toLowerCase();
  return login === mine || (author?.type === 'Bot' && login === `${mine}[bot]`);
}
