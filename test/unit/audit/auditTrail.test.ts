// `pm-zone audit` on a repository with a known history, GitHub answered by
// the local API server: a complete chain, one missing its approvals and its
// flag flip, one not merged, and a pull request nobody in the pilot wrote.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleRepo } from '../../../scripts/sample-repo.mjs';
import type { AuditReport } from '../../../src/core/audit';
import { FakeGitHub } from '../../support/fakeGitHub';
import { PLANNING_PATH, PLANNING_TEXT } from '../../support/finishedPlanning';
import { cli } from '../cli/support/cli';
import { isolatedGitEnv, runGit, tempDir } from '../helpers/tempRepo';

const COPY = 'src/features/checkout/i18n/en.json';
const FLAGS = 'src/features/checkout/flags.yaml';

describe('pm-zone audit', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let root: string;
  const sha: Record<string, string> = {};

  /** Commits every change at `date`, as `author`. */
  async function commitAt(message: string, date: string, author = 'Alice PM <alice@acme.test>'): Promise<string> {
    const env = { ...isolatedGitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    await runGit(root, ['add', '--all'], env);
    await runGit(root, ['commit', '--quiet', '--no-verify', '--author', author, '-m', message], env);
    return (await runGit(root, ['rev-parse', 'HEAD'])).trim();
  }

  async function mergeAt(branch: string, date: string): Promise<string> {
    const env = { ...isolatedGitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    await runGit(root, ['checkout', '--quiet', 'main'], env);
    await runGit(root, ['merge', '--quiet', '--no-ff', '--no-verify', '-m', `Merge ${branch}`, branch], env);
    return (await runGit(root, ['rev-parse', 'HEAD'])).trim();
  }

  const edit = (relPath: string, from: string, to: string) => {
    const file = join(root, relPath);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${relPath} lacks ${from}`);
    writeFileSync(file, text.replace(from, to));
  };

  before(async () => {
    fake = await FakeGitHub.start({ login: 'auditor' });
    root = join(await tempDir('audit'), 'shop');
    createSampleRepo(root);
    // #1: the planning doc first, then the copy change; approved by the DRI after one round of changes; the flag flipped after.
    await runGit(root, ['checkout', '--quiet', '-b', 'alice/warmer-copy']);
    writeFileSync(join(root, PLANNING_PATH), PLANNING_TEXT);
    sha.planning = await commitAt('Checkout: planning doc', '2026-03-02T09:00:00Z');
    edit(COPY, '"placeOrder": "Place order"', '"placeOrder": "Confirm order"');
    await commitAt('Checkout: warmer copy', '2026-03-03T09:00:00Z');
    sha.merge1 = await mergeAt('alice/warmer-copy', '2026-03-05T09:00:00Z');
    edit(FLAGS, 'enabled: true\n    rollout: 10', 'enabled: true\n    rollout: 50');
    sha.flip = await commitAt('Roll checkout_copy_v2 out to half', '2026-03-06T09:00:00Z', 'Dana Engineer <dana@acme.test>');
    // #2: another copy change for the same doc and flag, merged with no review and no flip after it.
    await runGit(root, ['checkout', '--quiet', '-b', 'alice/button-copy']);
    edit(COPY, '"back": "Back to cart"', '"back": "Back to my cart"');
    await commitAt('Checkout: back button copy', '2026-03-09T09:00:00Z');
    sha.merge2 = await mergeAt('alice/button-copy', '2026-03-10T09:00:00Z');

    fake.addRepo('acme', 'shop');
    fake.addPullRequest('acme', 'shop', {
      head: 'alice/warmer-copy', author: 'alice', title: 'Warmer checkout copy', labels: ['pm-authored'], state: 'closed',
      createdAt: '2026-03-03T10:00:00Z', mergedAt: '2026-03-05T09:00:00Z', mergeCommitSha: sha.merge1,
      reviews: [
        { author: 'dana', state: 'CHANGES_REQUESTED', submittedAt: '2026-03-04T09:00:00Z' },
        { author: 'dana', state: 'APPROVED', submittedAt: '2026-03-04T15:00:00Z' },
      ],
    });
    fake.addPullRequest('acme', 'shop', {
      head: 'alice/button-copy', author: 'alice', title: 'Back button copy', state: 'closed',
      createdAt: '2026-03-09T10:00:00Z', mergedAt: '2026-03-10T09:00:00Z', mergeCommitSha: sha.merge2,
      reviews: [{ author: 'dana', state: 'COMMENTED', submittedAt: '2026-03-09T12:00:00Z' }],
    });
    fake.addPullRequest('acme', 'shop', { head: 'zoe/infra', author: 'zoe', title: 'Infra tweak', createdAt: '2026-03-11T10:00:00Z' });
    fake.addPullRequest('acme', 'shop', { head: 'bob/search-copy', author: 'bob', title: 'Search copy', createdAt: '2026-03-12T10:00:00Z' });
  });

  after(async () => {
    await fake?.close();
  });

  const audit = (...args: string[]) => cli(['audit', '--repo', 'acme/shop', '--api-url', fake.apiUrl, ...args], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });

  it('reads every link back, names each missing one, and reports completeness over the PM-authored pull requests only', async () => {
    const run = await audit('--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AuditReport;
    assert.deepEqual(report.pullRequests.map((pull) => [pull.number, pull.complete, pull.missing]), [
      [1, true, []],
      [2, false, ['approval', 'dri-approval', 'flag-flip']],
      [4, false, ['merge']],
    ]);
    assert.equal(report.completeness, 1 / 3);

    const [first, second] = report.pullRequests;
    assert.deepEqual(first!.intent, {
      planningPath: PLANNING_PATH,
      commit: { sha: sha.planning, date: '2026-03-02T09:00:00Z', author: 'Alice PM', url: `${fake.webUrl}/acme/shop/commit/${sha.planning}` },
    });
    assert.equal(first!.implementation.changesRequested, 1);
    assert.deepEqual(first!.implementation.approvals.map((approval) => approval.reviewer), ['@dana']);
    assert.equal(first!.implementation.driApproved, true);
    assert.equal(first!.implementation.mergeCommit?.sha, sha.merge1);
    assert.deepEqual(first!.deployment, {
      flags: ['checkout_copy_v2'], copyOnly: false,
      flips: [{ sha: sha.flip, date: '2026-03-06T09:00:00Z', author: 'Dana Engineer', url: `${fake.webUrl}/acme/shop/commit/${sha.flip}`, flag: 'checkout_copy_v2', file: FLAGS, from: { enabled: true, rollout: 10 }, to: { enabled: true, rollout: 50 } }],
    });
    // The doc merged with #1 is the one #2 answers to, found in its feature folder.
    assert.equal(second!.intent.planningPath, PLANNING_PATH);
    assert.deepEqual(second!.deployment?.flips, []);
  });

  it('says each missing link in words, and audits one pull request by number', async () => {
    const run = await audit('--pr', '2');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^acme\/shop: 0 of 1 PM-authored pull requests complete \(0%\)/);
    assert.match(run.stdout, /#2 Back button copy \(@alice\) INCOMPLETE/);
    assert.match(run.stdout, /missing: no flag flip recorded after merge/);
    assert.match(run.stdout, /missing: no approval by the pilot's engineering DRI/);
  });

  it('calls a PLANNING.md committed after the pull request opened late', async () => {
    fake.pull('acme', 'shop', 1)!.createdAt = '2026-03-01T10:00:00Z';
    try {
      const report = JSON.parse((await audit('--json', '--pr', '1')).stdout) as AuditReport;
      assert.deepEqual(report.pullRequests[0]!.missing, ['planning-late']);
    } finally {
      fake.pull('acme', 'shop', 1)!.createdAt = '2026-03-03T10:00:00Z';
    }
  });

  it('reads past GitHub\'s first page, and keeps to --since', async () => {
    for (let extra = 0; extra < 120; extra++) fake.addPullRequest('acme', 'shop', { head: `zoe/old-${extra}`, author: 'zoe', createdAt: '2026-01-01T00:00:00Z' });
    const since = JSON.parse((await audit('--json', '--since', '2026-03-09')).stdout) as AuditReport;
    assert.deepEqual(since.pullRequests.map((pull) => pull.number), [2, 4]);
    assert.ok(fake.requests.some((request) => request.path === '/repos/acme/shop/pulls' && request.query.page === '2'), 'the second page was never read');
  });

  it('exits 1 in regulated mode when any link is missing, 0 when every audited chain is complete', async () => {
    const claude = join(root, 'CLAUDE.md');
    const standard = readFileSync(claude, 'utf8');
    writeFileSync(claude, standard.replace('Mode: standard', 'Mode: regulated'));
    try {
      const incomplete = await audit('--json');
      assert.equal(incomplete.code, 1);
      assert.equal((JSON.parse(incomplete.stdout) as AuditReport).regulated, true);
      assert.equal((await audit('--pr', '1')).code, 0);
    } finally {
      writeFileSync(claude, standard);
    }
  });

  it('fails in one line without a token, and with a clear message on a 401, the token never printed', async () => {
    const none = await cli(['audit', '--repo', 'acme/shop', '--api-url', fake.apiUrl], { cwd: root, env: { ...isolatedGitEnv } });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /set GITHUB_TOKEN \(or GH_TOKEN\)/);
    const wrong = await cli(['audit', '--repo', 'acme/shop', '--api-url', fake.apiUrl], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: 'ghp_wrongToken0123456789' } });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^pm-zone: .*GitHub/);
    assert.ok(!wrong.stderr.includes('ghp_wrongToken0123456789'));
  });
});
