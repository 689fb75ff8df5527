import * as assert from 'node:assert/strict';
import { readCombinedHunkLine, readHunkLine, type Hunk } from '../../../src/core/git/logPatches';
import type { PatchLine } from '../../../src/core/git/model';
import { seededRandom } from '../../support/seededRandom';

describe('readHunkLine', () => {
  it('reads a commit\'s own hunk (one column) by its first character with the answers of the reading for any number of columns', () => {
    const random = seededRandom(82);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const starts = [' ', '+', '-', '\\', '', 'x', '@', '++', '+-', ' +', '\t', 'diff --git a/x b/x', '\r'];
    const rests = ['', 'text', 'ü é', 'line\r', '\r', 'a\rb', ' ', '+', '-'];
    for (let run = 0; run < 2_000; run++) {
      const left = Math.floor(random() * 4) - 1;
      const fast: Hunk = { columns: 1, next: 7, left };
      const plain: Hunk = { ...fast };
      const [fastLines, plainLines]: PatchLine[][] = [[], []];
      for (let k = 0; k < 6; k++) {
        const line = `${pick(starts)}${pick(rests)}`;
        assert.equal(readHunkLine(line, fast, fastLines), readCombinedHunkLine(line, plain, plainLines), JSON.stringify(line));
        assert.deepEqual([fast, fastLines], [plain, plainLines], JSON.stringify(line));
      }
    }
  });
});
