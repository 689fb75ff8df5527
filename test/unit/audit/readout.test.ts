// `pm-zone readout` on a generated history with known dates: five old-model
// checkout features and one search feature before the pilot, two pilot PRs of
// @alice (one with its metric's result recorded, one without), an open PR of
// @bob, and an engineer's checkout change during the pilot that is no
// baseline. The expected numbers are worked out here from the dates, by hand.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleRepo } from '../../../scripts/sample-repo.mjs';
import type { Readout } from '../../../src/core/audit';
import { energyLine } from '../../../src/core/audit';
import { FakeGitHub } from '../../support/fakeGitHub';
import { PLANNING_TEXT } from '../../support/finishedPlanning';
import { childEnv, cli, spawnCli } from '../cli/support/cli';
import { isolatedGitEnv, runGit, tempDir } from '../helpers/tempRepo';

interface Feature {
  key: string;
  folder: string;
  author: string;
  plan: string;
  code: string;
  opened: string;
  merged?: string;
  reviews: Array<['APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', string, string?]>;
  energy?: number;
  metric?: string;
}

const ENGINEER = 'Dana Engineer <dana@acme.test>';
const d = (date: string) => (date.length === 10 ? `${date}T09:00:00Z` : date);
const FEATURES: Feature[] = [
  { key: 'b1', folder: 'src/features/checkout/b1', author: 'dana', plan: '2026-01-05', code: '2026-01-15', opened: '2026-01-16', merged: '2026-01-20', reviews: [['CHANGES_REQUESTED', '2026-01-17'], ['CHANGES_REQUESTED', '2026-01-18'], ['APPROVED', '2026-01-19']] },
  { key: 'b2', folder: 'src/features/checkout/b2', author: 'dana', plan: '2026-01-19', code: '2026-01-26', opened: '2026-01-27', merged: '2026-01-30', reviews: [['APPROVED', '2026-01-29']] },
  { key: 'b3', folder: 'src/features/checkout/b3', author: 'dana', plan: '2026-02-02', code: '2026-02-10', opened: '2026-02-11', merged: '2026-02-13', reviews: [['CHANGES_REQUESTED', '2026-02-12'], ['APPROVED', '2026-02-12T18:00:00Z']] },
  { key: 'b4', folder: 'src/features/checkout/b4', author: 'dana', plan: '2026-02-09', code: '2026-02-14', opened: '2026-02-15', merged: '2026-02-18', reviews: [['CHANGES_REQUESTED', '2026-02-16'], ['APPROVED', '2026-02-17']] },
  { key: 'b5', folder: 'src/features/checkout/b5', author: 'dana', plan: '2026-02-16', code: '2026-02-20', opened: '2026-02-21', merged: '2026-02-25', reviews: [['CHANGES_REQUESTED', '2026-02-22'], ['APPROVED', '2026-02-24'], ['COMMENTED', '2026-02-24T12:00:00Z']] },
  { key: 's1', folder: 'src/features/search/s1', author: 'erin', plan: '2026-02-01', code: '2026-02-05', opened: '2026-02-06', merged: '2026-02-10', reviews: [['APPROVED', '2026-02-09']] },
  { key: 'p1', folder: 'src/features/checkout/p1', author: 'alice', plan: '2026-03-02', code: '2026-03-03', opened: '2026-03-03T12:00:00Z', merged: '2026-03-05T12:00:00Z', reviews: [['CHANGES_REQUESTED', '2026-03-04', '[compliance] the consent copy needs legal wording'], ['APPROVED', '2026-03-05']], energy: 4, metric: '- Metric: checkout completion rate\n- Baseline: 61%\n- Expected direction: up\n- Result: 64% after two weeks' },
  { key: 'e1', folder: 'src/features/checkout/e1', author: 'dana', plan: '2026-03-04', code: '2026-03-05', opened: '2026-03-05T12:00:00Z', merged: '2026-03-06', reviews: [['APPROVED', '2026-03-06']] },
  { key: 'p2', folder: 'src/features/checkout/p2', author: 'alice', plan: '2026-03-09', code: '2026-03-09T21:00:00Z', opened: '2026-03-10', merged: '2026-03-11', reviews: [['APPROVED', '2026-03-11']], energy: 2, metric: '- Metric: saved carts per week\n- Baseline: 40\n- Expected direction: up' },
  { key: 'p3', folder: 'src/features/search/p3', author: 'bob', plan: '2026-03-11', code: '2026-03-12', opened: '2026-03-12T12:00:00Z', reviews: [['CHANGES_REQUESTED', '2026-03-13']], energy: 5 },
];

const DAY = 86_400_000;
const between = (from: string, to: string) => Math.round(((Date.parse(d(to)) - Date.parse(d(from))) / DAY) * 100) / 100;
const mean = (values: number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;

describe('pm-zone readout', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let root: string;
  const numbers: Record<string, number> = {};

  async function commitAt(message: string, date: string, author: string): Promise<string> {
    const env = { ...isolatedGitEnv, GIT_AUTHOR_DATE: d(date), GIT_COMMITTER_DATE: d(date) };
    await runGit(root, ['add', '--all'], env);
    await runGit(root, ['commit', '--quiet', '--no-verify', '--author', author, '-m', message], env);
    return (await runGit(root, ['rev-parse', 'HEAD'])).trim();
  }

  before(async () => {
    fake = await FakeGitHub.start({ login: 'auditor' });
    root = join(await tempDir('readout'), 'shop');
    createSampleRepo(root);
    fake.addRepo('acme', 'shop');
    for (const feature of FEATURES) {
      const author = feature.author === 'dana' || feature.author === 'erin' ? ENGINEER : `${feature.author} <${feature.author}@acme.test>`;
      await runGit(root, ['checkout', '--quiet', '-b', feature.key, 'main']);
      mkdirSync(join(root, feature.folder), { recursive: true });
      const planning = PLANNING_TEXT.replace(/## Primary metric and baseline\n\n[\s\S]*?\n\n## /, `## Primary metric and baseline\n\n${feature.metric ?? '- Metric: conversion\n- Baseline: 10%\n- Expected direction: up'}\n\n## `);
      writeFileSync(join(root, feature.folder, 'PLANNING.md'), planning);
      await commitAt(`${feature.key}: planning`, feature.plan, author);
      writeFileSync(join(root, feature.folder, 'copy.json'), `{"title": "${feature.key}"}\n`);
      await commitAt(`${feature.key}: code`, feature.code, author);
      let mergeCommitSha: string | undefined;
      if (feature.merged) {
        const env = { ...isolatedGitEnv, GIT_AUTHOR_DATE: d(feature.merged), GIT_COMMITTER_DATE: d(feature.merged) };
        await runGit(root, ['checkout', '--quiet', 'main'], env);
        await runGit(root, ['merge', '--quiet', '--no-ff', '--no-verify', '-m', `Merge ${feature.key}`, feature.key], env);
        mergeCommitSha = (await runGit(root, ['rev-parse', 'HEAD'])).trim();
      }
      numbers[feature.key] = fake.addPullRequest('acme', 'shop', {
        head: feature.key, author: feature.author, title: `Feature ${feature.key}`, state: feature.merged ? 'closed' : 'open',
        labels: ['alice', 'bob'].includes(feature.author) ? ['pm-authored'] : [],
        body: feature.energy ? `Planning: ${feature.folder}/PLANNING.md\n\n${energyLine(feature.energy)}\n` : 'A change.',
        createdAt: d(feature.opened), ...(feature.merged ? { mergedAt: d(feature.merged), mergeCommitSha } : {}),
        reviews: feature.reviews.map(([state, at, body]) => ({ author: feature.author === 'bob' ? 'erin' : 'dana', state, submittedAt: d(at), ...(body ? { body } : {}) })),
      });
    }
    await runGit(root, ['checkout', '--quiet', 'main']);
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
      // Changes requested before the approval; b5's comment after it is no cycle.
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

  it('draws the same charts from the built program, whose chart libraries load from vega.js beside it', async function () {
    this.timeout(120_000);
    const run = await spawnCli(['readout', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--start', '2026-03-02', '--format', 'markdown', '--no-cache'], { cwd: root, env: childEnv({ GITHUB_TOKEN: fake.token }) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((run.stdout.match(/<svg[\s\S]*?<\/svg>/g) ?? []).length, 2);
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
