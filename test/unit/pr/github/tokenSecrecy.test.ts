import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createPullRequest, getAuthenticatedUser, type PullRequestRequest } from '../../../../src/core/pr/github/client';
import { closedPort, FakeGitHub, githubFailures, type Failure, type Route } from '../../../support/fakeGitHub';

const TOKEN = 'ghp_SECRETsecret0123456789abcdefABCDEF';

const change: PullRequestRequest = {
  owner: 'acme',
  repo: 'shop',
  title: 'Checkout copy',
  body: 'planning',
  head: 'copy',
  base: 'main',
  draft: true,
  labels: ['pm-change'],
  reviewers: ['@dana', '@mallory'],
};

/** Every way the thing can be seen: thrown, logged, reported. */
function allRenderings(value: unknown): string {
  return [
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    JSON.stringify(value),
    String(value),
    value instanceof Error ? `${value.stack} ${value.message}` : '',
  ].join('\n');
}

describe('the token never leaks', () => {
  let github: FakeGitHub;
  const failures: [string, Route, Failure][] = [
    ['401', 'GET /repos/:o/:r/pulls', githubFailures.badCredentials()],
    ['sso', 'GET /repos/:o/:r/pulls', githubFailures.ssoRequired('https://github.com/orgs/acme/sso?authorization_request=1')],
    ['forbidden', 'POST /repos/:o/:r/pulls', githubFailures.forbidden()],
    ['not found', 'POST /repos/:o/:r/pulls', githubFailures.notFound()],
    ['rate limit', 'POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(600)],
    ['validation', 'POST /repos/:o/:r/pulls', githubFailures.validation('No commits between main and copy')],
    ['server', 'POST /repos/:o/:r/pulls', githubFailures.serverError(500)],
    ['socket destroyed', 'GET /repos/:o/:r/pulls', 'destroy-socket'],
  ];
  const logged: string[] = [];
  const originalConsole = { ...console };

  before(async () => {
    github = await FakeGitHub.start({ token: TOKEN });
    // Octokit logs through console by default: catch anything it would print.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[method] = (...args: unknown[]) => void logged.push(inspect(args, { depth: Infinity }));
    }
  });
  after(async () => {
    Object.assign(console, originalConsole);
    await github.close();
  });
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 1 }, collaborators: ['dana'] });
  });

  for (const [name, route, failure] of failures) {
    it(`not in the error for ${name}`, async () => {
      github.failNext(route, failure);
      const error = await createPullRequest(change, { token: TOKEN, apiUrl: github.apiUrl, retry: { maxWaitMs: 0 } }).then(
        () => assert.fail('expected a failure'),
        (caught: unknown) => caught,
      );
      assert.equal((error as Error).name, 'GitHubError');
      assert.ok(!allRenderings(error).includes(TOKEN));
      assert.ok(!allRenderings(error).includes('SECRET'));
    });
  }

  it('not in the error for an unreachable host, nor for a wrong token', async () => {
    const unreachable = await getAuthenticatedUser({ token: TOKEN, apiUrl: `http://127.0.0.1:${await closedPort()}` }).catch((caught: unknown) => caught);
    const wrongToken = await getAuthenticatedUser({ token: `${TOKEN}x`, apiUrl: github.apiUrl }).catch((caught: unknown) => caught);
    for (const error of [unreachable, wrongToken]) {
      assert.equal((error as Error).name, 'GitHubError');
      assert.ok(!allRenderings(error).includes('SECRET'));
    }
  });

  it('not in the warnings nor the result of a pull request opened with refusals', async () => {
    github.failNext('POST /repos/:o/:r/issues/:n/labels', githubFailures.forbidden());
    const result = await createPullRequest(change, { token: TOKEN, apiUrl: github.apiUrl });
    assert.equal(result.outcome === 'created' && result.warnings.length, 2);
    assert.ok(!allRenderings(result).includes('SECRET'));
  });

  it('not in the server’s request log, though the server did receive it', async () => {
    await getAuthenticatedUser({ token: TOKEN, apiUrl: github.apiUrl });
    assert.deepEqual(github.calls(), ['GET /user']);
    assert.ok(!allRenderings(github.requests).includes('SECRET'));
  });

  it('nothing at all was printed to the console', () => {
    assert.deepEqual(logged, []);
  });
});
