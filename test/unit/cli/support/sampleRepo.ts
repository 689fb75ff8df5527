// The "Acme Shop" sample repository (scripts/sample-repo.mjs) as the base of
// end-to-end tests. Building one takes a dozen git commands, so each variant
// is built once per run and every test gets its own copy.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createSampleRepo, type SampleRepoOptions } from '../../../../scripts/sample-repo.mjs';
import { copyTree, runGit, tempDir } from '../../helpers/tempRepo';
import { cli, parsed } from './cli';

const templates = new Map<string, Promise<string>>();

function template(options: SampleRepoOptions): Promise<string> {
  const key = JSON.stringify(options);
  let built = templates.get(key);
  if (!built) {
    built = tempDir('sample-template').then((dir) => createSampleRepo(dir, options).root);
    templates.set(key, built);
  }
  return built;
}

/** A fresh, standalone copy of the sample repository built with `options`; returns its root. */
export async function sampleRepo(options: SampleRepoOptions = {}): Promise<string> {
  return standaloneCopy(await template(options));
}

/** A copy of a repository of its own: the working trees other tests added to the original are left behind. */
export async function standaloneCopy(root: string): Promise<string> {
  const copy = await tempDir('repo-copy');
  const worktrees = path.join(root, '.git', 'worktrees');
  await copyTree(root, copy, (source) => source === worktrees);
  return copy;
}

/**
 * A fresh working tree of the sample repository on a new branch at the
 * template's HEAD (`git worktree add`, ten times faster than a copy). It
 * shares the template's objects, config and hooks folder: not for hook tests,
 * nor for a test that runs `git config` (every later copy of the template in
 * the same worker process would carry the setting; sampleRepo instead).
 */
export async function sampleWorktree(options: SampleRepoOptions = {}): Promise<string> {
  return worktreeOf(await template(options), options.branch ?? 'main');
}

/**
 * Working trees of the sample (main) and of its `unenforced` variant, made
 * on first use and shared by the tests of one suite that only read them.
 */
export function sharedSample(): { plain(): Promise<string>; unenforced(): Promise<string> } {
  let plain: Promise<string> | undefined;
  let unenforced: Promise<string> | undefined;
  return {
    plain: () => (plain ??= sampleWorktree()),
    unenforced: () => (unenforced ??= sampleWorktree({ unenforced: true })),
  };
}

let worktrees = 0;

/** A new working tree of the repository at `root`, on a new branch `<branch>-<n>` at its HEAD. */
export async function worktreeOf(root: string, branch: string): Promise<string> {
  const dir = path.join(await tempDir('worktree'), 'repo');
  await git(root, 'worktree', 'add', '--quiet', '-b', `${branch}-${++worktrees}`, dir, 'HEAD');
  return dir;
}

/** Plain git in `root`, isolated from the machine's configuration. */
export function git(root: string, ...args: string[]): Promise<string> {
  return runGit(root, args);
}

/** Writes files (relative paths, `/`), creating their folders. */
export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relPath, content] of Object.entries(files)) {
    const file = path.join(root, ...relPath.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

export function readFile(root: string, relPath: string): Promise<string> {
  return fs.readFile(path.join(root, ...relPath.split('/')), 'utf8');
}

/** Writes `files`, stages everything and commits it (hooks skipped): one commit on the current branch. */
export async function commitAll(root: string, message: string, files: Record<string, string | Buffer> = {}): Promise<void> {
  await writeFiles(root, files);
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '--no-verify', '-m', message);
}

/** Replaces exactly one occurrence of `before` in a file of the repository. */
export async function editFile(root: string, relPath: string, before: string, after: string): Promise<void> {
  const text = await readFile(root, relPath);
  const at = text.indexOf(before);
  if (at < 0 || text.indexOf(before, at + 1) >= 0) throw new Error(`${relPath} must hold ${JSON.stringify(before)} exactly once`);
  await writeFiles(root, { [relPath]: text.slice(0, at) + after + text.slice(at + before.length) });
}

/** The 1-based line of the only line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one line with ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0];
}

export const PLANNING_FILE = 'src/features/checkout/PLANNING.md';

export interface PlanningAnswers {
  /** The body of the "AI assistance" section. */
  ai?: string;
  /** The `flag:` of the front matter and the rollout plan's flag (`--flag`). */
  flag?: string;
}

/**
 * What a PM does: `pm-zone planning new`, then replaces every prompt of the
 * template with real words. Returns the finished doc's text (written to the
 * working tree, not committed).
 */
export async function writeFinishedPlanning(root: string, answers: PlanningAnswers = {}): Promise<string> {
  const created = parsed<{ path: string }>(
    await cli(['planning', 'new', '--cwd', root, '--json', '--title', 'Say "Confirm order" on the order button', '--metric', 'checkout completion rate', ...(answers.flag ? ['--flag', answers.flag] : [])]),
  );
  if (created.path !== PLANNING_FILE) throw new Error(`planning new wrote ${created.path}`);
  const sections: Record<string, string> = {
    Problem: 'In the March usability study, 4 of 12 shoppers hesitated on "Place order", unsure whether it charges them now.',
    Intent: 'The order button says "Confirm order", which matches what happens next.',
    'Out of scope': 'The pay button and its amount stay as they are.',
    'Feature flag and rollout plan': 'Behind `checkout_copy_v2`: 10% of sessions for a week, then 50%, then 100% if completion holds.',
    'Analytics events': 'No new events: `checkout_button_clicked` already records the copy variant.',
    Rollback: 'Alice or Dana turns `checkout_copy_v2` off in flags.yaml; copy only, nothing to undo.',
    Risks: 'Shoppers may read "Confirm" as a second step; the completion rate will show it within a week.',
    'AI assistance': answers.ai ?? 'None of this change was AI-generated; I wrote the copy and this doc myself.',
  };
  let text = await readFile(root, created.path);
  for (const [heading, body] of Object.entries(sections)) {
    text = text.replace(new RegExp(`(## ${heading}\\n\\n)<!--[\\s\\S]*?-->`), `$1${body}`);
  }
  text = text
    .replace(/^- Metric: .*$/m, '- Metric: checkout completion rate (orders / checkout views), in the analytics dashboard')
    .replace(/^- Baseline: .*$/m, '- Baseline: 61.4% over the last 28 days')
    .replace(/^- Expected direction: .*$/m, '- Expected direction: up by at least one point')
    .replace(/\| _Describe a risk_ \| _Low, medium or high_ \| _How it is limited_ \|/, '| Shoppers misread the new word | Low | Rollout starts at 10% |')
    .replace(/^<!-- The change-justification doc[\s\S]*?-->\n\n/m, '');
  await writeFiles(root, { [created.path]: text });
  return text;
}
