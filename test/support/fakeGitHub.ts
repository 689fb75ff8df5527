// A local HTTP server that speaks the slice of GitHub's REST API that
// "Open pull request" uses. It exists so that tests of the GitHub client talk
// to a real HTTP server, through the real Octokit and the real fetch, and
// never to a stub object: status codes, headers, JSON bodies, a closed port
// and a dropped socket reach the client exactly as they would from GitHub.
// State lives in memory (repositories, branches, pull requests, labels,
// collaborators, teams); every request is logged without its Authorization
// header; `failNext` injects GitHub's documented failures.
// The payload builders are kept small and realistic, after GitHub's docs.

import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import { FakeRules, RULES_ROUTES, type RulesRoute } from './fakeGitHubRules';

export type Route =
  | RulesRoute
  | 'GET /user'
  | 'POST /graphql'
  | 'GET /repos/:o/:r'
  | 'GET /repos/:o/:r/pulls'
  | 'GET /repos/:o/:r/pulls/:n'
  | 'GET /repos/:o/:r/pulls/:n/reviews'
  | 'POST /repos/:o/:r/pulls'
  | 'POST /repos/:o/:r/issues/:n/labels'
  | 'POST /repos/:o/:r/pulls/:n/requested_reviewers'
  | 'GET /repos/:o/:r/issues/:n/comments'
  | 'POST /repos/:o/:r/issues/:n/comments'
  | 'PATCH /repos/:o/:r/issues/comments/:id'
  | 'GET /repos/:o/:r/commits/:sha/check-runs';

/** A comment on an issue or pull request, as the fake keeps it. */
export interface CommentState {
  id: number;
  issue: number;
  body: string;
  author: string;
}

export type Failure =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** A reply that is not GitHub's JSON: a proxy's or captive portal's page, a body cut off. */
  | { status: number; raw: string; contentType?: string }
  | 'destroy-socket'
  | 'hang';

export interface LoggedRequest {
  method: string;
  /** The path as received, prefix included, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Every header except Authorization. */
  headers: Record<string, string>;
}

export interface RepoSetup {
  /** Branch name → commits ahead of the base; the default branch is added with 0. */
  branches?: Record<string, number>;
  labels?: string[];
  collaborators?: string[];
  /** Team slugs of the owner's organisation. */
  teams?: string[];
  draftsSupported?: boolean;
}

export interface PullState {
  number: number;
  title: string;
  body: string;
  headOwner: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  author: string;
  labels: string[];
  reviewers: string[];
  teams: string[];
  /** ISO times; `mergedAt` and `mergeCommitSha` only once merged (then `state` is closed). */
  createdAt?: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  /** The head commit, where the checks ran. */
  headSha?: string;
  reviews?: ReviewState[];
}

/** A check run on a commit, as GitHub's checks API lists it. */
export interface CheckRunState {
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  completedAt?: string;
}

/** A submitted review, as GitHub lists it. */
export interface ReviewState {
  author: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  submittedAt: string;
  body?: string;
}

interface RepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  branches: Map<string, number>;
  labels: Set<string>;
  collaborators: Set<string>;
  teams: Set<string>;
  draftsSupported: boolean;
  pulls: PullState[];
  comments: CommentState[];
  checkRuns: CheckRunState[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{ message, documentation_url, status }`, with `errors` for validation failures. */
export function errorBody(message: string, status: number, errors?: object[]): object {
  return { message, ...(errors ? { errors } : {}), documentation_url: DOCS, status: String(status) };
}

/** Failures as GitHub sends them, for `failNext`. */
export const githubFailures = {
  validation: (message: string): Failure => ({
    status: 422,
    body: errorBody('Validation Failed', 422, [{ resource: 'PullRequest', code: 'custom', message }]),
  }),
  badCredentials: (): Failure => ({ status: 401, body: errorBody('Bad credentials', 401) }),
  notFound: (): Failure => ({ status: 404, body: errorBody('Not Found', 404) }),
  forbidden: (message = 'Resource not accessible by integration'): Failure => ({ status: 403, body: errorBody(message, 403) }),
  ssoRequired: (url: string): Failure => ({
    status: 403,
    headers: { 'x-github-sso': `required; url=${url}` },
    body: errorBody('Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.', 403),
  }),
  secondaryRateLimit: (retryAfterSeconds: number): Failure => ({
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: errorBody('You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', 403),
  }),
  primaryRateLimit: (resetEpochSeconds: number): Failure => ({
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetEpochSeconds) },
    body: errorBody('API rate limit exceeded for user ID 1.', 403),
  }),
  serverError: (status = 502): Failure => ({ status, body: errorBody('Server Error', status) }),
  captivePortal: (status = 200): Failure => ({ status, raw: '<html><body>Sign in to the hotel Wi-Fi</body></html>', contentType: 'text/html' }),
  cutOffJson: (status = 201): Failure => ({ status, raw: '{"number": 7, "html_url": "http://127.0.0.1/acme/sh' }),
};

export class FakeGitHub {
  readonly requests: LoggedRequest[] = [];
  /** Rules, rulesets and branch protection (fakeGitHubRules.ts). */
  readonly rules = new FakeRules();
  /** GETs answered 304 because the client sent the current ETag. */
  notModified = 0;
  private readonly repos = new Map<string, RepoState>();
  private readonly failures = new Map<Route, Failure[]>();
  private nextCommentId = 1;

  private constructor(
    private readonly server: http.Server,
    /** `http://127.0.0.1:PORT`: where html_url points. */
    readonly webUrl: string,
    /** What to pass as the client's apiUrl. */
    readonly apiUrl: string,
    readonly token: string,
    /** The account the token belongs to. */
    readonly login: string,
    private readonly prefix: string,
  ) {}

  static async start(options: { token?: string; login?: string; pathPrefix?: '' | '/api/v3' } = {}): Promise<FakeGitHub> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const webUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const prefix = options.pathPrefix ?? '';
    const fake = new FakeGitHub(server, webUrl, webUrl + prefix, options.token ?? 'ghp_fakeToken0123456789', options.login ?? 'alice', prefix);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  addRepo(owner: string, name: string, setup: RepoSetup = {}): void {
    const branches = new Map(Object.entries({ main: 0, ...setup.branches }));
    this.repos.set(`${owner}/${name}`.toLowerCase(), {
      owner,
      name,
      defaultBranch: 'main',
      branches,
      labels: new Set(setup.labels ?? []),
      collaborators: new Set([this.login, ...(setup.collaborators ?? [])].map((login) => login.toLowerCase())),
      teams: new Set((setup.teams ?? []).map((team) => team.toLowerCase())),
      draftsSupported: setup.draftsSupported ?? true,
      pulls: [],
      comments: [],
      checkRuns: [],
    });
  }

  addPullRequest(owner: string, name: string, pull: Partial<PullState> & { head: string }): number {
    const repo = this.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name}: addRepo first`);
    const number = repo.pulls.length + 1;
    repo.pulls.push({ number, title: 'Existing change', body: '', headOwner: owner, base: 'main', draft: false, state: 'open', author: this.login, labels: [], reviewers: [], teams: [], ...pull });
    return number;
  }

  addCheckRun(owner: string, name: string, run: CheckRunState): void {
    const repo = this.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name}: addRepo first`);
    repo.checkRuns.push(run);
  }

  pull(owner: string, name: string, number: number): PullState | undefined {
    return this.repo(owner, name)?.pulls.find((pull) => pull.number === number);
  }

  /** The comments on an issue or pull request, oldest first. */
  comments(owner: string, name: string, issue: number): CommentState[] {
    return (this.repo(owner, name)?.comments ?? []).filter((comment) => comment.issue === issue);
  }

  /** A comment someone else wrote, such as a reviewer's. */
  addComment(owner: string, name: string, issue: number, body: string, author = 'dana'): void {
    const repo = this.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name}: addRepo first`);
    repo.comments.push({ id: 1000 + this.nextCommentId++, issue, body, author });
  }

  /** The next `times` requests to `route` fail this way, before any other check. */
  failNext(route: Route, failure: Failure, times = 1): void {
    this.failures.set(route, [...(this.failures.get(route) ?? []), ...Array<Failure>(times).fill(failure)]);
  }

  /** Requests as `METHOD /path`, the prefix included, for compact assertions. */
  calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  reset(): void {
    this.requests.length = 0;
    this.repos.clear();
    this.failures.clear();
    this.rules.reset();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.webUrl);
    const raw = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => name !== 'authorization').map(([name, value]) => [name, String(value)]),
    );
    const body = parseJson(raw);
    if (body === INVALID_JSON) return send(res, { status: 400, body: errorBody('Problems parsing JSON', 400) });
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body, headers });

    // GraphQL lives beside the REST prefix: /graphql, or /api/graphql on GitHub Enterprise (/api/v3).
    const graphqlPath = this.prefix === '/api/v3' ? '/api/graphql' : '/graphql';
    const routed = url.pathname === graphqlPath ? '/graphql' : url.pathname.startsWith(this.prefix) ? url.pathname.slice(this.prefix.length) : undefined;
    if (routed === undefined) return send(res, { status: 404, body: errorBody('Not Found', 404) });
    const match = matchRoute(req.method ?? '', routed);
    if (!match) return send(res, { status: 404, body: errorBody('Not Found', 404) });

    const failure = this.failures.get(match.route)?.shift();
    if (failure === 'destroy-socket') return void req.socket.destroy();
    if (failure === 'hang') return;
    if (failure && 'raw' in failure) {
      res.writeHead(failure.status, { 'content-type': failure.contentType ?? 'application/json; charset=utf-8' });
      return void res.end(failure.raw);
    }
    if (failure) return send(res, failure);

    const presented = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (presented !== this.token) return send(res, { status: 401, body: errorBody('Bad credentials', 401) });
    const reply = this.answer(match, url.searchParams, body);
    // As GitHub does: an ETag on every successful GET, and 304 with no body when the client already holds it.
    if (req.method === 'GET' && reply.status === 200) {
      const etag = `W/"${createHash('sha1').update(JSON.stringify(reply.body ?? null)).update(JSON.stringify(reply.headers ?? {})).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        this.notModified++;
        return send(res, { status: 304, headers: { etag } });
      }
      reply.headers = { ...reply.headers, etag };
    }
    send(res, reply);
  }

  private answer({ route, params }: RouteMatch, query: URLSearchParams, body: unknown): Reply {
    if (route === 'GET /user') return { status: 200, body: userPayload(this.login, this.webUrl) };
    if (isRulesRoute(route)) {
      return this.rules.answer(route, params, query, body, {
        webUrl: this.webUrl, apiUrl: this.apiUrl, errorBody,
        hasRepo: (owner, name) => this.repo(owner, name) !== undefined,
        hasBranch: (owner, name, branch) => this.repo(owner, name)?.branches.has(branch) === true,
      });
    }
    // The one query PM Zone asks: who the token is. GitHub answers 200 with `errors` for anything it cannot.
    if (route === 'POST /graphql') {
      const query = String((body as { query?: unknown } | null)?.query ?? '');
      return /\bviewer\s*\{\s*login\s*\}/.test(query)
        ? { status: 200, body: { data: { viewer: { login: this.login } } } }
        : { status: 200, body: { errors: [{ message: 'The fake answers only `viewer { login }`.' }] } };
    }
    const repo = this.repo(params.o, params.r);
    if (!repo) return { status: 404, body: errorBody('Not Found', 404) };
    const input = (body ?? {}) as Record<string, unknown>;
    switch (route) {
      case 'GET /repos/:o/:r':
        return { status: 200, body: repoPayload(repo, this.webUrl) };
      case 'GET /repos/:o/:r/pulls': {
        const state = query.get('state') ?? 'open';
        const head = query.get('head')?.toLowerCase();
        const pulls = repo.pulls.filter(
          (pull) => (state === 'all' || pull.state === state) && (!head || `${pull.headOwner}:${pull.head}`.toLowerCase() === head),
        );
        // GitHub sorts by creation (or last update), newest first unless told otherwise; the order is asked for explicitly here.
        const sort = query.get('sort');
        const direction = query.get('direction') ?? 'desc';
        if (sort === 'created' || sort === 'updated') {
          const key = (pull: PullState) => (sort === 'created' ? pull.createdAt ?? '' : (pullPayload(repo, pull, this.webUrl) as { updated_at: string }).updated_at);
          pulls.sort((a, b) => (direction === 'asc' ? 1 : -1) * (key(a).localeCompare(key(b)) || a.number - b.number));
        }
        const ordered = sort ? `&sort=${sort}&direction=${direction}` : '';
        return this.page(query, pulls, `/repos/${repo.owner}/${repo.name}/pulls?state=${state}${ordered}`, (pull) => pullPayload(repo, pull, this.webUrl));
      }
      case 'GET /repos/:o/:r/pulls/:n': {
        const pull = repo.pulls.find((candidate) => candidate.number === Number(params.n));
        return pull ? { status: 200, body: pullPayload(repo, pull, this.webUrl) } : { status: 404, body: errorBody('Not Found', 404) };
      }
      case 'GET /repos/:o/:r/pulls/:n/reviews': {
        const pull = repo.pulls.find((candidate) => candidate.number === Number(params.n));
        if (!pull) return { status: 404, body: errorBody('Not Found', 404) };
        const reviews = (pull.reviews ?? []).map((review, index) => ({ ...review, id: pull.number * 1000 + index + 1 }));
        return this.page(query, reviews, `/repos/${repo.owner}/${repo.name}/pulls/${pull.number}/reviews?`, (review) => ({
          id: review.id,
          user: { login: review.author, type: 'User' },
          state: review.state,
          submitted_at: review.submittedAt,
          body: review.body ?? '',
          html_url: `${this.webUrl}/${repo.owner}/${repo.name}/pull/${pull.number}#pullrequestreview-${review.id}`,
        }));
      }
      case 'GET /repos/:o/:r/commits/:sha/check-runs': {
        const wanted = query.get('check_name');
        const runs = repo.checkRuns.filter((run) => run.headSha === params.sha && (!wanted || run.name === wanted));
        return {
          status: 200,
          body: {
            total_count: runs.length,
            check_runs: runs.map((run, index) => ({
              id: index + 1, name: run.name, head_sha: run.headSha, status: run.conclusion ? 'completed' : 'in_progress', conclusion: run.conclusion,
              completed_at: run.completedAt ?? null, html_url: `${this.webUrl}/${repo.owner}/${repo.name}/runs/${index + 1}`,
            })),
          },
        };
      }
      case 'POST /repos/:o/:r/pulls':
        return this.openPull(repo, input);
      case 'POST /repos/:o/:r/issues/:n/labels': {
        const pull = repo.pulls.find((candidate) => candidate.number === Number(params.n));
        if (!pull) return { status: 404, body: errorBody('Not Found', 404) };
        const labels = Array.isArray(input.labels) ? input.labels.map(String) : [];
        for (const label of labels) repo.labels.add(label);
        pull.labels = [...new Set([...pull.labels, ...labels])];
        return { status: 200, body: pull.labels.map(labelPayload) };
      }
      case 'POST /repos/:o/:r/pulls/:n/requested_reviewers':
        return this.requestReviewers(repo, Number(params.n), input);
      case 'GET /repos/:o/:r/issues/:n/comments': {
        const all = repo.comments.filter((comment) => comment.issue === Number(params.n));
        return this.page(query, all, `/repos/${repo.owner}/${repo.name}/issues/${params.n}/comments?`, (comment) => commentPayload(repo, comment, this.webUrl));
      }
      case 'POST /repos/:o/:r/issues/:n/comments': {
        if (typeof input.body !== 'string' || !input.body) return invalid([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
        if (input.body.length > MAX_COMMENT_LENGTH) return tooLong();
        const comment = { id: 1000 + this.nextCommentId++, issue: Number(params.n), body: input.body, author: this.login };
        repo.comments.push(comment);
        return { status: 201, body: commentPayload(repo, comment, this.webUrl) };
      }
      case 'PATCH /repos/:o/:r/issues/comments/:id': {
        const comment = repo.comments.find((candidate) => candidate.id === Number(params.id));
        if (!comment) return { status: 404, body: errorBody('Not Found', 404) };
        // As a workflow's token meets it: someone else's comment is not its to edit.
        if (comment.author !== this.login) return { status: 403, body: errorBody('Resource not accessible by integration', 403) };
        if (typeof input.body === 'string' && input.body.length > MAX_COMMENT_LENGTH) return tooLong();
        if (typeof input.body === 'string') comment.body = input.body;
        return { status: 200, body: commentPayload(repo, comment, this.webUrl) };
      }
    }
  }

  /** GitHub pages lists (30 by default, at most 100): the fake pages too, with a Link header to the next page. */
  private page<T>(query: URLSearchParams, all: T[], path: string, payload: (item: T) => object): Reply {
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Number(query.get('page') ?? 1);
    const shown = all.slice((page - 1) * perPage, page * perPage);
    const separator = path.endsWith('?') ? '' : '&';
    const next = page * perPage < all.length ? { link: `<${this.apiUrl}${path}${separator}per_page=${perPage}&page=${page + 1}>; rel="next"` } : undefined;
    return { status: 200, body: shown.map(payload), ...(next ? { headers: next } : {}) };
  }

  private openPull(repo: RepoState, input: Record<string, unknown>): Reply {
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
    const number = this.addPullRequest(repo.owner, repo.name, { title: String(input.title), body: String(input.body ?? ''), headOwner, head, base, draft });
    return { status: 201, body: pullPayload(repo, this.pull(repo.owner, repo.name, number)!, this.webUrl) };
  }

  private requestReviewers(repo: RepoState, number: number, input: Record<string, unknown>): Reply {
    const pull = repo.pulls.find((candidate) => candidate.number === number);
    if (!pull) return { status: 404, body: errorBody('Not Found', 404) };
    const users = Array.isArray(input.reviewers) ? input.reviewers.map(String) : [];
    const teams = Array.isArray(input.team_reviewers) ? input.team_reviewers.map(String) : [];
    if (users.some((user) => user.toLowerCase() === pull.author.toLowerCase())) {
      return { status: 422, body: errorBody('Review cannot be requested from pull request author.', 422) };
    }
    if (users.some((user) => !repo.collaborators.has(user.toLowerCase())) || teams.some((team) => !repo.teams.has(team.toLowerCase()))) {
      const message = `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`;
      return { status: 422, body: errorBody(message, 422) };
    }
    pull.reviewers = [...new Set([...pull.reviewers, ...users])];
    pull.teams = [...new Set([...pull.teams, ...teams])];
    return { status: 201, body: pullPayload(repo, pull, this.webUrl) };
  }
}

/** A port that was free a moment ago: nothing listens on it, so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const ROUTES: Route[] = [
  ...RULES_ROUTES,
  'GET /user',
  'POST /graphql',
  'GET /repos/:o/:r',
  'GET /repos/:o/:r/pulls',
  'GET /repos/:o/:r/pulls/:n',
  'GET /repos/:o/:r/pulls/:n/reviews',
  'POST /repos/:o/:r/pulls',
  'POST /repos/:o/:r/issues/:n/labels',
  'POST /repos/:o/:r/pulls/:n/requested_reviewers',
  'GET /repos/:o/:r/issues/:n/comments',
  'POST /repos/:o/:r/issues/:n/comments',
  'PATCH /repos/:o/:r/issues/comments/:id',
  'GET /repos/:o/:r/commits/:sha/check-runs',
];

function isRulesRoute(route: Route): route is RulesRoute {
  return (RULES_ROUTES as readonly Route[]).includes(route);
}

function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    const [routeMethod, template] = route.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = template.replace(/:(\w+)/g, (_whole, name: string) => (names.push(name), '([^/]+)'));
    const found = new RegExp(`^${pattern}/?$`).exec(path);
    if (routeMethod === method && found) {
      return { route, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)])) };
    }
  }
  return undefined;
}

/** GitHub's limit on a comment's body, in characters. */
const MAX_COMMENT_LENGTH = 65_536;

function tooLong(): Reply {
  return invalid([{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` }]);
}

function commentPayload(repo: RepoState, comment: CommentState, webUrl: string): object {
  return {
    id: comment.id,
    body: comment.body,
    user: { login: comment.author, type: comment.author.endsWith('[bot]') ? 'Bot' : 'User' },
    html_url: `${webUrl}/${repo.owner}/${repo.name}/pull/${comment.issue}#issuecomment-${comment.id}`,
  };
}

function invalid(errors: object[]): Reply {
  return { status: 422, body: errorBody('Validation Failed', 422, errors) };
}

function send(res: http.ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': 'FAKE:0001',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    ...reply.headers,
  });
  res.end(text);
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return INVALID_JSON;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Payload builders: the fields the client reads, plus enough around them to look like GitHub.

function userPayload(login: string, webUrl: string): object {
  return { login, id: 1, type: 'User', name: login[0]!.toUpperCase() + login.slice(1), html_url: `${webUrl}/${login}` };
}

function labelPayload(name: string): object {
  return { id: name.length, name, color: 'ededed', default: false, description: null };
}

function repoPayload(repo: RepoState, webUrl: string): object {
  return {
    id: 1,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner, type: 'Organization' },
    private: true,
    html_url: `${webUrl}/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

function pullPayload(repo: RepoState, pull: PullState, webUrl: string): object {
  return {
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    html_url: `${webUrl}/${repo.owner}/${repo.name}/pull/${pull.number}`,
    user: { login: pull.author, type: 'User' },
    // Each pull request its own head commit, as on GitHub, unless a test names the real one.
    head: { ref: pull.head, sha: pull.headSha ?? createHash('sha1').update(`${repo.owner}/${repo.name}#${pull.number}`).digest('hex'), label: `${pull.headOwner}:${pull.head}`, repo: { full_name: `${pull.headOwner}/${repo.name}` } },
    base: { ref: pull.base, label: `${repo.owner}:${pull.base}`, repo: { full_name: `${repo.owner}/${repo.name}` } },
    labels: pull.labels.map(labelPayload),
    requested_reviewers: pull.reviewers.map((login) => ({ login, type: 'User' })),
    requested_teams: pull.teams.map((slug) => ({ slug, name: slug })),
    created_at: pull.createdAt ?? '2025-01-01T00:00:00Z',
    // A review or a merge changes it, as on GitHub.
    updated_at: [pull.createdAt ?? '2025-01-01T00:00:00Z', pull.mergedAt ?? '', ...(pull.reviews ?? []).map((review) => review.submittedAt)].sort().at(-1),
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
  };
}
