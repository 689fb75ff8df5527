import * as assert from 'node:assert/strict';
import { parseNumstatBinaries, parseRawAndNumstat, parseRawDiff } from '../../../src/core/git/diffEntries';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);
const NULL = '0'.repeat(40);

describe('parseRawDiff', () => {
  it('reads every status, two paths for renames and copies', () => {
    const output = [
      `:000000 100644 ${NULL} ${NEW} A`, 'added.txt',
      `:100644 000000 ${OLD} ${NULL} D`, 'deleted.txt',
      `:100644 100644 ${OLD} ${NULL} M`, 'modified\nwith break.txt',
      `:100644 100644 ${OLD} ${NEW} R087`, 'old name.md', 'new name.md',
      `:100644 100644 ${OLD} ${NEW} C100`, 'src.txt', 'copy.txt',
      `:100644 120000 ${OLD} ${NEW} T`, 'now-a-link',
      '',
    ].join('\0');
    assert.deepEqual(parseRawDiff(output), [
      { status: 'A', path: 'added.txt', oldMode: '000000', newMode: '100644', oldOid: NULL, newOid: NEW },
      { status: 'D', path: 'deleted.txt', oldMode: '100644', newMode: '000000', oldOid: OLD, newOid: NULL },
      { status: 'M', path: 'modified\nwith break.txt', oldMode: '100644', newMode: '100644', oldOid: OLD, newOid: NULL },
      { status: 'R', path: 'new name.md', oldPath: 'old name.md', oldMode: '100644', newMode: '100644', oldOid: OLD, newOid: NEW },
      { status: 'C', path: 'copy.txt', oldPath: 'src.txt', oldMode: '100644', newMode: '100644', oldOid: OLD, newOid: NEW },
      { status: 'T', path: 'now-a-link', oldMode: '100644', newMode: '120000', oldOid: OLD, newOid: NEW },
    ]);
  });
  it('is empty for empty output and skips lines it does not understand', () => {
    assert.deepEqual(parseRawDiff(''), []);
    assert.deepEqual(parseRawDiff('garbage\0more\0'), []);
  });
});

describe('parseNumstatBinaries', () => {
  it('collects the new paths shown with - counts, renames included', () => {
    const output = ['1\t2\ttext.txt', '-\t-\timage.png', '-\t-\t', 'old.bin', 'new dir/new.bin', '3\t0\t', 'a.md', 'b.md', '-\t-\ttab\there.bin', ''].join('\0');
    assert.deepEqual([...parseNumstatBinaries(output)], ['image.png', 'new dir/new.bin', 'tab\there.bin']);
    assert.deepEqual([...parseNumstatBinaries('')], []);
  });
});

describe('parseRawAndNumstat', () => {
  it('reads the raw records, then the numstat ones, each by where it stands', () => {
    // Paths spelled like the other section's records: a reader going by looks would take them for records.
    const numstatLookalike = '-\t-\tnot-binary.txt';
    const rawLookalike = `:100644 100644 ${OLD} ${NEW} M`;
    const output = [
      `:000000 100644 ${NULL} ${NEW} A`, numstatLookalike,
      `:100644 100644 ${OLD} ${NEW} R090`, 'old.bin', rawLookalike,
      `0\t0\t${numstatLookalike}`,
      '-\t-\t', 'old.bin', rawLookalike,
      '',
    ].join('\0');
    assert.deepEqual(parseRawAndNumstat(output), {
      entries: [
        { status: 'A', path: numstatLookalike, oldMode: '000000', newMode: '100644', oldOid: NULL, newOid: NEW },
        { status: 'R', path: rawLookalike, oldPath: 'old.bin', oldMode: '100644', newMode: '100644', oldOid: OLD, newOid: NEW },
      ],
      binaryPaths: new Set([rawLookalike]),
    });
  });

  it('is empty for an empty diff, and fails on a raw header git would not print rather than read on', () => {
    assert.deepEqual(parseRawAndNumstat(''), { entries: [], binaryPaths: new Set() });
    assert.throws(() => parseRawAndNumstat(`::100644 100644 100644 ${OLD} ${OLD} ${NEW} MM\0a.txt\0`), /cannot read/);
  });
});
