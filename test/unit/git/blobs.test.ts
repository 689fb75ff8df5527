import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { BatchOutput, readBlobs, showFile, type GitObject } from '../../../src/core/git/blobs';
import { seededRandom } from '../../support/seededRandom';
import { isGitError } from '../../../src/core/git/gitError';
import { decodeText, looksBinary } from '../../../src/core/git/textContent';
import { tempRepo } from '../helpers/tempRepo';

describe('showFile', () => {
  it('reads a file at a revision and in the index, undefined when absent', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'one', files: { 'a.txt': 'one\n', 'dir/-dash é.txt': 'dash\n' } }, { message: 'two', files: { 'a.txt': 'two\n' } }],
      staged: { 'a.txt': 'staged\n' },
    });
    assert.deepEqual(await showFile(repo.git, 'HEAD', 'a.txt'), { text: 'two\n', binary: false, size: 4 });
    assert.equal((await showFile(repo.git, 'HEAD~1', 'a.txt'))?.text, 'one\n');
    assert.equal((await showFile(repo.git, '', 'a.txt'))?.text, 'staged\n');
    assert.equal((await showFile(repo.git, 'HEAD', 'dir/-dash é.txt'))?.text, 'dash\n');
    assert.equal(await showFile(repo.git, 'HEAD', 'missing.txt'), undefined);
    assert.equal(await showFile(repo.git, '', 'missing.txt'), undefined);
    assert.equal(await showFile(repo.git, 'HEAD', 'dir'), undefined, 'a folder is not a file');
  });

  it('flags binary content and keeps CRLF', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'b.bin': Buffer.from([0x47, 0, 0x49]), 'w.txt': 'a\r\nb\r\n' } }] });
    assert.deepEqual(await showFile(repo.git, 'HEAD', 'b.bin'), { text: undefined, binary: true, size: 3, readable: '' });
    assert.equal((await showFile(repo.git, 'HEAD', 'w.txt'))?.text, 'a\r\nb\r\n');
  });

  it('reads a path with a line break', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'odd\nname.txt': 'odd\n' } }] });
    assert.equal((await showFile(repo.git, 'HEAD', 'odd\nname.txt'))?.text, 'odd\n');
    assert.equal(await showFile(repo.git, 'HEAD', 'odd\nother.txt'), undefined);
  });

  it('is undefined for HEAD before the first commit; an unknown revision throws', async () => {
    const empty = await tempRepo({ staged: { 'a.txt': 'a\n' } });
    assert.equal(await showFile(empty.git, 'HEAD', 'a.txt'), undefined);
    assert.equal((await showFile(empty.git, '', 'a.txt'))?.text, 'a\n');
    const repo = await tempRepo({ commits: [{ message: 'one' }] });
    for (const rev of ['nope', '--output=x', 'HEAD:a']) {
      await assert.rejects(showFile(repo.git, rev, 'a.txt'), (error) => isGitError(error, 'unknown-revision'), rev);
    }
  });
});

describe('readBlobs', () => {
  it('reads many objects in one go, skipping missing ones and non-blobs', async () => {
    const repo = await tempRepo({ commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'b.txt': '' } }] });
    const blobs = await readBlobs(repo.git, ['HEAD:a.txt', 'HEAD:b.txt', 'HEAD:none', 'HEAD', 'HEAD:a.txt']);
    assert.deepEqual([...blobs.keys()], ['HEAD:a.txt', 'HEAD:b.txt']);
    assert.equal(blobs.get('HEAD:b.txt')?.text, '');
    assert.equal((await readBlobs(repo.git, [])).size, 0);
  });
});

describe('BatchOutput', () => {
  /** How the whole output was read before it was read as it came (the answer the chunks must give). */
  function wholeReading(output: Buffer, names: readonly string[]): Map<string, GitObject> | 'ended early' {
    const objects = new Map<string, GitObject>();
    let offset = 0;
    for (const name of names) {
      const headerEnd = output.indexOf(0x0a, offset);
      if (headerEnd < 0) return 'ended early';
      const header = output.subarray(offset, headerEnd).toString('utf8');
      offset = headerEnd + 1;
      const found = /^([0-9a-f]+) ([a-z]+) (\d+)$/.exec(header);
      const unfollowed = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header);
      if (unfollowed) offset += Number(unfollowed[1]) + 1;
      if (!found?.[1] || !found[2] || !found[3]) continue;
      const size = Number(found[3]);
      objects.set(name, { id: found[1], type: found[2], content: output.subarray(offset, offset + size) });
      offset += size + 1;
    }
    return objects;
  }

  function chunked(output: Buffer, names: readonly string[], sizes: () => number): Map<string, GitObject> | 'ended early' {
    const objects = new Map<string, GitObject>();
    const reader = new BatchOutput(names, (name, object) => objects.set(name, { id: object.id, type: object.type, content: Buffer.from(object.content) }));
    for (let at = 0; at < output.length;) {
      const length = sizes();
      reader.push(output.subarray(at, at + length));
      at += length;
    }
    try {
      reader.end();
    } catch (error) {
      assert.ok(isGitError(error, 'failed'));
      return 'ended early';
    }
    return objects;
  }

  it('reads git cat-file --batch as it comes, in chunks parted anywhere, with the answer of reading it whole, cut short included', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'one', files: { 'a.txt': 'a\n', 'empty.txt': '', 'ü.txt': 'ü é 日本\r\nline\n', 'bin.dat': Buffer.from([0x47, 0, 0x49, 0x0a, 0x0a, 0]), 'dir/long.txt': `${'x'.repeat(5_000)}\n` } }],
    });
    // A link out of the tree: following links, git answers `symlink <size>` and the target's line.
    symlinkSync('../outside', repo.path('link'));
    await repo.run('add', 'link');
    await repo.run('commit', '--quiet', '--no-verify', '-m', 'link');
    const names = ['HEAD:a.txt', 'HEAD:empty.txt', 'HEAD:none', 'HEAD:ü.txt', 'HEAD', 'HEAD:bin.dat', 'HEAD:dir', 'HEAD:dir/long.txt', 'HEAD:link', 'HEAD:a.txt/x'];
    const random = seededRandom(66);
    for (const followLinks of [false, true]) {
      const args = followLinks ? ['cat-file', '--batch', '--follow-symlinks'] : ['cat-file', '--batch'];
      const output = (await repo.git.exec(args, { input: names.map((name) => `${name}\n`).join('') })).stdout;
      if (followLinks) assert.ok(output.includes('symlink '), 'a link out of the tree is answered as one');
      const whole = wholeReading(output, names);
      assert.ok(whole !== 'ended early' && whole.size >= 6, 'the output answers every name');
      for (const size of [1, 2, 3, 7, 64, output.length]) assert.deepEqual(chunked(output, names, () => size), whole, `chunks of ${size}`);
      for (let run = 0; run < 200; run++) {
        const cut = output.subarray(0, Math.floor(random() * (output.length + 1)));
        assert.deepEqual(chunked(cut, names, () => 1 + Math.floor(random() * 50)), wholeReading(cut, names), `cut at ${cut.length} of ${output.length}`);
      }
    }
  });
});

describe('text content', () => {
  it('uses git\'s rule: a NUL in the first 8000 bytes is binary', () => {
    assert.equal(looksBinary(Buffer.from('plain text')), false);
    assert.equal(looksBinary(Buffer.concat([Buffer.alloc(7999, 0x61), Buffer.from([0])])), true);
    assert.equal(looksBinary(Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0])])), false);
    assert.equal(looksBinary(Buffer.alloc(0)), false);
  });
  it('decodes UTF-8 and BOM-marked UTF-16, drops the BOM, and replaces invalid bytes instead of failing', () => {
    assert.equal(decodeText(Buffer.from('\ufeffhé\r\n')), 'hé\r\n');
    assert.equal(decodeText(Buffer.from([0x61, 0xff, 0x62])), 'a\ufffdb');
    // What Windows tools save as "Unicode": text behind a byte order mark, though git calls it binary.
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00])), 'a', 'UTF-16 LE with a BOM');
    assert.equal(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x61])), 'a', 'UTF-16 BE with a BOM');
    assert.equal(decodeText(Buffer.from([0x61, 0x00, 0x62])), undefined, 'a NUL without a BOM: binary');
  });
});
