import * as assert from 'node:assert/strict';
import { commitFiles } from '../../../src/core/git/commitFiles';
import { perTurn } from '../../../src/core/git/perTurn';
import { loadRepositoryPolicy } from '../../../src/core/repository';
import { DEFAULT_SETTINGS } from '../../../src/core/repository/settings';
import { isolatedGit, loggingGit, tempRepo } from '../helpers/tempRepo';

describe('perTurn', () => {
  it('answers the keys asked in one turn with one call, and later keys with another', async () => {
    const calls: string[][] = [];
    const ask = perTurn(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
    });
    assert.deepEqual(await Promise.all([ask('a'), ask('b'), ask('a'), ask('missing')]), ['A', 'B', 'A', undefined]);
    assert.equal(await ask('c'), 'C');
    assert.deepEqual(calls, [['a', 'b', 'missing'], ['c']]);
  });

  it('fails every key of a call that fails, and not the next call', async () => {
    let fail = true;
    const ask = perTurn(async (keys) => {
      if (fail) throw new Error('git stopped');
      return new Map(keys.map((key) => [key, 1]));
    });
    const results = await Promise.allSettled([ask('a'), ask('b')]);
    assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected']);
    fail = false;
    assert.equal(await ask('a'), 1);
  });
});

describe('commitFiles', () => {
  for (const kept of [false, true]) {
  it(`reads the policy of a commit through its links: a linked CLAUDE.md and a linked .github folder${kept ? ', through a Git that keeps its cat-file' : ''}`, async () => {
    const repo = await tempRepo({
      commits: [{
        message: 'policy',
        files: {
          'AGENTS.md': '## PM zone\n### Engineering only\n- `**/auth/**`\n',
          'CLAUDE.md': { symlink: 'AGENTS.md' },
          'config/CODEOWNERS': '**/auth/** @acme/security\n',
          '.github': { symlink: 'config' },
        },
      }],
    });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    const policy = await loadRepositoryPolicy(commitFiles(isolatedGit(repo.root, { readConfigOnce: kept }), commit), DEFAULT_SETTINGS);
    assert.deepEqual(policy.zone.engineeringOnly.map((rule) => rule.glob), ['**/auth/**']);
    assert.deepEqual(policy.owners?.ownersOf('src/auth/login.ts').owners, ['@acme/security']);
    assert.ok(policy.policyFiles.some((entry) => (typeof entry === 'string' ? entry : entry.path) === 'AGENTS.md'), 'the link target is a policy file');
    assert.ok(policy.policyFiles.some((entry) => typeof entry !== 'string' && entry.why === 'CLAUDE.md is a link to this file'), 'CLAUDE.md is read as the link it is');
    assert.ok(policy.policyFiles.some((entry) => typeof entry !== 'string' && entry.path === 'config/copilot/settings.json'), 'a file below the linked folder is read through it');
  });
  }

  it('reads the policy of a commit without links in six git processes', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'policy', files: { 'CLAUDE.md': '## PM zone\n### Engineering only\n- `**/auth/**`\n', '.github/CODEOWNERS': '**/auth/** @acme/security\n' } }],
    });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    const { git, commands } = await loggingGit(repo.root);
    const policy = await loadRepositoryPolicy(commitFiles(git, commit), DEFAULT_SETTINGS);
    assert.deepEqual(policy.owners?.ownersOf('src/auth/login.ts').owners, ['@acme/security']);
    // Before: an ls-tree for each folder level (four), a cat-file for the zone, for each CODEOWNERS location's size and for its text.
    // Then three: the zone's file read, CODEOWNERS' sizes, its text and one ls-tree. Finding which instruction
    // file holds the zone adds three: their sizes and texts together, their links, what the one found imports.
    // The processes may start in either order: their count is what is held.
    assert.deepEqual((await commands()).sort(), ['cat-file', 'cat-file', 'cat-file', 'cat-file', 'ls-tree', 'ls-tree']);
    // A Git that lives for one command keeps a cat-file each way (following links and not), and reads the folders' trees there.
    const once = await loggingGit(repo.root, { readConfigOnce: true });
    const onceRead = await loadRepositoryPolicy(commitFiles(once.git, commit), DEFAULT_SETTINGS);
    assert.deepEqual(onceRead.policyFiles, policy.policyFiles);
    assert.deepEqual(onceRead.owners?.ownersOf('src/auth/login.ts').owners, ['@acme/security']);
    assert.deepEqual(await once.commands(), ['cat-file', 'cat-file']);
  });

  it('reads files asked for together with one git process, a missing one as absent, and a path with a line break alone', async () => {
    const repo = await tempRepo({ commits: [{ message: 'files', files: { 'a.txt': 'a\n', 'b/c.txt': 'c\n' } }] });
    const commit = (await repo.run('rev-parse', 'HEAD')).trim();
    const { git, commands } = await loggingGit(repo.root);
    const files = commitFiles(git, commit);
    assert.deepEqual(await Promise.all([files.readText('a.txt'), files.readText('b/c.txt'), files.readText('none.txt'), files.size?.('a.txt')]), ['a\n', 'c\n', undefined, 2]);
    assert.deepEqual(await commands(), ['cat-file'], 'one git process for the four');
    const [broken, fine] = await Promise.allSettled([files.readText('x\ny'), files.readText('a.txt')]);
    assert.equal(broken.status, 'rejected');
    assert.deepEqual(fine, { status: 'fulfilled', value: 'a\n' });
  });
});
