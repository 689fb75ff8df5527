import * as assert from 'node:assert/strict';
import { createPullRequest, findOpenPullRequest, getAuthenticatedUser, type PullRequestRequest } from '../../../../src/core/pr/github/client';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';

function change(overrides: Partial<PullRequestRequest> = {}): PullRequestRequest {
  return {
    owner: 'acme',
    repo: 'shop',
    title: 'Checkout copy: clearer delivery dates',
    body: '## Planning\nSee PLANNING.md\n',
    head: 'pm/alice/checkout-copy',
    base: 'main',
    draft: true,
    labels: ['pm-change', 'ai-assisted'],
    reviewers: ['@dana', '@acme/checkout-eng'],
    ...overrides,
  };
}

describe('createPullRequest against a GitHub API server', () => {
  let github: FakeGitHub;
  const options = () => ({ token: github.token, apiUrl: github.apiUrl });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', {
      branches: { 'pm/alice/checkout-copy': 2 },
      labels: ['pm-change'],
      collaborators: ['dana'],
      teams: ['checkout-eng'],
    });
  });

  it('opens a draft, adds labels and requests user and team reviewers without the @', async () => {
    const result = await createPullRequest(change(), options());

    assert.deepEqual(result, { outcome: 'created', url: `${github.webUrl}/acme/shop/pull/1`, number: 1, draft: true, warnings: [] });
    assert.deepEqual(github.calls(), [
      'GET /repos/acme/shop/pulls',
      'POST /repos/acme/shop/pulls',
      'POST /repos/acme/shop/issues/1/labels',
      'POST /repos/acme/shop/pulls/1/requested_reviewers',
    ]);
    const [lookup, open, labels, reviewers] = github.requests;
    assert.deepEqual(lookup!.query, { head: 'acme:pm/alice/checkout-copy', state: 'open', per_page: '10' });
    assert.deepEqual(open!.body, {
      title: 'Checkout copy: clearer delivery dates',
      body: '## Planning\nSee PLANNING.md\n',
      head: 'pm/alice/checkout-copy',
      base: 'main',
      draft: true,
    });
    assert.deepEqual(labels!.body, { labels: ['pm-change', 'ai-assisted'] });
    assert.deepEqual(reviewers!.body, { reviewers: ['dana'], team_reviewers: ['checkout-eng'] });
    const pull = github.pull('acme', 'shop', 1)!;
    assert.deepEqual([pull.labels, pull.reviewers, pull.teams], [['pm-change', 'ai-assisted'], ['dana'], ['checkout-eng']]);
  });

  it('opens a ready pull request and skips the label and reviewer calls when there are none', async () => {
    const result = await createPullRequest(change({ draft: false, labels: [' ', ''], reviewers: [] }), options());
    assert.equal(result.outcome, 'created');
    assert.equal(result.outcome === 'created' && result.draft, false);
    assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls', 'POST /repos/acme/shop/pulls']);
  });

  it('never asks the author to review their own pull request, and says so', async () => {
    const result = await createPullRequest(change({ reviewers: ['@Alice', '@dana'] }), options());
    assert.equal(result.outcome, 'created');
    assert.deepEqual(github.requests.at(-1)!.body, { reviewers: ['dana'], team_reviewers: [] });
    assert.match(result.outcome === 'created' ? result.warnings.join('\n') : '', /@Alice is the author/);
  });

  it('returns the open pull request for the branch instead of opening another', async () => {
    github.addPullRequest('acme', 'shop', { head: 'pm/alice/checkout-copy', draft: true });
    const result = await createPullRequest(change(), options());
    assert.deepEqual(result, { outcome: 'exists', url: `${github.webUrl}/acme/shop/pull/1`, number: 1 });
    assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls']);
  });

  it('ignores a closed pull request of the same branch', async () => {
    github.addPullRequest('acme', 'shop', { head: 'pm/alice/checkout-copy', state: 'closed' });
    const result = await createPullRequest(change(), options());
    assert.deepEqual([result.outcome, result.number], ['created', 2]);
  });

  it('hands back the pull request opened meanwhile when GitHub answers "already exists"', async () => {
    // The lookup finds nothing, then someone opens it before our POST lands.
    github.failNext('GET /repos/:o/:r/pulls', { status: 200, body: [] });
    github.addPullRequest('acme', 'shop', { head: 'pm/alice/checkout-copy' });
    const result = await createPullRequest(change(), options());
    assert.deepEqual(result, { outcome: 'exists', url: `${github.webUrl}/acme/shop/pull/1`, number: 1 });
    assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls', 'POST /repos/acme/shop/pulls', 'GET /repos/acme/shop/pulls']);
  });

  it('fails as already-exists when GitHub says so but the pull request cannot be listed', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.validation('A pull request already exists for acme:pm/alice/checkout-copy.'));
    await assert.rejects(createPullRequest(change(), options()), { name: 'GitHubError', kind: 'already-exists' });
  });

  it('looks up a fork branch with its own owner', async () => {
    github.addPullRequest('acme', 'shop', { headOwner: 'alice', head: 'copy' });
    const found = await findOpenPullRequest('acme', 'shop', 'alice:copy', options());
    assert.deepEqual(found, { url: `${github.webUrl}/acme/shop/pull/1`, number: 1, draft: false });
    assert.equal(github.requests[0]!.query.head, 'alice:copy');
    assert.equal(await findOpenPullRequest('acme', 'shop', 'copy', options()), undefined);
  });

  it('tells who the token belongs to', async () => {
    assert.deepEqual(await getAuthenticatedUser(options()), { login: 'alice', name: 'Alice' });
    assert.deepEqual(github.calls(), ['GET /user']);
  });

  it('sends the user agent it is given', async () => {
    await getAuthenticatedUser({ ...options(), userAgent: 'pm-zone/0.1.0' });
    assert.match(github.requests[0]!.headers['user-agent']!, /^pm-zone\/0\.1\.0/);
  });

  it('refuses a request with no title or branch before calling GitHub', async () => {
    await assert.rejects(createPullRequest(change({ title: '  ', head: '' }), options()), (error: Error & { kind?: string }) => {
      assert.equal(error.kind, 'validation');
      assert.match(error.message, /no title, head/);
      return true;
    });
    assert.deepEqual(github.requests, []);
  });

  it('keeps titles and bodies with CRLF, a BOM and non-ASCII text intact', async () => {
    const body = '\uFEFF## Plan\r\n- Lieferdatum “klarer” 🚚\r\n';
    await createPullRequest(change({ title: 'Café copy — v2', body, labels: [], reviewers: [] }), options());
    assert.deepEqual(github.pull('acme', 'shop', 1)!.body, body);
    assert.equal(github.pull('acme', 'shop', 1)!.title, 'Café copy — v2');
  });

  it('sends a large body whole', async () => {
    const body = 'line of planning text\n'.repeat(20_000);
    await createPullRequest(change({ body, labels: [], reviewers: [] }), options());
    assert.equal(github.pull('acme', 'shop', 1)!.body.length, body.length);
  });
});

describe('createPullRequest on GitHub Enterprise', () => {
  let github: FakeGitHub;
  before(async () => {
    github = await FakeGitHub.start({ pathPrefix: '/api/v3' });
    github.addRepo('acme', 'shop', { branches: { feature: 1 }, collaborators: ['dana'] });
  });
  after(() => github.close());

  it('speaks to HOST/api/v3, with or without a trailing slash', async () => {
    const result = await createPullRequest(
      { owner: 'acme', repo: 'shop', title: 't', body: '', head: 'feature', base: 'main', draft: false, labels: ['x'], reviewers: ['dana'] },
      { token: github.token, apiUrl: `${github.apiUrl}/` },
    );
    assert.equal(result.outcome, 'created');
    assert.deepEqual(github.calls(), [
      'GET /api/v3/repos/acme/shop/pulls',
      'POST /api/v3/repos/acme/shop/pulls',
      'POST /api/v3/repos/acme/shop/issues/1/labels',
      'POST /api/v3/repos/acme/shop/pulls/1/requested_reviewers',
    ]);
  });
});
