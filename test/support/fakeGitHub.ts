// A local HTTP server that speaks the slice of GitHub's REST API that PM Zone
// uses. It exists so that tests of the GitHub client talk to a real HTTP
// server, through the real Octokit and the real fetch, and never to a stub
// object: status codes, headers, JSON bodies, a closed port and a dropped
// socket reach the client exactly as they would from GitHub.
// This file is the server: it logs every request without its Authorization
// header, injects GitHub's documented failures (`failNext`), checks the
// token, routes, adds ETags, and checks each answer it gives (and each
// request body it is sent) against GitHub's published OpenAPI description of
// that operation (github/openapi.ts): a violation fails the suite when the
// server closes. What it answers is one module per resource
// under github/ (users, repos, pulls, issues, checks, rules, teams), sharing the
// repositories in memory (github/store.ts); payloads follow GitHub's docs.

import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import { checksResource, type ChecksRoute } from './github/checks';
import type { Failure } from './github/failures';
import { errorBody, INVALID_JSON, matchRoute, parseJson, readBody, send, type Resource } from './github/http';
import { issuesResource, type IssuesRoute } from './github/issues';
import { headShaOf, pullsResource, type PullsRoute } from './github/pulls';
import { reposResource, type ReposRoute } from './github/repos';
import { FakeRules, RULES_ROUTES, type RulesRoute } from './github/rules';
import { RepoStore, type CheckRunState, type CommentState, type CommitStatusState, type PullState, type RepoSetup, type ReviewCommentState } from './github/store';
import { requestViolations, responseViolations } from './github/openapi';
import { FakeTeams, type TeamsRoute } from './github/teams';
import { usersResource, type UsersRoute } from './github/users';

export { errorBody } from './github/http';
export { githubFailures, type Failure } from './github/failures';
export type { CheckRunState, CommentState, CommitStatusState, PullState, RepoSetup, ReviewCommentState, ReviewState } from './github/store';

export type Route = RulesRoute | UsersRoute | ReposRoute | PullsRoute | IssuesRoute | ChecksRoute | TeamsRoute;

export interface LoggedRequest {
  method: string;
  /** The path as received, prefix included, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Every header except Authorization. */
  headers: Record<string, string>;
}

export class FakeGitHub {
  readonly requests: LoggedRequest[] = [];
  /** Rules, rulesets and branch protection (github/rules.ts). */
  readonly rules = new FakeRules();
  /** Organisations' teams and their members (github/teams.ts). */
  readonly teams = new FakeTeams();
  /** GETs answered 304 because the client sent the current ETag. */
  notModified = 0;
  /** Where an answer of this server, or a request sent to it, is not GitHub's shape: `close()` fails while any is here. */
  readonly violations: string[] = [];
  private readonly store: RepoStore;
  private readonly resources: Resource<Route>[];
  private readonly routes: Route[];
  private readonly failures = new Map<Route, Failure[]>();

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
  ) {
    this.store = new RepoStore(login);
    const rules: Resource<RulesRoute> = {
      routes: RULES_ROUTES,
      answer: (route, params, query, body) => this.rules.answer(route, params, query, body, {
        webUrl, apiUrl, errorBody,
        hasRepo: (owner, name) => this.store.get(owner, name) !== undefined,
        hasBranch: (owner, name, branch) => this.store.get(owner, name)?.branches.has(branch) === true,
      }),
    };
    this.resources = [
      rules,
      usersResource(login, webUrl, apiUrl),
      reposResource(this.store, webUrl, apiUrl),
      pullsResource(this.store, webUrl, apiUrl),
      issuesResource(this.store, webUrl, apiUrl),
      checksResource(this.store, webUrl, apiUrl),
      this.teams.resource(apiUrl, webUrl),
    ] as Resource<Route>[];
    this.routes = this.resources.flatMap((resource) => resource.routes);
  }

  static async start(options: { token?: string; login?: string; pathPrefix?: '' | '/api/v3' } = {}): Promise<FakeGitHub> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const webUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const prefix = options.pathPrefix ?? '';
    const fake = new FakeGitHub(server, webUrl, webUrl + prefix, options.token ?? 'ghp_fakeToken0123456789', options.login ?? 'alice', prefix);
    server.on('request', (req, res) => {
      // A fault of the server itself is a 500 and a violation, never a request left hanging.
      fake.handle(req, res).catch((error: unknown) => {
        fake.violations.push(`${req.method} ${req.url}: the local GitHub failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        if (!res.headersSent) send(res, { status: 500, body: errorBody('The local GitHub failed', 500) });
      });
    });
    return fake;
  }

  addRepo(owner: string, name: string, setup: RepoSetup = {}): void {
    this.store.add(owner, name, setup);
  }

  addPullRequest(owner: string, name: string, pull: Partial<PullState> & { head: string }): number {
    return this.store.addPull(this.store.seeded(owner, name), pull).number;
  }

  /** Takes a pull request away again, for a test that added one the others must not see. */
  removePullRequest(owner: string, name: string, number: number): void {
    const pulls = this.store.seeded(owner, name).pulls;
    pulls.splice(pulls.findIndex((pull) => pull.number === number), 1);
  }

  addCheckRun(owner: string, name: string, run: CheckRunState): void {
    this.store.seeded(owner, name).checkRuns.push(run);
  }

  /** A commit status, as a CI system that reports through the statuses API sets one. */
  addCommitStatus(owner: string, name: string, status: CommitStatusState): void {
    this.store.seeded(owner, name).statuses.push(status);
  }

  /**
   * A reviewer submits a review: "Request changes" (the default), "Approve" or
   * "Comment", with comments on lines of the change. As on GitHub, the
   * reviewer is no longer a requested reviewer once they have reviewed. The
   * review is on the pull request's head as it is now: a later push (a new
   * `headSha`) leaves it on the older commit.
   */
  review(owner: string, name: string, number: number, review: { by?: string; state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; body?: string; comments?: ReviewCommentState[]; submittedAt?: string } = {}): void {
    const pull = this.store.seeded(owner, name).pulls.find((candidate) => candidate.number === number);
    if (!pull) throw new Error(`no pull request #${number} in ${owner}/${name}`);
    const by = review.by ?? 'dana';
    const submittedAt = review.submittedAt ?? `2026-01-0${Math.min(9, 5 + (pull.reviews?.length ?? 0))}T11:00:00Z`;
    const commitId = headShaOf(this.store.seeded(owner, name), pull);
    pull.reviews = [...(pull.reviews ?? []), { author: by, state: review.state ?? 'CHANGES_REQUESTED', submittedAt, body: review.body ?? '', commitId, comments: review.comments ?? [] }];
    pull.reviewers = pull.reviewers.filter((login) => login.toLowerCase() !== by.toLowerCase());
  }

  pull(owner: string, name: string, number: number): PullState | undefined {
    return this.store.get(owner, name)?.pulls.find((pull) => pull.number === number);
  }

  /** The comments on an issue or pull request, oldest first. */
  comments(owner: string, name: string, issue: number): CommentState[] {
    return (this.store.get(owner, name)?.comments ?? []).filter((comment) => comment.issue === issue);
  }

  /** A comment someone else wrote, such as a reviewer's. */
  addComment(owner: string, name: string, issue: number, body: string, author = 'dana'): void {
    this.store.addComment(this.store.seeded(owner, name), issue, body, author);
  }

  /** The next `times` requests to `route` fail this way, before any other check. */
  failNext(route: Route, failure: Failure, times = 1): void {
    this.failures.set(route, [...(this.failures.get(route) ?? []), ...Array<Failure>(times).fill(failure)]);
  }

  /** Every route this server answers (`GET /repos/:o/:r/pulls`). */
  get routeTable(): readonly Route[] {
    return this.routes;
  }

  /** Requests as `METHOD /path`, the prefix included, for compact assertions. */
  calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    this.store.clear();
    this.failures.clear();
    this.rules.reset();
    this.teams.reset();
  }

  /** Stops the server; rejects, naming each, when an answer it gave or a request it was sent broke GitHub's description. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.violations.length > 0) {
      const shown = [...new Set(this.violations)];
      throw new Error(`The local GitHub answered outside GitHub's published description (or was sent a request GitHub would refuse):\n${shown.slice(0, 20).join('\n')}${shown.length > 20 ? `\n…and ${shown.length - 20} more` : ''}`);
    }
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
    const match = matchRoute(this.routes, req.method ?? '', routed);
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
    const resource = this.resources.find((candidate) => candidate.routes.includes(match.route))!;
    const rest = routed !== '/graphql';
    if (rest) this.violations.push(...requestViolations(req.method ?? '', routed, body));
    const reply = resource.answer(match.route, match.params, url.searchParams, body);
    if (rest) this.violations.push(...responseViolations(req.method ?? '', routed, reply.status, reply.body));
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
}

/** A port that was free a moment ago: nothing listens on it, so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
