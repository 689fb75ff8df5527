// `pm-zone readout` on a generated history with known dates
// (support/readoutHistory.ts). The expected numbers are worked out here from
// the dates, by hand.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readout } from '../../../src/core/audit';
import { FakeGitHub } from '../../support/fakeGitHub';
import { cli } from '../cli/support/cli';
import { isolatedGitEnv } from '../helpers/tempRepo';
import { d, FEATURES, readoutHistory, type History } from './support/readoutHistory';
import { cpuBound } from '../helpers/cpuBound';

const DAY = 86_400_000;
const between = (from: string, to: string) => Math.round(((Date.parse(d(to)) - Date.parse(d(from))) / DAY) * 100) / 100;
const mean = (values: number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;

describe('pm-zone readout', function () {
  this.timeout(cpuBound(60_000));
  let fake: FakeGitHub;
  let root: string;
  let numbers: History['numbers'];
  let commitAt: History['commitAt'];

  before(async () => {
    fake = await FakeGitHub.start({ login: 'auditor' });
    ({ root, numbers, commitAt } = await readoutHistory(fake));
  });

  after(async () => fake?.close());

  const readout = async (...args: string[]) => {
    const run = await cli(['readout', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--start', '2026-03-02', ...args], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });
    assert.equal(run.code, 0, run.stderr);
    return run;
  };
  const feature = (key: string) => FEATURES.find((candidate) => candidate.key === key)!;

  it("measures each pilot's pull requests against the four features shipped before the start in their folders, and decides by the seed's rule", async () => {
    const report = JSON.parse((await readout('--json')).stdout) as Readout;
    assert.equal(report.start, '2026-03-02');
    assert.equal(report.weeks, 4);
    const [alice, bob] = report.pilots;
    assert.equal(alice!.handle, '@alice');
    assert.deepEqual(alice!.pullRequests, [numbers.p1, numbers.p2]);
    // The four most recent merged checkout features before the start: b5, b4, b3, b2 (not b1, not the engineer's e1 during the pilot).
    const baseline = ['b5', 'b4', 'b3', 'b2'];
    assert.deepEqual(alice!.baseline.pullRequests, baseline.map((key) => numbers[key]));
    assert.deepEqual(alice!.metrics, {
      ideaToFirstCommitDays: mean(['p1', 'p2'].map((key) => between(feature(key).plan, feature(key).code))),
      reviewCycles: mean([1, 0]),
      cycleTimeDays: mean(['p1', 'p2'].map((key) => between(feature(key).opened, feature(key).merged!))),
      energy: mean([4, 2]),
    });
    assert.deepEqual(alice!.baseline, {
      pullRequests: baseline.map((key) => numbers[key]),
      ideaToFirstCommitDays: mean(baseline.map((key) => between(feature(key).plan, feature(key).code))),
      // A commit a reviewer asked changes on that newer commits followed: b3 asked twice on one commit is one cycle, b2 asked on its last commit none.
      reviewCycles: mean([1, 1, 1, 0]),
      cycleTimeDays: mean(baseline.map((key) => between(feature(key).opened, feature(key).merged!))),
      energy: null,
    });
    // Bob's pull request is open: no merge, no approval: missing, not zero.
    assert.equal(bob!.handle, '@bob');
    assert.deepEqual(bob!.metrics, { ideaToFirstCommitDays: null, reviewCycles: null, cycleTimeDays: null, energy: 5 });
    assert.deepEqual(bob!.baseline.pullRequests, [numbers.s1]);

    // Pooled: idea 0.75 days against 5.6 (down 87%), cycles 0.5 against 0.6, energy 3.67; p2 has no result yet.
    assert.deepEqual(report.criteria.map((criterion) => [criterion.id, criterion.met]), [['idea-to-first-commit', true], ['review-cycles', true], ['energy', true], ['primary-metric', null]]);
    assert.match(report.criteria[3]!.says, /no result recorded .* src\/features\/checkout\/p2\/PLANNING\.md/);
    assert.equal(report.criteriaMet, 3);
    assert.equal(report.decision, 'iterate');
    const p1 = report.pullRequests.find((pull) => pull.number === numbers.p1)!;
    assert.deepEqual(p1.primaryMetric, { metric: 'checkout completion rate', baseline: '61%', expected: 'up', result: '64% after two weeks', moved: true });
    assert.equal(report.regulated, null);
  });

  it('counts the result once the PM records it in the planning doc, and takes a named baseline', async () => {
    const path = join(root, feature('p2').folder, 'PLANNING.md');
    const { readFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').replace('- Expected direction: up', '- Expected direction: up\n- Result: 46 per week'));
    await commitAt('p2: result after launch', '2026-03-25', 'alice <alice@acme.test>');
    const report = JSON.parse((await readout('--json')).stdout) as Readout;
    assert.equal(report.criteriaMet, 4);
    assert.equal(report.decision, 'success');

    const named = JSON.parse((await readout('--json', '--baseline-prs', `${numbers.b1}`)).stdout) as Readout;
    assert.deepEqual(named.pilots[0]!.baseline.pullRequests, [numbers.b1]);
    assert.equal(named.pilots[0]!.baseline.reviewCycles, 2);
    assert.equal(named.pilots[0]!.baseline.ideaToFirstCommitDays, between(feature('b1').plan, feature('b1').code));
  });

  it('reads out in words and in Markdown with charts drawn as SVG, every number beside the pull requests it came from', async () => {
    const text = (await readout()).stdout;
    assert.match(text, /@alice: #\d+, #\d+; baseline #\d+, #\d+, #\d+, #\d+/);
    assert.match(text, /Decision: \d of 4 criteria met/);
    const markdown = (await readout('--format', 'markdown')).stdout;
    assert.match(markdown, /^# Pilot readout: acme\/shop/);
    assert.match(markdown, /\| PM energy \(1–5\) \| 3 \| — \|/);
    assert.equal((markdown.match(/<svg[\s\S]*?<\/svg>/g) ?? []).length, 2, 'the timeline and the comparison');
    assert.ok(markdown.includes(`Feature p1`), 'the timeline names each pull request');
    const html = (await readout('--format', 'html')).stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h1>Pilot readout: acme\/shop<\/h1>/);
    assert.equal((html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).length, 2);
    assert.match(html, new RegExp(`<a href="${fake.webUrl}/acme/shop/pull/${numbers.p1}" data-open="[^"]+">#${numbers.p1} Feature p1</a>`));
  });

  it('in regulated mode adds audit-trail completeness and the review findings tagged compliance', async () => {
    const claude = join(root, 'CLAUDE.md');
    const { readFileSync } = await import('node:fs');
    const standard = readFileSync(claude, 'utf8');
    writeFileSync(claude, standard.replace('Mode: standard', 'Mode: regulated'));
    try {
      const report = JSON.parse((await readout('--json')).stdout) as Readout;
      assert.equal(report.regulated!.complianceFindings, 1);
      // No flag was flipped after any pilot merge, and @bob's pull request is not merged: no chain is complete.
      assert.equal(report.regulated!.auditCompleteness, 0);
    } finally {
      writeFileSync(claude, standard);
    }
  });

  it('refuses a start that is not a date and a baseline that is not numbers, in one line', async () => {
    const bad = await cli(['readout', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--start', 'March'], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--start takes the pilot's first day, such as 2026-03-02, not 'March'/);
    const list = await cli(['readout', '--repo', 'acme/shop', '--start', '2026-03-02', '--baseline-prs', '12;15'], { cwd: root, env: { ...isolatedGitEnv, GITHUB_TOKEN: fake.token } });
    assert.match(list.stderr, /--baseline-prs takes pull request numbers separated by commas/);
  });
});
