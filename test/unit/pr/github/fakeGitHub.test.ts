// The fake is only worth something if it answers like GitHub: these tests pin
// the behaviours the client tests rely on, through plain fetch.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';

describe('FakeGitHub, the local GitHub API server', () => {
  let github: FakeGitHub;
  const call = (method: string, path: string, body?: unknown, authorization = `token ${github.token}`) =>
    fetch(`${github.apiUrl}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 3 }, collaborators: ['dana'] });
  });

  it('answers 401 with GitHub’s JSON body for a wrong or missing token, and accepts Bearer', async () => {
    for (const authorization of ['token nope', '', `Basic ${github.token}`]) {
      const response = await call('GET', '/user', undefined, authorization);
      assert.equal(response.status, 401);
      assert.match(response.headers.get('content-type')!, /^application\/json/);
      const body = (await response.json()) as { message: string; documentation_url: string };
      assert.equal(body.message, 'Bad credentials');
      assert.match(body.documentation_url, /^https:\/\/docs\.github\.com\//);
    }
    assert.equal((await call('GET', '/user', undefined, `Bearer ${github.token}`)).status, 200);
  });

  it('logs method, path, query and body, never the Authorization header', async () => {
    await call('GET', '/repos/acme/shop/pulls?head=acme%3Acopy&state=open');
    assert.deepEqual(github.requests[0]!.query, { head: 'acme:copy', state: 'open' });
    assert.equal(github.requests[0]!.path, '/repos/acme/shop/pulls');
    assert.equal(github.requests[0]!.headers.authorization, undefined);
    assert.ok(!JSON.stringify(github.requests).includes(github.token));
  });

  it('opens pull requests with realistic payloads and refuses a second one for the branch', async () => {
    const first = await call('POST', '/repos/acme/shop/pulls', { title: 't', head: 'copy', base: 'main', draft: true });
    assert.equal(first.status, 201);
    const pull = (await first.json()) as Record<string, unknown>;
    assert.equal(pull.html_url, `${github.webUrl}/acme/shop/pull/1`);
    assert.deepEqual([pull.number, pull.draft, (pull.head as { ref: string }).ref, (pull.base as { ref: string }).ref], [1, true, 'copy', 'main']);
    const second = await call('POST', '/repos/acme/shop/pulls', { title: 't', head: 'copy', base: 'main' });
    assert.equal(second.status, 422);
    assert.match(JSON.stringify(await second.json()), /A pull request already exists for acme:copy/);
  });

  it('labels create unknown labels; reviewers must be collaborators and not the author', async () => {
    github.addPullRequest('acme', 'shop', { head: 'copy' });
    assert.equal((await call('POST', '/repos/acme/shop/issues/1/labels', { labels: ['new-one'] })).status, 200);
    assert.equal((await call('POST', '/repos/acme/shop/pulls/1/requested_reviewers', { reviewers: ['alice'] })).status, 422);
    assert.equal((await call('POST', '/repos/acme/shop/pulls/1/requested_reviewers', { reviewers: ['zed'] })).status, 422);
    assert.equal((await call('POST', '/repos/acme/shop/pulls/1/requested_reviewers', { reviewers: ['DANA'] })).status, 201);
    assert.deepEqual(github.pull('acme', 'shop', 1)!.reviewers, ['DANA']);
    assert.equal((await call('POST', '/repos/acme/shop/issues/9/labels', { labels: ['x'] })).status, 404);
  });

  it('describes a repository, and 404s an unknown one, an unknown route and a bad JSON body', async () => {
    const repo = (await (await call('GET', '/repos/acme/shop')).json()) as { full_name: string; default_branch: string };
    assert.deepEqual([repo.full_name, repo.default_branch], ['acme/shop', 'main']);
    assert.equal((await call('GET', '/repos/acme/nope')).status, 404);
    assert.equal((await call('DELETE', '/repos/acme/shop')).status, 404);
    const bad = await fetch(`${github.apiUrl}/repos/acme/shop/pulls`, { method: 'POST', body: '{not json', headers: { authorization: `token ${github.token}` } });
    assert.equal(bad.status, 400);
  });

  it('injects failures with their headers, as many times as asked, then behaves again', async () => {
    github.failNext('GET /user', githubFailures.secondaryRateLimit(3), 2);
    for (let attempt = 0; attempt < 2; attempt++) {
      const limited = await call('GET', '/user');
      assert.equal(limited.status, 403);
      assert.equal(limited.headers.get('retry-after'), '3');
    }
    assert.equal((await call('GET', '/user')).status, 200);
  });

  it('can drop the connection', async () => {
    github.failNext('GET /user', 'destroy-socket');
    await assert.rejects(call('GET', '/user'), TypeError);
  });

  it('serves GitHub Enterprise under /api/v3 only', async () => {
    const enterprise = await FakeGitHub.start({ pathPrefix: '/api/v3' });
    try {
      assert.match(enterprise.apiUrl, /\/api\/v3$/);
      const headers = { authorization: `token ${enterprise.token}` };
      assert.equal((await fetch(`${enterprise.apiUrl}/user`, { headers })).status, 200);
      assert.equal((await fetch(`${enterprise.webUrl}/user`, { headers })).status, 404);
    } finally {
      await enterprise.close();
    }
  });

  it('reads a pull request\'s head from the bare repository pushes go to, so a push reaches the pull request', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-fake-origin-'));
    try {
      const bare = join(scratch, 'origin.git');
      const work = join(scratch, 'work');
      const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
      git(scratch, 'init', '--quiet', '--bare', bare);
      git(scratch, 'init', '--quiet', '-b', 'copy', work);
      git(work, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'one');
      github.reset();
      github.addRepo('acme', 'shop', { branches: { copy: 1 }, pushedTo: bare });
      github.addPullRequest('acme', 'shop', { head: 'copy' });
      const head = async () => ((await (await call('GET', '/repos/acme/shop/pulls/1')).json()) as { head: { sha: string } }).head.sha;
      const unpushed = await head();
      git(work, 'push', '--quiet', bare, 'copy');
      assert.equal(await head(), git(work, 'rev-parse', 'HEAD'));
      assert.notEqual(unpushed, git(work, 'rev-parse', 'HEAD'), 'before the push, the branch is not there');
      git(work, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'two');
      git(work, 'push', '--quiet', bare, 'copy');
      assert.equal(await head(), git(work, 'rev-parse', 'HEAD'));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
