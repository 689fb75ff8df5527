// gatherPullRequest on real git repositories: the sample repository "Acme
// Shop" on a PM branch, with and without AI co-author trailers, standard and
// regulated.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SampleRepoOptions } from '../../../../scripts/sample-repo.mjs';
import { workingTreeFiles } from '../../../../src/core/git';
import { gatherPullRequest, type GatherOptions } from '../../../../src/core/pr';
import { DEFAULT_SETTINGS, loadRepositoryPolicy } from '../../../../src/core/repository';
import type { FileSource } from '../../../../src/core/types';
import { isolatedGit, runGit } from '../../helpers/tempRepo';
import { sampleRepo } from '../../cli/support/sampleRepo';
import { planningFixture, section } from './support';
import { gitFailure } from '../../helpers/gitFailure';

const BRANCH = 'alice/checkout-copy';
const PLANNING = 'src/features/checkout/PLANNING.md';
const NO_AI_PLANNING = planningFixture('filled-standard.md').replace(/## AI assistance\n\n[\s\S]*?\n\n## Sign-offs/, '## AI assistance\n\nNone.\n\n## Sign-offs');

function sample(options: SampleRepoOptions = {}): Promise<string> {
  return sampleRepo({ branch: BRANCH, commit: true, ...options });
}

async function commitFile(root: string, file: string, text: string, message: string[]): Promise<void> {
  const { writeFile, mkdir } = await import('node:fs/promises');
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
  await runGit(root, ['add', '--', file]);
  await runGit(root, ['commit', '--quiet', '--no-verify', ...message.flatMap((part) => ['-m', part])]);
}

async function gather(root: string, options: GatherOptions = {}, files?: FileSource) {
  const disk = workingTreeFiles(root);
  const policy = await loadRepositoryPolicy(disk, { ...DEFAULT_SETTINGS, email: 'alice@acme.test' });
  return gatherPullRequest(isolatedGit(root), files ?? disk, policy, options);
}


describe('gatherPullRequest on real repositories', () => {
  /** Shared by the tests that only read: the PM branch without, and with, a planning doc. */
  let plain: string;
  let planned: string;
  before(async () => {
    [plain, planned] = await Promise.all([sample(), sample()]);
    await commitFile(planned, PLANNING, NO_AI_PLANNING, ['Planning doc for the checkout copy']);
  });

  it('standard, no planning doc, no AI: refused for the missing planning doc, titled by the commit', async () => {
    const root = plain;
    const { composed, remote, planning, change, uncommitted } = await gather(root);
    assert.deepEqual(remote, { host: 'github.com', owner: 'acme', repo: 'shop' });
    assert.equal(planning, undefined);
    assert.deepEqual(change.files.map((file) => file.path), ['src/features/checkout/i18n/en.json']);
    assert.equal(composed.title, 'Checkout: say "Confirm order" on the order button');
    assert.equal(composed.head, BRANCH);
    assert.equal(composed.base, 'main');
    assert.deepEqual(composed.labels, ['pm-authored']);
    assert.deepEqual(composed.reviewers, ['@dana']);
    assert.equal(composed.draft, false);
    assert.equal(composed.canOpen, false);
    assert.equal(composed.refusal, '1 blocker: No PLANNING.md.');
    assert.match(section(composed.body, 'AI assistance'), /No AI assistance detected or declared\./);
    assert.deepEqual(uncommitted, []);
  });

  it('standard with a planning doc and no trailers: opens, without the AI label', async () => {
    const { composed, planning } = await gather(planned);
    assert.equal(planning?.path, PLANNING);
    assert.equal(composed.canOpen, true, composed.refusal);
    assert.equal(composed.title, 'Clearer card-declined message at checkout');
    assert.deepEqual(composed.labels, ['pm-authored']);
    assert.deepEqual(composed.aiFiles, []);
    assert.match(composed.body, /\(https:\/\/github\.com\/acme\/shop\/blob\/alice\/checkout-copy\/src\/features\/checkout\/PLANNING\.md\)/);
  });

  it('standard with a Claude co-author trailer: lists the commit’s files as AI-generated and labels it', async () => {
    const root = await sample();
    await commitFile(root, PLANNING, NO_AI_PLANNING, ['Planning doc', 'Co-authored-by: Claude <noreply@anthropic.com>']);
    const { composed } = await gather(root, { understood: true });
    assert.deepEqual(composed.labels, ['pm-authored', 'ai-assisted']);
    assert.deepEqual(composed.aiFiles, [PLANNING]);
    const ai = section(composed.body, 'AI assistance');
    assert.match(ai, /- `src\/features\/checkout\/PLANNING\.md`\n/);
    assert.match(ai, /Detected from commit trailers: Claude in [0-9a-f]{7}\./);
    assert.match(ai, /- \[x\] I have read and understand every line of this change\./);
  });

  it('regulated: a draft, both DRIs asked and signing off', async () => {
    const root = await sample({ regulated: true });
    await commitFile(root, PLANNING, planningFixture('filled-regulated.md'), ['Planning doc']);
    const { composed } = await gather(root);
    assert.equal(composed.canOpen, true, composed.refusal);
    assert.equal(composed.draft, true);
    assert.deepEqual(composed.reviewers, ['@dana', '@erin']);
    assert.match(section(composed.body, 'Sign-offs'), /- \[ \] Engineering DRI @dana\n- \[ \] Product DRI @erin/);
  });

  it('regulated with a file outside the zone: refused, or with pairing a draft labelled needs-pairing', async () => {
    const root = await sample({ regulated: true });
    await commitFile(root, PLANNING, planningFixture('filled-regulated.md'), ['Planning doc']);
    await commitFile(root, 'src/features/checkout/api.ts', '// a change to the API client\n', ['API client', 'Co-authored-by: GitHub Copilot <copilot@github.com>']);
    const refused = await gather(root);
    assert.equal(refused.composed.canOpen, false);
    assert.match(refused.composed.refusal ?? '', /^1 blocker: File outside the PM zone: src\/features\/checkout\/api\.ts\./);
    const paired = (await gather(root, { pairing: true })).composed;
    assert.equal(paired.canOpen, true);
    assert.equal(paired.draft, true);
    assert.deepEqual(paired.labels, ['pm-authored', 'ai-assisted', 'needs-pairing']);
    assert.deepEqual(paired.aiFiles, ['src/features/checkout/api.ts']);
  });

  it('finds the planning doc in the author’s feature folder when the branch does not touch it', async () => {
    const root = await sample();
    await runGit(root, ['switch', '--quiet', 'main']);
    await commitFile(root, PLANNING, NO_AI_PLANNING, ['Planning doc on main']);
    await runGit(root, ['switch', '--quiet', BRANCH]);
    await runGit(root, ['rebase', '--quiet', 'main']);
    const { planning, composed } = await gather(root);
    assert.equal(planning?.path, PLANNING);
    assert.equal(composed.title, 'Clearer card-declined message at checkout');
  });

  it('reads the planning doc through the FileSource it is given, so unsaved editor text counts', async () => {
    const disk = workingTreeFiles(planned);
    const buffers: FileSource = { readText: async (file) => (file === PLANNING ? NO_AI_PLANNING.replace('title: Clearer', 'title: Unsaved') : disk.readText(file)) };
    const { composed } = await gather(planned, {}, buffers);
    assert.equal(composed.title, 'Unsaved card-declined message at checkout');
  });

  it('lists edits that are not committed, since the pull request will not hold them', async () => {
    const root = await sample();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(root, 'src/features/checkout/i18n/fr.json'), '{}\n');
    await writeFile(path.join(root, 'notes.md'), 'draft\n');
    const { uncommitted } = await gather(root);
    assert.deepEqual(uncommitted, ['notes.md', 'src/features/checkout/i18n/fr.json']);
  });

  it('--repo wins over the remote, and a remote that is not hosted gives a plain path', async () => {
    const forked = await gather(planned, { repository: { host: 'ghe.acme.test', owner: 'team', repo: 'shop-fork' } });
    assert.match(forked.composed.body, /\(https:\/\/ghe\.acme\.test\/team\/shop-fork\/blob\/alice\/checkout-copy\//);
    const url = (await runGit(planned, ['remote', 'get-url', 'origin'])).trim();
    await runGit(planned, ['remote', 'set-url', 'origin', path.join(planned, '..', 'bare.git')]);
    try {
      const local = await gather(planned);
      assert.equal(local.remote, undefined);
      assert.match(section(local.composed.body, 'Planning doc'), /^## Planning doc\n\n`src\/features\/checkout\/PLANNING\.md`\n/);
    } finally {
      await runGit(planned, ['remote', 'set-url', 'origin', url]);
    }
  });

  it('a detached HEAD: check out a branch first', async () => {
    const root = await sample();
    await runGit(root, ['checkout', '--quiet', '--detach']);
    const error = await gitFailure(gather(root));
    assert.equal(error.kind, 'detached-head');
    assert.match(error.message, /check out a branch first/);
  });

  it('on the base branch itself: create a branch first', async () => {
    const root = await sample();
    await runGit(root, ['switch', '--quiet', 'main']);
    assert.match((await gitFailure(gather(root))).message, /You are on main, the branch the pull request would go into: create a branch/);
  });

  it('an unknown base branch is named', async () => {
    assert.match((await gitFailure(gather(plain, { base: 'release' }))).message, /release/);
  });
});
