// Pull requests: list (filtered, sorted, paged), get, their reviews, open
// one, request reviewers. Validation answers as GitHub's does.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { errorBody, invalid, notFound, page, type Reply, type Resource } from './http';
import { labelPayload } from './issues';
import { ghostPayload, shaped, userPayload } from './payloads';
import type { PullState, RepoState, RepoStore } from './store';

export type PullsRoute =
  | 'GET /repos/:o/:r/pulls'
  | 'GET /repos/:o/:r/pulls/:n'
  | 'PATCH /repos/:o/:r/pulls/:n'
  | 'GET /repos/:o/:r/pulls/:n/reviews'
  | 'GET /repos/:o/:r/pulls/:n/comments'
  | 'POST /repos/:o/:r/pulls'
  | 'POST /repos/:o/:r/pulls/:n/requested_reviewers';

export function pullsResource(store: RepoStore, webUrl: string, apiUrl: string): Resource<PullsRoute> {
  return {
    routes: ['GET /repos/:o/:r/pulls', 'GET /repos/:o/:r/pulls/:n', 'PATCH /repos/:o/:r/pulls/:n', 'GET /repos/:o/:r/pulls/:n/reviews', 'GET /repos/:o/:r/pulls/:n/comments', 'POST /repos/:o/:r/pulls', 'POST /repos/:o/:r/pulls/:n/requested_reviewers'],
    answer(route, params, query, body) {
      const repo = store.get(params.o!, params.r!);
      if (!repo) return notFound();
      const input = (body ?? {}) as Record<string, unknown>;
      const pull = repo.pulls.find((candidate) => candidate.number === Number(params.n));
      switch (route) {
        case 'GET /repos/:o/:r/pulls':
          return listPulls(repo, query, webUrl, apiUrl);
        case 'GET /repos/:o/:r/pulls/:n':
          return pull ? { status: 200, body: pullPayload(repo, pull, webUrl, apiUrl) } : notFound();
        case 'PATCH /repos/:o/:r/pulls/:n':
          return pull ? updatePull(repo, pull, input, webUrl, apiUrl) : notFound();
        case 'GET /repos/:o/:r/pulls/:n/reviews': {
          if (!pull) return notFound();
          const reviews = (pull.reviews ?? []).map((review, index) => ({ ...review, id: pull.number * 1000 + index + 1 }));
          return page(apiUrl, query, reviews, `/repos/${repo.owner}/${repo.name}/pulls/${pull.number}/reviews?`, (review) => shaped('pull-request-review', {
            id: review.id,
            user: review.author === null ? null : userPayload(review.author, apiUrl),
            state: review.state,
            submitted_at: review.submittedAt,
            body: review.body ?? '',
            html_url: `${webUrl}/${repo.owner}/${repo.name}/pull/${pull.number}#pullrequestreview-${review.id}`,
            pull_request_url: `${apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
            commit_id: review.commitId ?? headShaOf(repo, pull),
            author_association: 'MEMBER',
          }, apiUrl));
        }
        case 'GET /repos/:o/:r/pulls/:n/comments': {
          if (!pull) return notFound();
          const comments = (pull.reviews ?? []).flatMap((review, index) => (review.comments ?? []).map((comment, at) => ({ ...comment, review, reviewId: pull.number * 1000 + index + 1, id: (pull.number * 1000 + index + 1) * 100 + at + 1 })));
          return page(apiUrl, query, comments, `/repos/${repo.owner}/${repo.name}/pulls/${pull.number}/comments?`, (comment) => {
            const sha = headShaOf(repo, pull);
            const html = `${webUrl}/${repo.owner}/${repo.name}/pull/${pull.number}#discussion_r${comment.id}`;
            const self = `${apiUrl}/repos/${repo.owner}/${repo.name}/pulls/comments/${comment.id}`;
            const pullUrl = `${apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`;
            return shaped('pull-request-review-comment', {
              id: comment.id,
              pull_request_review_id: comment.reviewId,
              path: comment.path,
              line: comment.line,
              side: 'RIGHT',
              body: comment.body,
              user: userPayload(comment.review.author ?? 'ghost', apiUrl),
              commit_id: sha,
              original_commit_id: sha,
              diff_hunk: `@@ -${comment.line},1 +${comment.line},1 @@`,
              created_at: comment.review.submittedAt,
              updated_at: comment.review.submittedAt,
              html_url: html,
              url: self,
              pull_request_url: pullUrl,
              author_association: 'MEMBER',
              _links: { self: { href: self }, html: { href: html }, pull_request: { href: pullUrl } },
            }, apiUrl);
          });
        }
        case 'POST /repos/:o/:r/pulls':
          return openPull(store, repo, input, webUrl, apiUrl);
        case 'POST /repos/:o/:r/pulls/:n/requested_reviewers':
          return pull ? requestReviewers(repo, pull, input, webUrl, apiUrl) : notFound();
      }
    },
  };
}

function listPulls(repo: RepoState, query: URLSearchParams, webUrl: string, apiUrl: string): Reply {
  const state = query.get('state') ?? 'open';
  const head = query.get('head')?.toLowerCase();
  const pulls = repo.pulls.filter(
    (pull) => (state === 'all' || pull.state === state) && (!head || `${pull.headOwner}:${pull.head}`.toLowerCase() === head),
  );
  // GitHub sorts by creation (or last update), newest first unless told otherwise; the order is asked for explicitly here.
  const sort = query.get('sort');
  const direction = query.get('direction') ?? 'desc';
  if (sort === 'created' || sort === 'updated') {
    const key = (pull: PullState) => (sort === 'created' ? pull.createdAt ?? '' : (pullPayload(repo, pull, webUrl, apiUrl) as { updated_at: string }).updated_at);
    pulls.sort((a, b) => (direction === 'asc' ? 1 : -1) * (key(a).localeCompare(key(b)) || a.number - b.number));
  }
  const ordered = sort ? `&sort=${sort}&direction=${direction}` : '';
  return page(apiUrl, query, pulls, `/repos/${repo.owner}/${repo.name}/pulls?state=${state}${ordered}`, (pull) => pullPayload(repo, pull, webUrl, apiUrl, 'pull-request-simple'));
}

function openPull(store: RepoStore, repo: RepoState, input: Record<string, unknown>, webUrl: string, apiUrl: string): Reply {
  const missing = ['title', 'head', 'base'].filter((field) => typeof input[field] !== 'string' || !input[field]);
  if (missing.length > 0) return invalid(missing.map((field) => ({ resource: 'PullRequest', code: 'missing_field', field })));
  const [headOwner, head] = String(input.head).includes(':') ? String(input.head).split(':', 2) : [repo.owner, String(input.head)];
  const base = String(input.base);
  if (!repo.branches.has(base)) return invalid([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  if (!repo.branches.has(head)) return invalid([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (repo.branches.get(head) === 0) return invalid([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
  if (repo.pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.headOwner.toLowerCase() === headOwner.toLowerCase())) {
    return invalid([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${headOwner}:${head}.` }]);
  }
  const draft = input.draft === true;
  if (draft && !repo.draftsSupported) {
    return invalid([{ resource: 'PullRequest', code: 'custom', message: 'Draft pull requests are not supported in this repository.' }]);
  }
  const pull = store.addPull(repo, { title: String(input.title), body: String(input.body ?? ''), headOwner, head, base, draft });
  return { status: 201, body: pullPayload(repo, pull, webUrl, apiUrl) };
}

/** The author edits the title or the description (the fields PM Zone changes); GitHub keeps the rest. */
function updatePull(repo: RepoState, pull: PullState, input: Record<string, unknown>, webUrl: string, apiUrl: string): Reply {
  if (typeof input.title === 'string') pull.title = input.title;
  if (typeof input.body === 'string') pull.body = input.body;
  pull.edits = (pull.edits ?? 0) + 1;
  return { status: 200, body: pullPayload(repo, pull, webUrl, apiUrl) };
}

function requestReviewers(repo: RepoState, pull: PullState, input: Record<string, unknown>, webUrl: string, apiUrl: string): Reply {
  const users = Array.isArray(input.reviewers) ? input.reviewers.map(String) : [];
  const teams = Array.isArray(input.team_reviewers) ? input.team_reviewers.map(String) : [];
  if (users.some((user) => user.toLowerCase() === pull.author?.toLowerCase())) {
    return { status: 422, body: errorBody('Review cannot be requested from pull request author.', 422) };
  }
  if (users.some((user) => !repo.collaborators.has(user.toLowerCase())) || teams.some((team) => !repo.teams.has(team.toLowerCase()))) {
    const message = `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`;
    return { status: 422, body: errorBody(message, 422) };
  }
  pull.reviewers = [...new Set([...pull.reviewers, ...users])];
  pull.teams = [...new Set([...pull.teams, ...teams])];
  return { status: 201, body: pullPayload(repo, pull, webUrl, apiUrl) };
}

/** Each pull request its own head commit, as on GitHub, unless a test names the real one. */
export function headShaOf(repo: RepoState, pull: PullState): string {
  return pull.headSha ?? pushedHeadOf(repo, pull.head) ?? createHash('sha1').update(`${repo.owner}/${repo.name}#${pull.number}`).digest('hex');
}

/** The commit `branch` names in the bare repository pushes go to, if the test gave one and the branch is there. */
function pushedHeadOf(repo: RepoState, branch: string): string | undefined {
  if (!repo.pushedTo) return undefined;
  const found = spawnSync('git', ['--git-dir', repo.pushedTo, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A pull request as GitHub answers it: `pull-request` for one, `pull-request-simple` in a list. */
function pullPayload(repo: RepoState, pull: PullState, webUrl: string, apiUrl: string, schema: 'pull-request' | 'pull-request-simple' = 'pull-request'): object {
  const repository = (owner: string) => shaped('repository', { id: 1, name: repo.name, full_name: `${owner}/${repo.name}`, owner: userPayload(owner, apiUrl, 2), private: repo.visibility !== 'public', html_url: `${webUrl}/${owner}/${repo.name}`, default_branch: repo.defaultBranch }, apiUrl);
  const created = pull.createdAt ?? '2025-01-01T00:00:00Z';
  return shaped(schema, {
    id: pull.number,
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    url: `${apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
    html_url: `${webUrl}/${repo.owner}/${repo.name}/pull/${pull.number}`,
    // A list may say null for a deleted account; one pull request says GitHub's "ghost".
    user: pull.author !== null ? userPayload(pull.author, apiUrl) : schema === 'pull-request' ? ghostPayload(apiUrl) : null,
    head: { ref: pull.head, sha: headShaOf(repo, pull), label: `${pull.headOwner}:${pull.head}`, repo: repository(pull.headOwner), user: userPayload(pull.headOwner, apiUrl, 2) },
    base: { ref: pull.base, sha: '0'.repeat(40), label: `${repo.owner}:${pull.base}`, repo: repository(repo.owner), user: userPayload(repo.owner, apiUrl, 2) },
    labels: pull.labels.map((name) => labelPayload(name, apiUrl)),
    requested_reviewers: pull.reviewers.map((login) => userPayload(login, apiUrl)),
    requested_teams: pull.teams.map((slug, index) => shaped('team', { id: 700 + index, slug, name: slug }, apiUrl)),
    created_at: created,
    // A review or a merge changes it, as on GitHub.
    updated_at: [created, pull.mergedAt ?? '', ...(pull.reviews ?? []).map((review) => review.submittedAt)].sort().at(-1),
    closed_at: pull.state === 'closed' ? pull.mergedAt ?? created : null,
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
    author_association: 'MEMBER',
  }, apiUrl);
}
