// `pm-zone audit` on a repository with a known history, GitHub answered by
// the local API server: a complete chain, one missing its approvals and its
// flag flip, one not merged, and a pull request nobody in the pilot wrote.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleRepo } from '../../../scripts/sample-repo.mjs';
import { auditHtml, type AuditReport } from '../../../src/core/audit';
import { descendants, parseMarkdown, plainText } from '../../../src/core/text/markdown';
import { FakeGitHub, type CheckRunState } from '../../support/fakeGitHub';
import { PLANNING_PATH, PLANNING_TEXT } from '../../support/finishedPlanning';
import { assertOneLineError, cli } from '../cli/support/cli';
import { isolatedGitEnv, runGit, tempDir } from '../helpers/tempRepo';
import { cpuBound } from '../helpers/cpuBound';

const COPY = 'src/features/checkout/i18n/en.json';
const FLAGS = 'src/features/checkout/flags.yaml';

describe('pm-zone audit', function () {
  this.timeout(cpuBound(60_000));
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
    sha.copy = await commitAt('Checkout: warmer copy', '2026-03-03T09:00:00Z');
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
      // #2 brought no planning doc of its own and names none: the gate's review would have blocked it at merge.
      [2, false, ['review', 'approval', 'dri-approval', 'flag-flip']],
      [4, false, ['merge']],
    ]);
    assert.equal(report.completeness, 1 / 3);

    const [first, second] = report.pullRequests;
    assert.deepEqual(first!.intent, {
      planningPath: PLANNING_PATH,
      commit: { sha: sha.planning, date: '2026-03-02T09:00:00Z', author: 'Alice PM', url: `${fake.webUrl}/acme/shop/commit/${sha.planning}` },
      pullRequest: { number: 1, url: `${fake.webUrl}/acme/shop/pull/1`, driApproved: true },
    });
    assert.equal(first!.implementation.changesRequested, 1);
    // @dana approved, and CODEOWNERS names her for the checkout folder the merge changed.
    assert.deepEqual(first!.implementation.approvals.map((approval) => [approval.reviewer, approval.codeOwner]), [['@dana', true]]);
    assert.deepEqual(first!.implementation.commits.map((commit) => commit.subject), ['Checkout: planning doc', 'Checkout: warmer copy']);
    assert.equal(first!.implementation.driApproved, true);
    assert.equal(first!.implementation.mergeCommit?.sha, sha.merge1);
    assert.deepEqual(first!.deployment, {
      flags: ['checkout_copy_v2'], copyOnly: false,
      flips: [{ sha: sha.flip, date: '2026-03-06T09:00:00Z', author: 'Dana Engineer', url: `${fake.webUrl}/acme/shop/commit/${sha.flip}`, flag: 'checkout_copy_v2', file: FLAGS, from: { enabled: true, rollout: 10 }, to: { enabled: true, rollout: 50 }, source: 'repository' }],
    });
    // The doc merged with #1 is the one #2 answers to, found in its feature folder: #1 is its planning pull request.
    assert.equal(second!.intent.planningPath, PLANNING_PATH);
    assert.deepEqual(second!.intent.pullRequest, { number: 1, url: `${fake.webUrl}/acme/shop/pull/1`, driApproved: true });
    assert.deepEqual(second!.deployment?.flips, []);
    // No CI gate ran here: the review is recomputed on each merge with the rules of its first parent.
    assert.deepEqual(first!.implementation.review, { source: 'recomputed', result: 'passed', url: null, blockers: 0 });
    assert.deepEqual(second!.implementation.review, { source: 'recomputed', result: 'failed', url: null, blockers: 1 });
  });

  it("takes the PM PR Review at merge from the CI gate's check run when the repository runs it, asked once", async () => {
    const pull = fake.pull('acme', 'shop', 1)!;
    pull.headSha = sha.copy;
    fake.addCheckRun('acme', 'shop', { headSha: sha.copy!, name: 'PM PR Review', conclusion: 'failure', completedAt: '2026-03-04T10:00:00Z' });
    try {
      rmSync(join(root, '.git', 'pm-zone', 'github-cache.json'), { force: true });
      const report = JSON.parse((await audit('--json', '--pr', '1')).stdout) as AuditReport;
      const [first] = report.pullRequests;
      assert.deepEqual(first!.implementation.review, { source: 'ci-check', result: 'failed', url: `${fake.webUrl}/acme/shop/runs/1`, blockers: null });
      assert.deepEqual(first!.missing, ['review']);
      fake.requests.length = 0;
      await audit('--json', '--pr', '1');
      assert.ok(!fake.requests.some((request) => request.path.endsWith('/check-runs')), 'a finished check run was asked for again');
    } finally {
      delete pull.headSha;
    }
  });

  it('asks again about a check run that had not completed: only a completed run is kept as final', async () => {
    const pull = fake.pull('acme', 'shop', 1)!;
    // Another commit than the test above asks about, whose run completed long ago.
    pull.headSha = sha.planning;
    const run: CheckRunState = { headSha: sha.planning!, name: 'PM PR Review', conclusion: null, status: 'queued' };
    fake.addCheckRun('acme', 'shop', run);
    try {
      rmSync(join(root, '.git', 'pm-zone', 'github-cache.json'), { force: true });
      const review = async () => (JSON.parse((await audit('--json', '--pr', '1')).stdout) as AuditReport).pullRequests[0]!.implementation.review;
      assert.deepEqual(await review(), { source: 'ci-check', result: 'unknown', url: `${fake.webUrl}/acme/shop/runs/1`, blockers: null });
      Object.assign(run, { status: 'completed', conclusion: 'success', completedAt: '2026-03-04T11:00:00Z' });
      assert.deepEqual(await review(), { source: 'ci-check', result: 'passed', url: `${fake.webUrl}/acme/shop/runs/1`, blockers: null });
      fake.requests.length = 0;
      await review();
      assert.ok(!fake.requests.some((request) => request.path.endsWith('/check-runs')), 'a completed check run was asked for again');
    } finally {
      delete pull.headSha;
    }
  });

  it('keeps a pull request and a review whose account was deleted (GitHub answers user: null), its author shown as a deleted account', async () => {
    const number = fake.addPullRequest('acme', 'shop', {
      head: 'gone/copy', author: null, title: 'Copy by a departed PM', labels: ['pm-authored'], createdAt: '2026-03-13T10:00:00Z',
      reviews: [{ author: null, state: 'APPROVED', submittedAt: '2026-03-13T12:00:00Z' }],
    });
    try {
      // The list says null; the pull request alone says "ghost", GitHub's stand-in: both are a deleted account.
      const run = await audit('--json', '--since', '2026-03-13');
      assert.equal(run.code, 0, run.stderr);
      const [row] = (JSON.parse(run.stdout) as AuditReport).pullRequests;
      assert.equal(row?.implementation.author, '@ghost (deleted account)');
      assert.deepEqual(row?.implementation.approvals.map((approval) => approval.reviewer), ['@ghost (deleted account)']);
      assert.match((await audit('--pr', String(number))).stdout, /#5 Copy by a departed PM \(@ghost \(deleted account\)\) INCOMPLETE/);
    } finally {
      fake.removePullRequest('acme', 'shop', number);
    }
  });

  it('says each missing link in words, and audits one pull request by number', async () => {
    const run = await audit('--pr', '2');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^acme\/shop: 0 of 1 PM-authored pull requests complete \(0%\)/);
    assert.match(run.stdout, /#2 Back button copy \(@alice\) INCOMPLETE/);
    assert.match(run.stdout, /missing: no flag flip recorded after merge/);
    assert.match(run.stdout, /missing: no approval by the pilot's engineering DRI/);
    assert.match(run.stdout, /; PM PR Review failed \(recomputed: 1 blocker\)\n/);
  });

  it('writes Markdown for the compliance walkthrough: one table row per pull request, every link a URL', async () => {
    const run = await audit('--format', 'markdown');
    assert.equal(run.code, 0, run.stderr);
    const table = descendants(parseMarkdown(run.stdout), 'table')[0];
    assert.ok(table, run.stdout);
    const rows = table.children.map((row) => row.children.map((cell) => plainText(cell)));
    assert.deepEqual(rows[0], ['pull request', 'intent', 'implementation', 'deployment', 'chain']);
    assert.deepEqual(rows.slice(1).map((row) => row[4]), ['✅ complete', "❌ the PM PR Review did not pass at merge; merged without an approving review; no approval by the pilot's engineering DRI; no flag flip recorded after merge", '❌ not merged']);
    assert.equal(rows[1]![3], 'checkout_copy_v2 on 10% → on 50% 2026-03-06');
    const links = descendants(table, 'link').map((link) => link.url);
    for (const expected of [`${fake.webUrl}/acme/shop/pull/1`, `${fake.webUrl}/acme/shop/commit/${sha.planning}`, `${fake.webUrl}/acme/shop/commit/${sha.merge1}`, `${fake.webUrl}/acme/shop/commit/${sha.flip}`]) {
      assert.ok(links.includes(expected), `no link to ${expected}`);
    }
    assert.ok(links.some((url) => url.startsWith(`${fake.webUrl}/acme/shop/pull/1#pullrequestreview-`)), 'the approval does not link its review');
  });

  it('writes a page of its own with --format html: every link a link, every text escaped', async () => {
    const pull = fake.pull('acme', 'shop', 1)!;
    const title = pull.title;
    pull.title = 'Warmer <b>checkout</b> copy & more';
    try {
      const html = (await audit('--format', 'html', '--pr', '1')).stdout;
      assert.match(html, /^<!DOCTYPE html>/);
      assert.ok(html.includes('#1 Warmer &#x3C;b>checkout&#x3C;/b> copy &#x26; more'), html);
      assert.match(html, new RegExp(`<a href="${fake.webUrl}/acme/shop/commit/${sha.planning}" data-open="[^"]+">src/features/checkout/PLANNING.md</a>`));
      assert.match(html, /✅ complete/);
      // The page lists the links it holds, and only those: what the webview may open.
      const listed = auditHtml(JSON.parse((await audit('--json', '--pr', '1')).stdout) as AuditReport).links;
      assert.deepEqual(new Set(listed), new Set([...html.matchAll(/ href="([^"]+)"/g)].map((match) => match[1])));
      assert.ok(listed.includes(`${fake.webUrl}/acme/shop/pull/1`) && listed.includes(`${fake.webUrl}/acme/shop/commit/${sha.planning}`), listed.join(' '));
    } finally {
      pull.title = title;
    }
  });

  it("takes the flag system's exported flips too, JSON Lines, CSV or Unleash's event log, and names a line it cannot read", async () => {
    const folder = await tempDir('flag-log');
    const jsonl = join(folder, 'flips.jsonl');
    writeFileSync(jsonl, [
      '{"flag": "checkout_copy_v2", "time": "2026-03-06T09:00:00Z", "actor": "@dana", "state": "on 50%"}',
      '{"flag": "checkout_copy_v2", "time": "2026-03-11T09:00:00Z", "actor": "@dana", "enabled": true, "rollout": 100}',
      '{"flag": "search_ranking_v3", "time": "2026-03-11T09:00:00Z", "actor": "@bob", "state": "off"}',
      '',
    ].join('\n'));
    const report = JSON.parse((await audit('--json', '--pr', '2', '--flag-log', jsonl)).stdout) as AuditReport;
    assert.deepEqual(report.pullRequests[0]!.missing, ['review', 'approval', 'dri-approval']);
    assert.deepEqual(report.pullRequests[0]!.deployment?.flips, [{
      flag: 'checkout_copy_v2', date: '2026-03-11T09:00:00Z', author: '@dana', source: 'flag-system', logLine: `${jsonl}:2`,
      from: { enabled: true, rollout: 50 }, to: { enabled: true, rollout: 100 },
    }]);

    const csv = join(folder, 'flips.csv');
    writeFileSync(csv, 'time,flag,actor,state\n1773219600000,checkout_copy_v2,"Dana Engineer, platform",on 100%\n');
    const fromCsv = JSON.parse((await audit('--json', '--pr', '2', '--flag-log', csv)).stdout) as AuditReport;
    assert.deepEqual(fromCsv.pullRequests[0]!.deployment?.flips.map((flip) => [flip.date, flip.author, flip.to]), [['2026-03-11T09:00:00Z', 'Dana Engineer, platform', { enabled: true, rollout: 100 }]]);

    // Unleash's event log export, converted as it is read: switching and rollout recorded apart, other flags and events ignored.
    const unleash = join(folder, 'unleash-events.json');
    writeFileSync(unleash, JSON.stringify({ version: 1, events: [
      { id: 3, type: 'feature-strategy-update', createdBy: 'dana@acme.test', createdAt: '2026-03-12T09:00:00.000Z', featureName: 'checkout_copy_v2', environment: 'production', project: 'default', data: { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: 'checkout_copy_v2' } }, preData: { name: 'flexibleRollout', parameters: { rollout: '50' } } },
      { id: 2, type: 'feature-environment-enabled', createdBy: 'dana@acme.test', createdAt: '2026-03-11T09:00:00.000Z', featureName: 'checkout_copy_v2', environment: 'production', project: 'default', data: null },
      { id: 1, type: 'feature-updated', createdBy: 'bob@acme.test', createdAt: '2026-03-11T08:00:00.000Z', featureName: 'checkout_copy_v2', data: { description: 'copy' } },
      { id: 4, type: 'feature-environment-disabled', createdBy: 'bob@acme.test', createdAt: '2026-03-12T10:00:00.000Z', featureName: 'search_ranking_v3', environment: 'production' },
    ] }));
    const fromUnleash = JSON.parse((await audit('--json', '--pr', '2', '--flag-log', unleash)).stdout) as AuditReport;
    assert.deepEqual(fromUnleash.pullRequests[0]!.deployment?.flips.map((flip) => [flip.date, flip.author, flip.from, flip.to, flip.logLine]), [
      ['2026-03-11T09:00:00Z', 'dana@acme.test', null, { enabled: true, rollout: null }, `${unleash}: events[1] (production)`],
      ['2026-03-12T09:00:00Z', 'dana@acme.test', { enabled: true, rollout: null }, { enabled: true, rollout: 100 }, `${unleash}: events[0] (production)`],
    ]);

    writeFileSync(csv, 'flag,time,actor,state\ncheckout_copy_v2,2026-03-11T09:00:00Z,@dana,halfway\n');
    const broken = await audit('--json', '--pr', '2', '--flag-log', csv);
    assert.equal(broken.code, 2);
    // --json: the failure as JSON on stdout too.
    assert.match(JSON.parse(broken.stdout).error.message, /the state 'halfway' is not on, off/);
    assert.match(broken.stderr, /flips\.csv:2: the state 'halfway' is not on, off, a rollout such as 25%, or both \('on 25%'\)\. Nothing was audited\./);
    const missing = await audit('--pr', '2', '--flag-log', join(folder, 'nope.jsonl'));
    assert.match(missing.stderr, /cannot read the flag log .*nope\.jsonl: no such file/);
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

  it("reads past GitHub's first page, and stops paging once a page reaches back before --since", async () => {
    for (let extra = 0; extra < 120; extra++) fake.addPullRequest('acme', 'shop', { head: `zoe/old-${extra}`, author: 'zoe', createdAt: '2026-01-01T00:00:00Z' });
    fake.requests.length = 0;
    const all = JSON.parse((await audit('--json')).stdout) as AuditReport;
    assert.deepEqual(all.pullRequests.map((pull) => pull.number), [1, 2, 4]);
    assert.ok(fake.requests.some((request) => request.path === '/repos/acme/shop/pulls' && request.query.page === '2'), 'the second page was never read');
    fake.requests.length = 0;
    const since = JSON.parse((await audit('--json', '--since', '2026-03-09')).stdout) as AuditReport;
    assert.deepEqual(since.pullRequests.map((pull) => pull.number), [2, 4]);
    // Newest first: the first page already reaches back to January.
    assert.deepEqual(fake.requests.filter((request) => request.path === '/repos/acme/shop/pulls').map((request) => request.query.page ?? '1'), ['1']);
    // Reviews are asked for the audited pull requests only, not for every one listed.
    const reviewed = new Set(fake.requests.map((request) => /\/pulls\/(\d+)\/reviews$/.exec(request.path)?.[1]).filter(Boolean));
    assert.ok([...reviewed].every((number) => ['2', '4'].includes(number!)), `reviews asked for ${[...reviewed].join(', ')}`);
    // A range: --to names its last day whole.
    const range = JSON.parse((await audit('--json', '--since', '2026-03-01', '--to', '2026-03-09')).stdout) as AuditReport;
    assert.deepEqual(range.pullRequests.map((pull) => pull.number), [1, 2]);
  });

  it('asks GitHub almost nothing the second time: pages answered 304 from the copy in the git folder, unchanged reviews not asked again', async () => {
    rmSync(join(root, '.git', 'pm-zone', 'github-cache.json'), { force: true });
    const reviewRequests = () => fake.requests.filter((request) => request.path.endsWith('/reviews')).map((request) => request.path);
    fake.requests.length = 0;
    fake.notModified = 0;
    const first = JSON.parse((await audit('--json')).stdout) as AuditReport;
    assert.deepEqual(first.github, { requests: fake.requests.length, notModified: 0, reused: 0 });
    assert.equal(reviewRequests().length, 3);
    assert.equal(fake.requests.filter((request) => request.path.endsWith('/check-runs')).length, 2);

    fake.requests.length = 0;
    const second = JSON.parse((await audit('--json')).stdout) as AuditReport;
    const pages = fake.requests.filter((request) => request.path === '/repos/acme/shop/pulls').length;
    // Reused without asking: the three audited pull requests' reviews and the two merged ones' reviews recomputed at merge.
    // The gate's check, absent on both, is asked again (a workflow can still run there), and GitHub answers 304.
    const checks = fake.requests.filter((request) => request.path.endsWith('/check-runs')).length;
    assert.equal(checks, 2);
    assert.deepEqual(second.github, { requests: pages + checks, notModified: pages + checks, reused: 5 });
    assert.equal(fake.notModified, pages + checks);
    assert.ok(fake.requests.every((request) => request.headers['if-none-match']), 'a GET went out without its ETag');
    assert.deepEqual(reviewRequests(), []);
    assert.deepEqual(second.pullRequests, first.pullRequests);

    // A review submitted since changes the pull request's updated_at: only its reviews are asked again.
    const reviews = fake.pull('acme', 'shop', 2)!.reviews!;
    reviews.push({ author: 'dana', state: 'APPROVED', submittedAt: '2026-03-20T09:00:00Z' });
    try {
      fake.requests.length = 0;
      const third = JSON.parse((await audit('--json')).stdout) as AuditReport;
      assert.deepEqual(reviewRequests(), ['/repos/acme/shop/pulls/2/reviews']);
      assert.deepEqual(third.pullRequests.find((pull) => pull.number === 2)!.implementation.approvals.map((approval) => approval.reviewer), ['@dana']);
    } finally {
      reviews.pop();
    }

    // --no-cache neither reads nor writes the copy.
    fake.requests.length = 0;
    const fresh = JSON.parse((await audit('--json', '--no-cache')).stdout) as AuditReport;
    assert.equal(fresh.github!.notModified, 0);
    assert.ok(fake.requests.every((request) => !request.headers['if-none-match']));
  });

  it('stops on a rate limit that will not lift soon, says when it lifts, and keeps what it gathered for the next run', async () => {
    rmSync(join(root, '.git', 'pm-zone', 'github-cache.json'), { force: true });
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    fake.failNext('GET /repos/:o/:r/pulls/:n/reviews', { status: 403, body: { message: 'API rate limit exceeded for user.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    const limited = await audit('--json');
    assert.equal(limited.code, 2);
    assert.equal(JSON.parse(limited.stdout).error.exitCode, 2);
    assert.match(limited.stderr, /\(rate limit\)\. Run it again in (59|60) minutes: the answers read so far are kept/);
    // The pages it read are kept: the next run sends them conditionally.
    fake.requests.length = 0;
    assert.equal((await audit('--json')).code, 0);
    assert.ok(fake.requests.filter((request) => request.path === '/repos/acme/shop/pulls').every((request) => request.headers['if-none-match']));
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

  it('stops with the fetch to run when this clone lacks a merge commit, rather than report links as missing', async () => {
    const absent = 'f'.repeat(40);
    const number = fake.addPullRequest('acme', 'shop', { head: 'alice/elsewhere', author: 'alice', labels: ['pm-authored'], state: 'closed', createdAt: '2026-03-13T10:00:00Z', mergedAt: '2026-03-14T10:00:00Z', mergeCommitSha: absent });
    try {
      const run = await audit('--pr', String(number));
      assert.equal(run.code, 2);
      assert.match(run.stderr, /lacks the merge commit fffffff: run git fetch origin .*Nothing was audited\./);
      assert.equal(run.stdout, '');
    } finally {
      Object.assign(fake.pull('acme', 'shop', number)!, { author: 'zoe', labels: [] });
    }
  });

  it('says in one line that a folder outside git has no history to audit or read out', async () => {
    const plain = await tempDir('not-git');
    for (const command of [['audit'], ['readout', '--start', '2026-03-02']]) {
      const run = await cli(command, { cwd: plain, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });
      assertOneLineError(run, 2, /not inside a git repository/);
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
