import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findRepository, withRepositoryLookups } from '../../../src/core/agents/repositoryLocation';
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
});
