import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffLines } from '../../../src/core/review/lineDiff';
import { LineDiffStore } from '../../../src/core/review/diffStore';
import type { ChangedFile } from '../../../src/core/review/model';
import { messagesFile } from '../../../bench/translationDrop';
import { MAX_BLOCK_CHARS, consecutiveBlocks } from '../../../src/core/review/checks/security/secretScan';
import { cpuBound } from '../helpers/cpuBound';

function changed(oldText: string | undefined, newText: string | undefined, extra: Partial<ChangedFile> = {}): ChangedFile {
  const status = oldText === undefined ? 'added' : newText === undefined ? 'deleted' : 'modified';
  return { path: 'a.txt', status, oldText, newText, ...extra };
}

/** What the review kept before the store: `diffLines` of the two texts, none for a binary file. */
function plain(file: ChangedFile) {
  return diffLines(file.binary ? undefined : file.oldText, file.binary ? undefined : file.newText);
}

/** The store's answers, asked the way checks ask: first, again at once, and again after others were asked, with the counts. */
function assertSameAsPlain(files: ChangedFile[]): void {
  const store = new LineDiffStore();
  for (const file of files) assert.deepEqual(store.diff(file), plain(file));
  for (const file of files) assert.deepEqual(store.diff(file), plain(file));
  for (const file of [...files].reverse()) {
    const expected = plain(file);
    assert.deepEqual(store.counts(file), { added: expected.added.length, removed: expected.removed.length });
    assert.deepEqual(store.diff(file), expected);
  }
  // The added lines' runs, read from the new text, are the blocks the secret scan joins of the added lines, at any size.
  for (const file of files) {
    for (const maxChars of [MAX_BLOCK_CHARS, 0, 1, 5, 40]) {
      const runs = store.addedRuns(file, maxChars);
      if (runs === undefined) assert.ok(`${file.oldText ?? ''}${file.newText ?? ''}`.includes('\r'), 'only a diff of lines with CRs is not kept as numbers');
      else assert.deepEqual(runs, consecutiveBlocks(plain(file).added, maxChars));
    }
  }
}

describe('LineDiffStore', function () {
  // Whole translation drops and many random texts diffed twice: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  it('gives each file the line diff of its texts, made again the same after other files were asked', () => {
    assertSameAsPlain([
      changed('a\nb\nc\n', 'a\nB\nc\nd\n'),
      changed(undefined, 'one\ntwo'),
      changed('one\ntwo', undefined),
      changed('', 'x\n'),
      changed('x\n', ''),
      changed('same\n', 'same\n'),
      changed('no final newline', 'no final newline\nand one more line that is longer than thirteen'),
      changed('\uFEFF{"a": 1}\n', '\uFEFF{"a": 2}\n'),
      changed('héllo wörld\n😀 a line with an astral character\n', 'héllo wörld\n😀 a line with an astral character, changed\n'),
      changed('\n\n\n', '\n\nx\n\n'),
      changed('a\r\nb\r\n', 'a\r\nc\r\n'),
      changed('a\rb\r', 'a\nb\nc'),
      changed('a\nb\n', 'a\r\nb\r\nc\r\n'),
      changed('a\nb\n', 'a\nc\n', { binary: true }),
    ]);
  });

  it('answers the same for a file asked before any other and for a file never asked until the counts', () => {
    const store = new LineDiffStore();
    const file = changed('a\nb\n', 'a\nc\nd\n');
    assert.deepEqual(store.counts(file), { added: 2, removed: 1 });
    assert.deepEqual(store.diff(file), plain(file));
  });

  it('gives the same object for a file asked again at once (an index made of its removed lines is kept)', () => {
    const store = new LineDiffStore();
    const file = changed('a\nb\n', 'a\nc\n');
    assert.equal(store.diff(file), store.diff(file));
  });

  it("keeps a text file's diff as numbers: made again, as a new object, once other files were asked", () => {
    const store = new LineDiffStore();
    const file = changed('a\nb\n', 'a\nc\n');
    const first = store.diff(file);
    for (let index = 0; index < 8; index++) store.diff(changed('x\n', `y${index}\n`));
    const again = store.diff(file);
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
    // Its removed lines, made when first asked for, are the same array each time after (indexes are kept by it).
    assert.equal(again.removed, again.removed);
    assert.deepEqual(again.removed, first.removed);
  });

  it('equals the plain diff on a translation drop and on many random texts, with more files than it keeps made', () => {
    const drop = messagesFile('fr', 800);
    const edited = drop.split('\n').map((line, index) => (index % 7 === 3 ? `${line} (edited)` : line)).filter((_line, index) => index % 11 !== 5).join('\n');
    const files = [changed(drop, edited), changed(edited, drop)];
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'a longer line than thirteen characters', '', ' \t', 'é', '\uFEFFz'), { maxLength: 30 })
      .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((end) => lines.join(end)))
      .chain((body) => fc.constantFrom(body, `${body}\n`));
    fc.assert(fc.property(fc.array(fc.tuple(fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined })), { minLength: 1, maxLength: 12 }), (pairs) => {
      assertSameAsPlain([...files, ...pairs.map(([before, after]) => changed(before, after))]);
    }), { numRuns: 100, seed: 73 });
  });
});
