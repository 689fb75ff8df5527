import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileTextNow, regularFileBytes, statNow } from '../../../src/core/git/regularFile';
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

  it('looks at a path at once, through links or not, and gives nothing where stat or lstat gives nothing', async () => {
    const folder = await tempDir('looked-at');
    await fs.writeFile(path.join(folder, 'file'), 'bytes\n');
    await fs.symlink('file', path.join(folder, 'link'));
    await fs.symlink('missing', path.join(folder, 'dangling'));
    assert.equal(statNow(path.join(folder, 'link'))?.size, 6);
    assert.equal(statNow(folder)?.isDirectory(), true);
    assert.equal(statNow(path.join(folder, 'dangling')), undefined);
    assert.equal(statNow(path.join(folder, 'dangling'), 'not followed')?.isSymbolicLink(), true, 'the link itself, as lstat sees it');
    assert.equal(statNow(path.join(folder, 'link'), 'not followed')?.isSymbolicLink(), true);
    assert.equal(statNow(path.join(folder, 'missing'), 'not followed'), undefined);
    assert.equal(statNow(path.join(folder, 'file', 'below')), undefined, 'ENOTDIR');
    assert.equal(statNow(path.join(folder, 'missing')), undefined);
  });

  it("reads a regular file's text at once, and anything else as readFile reads it: a FIFO once a writer writes", async () => {
    const folder = await tempDir('text-now');
    await fs.writeFile(path.join(folder, 'file'), 'gitdir: ../x\n');
    assert.equal(await fileTextNow(path.join(folder, 'file')), 'gitdir: ../x\n');
    assert.equal(await fileTextNow(path.join(folder, 'missing')), undefined);
    assert.equal(await fileTextNow(folder), undefined, 'a folder has no text');
    if (process.platform === 'win32') return;
    const fifo = path.join(folder, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Read at once, a FIFO would hold this thread, and the writer below, which runs on it, would never write.
    const text = fileTextNow(fifo);
    await fs.writeFile(fifo, 'written\n');
    assert.equal(await text, 'written\n');
  });
});
