import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readChange } from '../../../src/core/git/change';
import { CLOSE_ANCESTORS, isCloseAncestor, parentsOf } from '../../../src/core/git/closeAncestor';
import { mergeBase } from '../../../src/core/git/repository';
import { isolatedGit, loggingGit, tempRepo, type TempRepo } from '../helpers/tempRepo';

const TREE = `tree ${'a'.repeat(40)}`;
const ONE = '1'.repeat(40);
const TWO = '2'.repeat(40);

/** git's own merge base of HEAD and main, where git answers it. */
async function gitsMergeBase(repo: TempRepo): Promise<string | null> {
  return (await repo.run('merge-base', 'HEAD', 'main').catch(() => '')).trim() || null;
}

/** The review's merge base (readChange, as a command that keeps its processes reads it), and whether it asked git for it. */
async function reviewsMergeBase(repo: TempRepo): Promise<{ mergeBase: string | undefined; asked: boolean }> {
  const { git, commands } = await loggingGit(repo.root, { readConfigOnce: true });
  const change = await readChange(git, { base: 'main' });
  return { mergeBase: change.mergeBase, asked: (await commands()).includes('merge-base') };
}

describe('isCloseAncestor: the merge base of a branch whose base is one of its close ancestors, without git merge-base', () => {
  it('reads parents as git parses a commit: the lines right after the tree, nothing further down', () => {
    assert.deepEqual(parentsOf(Buffer.from(`${TREE}\nauthor A <a@b> 1 +0000\n\nroot\n`), 40), []);
    assert.deepEqual(parentsOf(Buffer.from(`${TREE}\nparent ${ONE}\nparent ${TWO}\nauthor A <a@b> 1 +0000\n\nmerge\n`), 40), [ONE, TWO]);
    // A parent line after the author, or in the message, is no parent to git.
    assert.deepEqual(parentsOf(Buffer.from(`${TREE}\nauthor A <a@b> 1 +0000\nparent ${ONE}\n\nparent ${TWO}\n`), 40), []);
    // Shapes git would refuse or read otherwise are not read here: git is asked.
    assert.equal(parentsOf(Buffer.from(`parent ${ONE}\n${TREE}\n\nx\n`), 40), undefined);
    assert.equal(parentsOf(Buffer.from(`${TREE}\nparent ${ONE.slice(1)}\n\nx\n`), 40), undefined);
    assert.equal(parentsOf(Buffer.from(`${TREE}\nparent ${ONE}\n\nx\n`), 64), undefined);
    assert.equal(parentsOf(undefined, 40), undefined);
  });

  it('a branch one commit past its base, and one that merged its moved base back in: git\'s answer, with no merge-base process', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'pm/copy', message: 'copy', files: { 'a.txt': 'b\n' } }] });
    const ahead = await reviewsMergeBase(repo);
    assert.deepEqual(ahead, { mergeBase: await gitsMergeBase(repo), asked: false });

    await repo.switchTo('main');
    await repo.commit('moved on', { 'm.txt': 'm\n' });
    await repo.switchTo('pm/copy');
    // The base moved on: not an ancestor, and git is asked (its answer is the fork point).
    const moved = await reviewsMergeBase(repo);
    assert.deepEqual(moved, { mergeBase: await gitsMergeBase(repo), asked: true });
    assert.notEqual(moved.mergeBase, (await repo.run('rev-parse', 'main')).trim());

    await repo.run('merge', '--quiet', '--no-edit', '--no-ff', 'main');
    await repo.commit('more copy', { 'a.txt': 'c\n' });
    // Merged back in: main's commit is the merge's second parent, one generation further.
    const merged = await reviewsMergeBase(repo);
    assert.deepEqual(merged, { mergeBase: (await repo.run('rev-parse', 'main')).trim(), asked: false });
    assert.equal(merged.mergeBase, await gitsMergeBase(repo));
  });

  it('in a SHA-256 repository too', async () => {
    const repo = await tempRepo({ objectFormat: 'sha256', commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'pm/copy', message: 'copy', files: { 'a.txt': 'b\n' } }] });
    const [head, main] = [(await repo.run('rev-parse', 'HEAD')).trim(), (await repo.run('rev-parse', 'main')).trim()];
    assert.match(main, /^[0-9a-f]{64}$/);
    // Its configuration's extensions section leaves the top folder to git (topAsGitFinds), so a review asks git; read directly, the same answer.
    const { git } = await loggingGit(repo.root, { readConfigOnce: true });
    assert.equal(await isCloseAncestor(git, head, main, path.join(repo.root, '.git')), true);
    assert.equal(main, await gitsMergeBase(repo));
    assert.deepEqual(await reviewsMergeBase(repo), { mergeBase: main, asked: true });
  });

  it('asks git for a base further back than CLOSE_ANCESTORS commits, with the same answer', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }], branch: 'pm/long' });
    // The base is the parent of the branch's oldest commit: the limit's commits read from HEAD back do not reach it.
    for (let index = 0; index <= CLOSE_ANCESTORS; index++) await repo.commit(`step ${index}`, { 'a.txt': `${index}\n` });
    const far = await reviewsMergeBase(repo);
    assert.deepEqual(far, { mergeBase: await gitsMergeBase(repo), asked: true });
    // One commit fewer, and it is read.
    await repo.run('reset', '--quiet', '--hard', 'HEAD~1');
    assert.deepEqual(await reviewsMergeBase(repo), { mergeBase: await gitsMergeBase(repo), asked: false });
  });

  it('leaves a shallow clone and grafts to git, which read parents otherwise than the objects', async () => {
    for (const [name, file] of [['shallow', 'shallow'], ['grafts', path.join('info', 'grafts')]] as const) {
      const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'pm/copy', message: 'copy', files: { 'a.txt': 'b\n' } }] });
      const head = (await repo.run('rev-parse', 'HEAD')).trim();
      const main = (await repo.run('rev-parse', 'main')).trim();
      // HEAD made a root: a shallow clone's boundary, or a graft of no parents. The objects still name main as its parent.
      await fs.mkdir(path.join(repo.root, '.git', 'info'), { recursive: true });
      await fs.writeFile(path.join(repo.root, '.git', file), `${head}\n`);
      const { git } = await loggingGit(repo.root, { readConfigOnce: true });
      assert.equal(await isCloseAncestor(git, head, main, path.join(repo.root, '.git')), undefined, name);
      assert.equal(await mergeBase(isolatedGit(repo.root), head, main), await gitsMergeBase(repo), name);
    }
  });

  it('reads replace refs as git merge-base does', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'pm/copy', message: 'copy', files: { 'a.txt': 'b\n' } }] });
    await repo.switchTo('main');
    await repo.commit('moved on', { 'm.txt': 'm\n' });
    await repo.switchTo('pm/copy');
    // HEAD replaced by a copy whose parent is main's new commit: both read the replacement.
    await repo.run('replace', '--graft', 'HEAD', 'main');
    const grafted = await reviewsMergeBase(repo);
    assert.deepEqual(grafted, { mergeBase: (await repo.run('rev-parse', 'main')).trim(), asked: false });
    assert.equal(grafted.mergeBase, await gitsMergeBase(repo));
    // HEAD replaced by a root: no ancestor within reach, and git says there is no merge base.
    await repo.run('replace', '--delete', (await repo.run('--no-replace-objects', 'rev-parse', 'HEAD')).trim());
    await repo.run('replace', '--graft', 'HEAD');
    assert.equal(await gitsMergeBase(repo), null);
    const { git } = await loggingGit(repo.root, { readConfigOnce: true });
    assert.equal(await isCloseAncestor(git, (await repo.run('rev-parse', 'HEAD')).trim(), (await repo.run('rev-parse', 'main')).trim(), path.join(repo.root, '.git')), undefined);
  });

  it('is not used by a Git that keeps no process for objects (the editor\'s), which would start one for each generation', async () => {
    const repo = await tempRepo({ commits: [{ message: 'base', files: { 'a.txt': 'a\n' } }, { branch: 'pm/copy', message: 'copy', files: { 'a.txt': 'b\n' } }] });
    const { git, commands } = await loggingGit(repo.root);
    assert.equal(await isCloseAncestor(git, (await repo.run('rev-parse', 'HEAD')).trim(), (await repo.run('rev-parse', 'main')).trim(), path.join(repo.root, '.git')), undefined);
    assert.deepEqual(await commands(), []);
    assert.equal((await readChange(git, { base: 'main' })).mergeBase, await gitsMergeBase(repo));
  });
});
