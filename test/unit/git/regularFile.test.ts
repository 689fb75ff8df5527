import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileTextNow, regularFileBytes, regularFileRead, regularFileReadAround, statNow } from '../../../src/core/git/regularFile';
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

  it('does not read a regular file past maxBytes, by its stats, and reads one of that size', async () => {
    const folder = await tempDir('bounded');
    const file = path.join(folder, 'file');
    await fs.writeFile(file, 'twelve bytes');
    assert.deepEqual(regularFileBytes(file, { maxBytes: 12 }), Buffer.from('twelve bytes'));
    assert.equal(regularFileBytes(file, { maxBytes: 11 }), 'too large');
    assert.equal(regularFileRead(file, { maxBytes: 0 }), 'too large');
    // What is not a regular file, or not there, is said as before: the bound is on a regular file's size.
    assert.equal(regularFileBytes(folder, { maxBytes: 0 }), 'not regular');
    const missing = regularFileBytes(path.join(folder, 'missing'), { maxBytes: 0 });
    assert.ok(typeof missing === 'object' && 'error' in missing && missing.error.code === 'ENOENT');
    // A link at the name, not followed, is not opened whatever the bound.
    await fs.symlink('file', path.join(folder, 'link'));
    const link = regularFileRead(path.join(folder, 'link'), { links: 'not followed', maxBytes: 100 });
    assert.ok(typeof link === 'object' && 'error' in link && link.error.code === 'ELOOP');
  });

  it('reads a file with given bytes around it, in one buffer, with its stats; and says what is not a regular file as regularFileRead does', async () => {
    const folder = await tempDir('around');
    const file = path.join(folder, 'bundle.js');
    const text = `exports.value = 1;\n${'x'.repeat(100_000)}\n`;
    await fs.writeFile(file, text);
    const read = regularFileReadAround(file, Buffer.from('(function () { '), Buffer.from('\n});'));
    assert.ok(typeof read === 'object' && 'bytes' in read);
    assert.equal(read.bytes.toString('utf8'), `(function () { ${text}\n});`);
    const plain = regularFileRead(file);
    assert.ok(typeof plain === 'object' && 'stats' in plain);
    assert.equal(read.stats.ino, plain.stats.ino);
    assert.equal(read.stats.mtimeNs, plain.stats.mtimeNs);
    assert.equal(regularFileReadAround(folder, Buffer.from('a'), Buffer.from('b')), 'not regular');
    const missing = regularFileReadAround(path.join(folder, 'missing'), Buffer.from('a'), Buffer.from('b'));
    assert.ok(typeof missing === 'object' && 'error' in missing && missing.error.code === 'ENOENT');
    if (process.platform === 'linux') {
      // A file whose stats give another size than it reads (procfs says 0): read to its end, not cut to its stats.
      const status = regularFileReadAround('/proc/self/status', Buffer.from('<'), Buffer.from('>'));
      assert.ok(typeof status === 'object' && 'bytes' in status);
      const body = status.bytes.toString('utf8');
      assert.equal(status.stats.size, 0n);
      assert.match(body, /^<Name:\t[^\n]+\n[\s\S]*\n>$/);
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
