// Faults of the way to GitHub that would lose the PM's text or report a
// pull request that does not exist.
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { FakeGitHub, githubFailures } from '../../support/fakeGitHub';
import { runGit } from '../helpers/tempRepo';
import { BRANCH, cli, kept, keptFile, sample } from '../cli/support/prSample';
import { cpuBound } from '../helpers/cpuBound';

describe('faults: GitHub answering what GitHub does not send', function () {
  this.timeout(cpuBound(60_000));
  let github: FakeGitHub;
  const api = () => ['--repo', 'acme/shop', '--api-url', github.apiUrl, '--no-push'];

  before(async () => {
    github = await FakeGitHub.start({ token: 'ghp_' + 'Tok3nTok3nTok3nTok3nTok3nTok3nTok3n12' });
  });
  beforeEach(() => {
    github.reset();
    github.addRepo('acme', 'shop', { branches: { [BRANCH]: 2 }, collaborators: ['dana'] });
  });
  after(() => github.close());

  it('a 200 that is a Wi-Fi sign-in page on the open-pull-request lookup is an error, and the text is kept', async () => {
    github.failNext('GET /repos/:o/:r/pulls', githubFailures.captivePortal());
    const shop = await sample();
    const run = await cli(shop.root, api());
    assert.equal(run.code, 1);
    assert.doesNotMatch(`${run.stdout}${run.stderr}`, /undefined|already open/);
    assert.match(run.stderr, /was not GitHub's \(status 200, but not the JSON GitHub sends: a proxy or a Wi-Fi sign-in page\?\)/);
    assert.match(await kept(shop.root), /title: Clearer card-declined message at checkout/);
    assert.deepEqual(github.calls(), ['GET /repos/acme/shop/pulls'], 'nothing was created on the strength of an unreadable answer');
  });

  it('a 201 whose body is cut off is an error, never "Opened #undefined" or a label request to /issues//labels', async () => {
    github.failNext('POST /repos/:o/:r/pulls', githubFailures.cutOffJson());
    const shop = await sample();
    const run = await cli(shop.root, api());
    assert.equal(run.code, 1);
    assert.doesNotMatch(`${run.stdout}${run.stderr}`, /undefined|Opened (draft )?pull request/);
    assert.ok(!github.calls().some((call) => call.includes('/labels')), github.calls().join(', '));
    assert.doesNotMatch(await kept(shop.root), /\nsent:/);
  });

  it('a 5 MB error message is cut to a few hundred characters', async () => {
    github.failNext('POST /repos/:o/:r/pulls', { status: 422, body: { message: 'x'.repeat(5_000_000) } });
    const shop = await sample();
    const run = await cli(shop.root, api());
    assert.equal(run.code, 1);
    assert.ok(run.stderr.length < 20_000, `printed ${run.stderr.length} characters`);
    assert.match(run.stderr, /… \(4999500 more characters\)/);
  });

  it('from a fork, the head is sent as owner:branch', async () => {
    const fork = await sample();
    // origin is Alice's fork; the pull request opens in acme/shop.
    await runGit(fork.root, ['remote', 'set-url', 'origin', 'https://github.com/alice/shop.git']);
    const run = await cli(fork.root, api());
    assert.equal(run.code, 0, run.stderr);
    const opened = github.requests.find((request) => request.method === 'POST' && request.path === '/repos/acme/shop/pulls');
    assert.equal((opened?.body as { head: string }).head, `alice:${BRANCH}`);
    assert.equal(github.requests[0]?.query.head, `alice:${BRANCH}`);
  });
});

describe('faults: hand edits of PULL_REQUEST.md survive recomposition while GitHub is unreachable', function () {
  this.timeout(cpuBound(60_000));

  it('keeps each edited draft under its own name, however often the PM recomposes', async () => {
    const shop = await sample();
    const unreachable = ['--repo', 'acme/shop', '--api-url', 'http://127.0.0.1:9', '--no-push'];
    assert.equal((await cli(shop.root, unreachable)).code, 1);
    const folder = path.dirname(keptFile(shop.root));
    const edits: string[] = [];
    for (const words of ['First edit by hand', 'Second edit by hand']) {
      const edited = (await kept(shop.root)).replace(/^title: .*$/m, `title: ${words}`);
      await writeFile(keptFile(shop.root), edited);
      edits.push(edited);
      const run = await cli(shop.root, unreachable);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /your earlier draft, with your edits, is kept in \.git\/pm-zone\/PULL_REQUEST\.previous(-2)?\.md/);
    }
    assert.equal(await readFile(path.join(folder, 'PULL_REQUEST.previous.md'), 'utf8'), edits[0]);
    assert.equal(await readFile(path.join(folder, 'PULL_REQUEST.previous-2.md'), 'utf8'), edits[1]);
  });
});
