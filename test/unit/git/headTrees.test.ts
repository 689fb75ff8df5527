import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { headCommitHint, readHeadCommit } from '../../../src/core/git/headTrees';
import type { Git } from '../../../src/core/git/runGit';
import { isolatedGit, loggingGit, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

// What HEAD's commit holds at a path, read with HEAD in one git process, must
// be what `git ls-tree` lists there: the guard's cache of the last commit's
// policy holds while these are the same, and a changed policy file must miss.

/** What `git ls-tree -t --full-tree` lists at each path, as the policy cache reads it. */
async function lsTree(repo: TempRepo, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const output = await repo.git.run(['ls-tree', '-z', '-t', '--full-tree', commit, '--', ...paths]);
  return new Map(output.split('\0').filter(Boolean).map((line) => [line.slice(line.indexOf('\t') + 1), line.slice(0, line.indexOf('\t'))] as const));
}

/** The entries of `listed` at `paths` alone (ls-tree -t also lists the folders on the way). */
const only = (listed: Map<string, string>, paths: readonly string[]) => new Map([...listed].filter(([relPath]) => paths.includes(relPath)));

const PATHS = [
  'CLAUDE.md', 'run.sh', 'link.md', '.github/CODEOWNERS', 'docs/a/b.md', 'docs', 'docs/a', 'dir é/ü.md', 'dir é/u\u0308.md',
  'plain/inner', 'missing.md', 'gone/away.md', 'sub', 'sub/inside.md', 'Claude.md', 'a b/c:d.md',
];

describe('readHeadCommit', () => {
  for (const objectFormat of ['sha1', 'sha256'] as const) {
    it(`lists each path as git ls-tree does (${objectFormat})`, async () => {
      const repo = await tempRepo({
        objectFormat,
        commits: [{
          message: 'one',
          files: {
            'CLAUDE.md': '# Rules\n', 'run.sh': { content: '#!/bin/sh\n', executable: true }, 'link.md': { symlink: 'CLAUDE.md' },
            '.github/CODEOWNERS': '* @a\n', 'docs/a/b.md': 'b\n', 'dir é/ü.md': 'u\n', plain: 'a file, not a folder\n', 'a b/c:d.md': 'odd\n',
          },
        }],
      });
      // A submodule's entry (a gitlink), as `git submodule add` records it.
      const head = (await repo.run('rev-parse', 'HEAD')).trim();
      await repo.run('update-index', '--add', '--cacheinfo', `160000,${head},sub`);
      await repo.run('commit', '--quiet', '-m', 'two');
      const commit = (await repo.run('rev-parse', 'HEAD')).trim();
      const read = await readHeadCommit(repo.git, PATHS);
      assert.equal(read?.commit, commit);
      const listed = read.listed(PATHS);
      assert.deepEqual(listed, only(await lsTree(repo, commit, PATHS), PATHS));
      assert.deepEqual([...(listed?.keys() ?? [])].sort(), ['.github/CODEOWNERS', 'CLAUDE.md', 'a b/c:d.md', 'dir é/ü.md', 'docs', 'docs/a', 'docs/a/b.md', 'link.md', 'run.sh', 'sub'].sort());
      assert.match(listed?.get('run.sh') ?? '', /^100755 blob /);
      assert.match(listed?.get('link.md') ?? '', /^120000 blob /);
      assert.match(listed?.get('docs') ?? '', /^040000 tree /);
      assert.match(listed?.get('sub') ?? '', /^160000 commit /);
    });
  }

  it('lists nothing for a path whose folder was not read with HEAD, so that git ls-tree is asked', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', 'deep/er/x.md': 'x\n' } }] });
    const read = await readHeadCommit(repo.git, ['CLAUDE.md']);
    assert.deepEqual(read?.listed(['CLAUDE.md', 'elsewhere.md']), new Map([['CLAUDE.md', (await lsTree(repo, 'HEAD', ['CLAUDE.md'])).get('CLAUDE.md')]]));
    assert.equal(read?.listed(['deep/er/x.md']), undefined);
    assert.equal(read?.listed(['./CLAUDE.md']), undefined);
    assert.equal(read?.listed(['odd\nname.md']), undefined);
  });

  it('asks only which commit HEAD is at when given no path, and then lists nothing', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }] });
    const read = await readHeadCommit(repo.git, []);
    assert.equal(read?.commit, (await repo.run('rev-parse', 'HEAD')).trim());
    assert.equal(read?.listed(['CLAUDE.md']), undefined);
  });

  it('reads a hint of the commit HEAD is at from the git folder: a loose branch or a detached HEAD, nothing else', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n' } }] });
    const gitDir = path.join(repo.root, '.git');
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    assert.equal(headCommitHint(gitDir, gitDir), head);
    await repo.run('pack-refs', '--all');
    assert.equal(headCommitHint(gitDir, gitDir), undefined, 'a packed branch is not read');
    await repo.run('checkout', '--quiet', '--detach');
    assert.equal(headCommitHint(gitDir, gitDir), head);
    await fs.writeFile(path.join(gitDir, 'HEAD'), 'ref: refs/heads/../../config\n');
    assert.equal(headCommitHint(gitDir, gitDir), undefined);
  });

  it('costs one git process', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'a\n', '.github/CODEOWNERS': '* @a\n' } }] });
    const { git, commands } = await loggingGit(repo.root);
    assert.ok((await readHeadCommit(git, ['CLAUDE.md', '.github/CODEOWNERS']))?.listed(['CLAUDE.md', '.github/CODEOWNERS'])?.size === 2);
    assert.deepEqual(await commands(), ['cat-file']);
  });

  it('is undefined before the first commit and outside a repository', async () => {
    const empty = await tempRepo({ staged: { 'CLAUDE.md': 'a\n' } });
    assert.equal(await readHeadCommit(empty.git, ['CLAUDE.md']), undefined);
    assert.equal(await readHeadCommit(isolatedGit(await tempDir('no-repo')), ['CLAUDE.md']), undefined);
  });

  it("never answers from a tree of another commit: HEAD moved between git's reads", async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'CLAUDE.md': 'old rules\n' } }] });
    const first = (await repo.run('rev-parse', 'HEAD')).trim();
    await repo.commit('two', { 'CLAUDE.md': 'new rules\n' });
    // git read HEAD at the first commit, then the root tree at the second.
    const moved = (await repo.git.exec(['cat-file', '--batch'], { input: `${first}^{commit}\nHEAD:\n` })).stdout;
    const git = { exec: async () => ({ stdout: moved, stderr: '', exitCode: 0 }) } as unknown as Git;
    const read = await readHeadCommit(git, ['CLAUDE.md']);
    assert.equal(read?.commit, first);
    assert.equal(read?.listed(['CLAUDE.md']), undefined);
  });
});
