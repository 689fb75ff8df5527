import * as assert from 'node:assert/strict';
import { unstagePath } from '../../../src/core/git';
import { tempRepo } from '../helpers/tempRepo';

describe('unstagePath', () => {
  it('puts a staged edit of one path back to its committed version, and leaves the working file and other paths alone', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'src/auth/session.ts': 'a\n', 'other.ts': 'x\n' } }] });
    await repo.stage({ 'src/auth/session.ts': 'b\n', 'other.ts': 'y\n' });
    await repo.write({ 'src/auth/session.ts': 'a\n' });
    assert.equal(await repo.run('status', '--porcelain', '--', 'src/auth/session.ts'), 'MM src/auth/session.ts\n');
    assert.equal(await unstagePath(repo.git, 'src/auth/session.ts'), 'unstaged');
    assert.equal(await repo.run('status', '--porcelain'), 'M  other.ts\n');
    assert.equal(await repo.read('src/auth/session.ts'), 'a\n');
    assert.equal(await unstagePath(repo.git, 'src/auth/session.ts'), 'clean');
  });

  it('takes a new, staged file out of the index in a repository without commits, keeping the file', async () => {
    const repo = await tempRepo();
    await repo.stage({ 'new.ts': 'n\n' });
    assert.equal(await unstagePath(repo.git, 'new.ts'), 'unstaged');
    assert.equal(await repo.run('status', '--porcelain'), '?? new.ts\n');
  });
});
