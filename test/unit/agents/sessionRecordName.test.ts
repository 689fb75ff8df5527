// An agent session's record of its start (backstop.ts) is named by the session's id where that is a plain UUID, with
// no hash made for the name; any other id by its hash, as every id was. Each comes back under its own id only.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadSessionStart, saveSessionStart } from '../../../src/core/agents/backstop';
import type { RepositoryState } from '../../../src/core/agents/sessionState';
import { tempDir } from '../helpers/tempRepo';

describe("an agent session's record of its start", () => {
  it('is named by a plain id as it is and by the hash of any other, and read back under that id alone', async () => {
    const gitDir = await tempDir('session-records');
    const ids = ['0b7e3c1a-5f2d-4c8e-9a61-2d4f8b1c7e90', 'ABC', '../../escape', 'a b', 'é'];
    for (const [at, id] of ids.entries()) await saveSessionStart(gitDir, id, { worktrees: { [`w${at}`]: {} } } as unknown as RepositoryState);
    const names = (await fs.readdir(path.join(gitDir, 'pm-zone', 'agent-sessions'))).sort();
    assert.ok(names.includes(`id-${ids[0]}.json`), names.join(', '));
    assert.equal(names.length, ids.length);
    // Nothing named by an id that is not plain: upper case (one file on a case-blind file system), a path, a space.
    assert.ok(names.filter((name) => name !== `id-${ids[0]}.json`).every((name) => /^[0-9a-f]{24}\.json$/.test(name)), names.join(', '));
    for (const [at, id] of ids.entries()) assert.deepEqual(Object.keys((await loadSessionStart(gitDir, id))!.state.worktrees), [`w${at}`]);
    assert.equal(await loadSessionStart(gitDir, 'abc'), undefined);
  });
});
