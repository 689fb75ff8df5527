import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { readChange, savedFixes, stagingState, unstagePath, untrackedWhenChangeRead } from '../../../src/core/git';
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

  it("unstages a path named like a glob (a Next.js route) and no other path it would match as one", async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'app/[id]/page.tsx': 'a\n', 'app/i/page.tsx': 'i\n', 'app/d/page.tsx': 'd\n' } }] });
    await repo.stage({ 'app/[id]/page.tsx': 'b\n', 'app/i/page.tsx': 'j\n' });
    await repo.write({ 'app/[id]/page.tsx': 'a\n' });
    assert.equal(await unstagePath(repo.git, 'app/[id]/page.tsx'), 'unstaged');
    assert.equal(await repo.run('status', '--porcelain'), 'M  app/i/page.tsx\n', "the PM's staged edit of another route stays staged");
    assert.equal(await unstagePath(repo.git, 'app/[id]/page.tsx'), 'clean', 'another path a glob would match does not count as staged');
    await repo.stage({ 'app/d/page.tsx': 'e\n' });
    assert.equal(await unstagePath(repo.git, 'app/[id]/page.tsx'), 'clean');
  });

  it('takes a new, staged file out of the index in a repository without commits, keeping the file', async () => {
    const repo = await tempRepo();
    await repo.stage({ 'new.ts': 'n\n' });
    assert.equal(await unstagePath(repo.git, 'new.ts'), 'unstaged');
    assert.equal(await repo.run('status', '--porcelain'), '?? new.ts\n');
  });
});

describe('stagingState', () => {
  const editable = (path: string) => !path.startsWith('src/auth/');
  const fixesBothWays = async (git: Parameters<typeof stagingState>[0], changed: string[]) => {
    const full = await stagingState(git);
    const quick = await stagingState(git, { onlyWhenStaged: true });
    return { full, quick, fixes: savedFixes(full, changed, editable), quickFixes: savedFixes(quick, changed, editable) };
  };

  it('asks no status when nothing is staged, and gives the saved fixes a full status gives in every state', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'copy/en.json': '{}\n', 'src/auth/session.ts': 'a\n' } }] });
    const changed = ['copy/en.json', 'src/auth/session.ts', 'copy/new.json'];
    // Edited and untracked, nothing staged: a full status lists them as not staged, and there is no fix to stage.
    await repo.write({ 'copy/en.json': '{"a":1}\n', 'copy/new.json': '{}\n' });
    let seen = await fixesBothWays(repo.git, changed);
    assert.deepEqual(seen.full.notStaged.sort(), ['copy/en.json', 'copy/new.json']);
    assert.deepEqual(seen.quick, { staged: [], notStaged: [] });
    assert.deepEqual(seen.quickFixes, seen.fixes);
    // Staged, then edited again: both read the status.
    await repo.stage({ 'copy/en.json': '{"a":2}\n' });
    await repo.write({ 'copy/en.json': '{"a":3}\n' });
    seen = await fixesBothWays(repo.git, changed);
    assert.deepEqual(seen.quick, seen.full);
    assert.deepEqual(seen.fixes.stagedBefore, ['copy/en.json']);
    // A new file staged in a repository without commits is staged too.
    const unborn = await tempRepo();
    await unborn.stage({ 'copy/en.json': '{}\n' });
    await unborn.write({ 'copy/en.json': '{"b":1}\n' });
    const first = await fixesBothWays(unborn.git, ['copy/en.json']);
    assert.deepEqual(first.quick, first.full);
    assert.deepEqual(first.quick.staged, ['copy/en.json']);
  });
});

describe('stagingState with the untracked files a change listed', () => {
  // The review of the working tree has listed the untracked files already: the index is then compared by name, and
  // the answer, order included, must be the status's in every state a PM's repository can be in.
  const sameAsStatus = async (repo: Awaited<ReturnType<typeof tempRepo>>, state: string) => {
    const untracked = untrackedWhenChangeRead(await readChange(repo.git, { mode: 'worktree' }));
    assert.ok(untracked, 'a change read from the working tree lists its untracked files');
    assert.deepEqual(await stagingState(repo.git, { untracked }), await stagingState(repo.git), state);
    assert.deepEqual(await stagingState(repo.git, { untracked, onlyWhenStaged: true }), await stagingState(repo.git, { onlyWhenStaged: true }), `${state}, only when staged`);
  };

  it('answers what a status answers: staged, edited again, deleted, new, intent to add, a link for a file, a nested repository, ignored files', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { '.gitignore': 'dist/\n', 'copy/en.json': '{}\n', 'copy/fr.json': '{}\n', 'copy/de.json': '{}\n', 'b.md': 'b\n', 'z.md': 'z\n' } }] });
    await sameAsStatus(repo, 'clean');
    await repo.write({ 'copy/en.json': '{"a":1}\n', 'a-new.md': 'n\n', 'dist/out.js': 'x\n', 'm/new.md': 'm\n', 'copy/é "q".json': '{}\n' });
    await repo.run('config', 'diff.relative', 'true');
    await sameAsStatus(repo, 'edited and untracked, nothing staged, names out of the ordinary, diff.relative set');
    await repo.stage({ 'copy/en.json': '{"a":2}\n', 'copy/staged-new.json': '{}\n' });
    await repo.write({ 'copy/en.json': '{"a":3}\n' });
    await sameAsStatus(repo, 'staged, then edited again');
    await repo.run('rm', '--quiet', '--cached', 'copy/fr.json');
    await repo.run('rm', '--quiet', 'copy/de.json');
    await fs.rm(repo.path('b.md'));
    await sameAsStatus(repo, 'a deletion staged, one in the index only, one on disk only');
    await repo.write({ 'intent.md': 'i\n' });
    await repo.run('add', '--intent-to-add', 'intent.md');
    await fs.rm(repo.path('z.md'));
    await fs.symlink('b.md', repo.path('z.md'));
    await sameAsStatus(repo, 'intent to add, and a file become a link');
    await repo.run('init', '--quiet', 'nested');
    await fs.writeFile(repo.path('nested/inside.md'), 'x\n');
    await sameAsStatus(repo, 'a repository inside the working tree');
  });

  it('answers what a status answers in a merge with a conflict, and before the first commit', async () => {
    const repo = await tempRepo({ commits: [{ message: 'first', files: { 'copy/en.json': '{"a":0}\n', 'other.md': 'o\n' } }] });
    const main = (await repo.run('symbolic-ref', '--short', 'HEAD')).trim();
    await repo.run('checkout', '--quiet', '-b', 'theirs');
    await repo.commit('theirs', { 'copy/en.json': '{"a":1}\n' });
    await repo.run('checkout', '--quiet', main);
    await repo.commit('ours', { 'copy/en.json': '{"a":2}\n', 'other.md': 'p\n' });
    await repo.run('merge', '--quiet', 'theirs').catch(() => undefined);
    assert.match(await repo.run('status', '--porcelain'), /^UU copy\/en\.json$/m);
    await sameAsStatus(repo, 'a conflict');
    const unborn = await tempRepo();
    await unborn.stage({ 'copy/en.json': '{}\n' });
    await unborn.write({ 'copy/en.json': '{"b":1}\n', 'new.md': 'n\n' });
    await sameAsStatus(unborn, 'no commit yet');
  });
});
