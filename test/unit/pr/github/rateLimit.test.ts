import * as assert from 'node:assert/strict';
import { createPullRequest, GitHubError } from '../../../../src/core/pr/github/client';
import { rateLimitWaitMs, sendWithRetries } from '../../../../src/core/pr/github/rateLimit';
import { FakeGitHub, githubFailures } from '../../../support/fakeGitHub';
import { change } from './support';


describe('rateLimitWaitMs', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads retry-after in seconds or as an HTTP date', () => {
    assert.equal(rateLimitWaitMs(403, { 'retry-after': '7' }, '', now), 7000);
    assert.equal(rateLimitWaitMs(429, { 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, '', now), 30_000);
  });

  it('reads the primary limit from x-ratelimit-remaining 0 and x-ratelimit-reset', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 90) };
    assert.equal(rateLimitWaitMs(403, headers, '', now), 90_000);
    assert.equal(rateLimitWaitMs(403, { ...headers, 'x-ratelimit-reset': String(now / 1000 - 5) }, '', now), 0, 'a reset in the past: no wait');
  });

  it('waits a minute for a secondary limit without headers, as GitHub advises', () => {
    assert.equal(rateLimitWaitMs(403, {}, 'You have exceeded a secondary rate limit.', now), 60_000);
    assert.equal(rateLimitWaitMs(429, {}, '', now), 60_000);
  });

  it('is not a rate limit: other statuses, a forbidden 403, requests remaining, garbage headers', () => {
    assert.equal(rateLimitWaitMs(500, { 'retry-after': '5' }, '', now), undefined);
    assert.equal(rateLimitWaitMs(403, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1' }, 'Forbidden', now), undefined);
    assert.equal(rateLimitWaitMs(403, { 'retry-after': 'soon' }, '', now), undefined);
    assert.equal(rateLimitWaitMs(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'later' }, '', now), undefined);
  });
});

describe('rate-limited requests', () => {
  let github: FakeGitHub;
  /** The waits the client asked for, recorded instead of waited out. */
  let waits: number[];
  const options = (retry: { maxRetries?: number; maxWaitMs?: number }) => ({ token: github.token, apiUrl: github.apiUrl, retry: { ...retry, wait: async (ms: number) => void waits.push(ms) } });

  before(async () => {
    github = await FakeGitHub.start();
  });
  after(() => github.close());
  beforeEach(() => {
    waits = [];
    github.reset();
    github.addRepo('acme', 'shop', { branches: { copy: 1 } });
  });

  it('waits out a short secondary limit (retry-after) and then succeeds', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(1));
    const result = await createPullRequest(change, options({ maxRetries: 2, maxWaitMs: 2000 }));
    assert.equal(result.outcome, 'created');
    assert.deepEqual(waits, [1000], 'waited once, as long as GitHub asked');
    assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls', 'POST /repos/acme/shop/pulls', 'POST /repos/acme/shop/pulls']);
  });

  it('waits with a timer when no wait is given', async () => {
    let sent = 0;
    const limited = Object.assign(new Error('rate limited'), { status: 429, response: { headers: { 'retry-after': '0' }, data: {} } });
    const answer = await sendWithRetries(() => (++sent === 1 ? Promise.reject(limited) : 'sent'), { maxRetries: 1, maxWaitMs: 10 });
    assert.deepEqual([answer, sent], ['sent', 2]);
  });

  it('retries a primary limit whose reset has passed', async () => {
    github.failNext('GET /repos/:o/:r/pulls', githubFailures.primaryRateLimit(Math.floor(Date.now() / 1000) - 1), 2);
    const result = await createPullRequest(change, options({ maxRetries: 2, maxWaitMs: 100 }));
    assert.equal(result.outcome, 'created');
    assert.equal(github.calls().filter((call) => call === 'GET /repos/acme/shop/pulls').length, 3);
  });

  it('a wait longer than maxWaitMs is not waited: the error says how long', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(120));
    const error = await createPullRequest(change, options({ maxWaitMs: 50 })).then(
      () => assert.fail('expected rate-limited'),
      (caught: unknown) => caught as GitHubError,
    );
    assert.deepEqual(waits, [], 'nothing waited');
    assert.equal(error.kind, 'rate-limited');
    assert.equal(error.retryAfterSeconds, 120);
    assert.match(error.nextStep, /Try again in 2 minutes/);
    assert.equal(github.calls().length, 2, 'sent once, not retried');
  });

  it('stops after maxRetries and reports the limit', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.secondaryRateLimit(0), 5);
    const error = await createPullRequest(change, options({ maxRetries: 2, maxWaitMs: 100 })).then(
      () => assert.fail('expected rate-limited'),
      (caught: unknown) => caught as GitHubError,
    );
    assert.equal(error.kind, 'rate-limited');
    assert.match(error.nextStep, /Try again in 1 second\b/);
    assert.equal(github.calls().filter((call) => call === 'POST /repos/acme/shop/pulls').length, 3);
  });

  it('a 429 with retry-after is a rate limit too', async () => {
    github.failNext('GET /repos/:o/:r/pulls', { status: 429, headers: { 'retry-after': '30' }, body: { message: 'Too Many Requests' } });
    const error = await createPullRequest(change, options({ maxWaitMs: 10 })).catch((caught: GitHubError) => caught);
    assert.equal((error as GitHubError).kind, 'rate-limited');
    assert.equal((error as GitHubError).retryAfterSeconds, 30);
  });

  it('a forbidden 403 is never retried', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.forbidden());
    await assert.rejects(createPullRequest(change, options({ maxRetries: 2, maxWaitMs: 10_000 })), { kind: 'forbidden' });
    assert.equal(github.calls().length, 2);
  });
});
