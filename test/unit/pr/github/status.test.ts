// Where a sent pull request stands, read back from a GitHub API server: what
// the sidebar shows after sending, and the next step it names.
import * as assert from 'node:assert/strict';
import { branchPullRequest, commitsNotInPullRequest, pullRequestNextStep, pullRequestNumberOf, pullRequestStatus, type PullRequestStatus } from '../../../../src/core/pr';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';
import { tempRepo } from '../../helpers/tempRepo';

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
      number, url: `${github.webUrl}/acme/shop/pull/${number}`, state: 'draft', headSha: HEAD,
      checks: { passed: 1, failed: 1, pending: 1 }, requestedReviewers: ['@dana'],
      review: { decision: 'none', changesRequestedBy: [], approvedBy: [], comments: [], cycles: 0 },
    });
  });

  it('reads a review that asks for changes, with its comments on lines, and counts a cycle once a commit follows a request', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', headSha: HEAD, reviewers: ['dana', 'erin'] });
    github.review('acme', 'shop', number, { by: 'erin', state: 'COMMENTED', comments: [{ path: 'src/i18n/en.json', line: 2, body: 'Just a thought.' }] });
    github.review('acme', 'shop', number, { by: 'dana', body: 'Nearly.', comments: [{ path: 'src/i18n/en.json', line: 4, body: 'Say "Confirm order".' }, { path: 'PLANNING.md', line: 9, body: 'Name the metric.' }] });
    const asked = await pullRequestStatus('acme', 'shop', number, options());
    assert.deepEqual(asked.requestedReviewers, [], 'a reviewer who reviewed is no longer asked');
    assert.equal(asked.review?.decision, 'changes-requested');
    assert.deepEqual(asked.review?.changesRequestedBy, ['@dana']);
    assert.deepEqual(asked.review?.comments.map(({ path, line, body, author }) => ({ path, line, body, author })), [
      { path: 'src/i18n/en.json', line: 4, body: 'Say "Confirm order".', author: '@dana' },
      { path: 'PLANNING.md', line: 9, body: 'Name the metric.', author: '@dana' },
    ], 'only the comments of the review that asks for changes');
    assert.match(asked.review?.comments[0]?.url ?? '', /\/pull\/1#discussion_r/);
    assert.equal(pullRequestNextStep(asked), '@dana asked for changes (2 comments on lines): make them, commit, then push to #1.');

    assert.equal(asked.review?.cycles, 0, 'no cycle until a commit follows the request');

    // The PM pushes a fix: the request is a cycle. Dana approves, then asks for changes once more: a cycle only once the next fix is pushed.
    github.pull('acme', 'shop', number)!.headSha = 'b'.repeat(40);
    const pushed = await pullRequestStatus('acme', 'shop', number, options());
    assert.equal(pushed.review?.answered, true);
    assert.equal(pullRequestNextStep(pushed), 'You pushed changes since @dana asked (2 comments on lines): @dana reviews them next. Reply on GitHub to say what you changed.');
    assert.equal(asked.review?.answered, undefined, 'asked on the head itself: not answered yet');
    github.review('acme', 'shop', number, { by: 'dana', state: 'APPROVED' });
    const approved = await pullRequestStatus('acme', 'shop', number, options());
    assert.deepEqual([approved.review?.decision, approved.review?.approvedBy, approved.review?.comments, approved.review?.cycles], ['approved', ['@dana'], [], 1]);
    github.review('acme', 'shop', number, { by: 'dana', body: 'One more.' });
    github.review('acme', 'shop', number, { by: 'erin', body: 'And from me.' });
    assert.equal((await pullRequestStatus('acme', 'shop', number, options())).review?.cycles, 1, 'two reviewers asking on the same commit: one cycle, not yet followed');
    github.pull('acme', 'shop', number)!.headSha = 'c'.repeat(40);
    assert.equal((await pullRequestStatus('acme', 'shop', number, options())).review?.cycles, 2);
  });

  it('reads every page of check runs, and commit statuses beside them', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', headSha: HEAD });
    for (let index = 0; index < 130; index++) github.addCheckRun('acme', 'shop', { headSha: HEAD, name: `Shard ${index}`, conclusion: index === 120 ? 'failure' : 'success' });
    github.addCommitStatus('acme', 'shop', { sha: HEAD, context: 'ci/jenkins', state: 'pending' });
    github.addCommitStatus('acme', 'shop', { sha: HEAD, context: 'deploy/preview', state: 'success' });
    const status = await pullRequestStatus('acme', 'shop', number, options());
    assert.deepEqual(status.checks, { passed: 130, failed: 1, pending: 1 });
    assert.equal(github.calls().filter((call) => call.endsWith('/check-runs')).length, 2, 'the second page was not read');
  });

  it('says the checks are unknown, and why, when GitHub refuses to show them: never "no checks"', async () => {
    const number = github.addPullRequest('acme', 'shop', { head: 'alice/copy', headSha: HEAD });
    github.addCheckRun('acme', 'shop', { headSha: HEAD, name: 'Tests', conclusion: 'success' });
    github.failNext('GET /repos/:o/:r/commits/:sha/check-runs', githubFailures.forbidden());
    const status = await pullRequestStatus('acme', 'shop', number, options());
    assert.equal(status.state, 'open');
    assert.match(status.checks.unknown ?? '', /^GitHub did not let PM Zone read the checks: the sign-in has no access to them\.$/);
    github.failNext('GET /repos/:o/:r/commits/:sha/check-runs', githubFailures.serverError());
    github.failNext('GET /repos/:o/:r/commits/:sha/check-runs', githubFailures.serverError());
    github.failNext('GET /repos/:o/:r/commits/:sha/check-runs', githubFailures.serverError());
    await assert.rejects(pullRequestStatus('acme', 'shop', number, options()), { kind: 'server' }, 'a server failure is not read as a refusal');
  });

  it('finds the branch\'s open pull request on GitHub, whatever PM Zone remembers', async () => {
    assert.equal(await branchPullRequest('acme', 'shop', 'alice/copy', options()), undefined);
    github.addPullRequest('acme', 'shop', { head: 'alice/copy', state: 'closed' });
    github.addPullRequest('acme', 'shop', { head: 'other' });
    const open = github.addPullRequest('acme', 'shop', { head: 'alice/copy', headSha: HEAD });
    const found = await branchPullRequest('acme', 'shop', 'alice/copy', options());
    assert.deepEqual([found?.number, found?.state, found?.headSha], [open, 'open', HEAD]);
    assert.ok(github.requests.some((request) => request.path === '/repos/acme/shop/pulls' && request.query.head === 'acme:alice/copy' && request.query.state === 'open'));
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

describe('commitsNotInPullRequest', () => {
  it('counts the branch\'s commits the pull request\'s head does not have, from GitHub\'s head or origin\'s copy', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': '1\n' } }, { branch: 'alice/copy', message: 'copy', files: { 'a.txt': '2\n' } }] });
    const sent = (await repo.run('rev-parse', 'HEAD')).trim();
    assert.equal(await commitsNotInPullRequest(repo.git, 'alice/copy', sent), 0);
    await repo.commit('the reviewer\'s fix', { 'a.txt': '3\n' });
    await repo.commit('and another', { 'a.txt': '4\n' });
    assert.equal(await commitsNotInPullRequest(repo.git, 'alice/copy', sent), 2);
    // GitHub's head is not in this clone: origin's copy of the branch says what was pushed.
    assert.equal(await commitsNotInPullRequest(repo.git, 'alice/copy', 'f'.repeat(40)), undefined);
    await repo.run('update-ref', 'refs/remotes/origin/alice/copy', sent);
    assert.equal(await commitsNotInPullRequest(repo.git, 'alice/copy', 'f'.repeat(40)), 2);
    // Pushed a moment ago, and GitHub still names the earlier head: nothing is left to push.
    await repo.run('update-ref', 'refs/remotes/origin/alice/copy', 'HEAD');
    assert.equal(await commitsNotInPullRequest(repo.git, 'alice/copy', sent), 0);
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
    assert.equal(pullRequestNextStep(status({}), undefined, { unpushed: 2 }), '2 commits are not in #3 yet: push them (Push my changes to #3).');
    assert.equal(pullRequestNextStep(status({ state: 'merged' }), undefined, { unpushed: 2 }).startsWith('Merged.'), true);
    assert.equal(pullRequestNextStep(status({ requestedReviewers: [], review: { decision: 'approved', approvedBy: ['@dana'], changesRequestedBy: [], comments: [], cycles: 0 } })), 'Approved by @dana: it can be merged on GitHub.');
  });
});
