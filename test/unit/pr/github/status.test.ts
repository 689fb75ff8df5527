// Where a sent pull request stands, read back from a GitHub API server: what
// the sidebar shows after sending, and the next step it names.
import * as assert from 'node:assert/strict';
import { pullRequestNextStep, pullRequestNumberOf, pullRequestStatus, type PullRequestStatus } from '../../../../src/core/pr';
import { FakeGitHub } from '../../../support/fakeGitHub';

describe('pullRequestStatus against a GitHub API server', () => {
  let github: FakeGitHub;
  const options = () => ({ token: github.token, apiUrl: github.apiUrl });
  const HEAD = 'a'.repeat(40);

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { 'alice/copy': 1 }, collaborators: ['dana'] });
  });

  it('reads a draft with its checks by outcome and who is asked to review', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', draft: true, headSha: HEAD, reviewers: ['dana'] });
    github.addCheckRun('acme', 'shop', { headSha: HEAD, name: 'PM PR Review', conclusion: 'success' });
    github.addCheckRun('acme', 'shop', { headSha: HEAD, name: 'Tests', conclusion: null });
    github.addCheckRun('acme', 'shop', { headSha: HEAD, name: 'Lint', conclusion: 'failure' });
    const status = await pullRequestStatus('acme', 'shop', number, options());
    assert.deepEqual(status, {
      number, url: `${github.webUrl}/acme/shop/pull/${number}`, state: 'draft',
      checks: { passed: 1, failed: 1, pending: 1 }, requestedReviewers: ['@dana'],
    });
  });

  it('tells merged from closed, and answers a missing pull request with a GitHub error', async () => {
    const merged = github.addPullRequest('acme', 'shop', { head: 'alice/copy', state: 'closed', mergedAt: '2026-03-04T10:00:00Z' });
    assert.equal((await pullRequestStatus('acme', 'shop', merged, options())).state, 'merged');
    const closed = github.addPullRequest('acme', 'shop', { head: 'alice/copy', state: 'closed' });
    assert.equal((await pullRequestStatus('acme', 'shop', closed, options())).state, 'closed');
    await assert.rejects(pullRequestStatus('acme', 'shop', 999, options()), { kind: 'not-found' });
  });

  it('reads the number of a pull request address, and nothing else', () => {
    assert.equal(pullRequestNumberOf('https://github.com/acme/shop/pull/12'), 12);
    assert.equal(pullRequestNumberOf('https://github.com/acme/shop/pull/12/files'), 12);
    assert.equal(pullRequestNumberOf('https://github.com/acme/shop/compare/main...x'), undefined);
  });
});

describe('pullRequestNextStep', () => {
  const status = (overrides: Partial<PullRequestStatus>): PullRequestStatus => ({
    number: 3, url: 'https://github.com/acme/shop/pull/3', state: 'open', checks: { passed: 0, failed: 0, pending: 0 }, requestedReviewers: ['@dana'], ...overrides,
  });

  it('names what happens next, for every state', () => {
    assert.equal(pullRequestNextStep(status({ state: 'draft' }), 'It is a draft because regulated mode asks @dana and @erin to sign off first.'), 'It is a draft because regulated mode asks @dana and @erin to sign off first.');
    assert.match(pullRequestNextStep(status({ state: 'draft' })), /mark it ready for review/);
    assert.match(pullRequestNextStep(status({ checks: { passed: 1, failed: 1, pending: 0 } })), /^1 check failed: see which on GitHub, fix it on this branch/);
    assert.equal(pullRequestNextStep(status({ checks: { passed: 0, failed: 0, pending: 2 } })), 'Checks are running; then @dana reviews it.');
    assert.match(pullRequestNextStep(status({})), /^Waiting for @dana to review\./);
    assert.match(pullRequestNextStep(status({ state: 'merged' })), /^Merged\. Roll it out/);
    assert.match(pullRequestNextStep(status({ state: 'closed' })), /^Closed without merging/);
  });
});
