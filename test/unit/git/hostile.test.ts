import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBlobs, showFile } from '../../../src/core/git/blobs';
import { readChange } from '../../../src/core/git/change';
import { commitsSince } from '../../../src/core/git/commits';
import { hookStatus } from '../../../src/core/git/hooks';
import {
  currentBranch, defaultBaseBranch, headSha, hooksPath, listFiles, mergeBase, remoteUrl, root, userEmail,
} from '../../../src/core/git/repository';
import type { Git } from '../../../src/core/git/runGit';
import { isolatedGit, runGit, tempDir, tempRepo } from '../helpers/tempRepo';

/**
 * A repository whose config and attributes try to run programs whenever git
 * reads it. Every trap appends its name to `marker` (outside the repository).
 */
async function hostileRepo() {
  const traps = await tempDir('traps');
  const marker = path.join(traps, 'marker');
  const trap = async (name: string, body = '') => {
    const script = path.join(traps, name);
    await fs.writeFile(script, `#!/bin/sh\necho ${name} >> '${marker}'\n${body}`, { mode: 0o755 });
    return script;
  };
  const repo = await tempRepo({
    commits: [
      { message: 'base', files: { 'copy.txt': 'hello\n', 'other.txt': 'same\n' } },
      { branch: 'feature', message: 'edit', files: { 'copy.txt': 'hello there\n' } },
    ],
  });
  await repo.run('update-ref', 'refs/remotes/origin/main', 'main');
  await repo.stage({ 'staged.txt': 'staged\n' });
  // Armed only now, so that setting the repository up runs none of them.
  const config: Record<string, string> = {
    'core.fsmonitor': await trap('fsmonitor'),
    'diff.external': await trap('diff-external'),
    'diff.evil.textconv': await trap('textconv', 'cat "$1"\n'),
    'diff.evil.command': await trap('diff-driver'),
    'filter.evil.clean': await trap('filter-clean', 'cat\n'),
    'filter.evil.smudge': await trap('filter-smudge', 'cat\n'),
    'filter.evil.required': 'true',
    'filter.evil.process': await trap('filter-process'),
    'log.showSignature': 'true',
    'gpg.program': await trap('gpg'),
    'core.pager': await trap('pager'),
    'pager.diff': await trap('pager-diff'),
  };
  for (const [key, value] of Object.entries(config)) await repo.run('config', key, value);
  for (const hook of ['post-index-change', 'pre-commit', 'post-checkout', 'reference-transaction']) {
    await fs.copyFile(await trap(hook), repo.path(`.git/hooks/${hook}`));
    await fs.chmod(repo.path(`.git/hooks/${hook}`), 0o755);
  }
  await repo.write({
    '.gitattributes': '* filter=evil\ncopy.txt diff=evil\n',
    'copy.txt': 'hello from the working tree\n',
    'untracked.txt': 'new\n',
  });
  // Same content, new timestamp: git must re-read the file to compare it, and may rewrite the index.
  const later = new Date(Date.now() + 60_000);
  await fs.utimes(repo.path('other.txt'), later, later);
  return { repo, marker };
}

async function fired(marker: string): Promise<string[]> {
  const text = await fs.readFile(marker, 'utf8').catch(() => '');
  return [...new Set(text.split('\n').filter(Boolean))].sort();
}

describe('reading a hostile repository', () => {
  it('runs none of its programs, while plain git runs them', async () => {
    const { repo, marker } = await hostileRepo();
    const git = repo.git;

    for (const mode of ['branch', 'worktree', 'staged'] as const) {
      const change = await readChange(git, { mode });
      assert.ok(change.files.some((file) => file.path === (mode === 'staged' ? 'staged.txt' : 'copy.txt')), mode);
    }
    const worktree = await readChange(git, { mode: 'worktree' });
    assert.equal(worktree.files.find((file) => file.path === 'copy.txt')?.newText, 'hello from the working tree\n');
    // Each with a Git of its own, so none rides on filter drivers another command already read.
    const reads: ((git: Git) => Promise<unknown>)[] = [
      root, currentBranch, headSha, userEmail, remoteUrl, defaultBaseBranch, (git) => mergeBase(git, 'HEAD', 'main'), hooksPath,
      listFiles, (git) => commitsSince(git, 'main'), (git) => showFile(git, 'HEAD', 'copy.txt'), (git) => showFile(git, '', 'staged.txt'),
      (git) => readBlobs(git, ['HEAD:copy.txt']), hookStatus,
    ];
    await Promise.all(reads.map((read) => read(isolatedGit(repo.root))));
    // Patches through the runner too: it adds --no-ext-diff --no-textconv to diff, log and show.
    assert.match(await git.run(['diff', 'HEAD']), /^\+hello from the working tree$/m);
    assert.match(await git.run(['log', '-p', '-1']), /^\+hello there$/m);
    assert.match(await git.run(['show', 'HEAD']), /^\+hello there$/m);
    assert.deepEqual(await fired(marker), [], 'PM Zone ran a program of the repository');

    // The control: the same repository does run these programs through plain git.
    const plainGit = (...args: string[]) => runGit(repo.root, args).catch(() => undefined);
    // A failing filter process stops plain git early, so each later run sets it aside.
    const withoutProcessFilter = ['-c', 'filter.evil.process=', '-c', 'filter.evil.required=false'];
    await plainGit('status');
    await plainGit(...withoutProcessFilter, 'diff', 'HEAD');
    await plainGit(...withoutProcessFilter, 'diff', '--no-ext-diff', 'HEAD');
    await plainGit(...withoutProcessFilter, '-c', 'core.fsmonitor=false', 'status');
    const plainGitFired = await fired(marker);
    for (const name of ['fsmonitor', 'diff-driver', 'diff-external', 'textconv', 'filter-process', 'post-index-change']) {
      assert.ok(plainGitFired.includes(name), `plain git should have run ${name}; it ran ${plainGitFired.join(', ')}`);
    }
  });
});
