import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tempRepo } from '../helpers/tempRepo';

describe('tempRepo helper', () => {
  it('builds commits on branches, then staged and working-tree files', async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'base', files: { 'a.txt': 'a\n', 'run.sh': { content: '#!/bin/sh\n', executable: true }, 'link': { symlink: 'a.txt' } } },
        { branch: 'feature', message: 'feature work', files: { 'a.txt': null, 'b.txt': Buffer.from([0, 1]) } },
      ],
      branch: 'other',
      staged: { 'staged.txt': 's\n' },
      files: { 'loose.txt': 'l\n' },
      config: { 'core.autocrlf': 'false' },
    });
    assert.equal((await repo.run('branch', '--show-current')).trim(), 'other');
    assert.equal((await repo.run('log', '--format=%s', 'main')).trim(), 'base');
    assert.equal((await repo.run('log', '--format=%s', 'feature')).trim(), 'feature work\nbase');
    assert.equal(await repo.run('ls-tree', '--name-only', 'feature'), 'b.txt\nlink\nrun.sh\n');
    assert.match(await repo.run('ls-tree', 'main', 'run.sh'), /^100755 /);
    assert.match(await repo.run('ls-tree', 'main', 'link'), /^120000 /);
    assert.equal(await repo.run('diff', '--cached', '--name-only'), 'staged.txt\n');
    assert.equal(await repo.run('ls-files', '--others'), 'loose.txt\n');
    assert.equal(await repo.run('config', 'user.email'), 'author@example.com\n');
    assert.equal(await repo.run('config', 'core.autocrlf'), 'false\n');
    assert.equal(await repo.read('loose.txt'), 'l\n');
  });

  it('commit returns the new commit id; switchTo creates or reuses branches', async () => {
    const repo = await tempRepo();
    const sha = await repo.commit('first', { 'x.txt': 'x' });
    assert.equal(sha, (await repo.run('rev-parse', 'HEAD')).trim());
    await repo.switchTo('side');
    await repo.switchTo('main');
    assert.equal((await repo.run('branch', '--show-current')).trim(), 'main');
    await repo.run('switch', '--quiet', '--detach');
    assert.equal(await repo.commit('detached'), (await repo.run('rev-parse', 'HEAD')).trim());
  });

  it('each repository is separate and real, and run() reports git\'s error', async () => {
    const [one, two] = await Promise.all([tempRepo(), tempRepo()]);
    assert.notEqual(one.root, two.root);
    assert.equal(await fs.realpath(one.root), one.root);
    await assert.rejects(one.run('switch', 'no-such-branch'), /git switch no-such-branch failed: .*no-such-branch/);
  });
});
