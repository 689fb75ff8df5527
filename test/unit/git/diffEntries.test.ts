import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diffAgainst, diffsBeside, parseNumstatBinaries, parseRawAndNumstat, parseRawDiff, type DiffAnswer } from '../../../src/core/git/diffEntries';
import { seededRandom } from '../../support/seededRandom';
import { isolatedGit, tempDir, tempRepo, type FileSpec, type FileTree, type TempRepo } from '../helpers/tempRepo';

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

describe('diffsBeside: the index\'s and the commits\' diffs, binary files taken from the working tree\'s where the entries are the same', () => {
  const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0x0a]);
  const SIDES = [{ cached: true }, { cached: false, to: 'HEAD' }];

  /** The plain answer (each side with --numstat), and the one that reuses the working tree's counts, with the git commands the latter ran. */
  async function bothWays(repo: TempRepo, base: string): Promise<{ plain: DiffAnswer[]; beside: DiffAnswer[]; numstats: number }> {
    const plain = await Promise.all(SIDES.map((side) => diffAgainst(repo.git, base, side)));
    const log = path.join(await tempDir('diff-log'), 'commands');
    const wrapper = path.join(path.dirname(log), 'git');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
    const git = isolatedGit(repo.root, { gitPath: wrapper });
    const beside = await diffsBeside(git, base, SIDES, diffAgainst(git, base, { cached: false }));
    const commands = (await fs.readFile(log, 'utf8')).split('\n').filter((line) => line.includes(' diff '));
    return { plain, beside, numstats: commands.filter((line) => line.includes('--numstat')).length };
  }

  it('asks git to count lines once when the working tree, the index and HEAD hold the same files, with the same answer', async () => {
    const repo = await tempRepo({
      commits: [
        { message: 'base', files: { 'a.txt': 'a\n', 'gone.txt': 'gone\n', 'moved.txt': 'one\ntwo\nthree\nfour\n', 'logo.png': BINARY, '.gitattributes': '*.dat binary\n*.raw -diff\n' } },
        { branch: 'feature', message: 'f', files: { 'a.txt': 'a2\n', 'gone.txt': null, 'logo.png': Buffer.concat([BINARY, BINARY]), 'new.png': BINARY, 'x.dat': 'text, but binary by attribute\n', 'y.raw': 'no diff\n' } },
      ],
    });
    await repo.move('moved.txt', 'sub/moved.txt');
    await repo.commit('move');
    const base = (await repo.run('rev-parse', 'main')).trim();
    const { plain, beside, numstats } = await bothWays(repo, base);
    assert.deepEqual(beside, plain);
    assert.deepEqual([...plain[1]!.binaryPaths].sort(), ['logo.png', 'new.png', 'x.dat', 'y.raw']);
    assert.ok(plain[1]!.entries.some((entry) => entry.status === 'R'), 'a rename among them');
    assert.equal(numstats, 1);
  });

  it('asks git again, with the same answer, for a side whose files the working tree does not hold as they are', async () => {
    const repo = await tempRepo({
      commits: [{ message: 'base', files: { 'a.bin': 'text\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } }, { branch: 'feature', message: 'f', files: { 'a.bin': BINARY, 'b.txt': 'b2\n', 'c.txt': BINARY } }],
      staged: { 'b.txt': BINARY },
      files: { 'a.bin': 'text again\n', 'c.txt': null },
    });
    const base = (await repo.run('rev-parse', 'main')).trim();
    const { plain, beside, numstats } = await bothWays(repo, base);
    assert.deepEqual(beside, plain);
    assert.deepEqual([...plain[0]!.binaryPaths].sort(), ['a.bin', 'b.txt', 'c.txt']);
    assert.equal(numstats, 3);
  });

  it('gives the plain answer on random histories of text and binary files, committed, staged, written and deleted', async function () {
    this.timeout(300_000);
    const random = seededRandom(82);
    const names = ['a.txt', 'b.bin', 'd/c.txt', 'd/e.dat', 'f.raw'];
    const content = (): FileSpec => {
      const roll = random();
      if (roll < 0.15) return null;
      if (roll < 0.4) return Buffer.concat([BINARY, Buffer.from(String(Math.floor(random() * 3)))]);
      return `line ${Math.floor(random() * 3)}\n`.repeat(1 + Math.floor(random() * 3));
    };
    const counted: number[] = [];
    const someFiles = (): FileTree => Object.fromEntries(names.filter(() => random() < 0.4).map((name) => [name, content()]));
    for (let run = 0; run < 12; run++) {
      const repo = await tempRepo({
        commits: [
          { message: 'base', files: { ...Object.fromEntries(names.map((name) => [name, `base ${name}\n`])), ...(random() < 0.5 ? { '.gitattributes': '*.dat binary\n*.raw -diff\n' } : {}) } },
          { branch: 'feature', message: 'one', files: someFiles() },
          { message: 'two', files: someFiles() },
        ],
        ...(random() < 0.5 ? { staged: someFiles() } : {}),
        ...(random() < 0.5 ? { files: someFiles() } : {}),
      });
      const base = (await repo.run('rev-parse', 'main')).trim();
      const { plain, beside, numstats } = await bothWays(repo, base);
      assert.deepEqual(beside, plain, `run ${run}`);
      counted.push(numstats);
    }
    // Both ways were taken: sides whose counts were reused, and sides asked again.
    assert.ok(counted.some((count) => count < 3) && counted.some((count) => count > 1), counted.join(' '));
  });
});
