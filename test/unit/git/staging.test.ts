import * as assert from 'node:assert/strict';
import { savedFixes, stagingState, unstagePath } from '../../../src/core/git';
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
