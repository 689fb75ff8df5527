// The sample repository on a PM branch with a bare origin, and `pm-zone pr`
// run in-process with its output checked for the token: shared by the pull
// request tests and the fault suite.

import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createSampleRepo, type SampleRepoOptions } from '../../../../scripts/sample-repo.mjs';
import { runCli } from '../../../../src/cli/run';
import { copyTree, runGit, tempDir } from '../../helpers/tempRepo';

export const BRANCH = 'alice/checkout-copy';
export const PLANNING = 'src/features/checkout/PLANNING.md';
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const TOKEN = 'ghp_' + 'Tok3nTok3nTok3nTok3nTok3nTok3nTok3n12';
export const planningDoc = (name: string) => readFile(path.join(REPO_ROOT, 'test/fixtures/planning', name), 'utf8');

export interface Sample {
  root: string;
  bare: string;
}

type SampleOptions = SampleRepoOptions & { planning?: boolean; trailer?: boolean };
const templates = new Map<string, Promise<Sample>>();

/**
 * The sample repository on the PM branch, with a planning doc committed and
 * a bare origin of its own. Each variant is built once (a dozen git
 * commands); every call gets a fresh copy of both.
 */
export async function sample(options: SampleOptions = {}): Promise<Sample> {
  const key = JSON.stringify(options);
  let template = templates.get(key);
  if (!template) {
    template = build(options);
    templates.set(key, template);
  }
  const original = await template;
  const dir = await tempDir('pr-cli');
  const copy = { root: path.join(dir, 'shop'), bare: path.join(dir, 'shop.git') };
  await Promise.all([copyTree(original.root, copy.root), copyTree(original.bare, copy.bare)]);
  await runGit(copy.root, ['remote', 'set-url', 'origin', copy.bare]);
  return copy;
}

async function build(options: SampleOptions): Promise<Sample> {
  const dir = await tempDir('pr-cli-template');
  const { root } = createSampleRepo(path.join(dir, 'shop'), { branch: BRANCH, commit: true, ...options });
  if (options.planning !== false) {
    await writeFile(path.join(root, PLANNING), await planningDoc(options.regulated ? 'filled-regulated.md' : 'filled-standard.md'));
    await runGit(root, ['add', '--', PLANNING]);
    await runGit(root, ['commit', '--quiet', '--no-verify', '-m', 'Planning doc', ...(options.trailer ? ['-m', 'Co-authored-by: Claude <noreply@anthropic.com>'] : [])]);
  }
  const bare = path.join(dir, 'shop.git');
  await runGit(dir, ['init', '--quiet', '--bare', bare]);
  await runGit(root, ['remote', 'set-url', 'origin', bare]);
  return { root, bare };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['pr', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env,
  });
  for (const [name, text] of [['stdout', stdout], ['stderr', stderr]]) {
    assert.ok(!text.includes(TOKEN), `the token leaked to ${name}`);
  }
  return { code, stdout, stderr };
}

export const keptFile = (root: string) => path.join(root, '.git', 'pm-zone', 'PULL_REQUEST.md');

export async function kept(root: string): Promise<string> {
  const text = await readFile(keptFile(root), 'utf8');
  assert.ok(!text.includes(TOKEN), 'the token leaked to the kept text');
  return text;
}

