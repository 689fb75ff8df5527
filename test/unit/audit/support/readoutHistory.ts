// The readout's generated history, with known dates: five old-model checkout
// features and one search feature before the pilot, two pilot PRs of @alice
// (one with its metric's result recorded, one without), an open PR of @bob,
// and an engineer's checkout change during the pilot that is no baseline.
// Shared by the readout's tests and the built program's.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleRepo } from '../../../../scripts/sample-repo.mjs';
import { energyLine } from '../../../../src/core/audit';
import type { FakeGitHub } from '../../../support/fakeGitHub';
import { PLANNING_TEXT } from '../../../support/finishedPlanning';
import { isolatedGitEnv, runGit, tempDir } from '../../helpers/tempRepo';

export interface Feature {
  key: string;
  folder: string;
  author: string;
  plan: string;
  code: string;
  opened: string;
  merged?: string;
  /** State, time, body, and the commit reviewed: a round of review (default its own), `head` for the pull request's last commit. */
  reviews: Array<['APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', string, string?, (number | 'head')?]>;
  energy?: number;
  metric?: string;
}

const ENGINEER = 'Dana Engineer <dana@acme.test>';
export const d = (date: string) => (date.length === 10 ? `${date}T09:00:00Z` : date);
export const FEATURES: Feature[] = [
  { key: 'b1', folder: 'src/features/checkout/b1', author: 'dana', plan: '2026-01-05', code: '2026-01-15', opened: '2026-01-16', merged: '2026-01-20', reviews: [['CHANGES_REQUESTED', '2026-01-17'], ['CHANGES_REQUESTED', '2026-01-18'], ['APPROVED', '2026-01-19']] },
  { key: 'b2', folder: 'src/features/checkout/b2', author: 'dana', plan: '2026-01-19', code: '2026-01-26', opened: '2026-01-27', merged: '2026-01-30', reviews: [['CHANGES_REQUESTED', '2026-01-28', 'Why this wording?', 'head'], ['APPROVED', '2026-01-29', undefined, 'head']] },
  { key: 'b3', folder: 'src/features/checkout/b3', author: 'dana', plan: '2026-02-02', code: '2026-02-10', opened: '2026-02-11', merged: '2026-02-13', reviews: [['CHANGES_REQUESTED', '2026-02-12', undefined, 0], ['CHANGES_REQUESTED', '2026-02-12T06:00:00Z', undefined, 0], ['APPROVED', '2026-02-12T18:00:00Z', undefined, 'head']] },
  { key: 'b4', folder: 'src/features/checkout/b4', author: 'dana', plan: '2026-02-09', code: '2026-02-14', opened: '2026-02-15', merged: '2026-02-18', reviews: [['CHANGES_REQUESTED', '2026-02-16'], ['APPROVED', '2026-02-17']] },
  { key: 'b5', folder: 'src/features/checkout/b5', author: 'dana', plan: '2026-02-16', code: '2026-02-20', opened: '2026-02-21', merged: '2026-02-25', reviews: [['CHANGES_REQUESTED', '2026-02-22'], ['APPROVED', '2026-02-24'], ['COMMENTED', '2026-02-24T12:00:00Z']] },
  { key: 's1', folder: 'src/features/search/s1', author: 'erin', plan: '2026-02-01', code: '2026-02-05', opened: '2026-02-06', merged: '2026-02-10', reviews: [['APPROVED', '2026-02-09']] },
  { key: 'p1', folder: 'src/features/checkout/p1', author: 'alice', plan: '2026-03-02', code: '2026-03-03', opened: '2026-03-03T12:00:00Z', merged: '2026-03-05T12:00:00Z', reviews: [['CHANGES_REQUESTED', '2026-03-04', '[compliance] the consent copy needs legal wording'], ['APPROVED', '2026-03-05']], energy: 4, metric: '- Metric: checkout completion rate\n- Baseline: 61%\n- Expected direction: up\n- Result: 64% after two weeks' },
  { key: 'e1', folder: 'src/features/checkout/e1', author: 'dana', plan: '2026-03-04', code: '2026-03-05', opened: '2026-03-05T12:00:00Z', merged: '2026-03-06', reviews: [['APPROVED', '2026-03-06']] },
  { key: 'p2', folder: 'src/features/checkout/p2', author: 'alice', plan: '2026-03-09', code: '2026-03-09T21:00:00Z', opened: '2026-03-10', merged: '2026-03-11', reviews: [['APPROVED', '2026-03-11']], energy: 2, metric: '- Metric: saved carts per week\n- Baseline: 40\n- Expected direction: up' },
  { key: 'p3', folder: 'src/features/search/p3', author: 'bob', plan: '2026-03-11', code: '2026-03-12', opened: '2026-03-12T12:00:00Z', reviews: [['CHANGES_REQUESTED', '2026-03-13']], energy: 5 },
];

export interface History {
  /** The repository's working tree, on main. */
  root: string;
  /** Each feature's pull request number on the local GitHub API server. */
  numbers: Record<string, number>;
  /** Commits what is in the working tree at `date` (ISO day or time), as `author`. */
  commitAt(message: string, date: string, author: string): Promise<string>;
}

/** The sample repository with every feature's commits and merges, and its pull requests on `fake` (acme/shop). */
export async function readoutHistory(fake: FakeGitHub): Promise<History> {
  const root = join(await tempDir('readout'), 'shop');
  const numbers: Record<string, number> = {};
  async function commitAt(message: string, date: string, author: string): Promise<string> {
    const env = { ...isolatedGitEnv, GIT_AUTHOR_DATE: d(date), GIT_COMMITTER_DATE: d(date) };
    await runGit(root, ['add', '--all'], env);
    await runGit(root, ['commit', '--quiet', '--no-verify', '--author', author, '-m', message], env);
    return (await runGit(root, ['rev-parse', 'HEAD'])).trim();
  }
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
      headSha: commitOf(feature.key, 'head'),
      reviews: feature.reviews.map(([state, at, body, round], index) => ({ author: feature.author === 'bob' ? 'erin' : 'dana', state, submittedAt: d(at), commitId: commitOf(feature.key, round ?? index), ...(body ? { body } : {}) })),
    });
  }
  await runGit(root, ['checkout', '--quiet', 'main']);
  return { root, numbers, commitAt };
}

/** The commit a feature's pull request had in a round of review (its head last). */
function commitOf(key: string, round: number | 'head'): string {
  return createHash('sha1').update(`${key} ${round}`).digest('hex');
}
