import * as assert from 'node:assert/strict';
import { createPullRequest, getAuthenticatedUser, GitHubError, type PullRequestRequest } from '../../../../src/core/pr/github/client';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';

const change: PullRequestRequest = {
  owner: 'acme',
  repo: 'shop',
  title: 'Checkout copy',
  body: 'Planning: PLANNING.md',
  head: 'copy',
  base: 'main',
  draft: true,
  labels: ['pm-change'],
  reviewers: ['@dana'],
};

/** Runs `action`, which must fail with a GitHubError, and returns that error. */
async function failure(action: Promise<unknown>): Promise<GitHubError> {
  try {
    await action;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('createPullRequest failures, as GitHub sends them', () => {
  let github: FakeGitHub;
  const options = () => ({ token: github.token, apiUrl: github.apiUrl, retry: { maxRetries: 0 } });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 1, empty: 0 }, collaborators: ['dana', 'erin'] });
  });

  it('no commits between the branches: push a commit first', async () => {
    const error = await failure(createPullRequest({ ...change, head: 'empty' }, options()));
    assert.equal(error.kind, 'no-commits');
    assert.equal(error.status, 422);
    assert.match(error.message, /No commits between main and empty/);
    assert.match(error.nextStep, /push a commit first/);
  });

  it('a branch GitHub does not have: push the branch', async () => {
    const error = await failure(createPullRequest({ ...change, head: 'never-pushed' }, options()));
    assert.equal(error.kind, 'validation');
    assert.match(error.message, /head is invalid/);
    assert.match(error.nextStep, /Push the branch/);
  });

  it('any other 422 carries GitHub’s errors[].message', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.validation('Title is too long (maximum is 256 characters)'));
    const error = await failure(createPullRequest(change, options()));
    assert.equal(error.kind, 'validation');
    assert.deepEqual(error.details, ['Title is too long (maximum is 256 characters)']);
    assert.equal(error.summary, 'GitHub did not accept the request (422): Title is too long (maximum is 256 characters).');
  });

  it('401 from a wrong token: sign in again', async () => {
    const error = await failure(createPullRequest(change, { ...options(), token: 'ghp_wrong' }));
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.match(error.nextStep, /Sign in to GitHub again/);
  });

  it('an empty token fails before any request', async () => {
    const error = await failure(getAuthenticatedUser({ token: '  ', apiUrl: github.apiUrl }));
    assert.equal(error.kind, 'unauthorized');
    assert.deepEqual(github.requests, []);
  });

  it('403 with X-GitHub-SSO: authorise the token, with the URL', async () => {
    const sso = 'https://github.com/orgs/acme/sso?authorization_request=AZ0123';
    github.failNext('GET /repos/:o/:r/pulls', githubFailures.ssoRequired(sso));
    const error = await failure(createPullRequest(change, options()));
    assert.equal(error.kind, 'sso-required');
    assert.equal(error.ssoUrl, sso);
    assert.match(error.nextStep, /Authorise the token for the organisation's SSO: https:\/\/github\.com\/orgs\/acme\/sso/);
  });

  it('403 without SSO or rate limit: no permission in owner/repo', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.forbidden());
    const error = await failure(createPullRequest(change, options()));
    assert.equal(error.kind, 'forbidden');
    assert.match(error.message, /no permission to open pull requests in acme\/shop/);
  });

  it('404 for a repository that does not exist or is hidden', async () => {
    const error = await failure(createPullRequest({ ...change, repo: 'secret' }, options()));
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /acme\/secret does not exist, or your account has no access to it/);
  });

  it('drafts unsupported: the kind lets the caller offer a ready pull request', async () => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 1 }, draftsSupported: false });
    const error = await failure(createPullRequest(change, options()));
    assert.equal(error.kind, 'drafts-unsupported');
    const ready = await createPullRequest({ ...change, draft: false, reviewers: [] }, options());
    assert.deepEqual([ready.outcome, ready.outcome === 'created' && ready.draft], ['created', false]);
  });

  it('5xx: a server error that is safe to retry', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.serverError(502));
    const error = await failure(createPullRequest(change, options()));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.nextStep, /Try again/);
  });

  it('a 5xx with an HTML body (a proxy) is still a server error', async () => {
    github.failNext('GET /repos/:o/:r/pulls', { status: 503, body: '<html>Unicorn!</html>' });
    assert.equal((await failure(createPullRequest(change, options()))).kind, 'server');
  });
});

describe('labels and reviewers GitHub refuses: the pull request stays open', () => {
  let github: FakeGitHub;
  const options = () => ({ token: github.token, apiUrl: github.apiUrl, retry: { maxRetries: 0 } });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 1 }, collaborators: ['dana', 'erin'], teams: ['eng'] });
  });

  for (const [status, failure] of [
    [403, githubFailures.forbidden('Must have push access to add labels')],
    [404, githubFailures.notFound()],
    [422, githubFailures.validation('Label name is invalid')],
  ] as const) {
    it(`labels failing with ${status}: created, with a warning naming the labels`, async () => {
      github.failNext('POST /repos/:o/:r/issues/:n/labels', failure);
      const result = await createPullRequest({ ...change, labels: ['pm-change', 'ai-assisted'] }, options());
      assert.equal(result.outcome, 'created');
      const warnings = result.outcome === 'created' ? result.warnings : [];
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /Labels "pm-change", "ai-assisted" could not be added/);
      assert.deepEqual(github.pull('acme', 'shop', 1)!.reviewers, ['dana'], 'reviewers are still requested');
    });
  }

  it('labels the repository does not have are created by GitHub, not warned about', async () => {
    const result = await createPullRequest({ ...change, labels: ['brand-new-label'] }, options());
    assert.deepEqual(result.outcome === 'created' && result.warnings, []);
  });

  it('a reviewer without access: the others are still requested, the warning names who failed', async () => {
    const result = await createPullRequest({ ...change, reviewers: ['@dana', '@mallory', '@acme/eng', '@erin'] }, options());
    assert.equal(result.outcome, 'created');
    const warnings = result.outcome === 'created' ? result.warnings : [];
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^@mallory could not be asked to review/);
    assert.match(warnings[0]!, /not a collaborator/);
    const pull = github.pull('acme', 'shop', 1)!;
    assert.deepEqual([pull.reviewers, pull.teams], [['dana', 'erin'], ['eng']]);
  });

  it('a single reviewer refused with 403: one warning, no second attempt', async () => {
    github.failNext('POST /repos/:o/:r/pulls/:n/requested_reviewers', githubFailures.forbidden());
    const result = await createPullRequest({ ...change, reviewers: ['@dana', '@erin'] }, options());
    const warnings = result.outcome === 'created' ? result.warnings : [];
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /@dana, @erin could not be asked to review.*no permission to request reviewers/);
    assert.equal(github.calls().filter((call) => call.endsWith('requested_reviewers')).length, 1);
  });

  it('a team of another organisation or an e-mail owner is warned about, not sent', async () => {
    const result = await createPullRequest({ ...change, reviewers: ['@other/eng', 'dana@example.com'] }, options());
    const warnings = result.outcome === 'created' ? result.warnings : [];
    assert.equal(warnings.length, 2);
    assert.ok(!github.calls().some((call) => call.endsWith('requested_reviewers')));
  });

  it('a network failure while labelling is a warning too', async () => {
    github.failNext('POST /repos/:o/:r/issues/:n/labels', 'destroy-socket');
    const result = await createPullRequest(change, options());
    assert.equal(result.outcome, 'created');
    assert.match(result.outcome === 'created' ? result.warnings[0]! : '', /could not be added.*cannot reach GitHub/);
  });
});
