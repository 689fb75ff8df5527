import * as assert from 'node:assert/strict';
import { branchNameFor, startChange } from '../../../src/core/git';
import { tempRepo } from '../helpers/tempRepo';

describe('branchNameFor', () => {
  it('makes a branch name git accepts from the planning title and the handle', () => {
    assert.equal(branchNameFor('Clearer order button!', '@alice'), 'alice/clearer-order-button');
    assert.equal(branchNameFor('Crème brûlée: "new" copy', 'Bob'), 'bob/creme-brulee-new-copy');
    assert.equal(branchNameFor('   ', '@alice'), 'alice/my-change');
    assert.equal(branchNameFor('A'.repeat(80)), 'a'.repeat(48));
    assert.equal(branchNameFor('日本語のタイトル', '@alice'), 'alice/my-change');
  });
});

describe('startChange', () => {
  it('creates the branch at HEAD and switches to it, keeping uncommitted and staged edits', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } }] });
    await repo.stage({ 'a.txt': 'staged\n' });
    await repo.write({ 'b.txt': 'edited\n' });
    const outcome = await startChange(repo.git, 'alice/clearer-copy');
    assert.deepEqual(outcome, { kind: 'started', branch: 'alice/clearer-copy', from: 'main' });
    assert.equal((await repo.run('branch', '--show-current')).trim(), 'alice/clearer-copy');
    assert.equal(await repo.run('status', '--porcelain'), 'M  a.txt\n M b.txt\n');
  });

  it('refuses a name git would not take, or one that exists, and stays where it was', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'a.txt': 'a\n' } }] });
    for (const name of ['bad name', 'x..y', '-x', '', 'a/.lock']) {
      assert.equal((await startChange(repo.git, name)).kind, 'invalid', name);
    }
    await repo.run('branch', 'taken');
    const taken = await startChange(repo.git, 'taken');
    assert.equal(taken.kind, 'exists');
    assert.equal((await repo.run('branch', '--show-current')).trim(), 'main');
  });
});
