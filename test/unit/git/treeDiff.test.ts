import * as assert from 'node:assert/strict';
import { diffAgainst } from '../../../src/core/git/diffEntries';
import { treeDifference } from '../../../src/core/git/treeDiff';
import { seededRandom } from '../../support/seededRandom';
import { isolatedGit, loggingGit, tempRepo, type FileSpec, type FileTree } from '../helpers/tempRepo';

/** Names whose byte order differs from a naive one: a folder sorts as if `/` followed its name; past U+FFFF, UTF-16 orders otherwise than UTF-8. */
const NAMES = ['a.txt', 'a-b', 'a/c.txt', 'a/d/e.txt', 'aa', 'a b.md', 'Z.txt', 'é.json', '\uff21.txt', '\u{1f600}.txt', 'locales/fr.json', 'locales/en.json', 'locales-old/en.json'];

describe('treeDifference: two commits\' difference read from their trees, where it is git diff --raw -M to the letter', () => {
  it('answers as git on random histories, and leaves renames, type changes, submodules and additions beside deletions to git', async function () {
    this.timeout(300_000);
    const random = seededRandom(50);
    const content = (name: string): FileSpec => {
      const roll = random();
      if (roll < 0.1) return { symlink: `target-${Math.floor(random() * 2)}` };
      if (roll < 0.25) return { content: `run ${name}\n`, executable: true };
      return `${name} ${Math.floor(random() * 3)}\n`;
    };
    let answered = 0;
    let leftToGit = 0;
    const statuses = new Set<string>();
    for (let run = 0; run < 40; run++) {
      const base = Object.fromEntries(NAMES.map((name) => [name, `${name} 0\n`]));
      const changes: FileTree = {};
      for (const name of NAMES) if (random() < 0.35) changes[name] = content(name);
      // Now and then what git may pair as a rename, or reads as another kind: a deletion, an addition.
      if (random() < 0.2) changes[NAMES[Math.floor(random() * NAMES.length)]!] = null;
      if (random() < 0.2) changes[`new/${run}.txt`] = 'new\n';
      if (random() < 0.1) Object.assign(changes, { 'a/c.txt': null, 'a/d/e.txt': null });
      if (random() < 0.15) {
        // A move, which git finds as a rename.
        const moved = NAMES[Math.floor(random() * NAMES.length)]!;
        Object.assign(changes, { [moved]: null, [`moved/${run}`]: base[moved]! });
      }
      if (random() < 0.1) Object.assign(changes, { 'a.txt': null, 'a.txt/inside.txt': 'a file become a folder\n' });
      const repo = await tempRepo({ commits: [{ message: 'base', files: base }, { branch: 'pm/copy', message: 'edit', files: changes }] });
      if (random() < 0.15) {
        // A submodule's commit recorded in the tree (a gitlink), then moved.
        const commit = (await repo.run('rev-parse', 'main')).trim();
        await repo.run('update-index', '--add', '--cacheinfo', `160000,${commit},vendor/lib`);
        await repo.run('commit', '--quiet', '-m', 'submodule');
      }
      const [from, to] = [(await repo.run('rev-parse', 'main')).trim(), (await repo.run('rev-parse', 'HEAD')).trim()];
      const { git } = await loggingGit(repo.root, { readConfigOnce: true });
      const fromTrees = await treeDifference(git, { commit: from }, { commit: to });
      const gits = await diffAgainst(isolatedGit(repo.root), from, { cached: false, to, numstat: false });
      if (fromTrees === undefined) {
        leftToGit++;
        // What only git reads: a rename or type change, a submodule, or an addition beside a deletion.
        const statuses = new Set(gits.entries.map((entry) => entry.status));
        const submodule = gits.entries.some((entry) => entry.oldMode === '160000' || entry.newMode === '160000');
        assert.ok(statuses.has('R') || statuses.has('T') || submodule || (statuses.has('A') && statuses.has('D')), `run ${run}: ${JSON.stringify(gits.entries)}`);
      } else {
        answered++;
        assert.deepEqual(fromTrees, gits.entries, `run ${run}`);
        for (const entry of fromTrees) statuses.add(entry.status);
      }
    }
    assert.ok(answered > 10 && leftToGit > 3, `${answered} answered, ${leftToGit} left to git`);
    assert.deepEqual([...statuses].sort(), ['A', 'D', 'M']);
  });

  it('lists every name in git\'s order: the paths\' bytes, a folder as if `/` followed it', async () => {
    const base = Object.fromEntries(NAMES.map((name) => [name, `${name} 0\n`]));
    const edited = Object.fromEntries(NAMES.map((name) => [name, `${name} 1\n`]));
    const repo = await tempRepo({ commits: [{ message: 'base', files: base }, { branch: 'pm/copy', message: 'edit', files: { ...edited, 'new/one.txt': 'new\n' } }] });
    const [from, to] = [(await repo.run('rev-parse', 'main')).trim(), (await repo.run('rev-parse', 'HEAD')).trim()];
    const { git } = await loggingGit(repo.root, { readConfigOnce: true });
    const fromTrees = await treeDifference(git, { commit: from }, { commit: to });
    assert.equal(fromTrees?.length, NAMES.length + 1);
    assert.deepEqual(fromTrees, (await diffAgainst(isolatedGit(repo.root), from, { cached: false, to, numstat: false })).entries);
  });

  it('a review\'s Git lists an edit of two commits with no diff process; one whose configuration orders the diff asks git', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a/b.txt': 'a\n', 'c.txt': 'c\n' } }, { branch: 'pm/copy', message: 'edit', files: { 'a/b.txt': 'b\n' } }] });
    const [from, to] = [(await repo.run('rev-parse', 'main')).trim(), (await repo.run('rev-parse', 'HEAD')).trim()];
    const plain = await diffAgainst(isolatedGit(repo.root), from, { cached: false, to, numstat: false });
    assert.deepEqual(plain.entries.map((entry) => [entry.status, entry.path]), [['M', 'a/b.txt']]);
    const once = await loggingGit(repo.root, { readConfigOnce: true });
    assert.deepEqual(await diffAgainst(once.git, from, { cached: false, to, numstat: false }), plain);
    assert.deepEqual((await once.commands()).sort(), ['cat-file', 'config']);
    // Counted (numstat), it is git's as before.
    await diffAgainst(once.git, from, { cached: false, to });
    assert.deepEqual((await once.commands()).sort(), ['cat-file', 'config', 'diff']);
    // An order file puts c.txt first: git's order, not the trees'.
    await repo.commit('more', { 'c.txt': 'd\n' });
    await repo.write({ 'order.txt': 'c.txt\n' });
    await repo.run('config', 'diff.orderFile', 'order.txt');
    const head = (await repo.run('rev-parse', 'HEAD')).trim();
    const ordered = await loggingGit(repo.root, { readConfigOnce: true });
    const gits = await diffAgainst(isolatedGit(repo.root), from, { cached: false, to: head, numstat: false });
    assert.deepEqual(gits.entries.map((entry) => entry.path), ['c.txt', 'a/b.txt']);
    assert.deepEqual(await diffAgainst(ordered.git, from, { cached: false, to: head, numstat: false }), gits);
    assert.ok((await ordered.commands()).includes('diff'));
  });
});
