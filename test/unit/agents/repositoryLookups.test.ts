import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findRepository, inGitFolder, repositoryWrite, withRepositoryLookups } from '../../../src/core/agents/repositoryLocation';
import { runGit, tempDir, tempRepo } from '../helpers/tempRepo';

describe("a guard decision's repository lookups", () => {
  it('looks at each folder once within a decision, and afresh in the next one', async () => {
    const repo = await tempRepo();
    const inner = path.join(repo.root, 'sub', 'inner');
    await fs.mkdir(inner, { recursive: true });
    const plain = await findRepository(inner);
    await withRepositoryLookups(async () => {
      const first = await findRepository(inner);
      assert.deepEqual(first, plain);
      assert.equal(await findRepository(repo.root), first, 'the same lookup, shared');
      assert.deepEqual(await findRepository(path.join(inner, 'file.ts')), plain);
    });
    // A repository made between two decisions is found by the next.
    await runGit(path.join(repo.root, 'sub'), ['init', '--quiet']);
    const nested = await withRepositoryLookups(() => findRepository(inner));
    assert.equal(nested?.root, path.join(repo.root, 'sub'));
    assert.deepEqual(nested, await findRepository(inner));
    assert.equal(await withRepositoryLookups(async () => findRepository(await tempDir('nowhere'))), undefined);
  });

  it("finds where each written path lands once within a decision, as a lookup of its own finds it, and afresh in the next one", async () => {
    const repo = await tempRepo();
    const outside = await tempDir('outside');
    const location = await findRepository(repo.root);
    assert.ok(location);
    await fs.mkdir(path.join(repo.root, 'src'), { recursive: true });
    await fs.writeFile(path.join(repo.root, 'src', 'file.ts'), 'x');
    await fs.writeFile(path.join(outside, 'away.ts'), 'x');
    await fs.symlink(path.join(repo.root, 'src'), path.join(repo.root, 'linked'));
    await fs.symlink(path.join(repo.root, '.git'), path.join(repo.root, 'history'));
    await fs.symlink(path.join(outside, 'away.ts'), path.join(repo.root, 'src', 'away.ts'));
    await fs.symlink(path.join(repo.root, 'src', 'not-yet.ts'), path.join(repo.root, 'dangling.ts'));
    await fs.symlink(path.join(outside, 'not-yet.ts'), path.join(repo.root, 'dangling-out.ts'));
    const written = ['src/file.ts', 'src/new.ts', 'linked/file.ts', 'linked/new/deep.ts', 'history/config', 'history/pm-zone/guard-policy.json', 'src/away.ts', 'dangling.ts', 'dangling-out.ts', 'missing/folder/file.ts', '.git/config', '']
      .map((file) => path.join(repo.root, file))
      .concat([path.join(outside, 'away.ts'), path.join(outside, 'new.ts')]);
    const answers = async () => Promise.all(written.map(async (file) => ({ file, write: await repositoryWrite(location, file), git: await inGitFolder(location, file) })));
    const plain = await answers();
    await withRepositoryLookups(async () => {
      assert.deepEqual(await answers(), plain);
      assert.deepEqual(await answers(), plain, 'asked again within the decision');
    });
    // A link made between two decisions is followed by the next.
    await fs.rm(path.join(repo.root, 'src', 'file.ts'));
    await fs.symlink(path.join(outside, 'away.ts'), path.join(repo.root, 'src', 'file.ts'));
    const moved = await withRepositoryLookups(answers);
    assert.deepEqual(moved, await answers());
    assert.notDeepEqual(moved, plain);
  });

  it("reads a git folder's commondir that is a FIFO as a read through the thread pool reads it, once a writer writes", async function () {
    if (process.platform === 'win32') this.skip();
    const repo = await tempRepo();
    const gitDir = path.join(repo.root, '.git');
    assert.deepEqual((await findRepository(repo.root))?.realGitFolders, [await fs.realpath(gitDir)]);
    execFileSync('mkfifo', [path.join(gitDir, 'commondir')]);
    // Read at once, the FIFO would hold this thread, and the writer below, which runs on it, would never write.
    const found = findRepository(repo.root);
    await fs.writeFile(path.join(gitDir, 'commondir'), '.\n');
    assert.deepEqual((await found)?.realGitFolders, [await fs.realpath(gitDir), await fs.realpath(gitDir)]);
  });
});
