import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs, statSync, type BigIntStats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHECKED_SUFFIX, checksumHolds } from '../../../src/core/git/checkedState';
import { statsState } from '../../../src/core/git/fileStates';

/**
 * A record's checksum, computed once and then held by the record's state (src/core/git/checkedState.ts): the second
 * read of an unchanged record does not compute it, and anything written to the record since is checked again.
 */
describe('a record\'s checksum held by its state once it has held', () => {
  let folder: string;
  let record: string;
  // The process began well after the record was written, as far as the check is told: it has settled.
  const settledStart = () => Date.now() + 5000;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-checked-'));
    record = path.join(folder, 'record.json');
    await fs.writeFile(record, '{"sum":"good"}');
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const stats = (): BigIntStats => statSync(record, { bigint: true });

  /** checksumHolds with a check that counts its calls. */
  function holds(answer: boolean, startedMs = settledStart()): { holds: boolean; computed: number } {
    let computed = 0;
    const result = checksumHolds(record, stats(), () => {
      computed += 1;
      return answer;
    }, startedMs);
    return { holds: result, computed };
  }

  it('computes the checksum once; then the record in the same state holds without it', async () => {
    assert.deepEqual(holds(true), { holds: true, computed: 1 });
    assert.equal(await fs.readFile(`${record}${CHECKED_SUFFIX}`, 'latin1'), statsState(stats()));
    // A check that would now fail is not asked: the state vouches for the bytes it held for.
    assert.deepEqual(holds(false), { holds: true, computed: 0 });
  });

  it('a record written since (the same length, its times put back) is checked again; a failed check keeps nothing', async () => {
    assert.deepEqual(holds(true), { holds: true, computed: 1 });
    const before = stats();
    await fs.writeFile(record, '{"sum":"evil"}');
    // Its modification time set back as it was: the change time, which no process sets, still moves.
    await fs.utimes(record, Number(before.atimeMs) / 1000, Number(before.mtimeMs) / 1000);
    assert.notEqual(statsState(stats()), statsState(before));
    assert.deepEqual(holds(false), { holds: false, computed: 1 });
    assert.deepEqual(holds(false), { holds: false, computed: 1 }, 'nothing kept for a check that failed');
  });

  it('keeps nothing for a record that changed within the clock\'s step before the process started', async () => {
    assert.deepEqual(holds(true, Date.now()), { holds: true, computed: 1 });
    await assert.rejects(fs.stat(`${record}${CHECKED_SUFFIX}`), { code: 'ENOENT' });
    assert.deepEqual(holds(true, Date.now()), { holds: true, computed: 1 });
  });

  it('a state file that names another state, is a link to the right one or a FIFO is not taken', async () => {
    const checked = `${record}${CHECKED_SUFFIX}`;
    await fs.writeFile(checked, 'another state');
    assert.deepEqual(holds(false), { holds: false, computed: 1 });

    const elsewhere = path.join(folder, 'elsewhere');
    await fs.writeFile(elsewhere, statsState(stats()));
    await fs.rm(checked);
    await fs.symlink(elsewhere, checked);
    assert.deepEqual(holds(false), { holds: false, computed: 1 }, 'a link at the state\'s name is not followed');

    await fs.rm(checked);
    execFileSync('mkfifo', [checked]);
    // A read that waited on the FIFO would hold the test until mocha's time limit.
    assert.deepEqual(holds(false), { holds: false, computed: 1 });
  });

  it('a record reached through a link keeps no state: the state is kept only for the file itself', async () => {
    const link = path.join(folder, 'link.json');
    await fs.symlink(record, link);
    assert.equal(checksumHolds(link, stats(), () => true, settledStart()), true);
    await assert.rejects(fs.stat(`${link}${CHECKED_SUFFIX}`), { code: 'ENOENT' });
  });

  it('where the state cannot be written (a folder at its name), none is kept, and the record is checked every time', async () => {
    await fs.mkdir(`${record}${CHECKED_SUFFIX}`);
    assert.deepEqual(holds(true), { holds: true, computed: 1 });
    assert.deepEqual(holds(true), { holds: true, computed: 1 });
    assert.equal((await fs.stat(`${record}${CHECKED_SUFFIX}`)).isDirectory(), true);
    assert.deepEqual((await fs.readdir(folder)).sort(), ['record.json', `record.json${CHECKED_SUFFIX}`], 'no temporary file left');
  });
});
