import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { refsAsGitReads, type RefRead } from '../../../src/core/git/refFiles';
import { baseBranchRef } from '../../../src/core/git/repository';
import { isolatedGit, loggingGit, runGit, tempDir, tempRepo, type TempRepo } from '../helpers/tempRepo';

/** What a review asks of the base branch's refs. */
const NAMES = ['refs/remotes/origin/HEAD', 'refs/heads/main', 'refs/remotes/origin/main', 'refs/heads/master', 'refs/remotes/origin/master', 'refs/heads/feature', 'refs/remotes/origin/feature'];

/** `git for-each-ref`'s reading of the names: each one that exists, with the ref it names and its object id. */
async function gitsReading(root: string, names: readonly string[]): Promise<Map<string, RefRead>> {
  const output = await runGit(root, ['for-each-ref', '--format=%(refname)%00%(symref)%00%(objectname)', '--', ...names]);
  const found = new Map<string, RefRead>();
  for (const line of output.split('\n').filter(Boolean)) {
    const [name = '', symref = '', id = ''] = line.split('\0');
    if (names.includes(name)) found.set(name, { symref, id });
  }
  return found;
}

/** A clone of a repository with main and feature, as `git clone` leaves it: origin's branches packed, origin/HEAD a loose symbolic ref. */
async function cloned(): Promise<TempRepo & { origin: TempRepo }> {
  const origin = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'feature', message: 'f', files: { 'f.txt': 'f\n' } }], branch: 'main' });
  const root = path.join(await tempDir('clone'), 'work');
  await runGit(path.dirname(root), ['clone', '--quiet', origin.root, root]);
  const repo = await tempRepo();
  return { ...repo, root, git: isolatedGit(root), run: (...args) => runGit(root, args), path: (relPath) => path.join(root, ...relPath.split('/')), origin };
}

/** The base a review finds (as a command that keeps its processes reads it) and the one `git for-each-ref` gives, with whether the first asked git. */
async function bothBases(repo: TempRepo, requested?: string) {
  // An answer, or the failure's kind and message (git's, where it refuses a ref file).
  const outcome = (git: Parameters<typeof baseBranchRef>[0]) => baseBranchRef(git, requested).catch((error: Error) => `${error.name}: ${error.message}`);
  const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
  const fromFiles = await outcome(git);
  const asked = (await commands()).includes('for-each-ref');
  return { fromFiles, listed: await outcome(isolatedGit(repo.root)), asked };
}

describe('refsAsGitReads: the base branch\'s refs from the ref files, as git reads them', () => {
  it('a fresh clone: packed branches and a loose origin/HEAD, read as for-each-ref lists them, with no git process', async () => {
    const repo = await cloned();
    assert.match(await fs.readFile(repo.path('.git/packed-refs'), 'utf8'), / refs\/remotes\/origin\/main\n/);
    const gitFolder = repo.path('.git');
    assert.deepEqual(refsAsGitReads(gitFolder, NAMES), await gitsReading(repo.root, NAMES));
    assert.equal(refsAsGitReads(gitFolder, NAMES)?.get('refs/remotes/origin/HEAD')?.symref, 'refs/remotes/origin/main');
    for (const requested of [undefined, 'feature', 'main']) {
      const { fromFiles, listed, asked } = await bothBases(repo, requested);
      assert.deepEqual(fromFiles, listed, String(requested));
      assert.equal(typeof fromFiles === 'object' && fromFiles.ref, `refs/remotes/origin/${requested ?? 'main'}`);
      assert.equal(asked, false, String(requested));
    }
  });

  it('a loose ref before its packed line, and loose refs alone', async () => {
    const repo = await cloned();
    await repo.run('pack-refs', '--all');
    await repo.run('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'later');
    await repo.run('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const packed = await fs.readFile(repo.path('.git/packed-refs'), 'utf8');
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    assert.equal(packed.includes(head), false);
    const read = refsAsGitReads(repo.path('.git'), NAMES);
    assert.equal(read?.get('refs/remotes/origin/main')?.id, head);
    assert.deepEqual(read, await gitsReading(repo.root, NAMES));
    const plain = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n' } }] });
    assert.deepEqual(refsAsGitReads(plain.path('.git'), NAMES), await gitsReading(plain.root, NAMES));
    assert.deepEqual((await bothBases(plain)).fromFiles, (await bothBases(plain)).listed);
  });

  it('a ref at a tag or a tree: a tree is no commit; a tag is for-each-ref\'s to peel', async () => {
    const repo = await cloned();
    await repo.run('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'tag', '-a', '-m', 'Release', 'v1');
    await repo.run('update-ref', 'refs/remotes/origin/feature', (await repo.run('rev-parse', 'v1')).trim());
    const tagged = await bothBases(repo, 'feature');
    assert.deepEqual(tagged.fromFiles, tagged.listed);
    assert.equal(tagged.asked, true);
    await repo.run('update-ref', 'refs/remotes/origin/feature', (await repo.run('rev-parse', 'HEAD^{tree}')).trim());
    const tree = await bothBases(repo, 'feature');
    assert.deepEqual(tree.fromFiles, tree.listed);
    assert.equal(tree.asked, false);
  });

  it('leaves to git what the files may not say as git reads it', async () => {
    const states: [string, (repo: TempRepo) => Promise<void>][] = [
      ['origin/HEAD naming a branch that is gone', (repo) => fs.writeFile(repo.path('.git/refs/remotes/origin/HEAD'), 'ref: refs/remotes/origin/gone\n')],
      ['a folder where the ref would be', async (repo) => {
        await fs.mkdir(repo.path('.git/refs/heads/feature'), { recursive: true });
        await fs.writeFile(repo.path('.git/refs/heads/feature/x'), `${(await repo.run('rev-parse', 'HEAD')).trim()}\n`);
      }],
      ['a loose ref that is a link', async (repo) => {
        await fs.writeFile(repo.path('.git/refs/heads/other'), `${(await repo.run('rev-parse', 'HEAD')).trim()}\n`);
        await fs.symlink('other', repo.path('.git/refs/heads/feature'));
      }],
      ['a loose ref with more on its line', async (repo) => fs.writeFile(repo.path('.git/refs/heads/feature'), `${(await repo.run('rev-parse', 'HEAD')).trim()} extra\n`)],
      ['a packed-refs line git would refuse', (repo) => fs.appendFile(repo.path('.git/packed-refs'), 'not a ref line\n')],
      ['a replace ref', async (repo) => {
        await repo.run('replace', 'HEAD', 'refs/remotes/origin/feature');
      }],
      ['the reftable format named in the configuration', (repo) => fs.appendFile(repo.path('.git/config'), '[extensions]\n\trefStorage = files\n')],
    ];
    for (const [name, arrange] of states) {
      const repo = await cloned();
      await arrange(repo);
      assert.equal(refsAsGitReads(repo.path('.git'), NAMES), undefined, name);
      const { fromFiles, listed, asked } = await bothBases(repo, 'feature');
      assert.deepEqual(fromFiles, listed, name);
      assert.equal(asked, true, name);
    }
  });
});
