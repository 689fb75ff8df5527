import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { indexHeldHead, readChange } from '../../../src/core/git/change';
import { commitsSince, parseCommitLog } from '../../../src/core/git/commits';
import { diffAgainst, parseRawAndNumstat } from '../../../src/core/git/diffEntries';
import { isObjectId } from '../../../src/core/git/objectIds';
import { isolatedGit, runGit, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

// What a review no longer asks git: a commit's diff with itself and the
// commits of `X..X` (a branch with no commit of its own, whose merge base
// is HEAD), and whether anything is staged where the change's own reading
// found the index's diff from the merge base to be the commit's.

/** `git diff --cached --quiet` as the review asked it: exit 0 when nothing is staged. */
async function nothingStaged(repo: TempRepo | string): Promise<boolean> {
  const cwd = typeof repo === 'string' ? repo : repo.root;
  const result = await isolatedGit(cwd).exec(['diff', '--cached', '--quiet', '--no-ext-diff'], { okExitCodes: [1] });
  return result.exitCode === 0;
}

async function assertStagedAnswer(repo: TempRepo | string, what: string): Promise<void> {
  const cwd = typeof repo === 'string' ? repo : repo.root;
  const change = await readChange(isolatedGit(cwd), { base: 'main' });
  assert.equal(indexHeldHead(change), await nothingStaged(repo), what);
}

describe('a commit compared with itself, and the index with HEAD', () => {
  it('gives the diff and the commits git gives for one id twice', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'b b/ü.txt': 'b\n' } }, { message: 'two', files: { 'a.txt': 'c\n' } }] });
    await repo.write({ 'a.txt': 'working\n' });
    await repo.stage({ 'staged.txt': 'staged\n' });
    for (const name of ['HEAD', 'HEAD~1']) {
      const id = (await repo.run('rev-parse', name)).trim();
      assert.ok(isObjectId(id));
      const plain = await runGit(repo.root, ['-c', 'core.quotePath=false', 'diff', '-z', '-M', '--no-relative', '--raw', '--numstat', '--no-abbrev', '--end-of-options', id, id, '--']);
      assert.deepEqual(await diffAgainst(repo.git, id, { cached: false, to: id }), parseRawAndNumstat(plain));
      assert.deepEqual(await diffAgainst(repo.git, id, { cached: false, to: id, numstat: false }), parseRawAndNumstat(plain));
      const log = await runGit(repo.root, ['log', '-z', '--reverse', '--no-renames', '--name-only', '--format=%x00%H', `${id}..${id}`, '--']);
      assert.deepEqual(await commitsSince(repo.git, id, id), parseCommitLog(log));
      assert.deepEqual(await commitsSince(repo.git, id, id), []);
    }
    // Names, and ids that differ, are still git's to answer.
    assert.deepEqual((await diffAgainst(repo.git, 'HEAD~1', { cached: false, to: 'HEAD' })).entries.map((entry) => entry.path), ['a.txt']);
    assert.equal((await commitsSince(repo.git, 'HEAD~1', 'HEAD')).length, 1);
    assert.equal(isObjectId('HEAD'), false);
    assert.equal(isObjectId('a'.repeat(40)), true);
    assert.equal(isObjectId('A'.repeat(40)), false);
    assert.equal(isObjectId('a'.repeat(64)), true);
    assert.equal(isObjectId('a'.repeat(41)), false);
  });

  it('reads the same change of a branch with no commit of its own', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }], branch: 'pm/copy' });
    await repo.write({ 'a.txt': 'b\n', 'new file ü.txt': 'n\n' });
    const change = await readChange(repo.git);
    assert.deepEqual(change.files.map((file) => [file.path, file.status]), [['a.txt', 'modified'], ['new file ü.txt', 'added']]);
    assert.deepEqual(change.commits, []);
    assert.equal(change.mergeBase, (await repo.run('rev-parse', 'HEAD')).trim());
  });

  it('says the index held HEAD exactly where git diff --cached --quiet finds nothing staged', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'g\n', 'docs/long.md': 'line\n'.repeat(40) } }], branch: 'pm/copy' });
    await assertStagedAnswer(repo, 'a branch with no commit, nothing changed');
    await repo.write({ 'a.txt': 'edited\n' });
    await assertStagedAnswer(repo, 'an edit not staged');
    await repo.stage({ 'a.txt': 'edited\n' });
    await assertStagedAnswer(repo, 'the edit staged');
    await repo.commit('edit');
    await assertStagedAnswer(repo, 'committed, nothing staged');
    await repo.stage({ 'b.txt': 'staged\n' });
    await assertStagedAnswer(repo, 'a staged edit after a commit');
    await repo.stage({ 'b.txt': 'b\n' });
    await assertStagedAnswer(repo, 'the staged edit put back as HEAD has it');
    await repo.run('rm', '--quiet', '--cached', 'gone.txt');
    await assertStagedAnswer(repo, 'a deletion staged');
    await repo.run('reset', '--quiet', '--', 'gone.txt');
    await repo.move('docs/long.md', 'docs/moved ü.md');
    await assertStagedAnswer(repo, 'a rename staged');
    await repo.commit('move');
    await assertStagedAnswer(repo, 'the rename committed');
    await repo.run('mv', 'docs/moved ü.md', 'docs/back.md');
    await repo.run('mv', 'docs/back.md', 'docs/moved ü.md');
    await assertStagedAnswer(repo, 'moved away and back');
    await repo.write({ 'intent.txt': 'i\n' });
    await repo.run('add', '--intent-to-add', 'intent.txt');
    await assertStagedAnswer(repo, 'a file added with --intent-to-add');
    await repo.run('rm', '--quiet', '--cached', 'intent.txt');
    await repo.run('update-index', '--chmod=+x', 'a.txt');
    await assertStagedAnswer(repo, 'a mode change staged');
    await repo.run('update-index', '--chmod=-x', 'a.txt');
    await assertStagedAnswer(repo, 'the mode put back');
    const id = (await repo.run('rev-parse', 'HEAD')).trim();
    await repo.run('switch', '--quiet', '--detach', id);
    await assertStagedAnswer(repo, 'detached HEAD');
    await repo.stage({ 'b.txt': 'detached\n' });
    await assertStagedAnswer(repo, 'detached HEAD, a staged edit');
  });

  it('says nothing of the index during a merge with a conflict, or for a review of the index alone', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }, { branch: 'pm/one', message: 'mine', files: { 'a.txt': 'mine\n' } }] });
    await repo.run('switch', '--quiet', '-c', 'pm/other', 'main');
    await repo.commit('theirs', { 'a.txt': 'theirs\n' });
    await repo.run('switch', '--quiet', 'pm/one');
    await runGit(repo.root, ['merge', '--quiet', '--no-edit', 'pm/other']).catch(() => undefined);
    assert.equal(await nothingStaged(repo), false);
    const change = await readChange(repo.git, { base: 'main' }).catch(() => undefined);
    if (change) assert.equal(indexHeldHead(change), false);
    const clean = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }], branch: 'pm/x' });
    assert.equal(indexHeldHead(await readChange(clean.git, { mode: 'staged' })), false);
    assert.equal(indexHeldHead(await readChange(clean.git, { mode: 'worktree' })), false);
  });

  it('gives the same answers in a repository whose path holds spaces and letters outside ASCII, and before the first commit', async () => {
    const folder = path.join(await tempDir('spaced'), 'a repo — ünï');
    await fs.mkdir(folder);
    await runGit(folder, ['init', '--quiet', '--initial-branch', 'main']);
    await fs.appendFile(path.join(folder, '.git', 'config'), '[user]\n\tname = Test\n\temail = t@example.com\n');
    await fs.writeFile(path.join(folder, 'a.txt'), 'a\n');
    // No commit yet: nothing is known of the index, and git is asked as before.
    assert.equal(indexHeldHead(await readChange(isolatedGit(folder))), false);
    await runGit(folder, ['add', 'a.txt']);
    await runGit(folder, ['commit', '--quiet', '-m', 'one']);
    await runGit(folder, ['switch', '--quiet', '-c', 'pm/ü']);
    await assertStagedAnswer(folder, 'spaces, nothing staged');
    await fs.writeFile(path.join(folder, 'a.txt'), 'b\n');
    await runGit(folder, ['add', 'a.txt']);
    await assertStagedAnswer(folder, 'spaces, a staged edit');
  });
});
