// The record of the checks a hook runs before the guard decides (guardChain.ts): what it keeps, when, and in what
// form the hook line and the launcher read it.
import * as assert from 'node:assert/strict';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { GUARD_CHAIN_FILE, keepGuardChain, STATE_OF_STATS, type ChainHanded, type ChainRecord } from '../../../src/core/agents/guardChain';
import { statsState } from '../../../src/core/git/fileStates';
import { tempDir } from '../helpers/tempRepo';

describe('the guard chain record (guardChain.ts)', () => {
  let folder: string;
  let records: string;
  const file = (name: string) => path.join(folder, name);
  const stateOf = (name: string) => statsState(statSync(file(name), { bigint: true }));
  // Later than every file here by more than the settling time: each counts as settled.
  const later = () => Date.now() + 60_000;
  const record = async () => JSON.parse(await fs.readFile(path.join(records, GUARD_CHAIN_FILE), 'utf8')) as ChainRecord;
  const claims = { version: '1.2.3', key: 'development', files: { 'guard.js': 'a'.repeat(64) } };

  beforeEach(async () => {
    folder = await tempDir('guard-chain');
    records = path.join(folder, 'records');
    for (const name of ['guard.cjs', 'package.json', 'identity.json', 'guard.js', 'guard-code.cache']) await fs.writeFile(file(name), `${name}\n`);
  });

  function handed(held: { launcher?: boolean; package?: boolean; code?: boolean } = {}): ChainHanded {
    return {
      records,
      launcher: { file: file('guard.cjs'), hash: 'b'.repeat(64), state: stateOf('guard.cjs'), held: held.launcher ?? false },
      package: {
        folder,
        files: { manifest: file('package.json'), identity: file('identity.json'), guard: file('guard.js') },
        states: { manifest: stateOf('package.json'), identity: stateOf('identity.json'), guard: stateOf('guard.js') },
        x: 'public-key',
        claims,
        held: held.package ?? false,
      },
      code: { file: file('guard-code.cache'), stamp: '[1]', state: stateOf('guard-code.cache'), held: held.code ?? false },
    };
  }

  it("reads a file's state in the hook line's and the launcher's JavaScript as statsState does", () => {
    // The very text the launchers carry, made a function.
    const inLaunchers = new Function(`return ${STATE_OF_STATS}`)() as (stats: unknown) => string;
    for (const name of ['guard.cjs', 'guard.js']) assert.equal(inLaunchers(statSync(file(name), { bigint: true })), stateOf(name));
  });

  it('keeps each link checked anew whose files settled, with what its check found', async () => {
    const chain = handed();
    assert.equal(keepGuardChain(chain, later(), 'linux'), true);
    assert.deepEqual(await record(), {
      format: 1,
      launcher: { hash: 'b'.repeat(64), state: chain.launcher!.state },
      package: { folder, ...chain.package!.states, x: 'public-key', claims },
      code: { stamp: '[1]', state: chain.code!.state },
    });
  });

  it('keeps nothing for files changed within the settling time, and nothing where no link was checked anew', async () => {
    // The process started now: every file here changed within two seconds of it.
    assert.equal(keepGuardChain(handed(), Date.now(), 'linux'), false);
    await assert.rejects(fs.stat(path.join(records, GUARD_CHAIN_FILE)), { code: 'ENOENT' });
    assert.equal(keepGuardChain(handed({ launcher: true, package: true, code: true }), later(), 'linux'), false);
    await assert.rejects(fs.stat(path.join(records, GUARD_CHAIN_FILE)), { code: 'ENOENT' });
  });

  it('a link held is kept as it was beside one checked anew; one whose file changed since its check is left out', async () => {
    const chain = handed({ launcher: true });
    // The guard changed after the launcher checked it: its state is another now, and nothing vouches for those bytes.
    await fs.appendFile(file('guard.js'), 'changed\n');
    assert.equal(keepGuardChain(chain, later(), 'linux'), true);
    const kept = await record();
    assert.deepEqual(kept.launcher, { hash: 'b'.repeat(64), state: chain.launcher!.state });
    assert.equal(kept.package, undefined);
    assert.deepEqual(kept.code, { stamp: '[1]', state: chain.code!.state });
  });

  it('keeps nothing on Windows, without a records folder, or where the record cannot be written', async () => {
    assert.equal(keepGuardChain(handed(), later(), 'win32'), false);
    assert.equal(keepGuardChain({ ...handed(), records: undefined }, later(), 'linux'), false);
    assert.equal(keepGuardChain(undefined, later(), 'linux'), false);
    // A file where the records folder would be.
    await fs.writeFile(records, 'not a folder');
    assert.equal(keepGuardChain(handed(), later(), 'linux'), false);
  });
});
