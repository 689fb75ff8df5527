// What a pull request shares with issues: its labels and its comments (list,
// add, edit), with GitHub's limit on a comment and its rule that a token edits
// only its own.
import { errorBody, invalid, notFound, page, type Reply, type Resource } from './http';
import { shaped, userPayload } from './payloads';
import type { CommentState, RepoState, RepoStore } from './store';

export type IssuesRoute =
  | 'POST /repos/:o/:r/issues/:n/labels'
  | 'GET /repos/:o/:r/issues/:n/comments'
  | 'POST /repos/:o/:r/issues/:n/comments'
  | 'PATCH /repos/:o/:r/issues/comments/:id';

/** GitHub's limit on a comment's body, in characters. */
const MAX_COMMENT_LENGTH = 65_536;

export function issuesResource(store: RepoStore, webUrl: string, apiUrl: string): Resource<IssuesRoute> {
  return {
    routes: ['POST /repos/:o/:r/issues/:n/labels', 'GET /repos/:o/:r/issues/:n/comments', 'POST /repos/:o/:r/issues/:n/comments', 'PATCH /repos/:o/:r/issues/comments/:id'],
    answer(route, params, query, body) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      const input = (body ?? {}) as Record<string, unknown>;
      switch (route) {
        case 'POST /repos/:o/:r/issues/:n/labels': {
          const pull = repo.pulls.find((candidate) => candidate.number === Number(params.n));
          if (!pull) return notFound();
          const labels = Array.isArray(input.labels) ? input.labels.map(String) : [];
          for (const label of labels) repo.labels.add(label);
          pull.labels = [...new Set([...pull.labels, ...labels])];
          return { status: 200, body: pull.labels.map((name) => labelPayload(name, apiUrl)) };
        }
        case 'GET /repos/:o/:r/issues/:n/comments': {
          const all = repo.comments.filter((comment) => comment.issue === Number(params.n));
          return page(apiUrl, query, all, `/repos/${repo.owner}/${repo.name}/issues/${params.n}/comments?`, (comment) => commentPayload(repo, comment, webUrl, apiUrl));
        }
        case 'POST /repos/:o/:r/issues/:n/comments': {
          if (typeof input.body !== 'string' || !input.body) return invalid([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
          if (input.body.length > MAX_COMMENT_LENGTH) return tooLong();
          const comment = store.addComment(repo, Number(params.n), input.body, store.login);
          return { status: 201, body: commentPayload(repo, comment, webUrl, apiUrl) };
        }
        case 'PATCH /repos/:o/:r/issues/comments/:id': {
          const comment = repo.comments.find((candidate) => candidate.id === Number(params.id));
          if (!comment) return notFound();
          // As a workflow's token meets it: someone else's comment is not its to edit.
          if (comment.author !== store.login) return { status: 403, body: errorBody('Resource not accessible by integration', 403) };
          if (typeof input.body === 'string' && input.body.length > MAX_COMMENT_LENGTH) return tooLong();
          if (typeof input.body === 'string') comment.body = input.body;
          return { status: 200, body: commentPayload(repo, comment, webUrl, apiUrl) };
        }
      }
    },
  };
}

export function labelPayload(name: string, apiUrl: string): object {
  return shaped('label', { id: name.length, name, color: 'ededed', default: false, description: '' }, apiUrl);
}

function tooLong(): Reply {
  return invalid([{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` }]);
}

function commentPayload(repo: RepoState, comment: CommentState, webUrl: string, apiUrl: string): object {
  return shaped('issue-comment', {
    id: comment.id,
    body: comment.body,
    user: userPayload(comment.author, apiUrl),
    html_url: `${webUrl}/${repo.owner}/${repo.name}/pull/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${apiUrl}/repos/${repo.owner}/${repo.name}/issues/${comment.issue}`,
  }, apiUrl);
}
