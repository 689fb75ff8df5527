import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { workingTreeFiles } from '../../../src/core/git/workingTree';
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

  it('gives sizes in bytes', async () => {
    const { files } = await tree();
    assert.equal(await files.size?.('docs/ünï cödé/bom.json'), Buffer.byteLength('\ufeff{"a": 1}\n'));
    assert.equal(await files.size?.('image.png'), 4);
    assert.equal(await files.size?.('docs'), undefined);
    assert.equal(await files.size?.('nope'), undefined);
  });
});
