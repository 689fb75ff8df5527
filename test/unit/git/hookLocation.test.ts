// check-config asks git for the common folder and the hooks folder in one
// process (commonDirAndHooksPath): the answers must be those of the two
// questions asked apart, in a linked worktree and with core.hooksPath set.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { commonDir, commonDirAndHooksPath, hooksPath } from '../../../src/core/git/repository';
import { isolatedGit, tempDir, tempRepo } from '../helpers/tempRepo';

describe('the common folder and the hooks folder, asked of one git process', () => {
  const apart = async (git: ReturnType<typeof isolatedGit>) => ({ common: await commonDir(git), hooks: await hooksPath(git) });

  it('answers as commonDir and hooksPath do: the main worktree, a linked one, core.hooksPath relative and absolute', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'a.txt': 'a\n' } }] });
    assert.deepEqual(await commonDirAndHooksPath(repo.git), await apart(repo.git));
    const linked = path.join(await tempDir('linked'), 'wt');
    await repo.run('worktree', 'add', '--quiet', '-b', 'other', linked);
    const linkedGit = isolatedGit(linked);
    assert.deepEqual(await commonDirAndHooksPath(linkedGit), await apart(linkedGit));
    await repo.run('config', 'core.hooksPath', '.githooks');
    assert.deepEqual(await commonDirAndHooksPath(repo.git), await apart(repo.git));
    assert.deepEqual(await commonDirAndHooksPath(linkedGit), await apart(linkedGit));
    await repo.run('config', 'core.hooksPath', path.join(await tempDir('shared-hooks'), 'hooks'));
    assert.deepEqual(await commonDirAndHooksPath(repo.git), await apart(repo.git));
  });
});
