import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diffAgainst } from '../../../src/core/git/diffEntries';
import { INDEX_TREE_RECORD_FILE, indexTree, MAX_COMPUTED_ENTRIES, SMALL_INDEX_BYTES } from '../../../src/core/git/indexTree';
import { isolatedGit, isolatedGitEnv, loggingGit, tempRepo, type TempRepo } from '../helpers/tempRepo';
import { seededRandom } from '../../support/seededRandom';

const indexOf = (repo: TempRepo) => indexTree(repo.path('.git/index'), 20);
/** The tree git writes from the index (`git write-tree`, which also makes its record valid again). */
const written = async (repo: TempRepo) => (await repo.run('write-tree')).trim();

/** A repository with a branch one commit past main, and a file edited on disk. */
async function branchRepo(): Promise<TempRepo> {
  // Names of every length modulo 8, so that each padding an entry of format 2 or 3 takes is read.
  const padded = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`${'n'.repeat(8 + index)}.md`, `${index}\n`]));
  // In format 4, zzz.md strips 128 bytes of the name before it: a varint of two bytes, the second a NUL.
  Object.assign(padded, { [`zz/${'y'.repeat(127)}`]: 'y\n', 'zzz.md': 'z\n' });
  const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n', 'src/b.txt': 'b\n', 'src/deep/c.txt': 'c\n', ...padded } }, { branch: 'pm/copy', message: 'copy', files: { 'src/b.txt': 'b2\n' } }] });
  await repo.write({ 'a.txt': 'edited on disk\n' });
  return repo;
}

describe('indexTree: the tree the index holds, from its cache-tree record or its entries', () => {
  it('is HEAD\'s tree after a commit, whatever the working tree holds; the tree git writes in formats 2, 3 and 4, and for a name past 4,095 bytes', async () => {
    const repo = await branchRepo();
    assert.equal(indexOf(repo), (await repo.run('rev-parse', 'HEAD^{tree}')).trim());
    const blob = (await repo.run('rev-parse', 'HEAD:a.txt')).trim();
    const long = Array.from({ length: 45 }, (_, index) => `${String(index).padStart(2, '0')}${'x'.repeat(98)}`).join('/');
    await repo.run('update-index', '--add', '--cacheinfo', `100644,${blob},${long}`);
    for (const version of ['2', '3', '4']) {
      await repo.run('update-index', '--index-version', version);
      const tree = await written(repo);
      assert.equal(indexOf(repo), tree, `format ${version}`);
    }
  });

  it('where the record is not valid (a file staged, a stash popped), the tree git writes from the entries, in formats 2, 3 and 4', async () => {
    const states: [string, (repo: TempRepo) => Promise<unknown>][] = [
      ["a file staged since (its folders' records cleared)", (repo) => repo.stage({ 'src/b.txt': 'staged\n', 'src/deep/new.txt': 'new\n' })],
      ['a stash popped', async (repo) => {
        await repo.run('stash', '--quiet');
        await repo.run('stash', 'pop', '--quiet');
      }],
      ['a file removed from the index', (repo) => repo.run('rm', '--cached', '--quiet', 'src/deep/c.txt')],
    ];
    for (const [name, arrange] of states) {
      for (const version of ['2', '3', '4']) {
        const repo = await branchRepo();
        await repo.run('update-index', '--index-version', version);
        await arrange(repo);
        const computed = indexOf(repo);
        assert.notEqual(computed, undefined, `${name}, format ${version}`);
        // write-tree writes the tree and makes the record valid: compared after it, the computed id is checked against git's.
        assert.equal(computed, await written(repo), `${name}, format ${version}`);
      }
    }
  });

  it("computes the tree git writes for any index: random names (sorted as git sorts a folder's entries), modes, links and submodules, in formats 2, 3 and 4", async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const blob = (await repo.run('rev-parse', 'HEAD:a.txt')).trim();
    await repo.write({ 'other.txt': 'other\n' });
    const other = (await repo.run('hash-object', '-w', '--', 'other.txt')).trim();
    const random = seededRandom(4096);
    // Names whose order differs as a file's and as a folder's (`a-b` < `a/` < `a0`), bytes past ASCII, and a name past 4,095 bytes.
    const words = ['a', 'a-b', 'a.b', 'a0', 'ab', 'b', 'A', 'z', '\u00e9', '\u65e5\u672c', 'x y', `${'l'.repeat(300)}`];
    const modes = ['100644', '100755', '120000', '160000'];
    for (let round = 0; round < 12; round++) {
      await repo.run('read-tree', '--empty');
      const paths = new Set<string>();
      while (paths.size < 40) {
        const depth = 1 + Math.floor(random() * 4);
        const parts = Array.from({ length: depth }, () => words[Math.floor(random() * words.length)]!);
        const candidate = parts.join('/');
        // A name both a file and a folder is no index git writes.
        if ([...paths].some((other) => other.startsWith(`${candidate}/`) || candidate.startsWith(`${other}/`))) continue;
        paths.add(candidate);
      }
      if (round === 0) paths.add(Array.from({ length: 45 }, (_, index) => `${String(index).padStart(2, '0')}${'x'.repeat(98)}`).join('/'));
      const lines = [...paths].map((file) => {
        const mode = modes[Math.floor(random() * modes.length)]!;
        // A submodule's entry names a commit, which need not be in this repository.
        const id = mode === '160000' ? blob.replace(/^./, 'f') : blob;
        return `${mode} ${id}\t${file}`;
      });
      await new Promise<void>((resolve, reject) => {
        const child = execFile('git', ['update-index', '--index-info'], { cwd: repo.root, env: isolatedGitEnv }, (error) => (error ? reject(error) : resolve()));
        child.stdin?.end(`${lines.join('\n')}\n`);
      });
      const version = ['2', '3', '4'][round % 3]!;
      await repo.run('update-index', '--index-version', version);
      const computed = indexOf(repo);
      assert.equal(computed, await written(repo), `round ${round}, format ${version}`);
      // And the record git then writes says the same.
      assert.equal(indexOf(repo), computed);
      // One path staged anew clears the records of its folders only: the others' trees are taken as recorded.
      const staged = [...paths][Math.floor(random() * paths.size)]!;
      await repo.run('update-index', '--cacheinfo', `100644,${other},${staged}`);
      const partly = indexOf(repo);
      assert.notEqual(partly, computed, `round ${round}: ${staged}`);
      assert.equal(partly, await written(repo), `round ${round}, format ${version}, ${staged} staged`);
    }
  });

  it('is undefined where the index is not one tree, or not read whole', async () => {
    const states: [string, (repo: TempRepo) => Promise<unknown>][] = [
      ['a file added with intent to add', async (repo) => {
        await repo.write({ 'new.txt': 'n\n' });
        await repo.run('add', '-N', 'new.txt');
        await written(repo);
      }],
      ['a split index', (repo) => repo.run('update-index', '--split-index')],
      ['a conflict', async (repo) => {
        await repo.run('checkout', '--quiet', '--', 'a.txt');
        await repo.switchTo('main');
        await repo.commit('main moves', { 'src/b.txt': 'main\n' });
        await repo.run('switch', '--quiet', 'pm/copy');
        await repo.run('merge', '--quiet', 'main').catch(() => undefined);
      }],
      ['no index at all', (repo) => fs.rm(repo.path('.git/index'))],
      ['an index cut short', async (repo) => fs.truncate(repo.path('.git/index'), 100)],
    ];
    for (const [name, arrange] of states) {
      const repo = await branchRepo();
      await arrange(repo);
      assert.equal(indexOf(repo), undefined, name);
    }
  });

  it('leaves an index larger than SMALL_INDEX_BYTES to git, which reads it for less', async () => {
    const repo = await branchRepo();
    const blob = (await repo.run('rev-parse', 'HEAD:a.txt')).trim();
    // Entries of 80 bytes each, one blob under many names, past the limit.
    const count = Math.ceil(SMALL_INDEX_BYTES / 70);
    const lines = Array.from({ length: count }, (_, index) => `100644 ${blob}\tmany/${String(index).padStart(6, '0')}.txt`).join('\n');
    await new Promise<void>((resolve, reject) => {
      const child = execFile('git', ['update-index', '--index-info'], { cwd: repo.root, env: isolatedGitEnv }, (error) => (error ? reject(error) : resolve()));
      child.stdin?.end(`${lines}\n`);
    });
    const tree = await written(repo);
    assert.ok((await fs.stat(repo.path('.git/index'))).size > SMALL_INDEX_BYTES);
    assert.equal(indexOf(repo), undefined);
    // Back under the limit, and the tree is read.
    await repo.run('rm', '--cached', '--quiet', '-r', 'many');
    const smaller = await written(repo);
    assert.equal(indexOf(repo), smaller);
    assert.notEqual(tree, smaller);
  });

  it('computes no tree past MAX_COMPUTED_ENTRIES entries, where git costs less: the record, once valid, is read as before', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const blob = (await repo.run('rev-parse', 'HEAD:a.txt')).trim();
    const indexInfo = (count: number) => new Promise<void>((resolve, reject) => {
      const child = execFile('git', ['update-index', '--index-info'], { cwd: repo.root, env: isolatedGitEnv }, (error) => (error ? reject(error) : resolve()));
      child.stdin?.end(Array.from({ length: count }, (_, index) => `100644 ${blob}\tmany/${String(index).padStart(4, '0')}.txt\n`).join(''));
    });
    // a.txt and MAX_COMPUTED_ENTRIES - 1 more: computed.
    await indexInfo(MAX_COMPUTED_ENTRIES - 1);
    const computed = indexOf(repo);
    assert.equal(computed, await written(repo));
    // One more, its record cleared: left to git; written, the record is read.
    await indexInfo(MAX_COMPUTED_ENTRIES);
    assert.equal(indexOf(repo), undefined);
    const tree = await written(repo);
    assert.equal(indexOf(repo), tree);
  });

  it('in a SHA-256 repository, kept by its SHA-256 checksum', async () => {
    const repo = await tempRepo({ objectFormat: 'sha256', commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }] });
    const head = (await repo.run('rev-parse', 'HEAD^{tree}')).trim();
    assert.equal(indexTree(repo.path('.git/index'), 32), head);
    const record = path.join(repo.root, '.git', INDEX_TREE_RECORD_FILE);
    assert.equal(indexTree(repo.path('.git/index'), 32, record), head);
    const kept = JSON.parse(await fs.readFile(record, 'utf8')) as { idBytes: number; index: string; tree: string };
    assert.deepEqual(kept, { format: 1, idBytes: 32, index: (await fs.readFile(repo.path('.git/index'))).subarray(-32).toString('hex'), tree: head });
    // A record of 20-byte ids is not read for an index of 32-byte ones.
    assert.equal(indexTree(repo.path('.git/index'), 20, record), undefined);
  });

  it('a review\'s index difference from the merge base: git\'s answer, with no diff process, where the record is valid; git\'s where not', async () => {
    const repo = await branchRepo();
    const base = (await repo.run('rev-parse', 'main')).trim();
    const gits = async () => diffAgainst(isolatedGit(repo.root), base, { cached: true, numstat: false });
    const once = await loggingGit(repo.root, { readConfigOnce: true });
    assert.deepEqual(await diffAgainst(once.git, base, { cached: true, numstat: false }), await gits());
    assert.equal((await once.commands()).includes('diff'), false);
    // A stash popped clears the record, and the index holds HEAD's tree again: computed from the entries, found in the object database.
    await repo.run('stash', '--quiet');
    await repo.run('stash', 'pop', '--quiet');
    const popped = await loggingGit(repo.root, { readConfigOnce: true });
    assert.deepEqual(await diffAgainst(popped.git, base, { cached: true, numstat: false }), await gits());
    assert.equal((await popped.commands()).includes('diff'), false);
    // Staged: the record is cleared, and git lists the index.
    await repo.stage({ 'src/deep/c.txt': 'staged\n', 'added.txt': 'new\n' });
    const staged = await loggingGit(repo.root, { readConfigOnce: true });
    assert.deepEqual(await diffAgainst(staged.git, base, { cached: true, numstat: false }), await gits());
    assert.ok((await staged.commands()).includes('diff'));
    // Written again (as a commit or git status may): read from the trees, the staged files with it.
    await written(repo);
    const rewritten = await loggingGit(repo.root, { readConfigOnce: true });
    const answer = await diffAgainst(rewritten.git, base, { cached: true, numstat: false });
    assert.deepEqual(answer, await gits());
    assert.deepEqual(answer.entries.map((entry) => [entry.status, entry.path]), [['A', 'added.txt'], ['M', 'src/b.txt'], ['M', 'src/deep/c.txt']]);
    assert.equal((await rewritten.commands()).includes('diff'), false);
    // A hook's commit names its own index: git reads it.
    const hook = await loggingGit(repo.root, { readConfigOnce: true, env: { GIT_INDEX_FILE: path.join(repo.root, '.git', 'index') } });
    assert.deepEqual(await diffAgainst(hook.git, base, { cached: true, numstat: false }), await gits());
    assert.ok((await hook.commands()).includes('diff'));
  });

  describe('kept by the index\'s checksum (indexAsTree\'s record in the git folder)', () => {
    const recordOf = (repo: TempRepo) => path.join(repo.root, '.git', INDEX_TREE_RECORD_FILE);
    const keptOf = (repo: TempRepo) => indexTree(repo.path('.git/index'), 20, recordOf(repo));
    const checksum = async (repo: TempRepo) => (await fs.readFile(repo.path('.git/index'))).subarray(-20).toString('hex');
    const record = async (repo: TempRepo) => JSON.parse(await fs.readFile(recordOf(repo), 'utf8')) as { index: string; tree: string | null };
    /** A record that names the index's checksum with another tree: answered only by a read of the record, not of the index. */
    const plant = async (repo: TempRepo, tree: string | null) => fs.writeFile(recordOf(repo), JSON.stringify({ format: 1, idBytes: 20, index: await checksum(repo), tree }));
    const planted = 'f'.repeat(40);
    /** Entries past SMALL_INDEX_BYTES, one blob under many names, staged in one call. */
    const manyEntries = async (repo: TempRepo) => {
      const blob = (await repo.run('rev-parse', 'HEAD:a.txt')).trim();
      const count = Math.ceil(SMALL_INDEX_BYTES / 70);
      await new Promise<void>((resolve, reject) => {
        const child = execFile('git', ['update-index', '--index-info'], { cwd: repo.root, env: isolatedGitEnv }, (error) => (error ? reject(error) : resolve()));
        child.stdin?.end(Array.from({ length: count }, (_, index) => `100644 ${blob}\tmany/${String(index).padStart(6, '0')}.txt\n`).join(''));
      });
      assert.ok((await fs.stat(repo.path('.git/index'))).size > SMALL_INDEX_BYTES);
    };

    it('keeps the tree with the checksum it was read under, takes it while the index holds that checksum, and reads an index staged anew', async () => {
      const repo = await branchRepo();
      const head = (await repo.run('rev-parse', 'HEAD^{tree}')).trim();
      assert.equal(keptOf(repo), head);
      assert.deepEqual(await record(repo), { format: 1, idBytes: 20, index: await checksum(repo), tree: head });
      // The record is what answers while the index is unchanged (a record of the same checksum planted with another tree is believed).
      await plant(repo, planted);
      assert.equal(keptOf(repo), planted);
      // Without a record file, the index itself is read, as before.
      assert.equal(indexOf(repo), head);
      // Staged anew: another checksum, so the index is read, and its tree computed and kept.
      await repo.stage({ 'src/b.txt': 'staged\n' });
      const staged = keptOf(repo);
      assert.equal(staged, await written(repo));
      assert.notEqual(staged, head);
      // The same entries written in another format: other bytes, read again, the same tree.
      await repo.run('update-index', '--index-version', '4');
      assert.equal(keptOf(repo), staged);
      assert.equal((await record(repo)).index, await checksum(repo));
      // An index that holds no tree this reads is kept as such (null), and answered without reading it again.
      await repo.run('update-index', '--split-index');
      assert.equal(keptOf(repo), undefined);
      assert.equal((await record(repo)).tree, null);
    });

    it('an index past SMALL_INDEX_BYTES is read once, where its record is valid, and then taken from the record; one past MAX_COMPUTED_ENTRIES staged anew is kept as git\'s', async () => {
      const repo = await branchRepo();
      await manyEntries(repo);
      const tree = await written(repo);
      assert.equal(indexOf(repo), undefined, 'not read without a record file');
      assert.equal(keptOf(repo), tree);
      assert.deepEqual(await record(repo), { format: 1, idBytes: 20, index: await checksum(repo), tree });
      await plant(repo, planted);
      assert.equal(keptOf(repo), planted);
      // One entry staged anew: the root's record is cleared and the entries are too many to compute: git's, and kept so.
      await repo.stage({ 'a.txt': 'staged\n' });
      assert.equal(keptOf(repo), undefined);
      assert.deepEqual(await record(repo), { format: 1, idBytes: 20, index: await checksum(repo), tree: null });
      await plant(repo, planted);
      assert.equal(keptOf(repo), planted);
    });

    it('keeps nothing for an index without a checksum (index.skipHash), nor where the bytes do not hash to the checksum they end with', async () => {
      const repo = await branchRepo();
      const head = (await repo.run('rev-parse', 'HEAD^{tree}')).trim();
      const index = repo.path('.git/index');
      const bytes = await fs.readFile(index);
      // Its checksum zeroed, as git 2.40's index.skipHash writes it: read each time, kept never.
      await fs.writeFile(index, Buffer.concat([bytes.subarray(0, -20), Buffer.alloc(20)]));
      assert.equal(keptOf(repo), head);
      await assert.rejects(fs.access(recordOf(repo)));
      // Past SMALL_INDEX_BYTES with no checksum: not read, as without a record file.
      const large = await branchRepo();
      await manyEntries(large);
      await written(large);
      const largeBytes = await fs.readFile(large.path('.git/index'));
      await fs.writeFile(large.path('.git/index'), Buffer.concat([largeBytes.subarray(0, -20), Buffer.alloc(20)]));
      assert.equal(keptOf(large), undefined);
      await assert.rejects(fs.access(recordOf(large)));
      // A byte of an entry's id changed in place, the checksum left as it was: what it reads is not kept under that checksum.
      const idAt = 12 + 40;
      const changed = Buffer.from(bytes);
      changed[idAt] = changed[idAt]! ^ 0xff;
      await fs.writeFile(index, changed);
      // (The root's record still names HEAD's tree: the answer is read from these bytes, as without a record file.)
      assert.equal(keptOf(repo), indexOf(repo));
      await assert.rejects(fs.access(recordOf(repo)));
      // The index as git wrote it: read, and kept.
      await fs.writeFile(index, bytes);
      assert.equal(keptOf(repo), head);
      assert.equal((await record(repo)).tree, head);
    });

    it('reads past a record it cannot take (malformed, of another format or id length, a folder, a FIFO) and answers as git would', async () => {
      const repo = await branchRepo();
      const head = (await repo.run('rev-parse', 'HEAD^{tree}')).trim();
      await fs.mkdir(path.dirname(recordOf(repo)), { recursive: true });
      const sum = await checksum(repo);
      const records = ['{"format":1,', JSON.stringify({ format: 2, idBytes: 20, index: sum, tree: planted }), JSON.stringify({ format: 1, idBytes: 32, index: sum, tree: planted }),
        JSON.stringify({ format: 1, idBytes: 20, index: sum, tree: 'not an id' }), JSON.stringify({ format: 1, idBytes: 20, index: sum.toUpperCase(), tree: planted }), 'null'];
      for (const text of records) {
        await fs.writeFile(recordOf(repo), text);
        assert.equal(keptOf(repo), head, text);
        assert.equal((await record(repo)).tree, head, text);
      }
      // A folder at its name: nothing is kept, and the index is read each time.
      await fs.rm(recordOf(repo));
      await fs.mkdir(recordOf(repo));
      assert.equal(keptOf(repo), head);
      await fs.rm(recordOf(repo), { recursive: true });
      if (process.platform !== 'win32') {
        // A FIFO is never waited on: set aside, and replaced by the record.
        await new Promise<void>((resolve, reject) => execFile('mkfifo', [recordOf(repo)], (error) => (error ? reject(error) : resolve())));
        assert.equal(keptOf(repo), head);
        assert.equal((await record(repo)).tree, head);
      }
    });
  });
});

