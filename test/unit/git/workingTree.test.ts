import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { regularFileBytes, realPathNow } from '../../../src/core/git/regularFile';
import { readWorkingFile, workingTreeFiles, workingTreeFilesRead } from '../../../src/core/git/workingTree';
import { tempDir } from '../helpers/tempRepo';

describe('workingTreeFiles', () => {
  async function tree() {
    const top = await tempDir('tree');
    const root = path.join(top, 'repo');
    await fs.mkdir(path.join(root, 'docs', 'ünï cödé'), { recursive: true });
    await fs.writeFile(path.join(top, 'secret.txt'), 'outside the root\n');
    await fs.writeFile(path.join(root, 'docs', 'PLANNING.md'), '# Plan\r\n');
    await fs.writeFile(path.join(root, 'docs', 'ünï cödé', 'bom.json'), '\ufeff{"a": 1}\n');
    await fs.writeFile(path.join(root, 'empty.txt'), '');
    await fs.writeFile(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0, 1]));
    await fs.writeFile(path.join(root, '..hidden'), 'dots in a name\n');
    await fs.symlink(path.join(top, 'secret.txt'), path.join(root, 'escape-link'));
    await fs.symlink(top, path.join(root, 'escape-dir'));
    await fs.symlink('docs/PLANNING.md', path.join(root, 'inside-link'));
    return { root, files: workingTreeFiles(root) };
  }

  it('reads text relative to the root, keeping line endings and dropping a BOM', async () => {
    const { files } = await tree();
    assert.equal(await files.readText('docs/PLANNING.md'), '# Plan\r\n');
    assert.equal(await files.readText('docs/ünï cödé/bom.json'), '{"a": 1}\n');
    assert.equal(await files.readText('empty.txt'), '');
    assert.equal(await files.readText('..hidden'), 'dots in a name\n');
    assert.equal(await files.readText('inside-link'), '# Plan\r\n', 'a link that stays inside is followed');
  });

  it('answers undefined for missing files, folders and binary files', async () => {
    const { files } = await tree();
    assert.equal(await files.readText('nope.txt'), undefined);
    assert.equal(await files.readText('docs'), undefined);
    assert.equal(await files.readText(''), undefined);
    assert.equal(await files.readText('image.png'), undefined);
  });

  it('never leaves the root, through .., absolute paths or symbolic links', async () => {
    const { root, files } = await tree();
    for (const escape of ['../secret.txt', 'docs/../../secret.txt', path.join(path.dirname(root), 'secret.txt'), 'escape-link', 'escape-dir/secret.txt', 'a\0b']) {
      assert.equal(await files.readText(escape), undefined, escape);
      assert.equal(await files.size?.(escape), undefined, escape);
    }
  });

  it('reads a FIFO as no file, without waiting for a writer; readWorkingFile gives a link\'s target, never what it leads to', async function () {
    if (process.platform === 'win32') this.skip();
    const { root, files } = await tree();
    execFileSync('mkfifo', [path.join(root, 'docs', 'fifo.md')]);
    // A read that waited for a writer would hold this test until mocha's time limit.
    assert.equal(await files.readText('docs/fifo.md'), undefined);
    assert.equal(await files.size?.('docs/fifo.md'), undefined);
    assert.equal(await readWorkingFile(root, 'docs/fifo.md'), undefined);
    assert.deepEqual(await readWorkingFile(root, 'docs/PLANNING.md'), Buffer.from('# Plan\r\n'));
    assert.deepEqual(await readWorkingFile(root, 'escape-link'), Buffer.from(path.join(path.dirname(root), 'secret.txt')));
    assert.equal(await readWorkingFile(root, 'docs'), undefined);
    assert.equal(await readWorkingFile(root, 'nope.txt'), undefined);
  });

  it('gives sizes in bytes', async () => {
    const { files } = await tree();
    assert.equal(await files.size?.('docs/ünï cödé/bom.json'), Buffer.byteLength('\ufeff{"a": 1}\n'));
    assert.equal(await files.size?.('image.png'), 4);
    assert.equal(await files.size?.('docs'), undefined);
    assert.equal(await files.size?.('nope'), undefined);
  });

  it('reads texts and sizes from files another reader read as it reads them itself, and asks it for no path outside the root', async () => {
    const { root, files } = await tree();
    const asked: string[] = [];
    // As the policy cache's key reads a file: its real path and its bytes where it is a regular file, null where there is none.
    const held = workingTreeFilesRead(root, async (relPath) => {
      asked.push(relPath);
      const absolute = path.join(root, ...relPath.split('/'));
      const bytes = regularFileBytes(absolute);
      return { real: realPathNow(absolute) ?? null, content: bytes instanceof Buffer ? bytes : null };
    });
    const paths = ['docs/PLANNING.md', 'docs/ünï cödé/bom.json', 'empty.txt', 'image.png', '..hidden', 'inside-link', 'escape-link', 'escape-dir/secret.txt', 'escape-dir', 'docs', 'missing.md', '../secret.txt', 'docs/../../secret.txt', path.join(root, 'empty.txt'), ''];
    for (const relPath of paths) {
      assert.equal(await held.readText(relPath), await files.readText(relPath), `the text of ${JSON.stringify(relPath)}`);
      assert.equal(await held.size!(relPath), await files.size!(relPath), `the size of ${JSON.stringify(relPath)}`);
    }
    assert.ok(!asked.some((relPath) => relPath.startsWith('../') || relPath.includes('/../') || path.isAbsolute(relPath) || relPath === ''), `no path outside the root is asked: ${asked.join(', ')}`);
  });
});
