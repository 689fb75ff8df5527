import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { regularFileBytes } from '../../../src/core/git/regularFile';
import { tempDir } from '../helpers/tempRepo';

describe('a regular file read at once', () => {
  it('reads a regular file (through a link too), says what is not one without waiting on it, and gives the error readFile gives', async () => {
    const folder = await tempDir('regular');
    await fs.writeFile(path.join(folder, 'file'), 'bytes\n');
    await fs.symlink('file', path.join(folder, 'link'));
    assert.deepEqual(regularFileBytes(path.join(folder, 'file')), Buffer.from('bytes\n'));
    assert.deepEqual(regularFileBytes(path.join(folder, 'link')), Buffer.from('bytes\n'));
    assert.equal(regularFileBytes(folder), 'not regular');
    const missing = regularFileBytes(path.join(folder, 'missing'));
    assert.ok(typeof missing === 'object' && 'error' in missing && missing.error.code === 'ENOENT');
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [path.join(folder, 'fifo')]);
      assert.equal(regularFileBytes(path.join(folder, 'fifo')), 'not regular');
    }
  });
});
