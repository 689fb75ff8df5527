import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffArrays } from 'diff';
import { commonLineCount, diffLines, lineStarts, myersKept, type Kept } from '../../../src/core/review/lineDiff';
import { newLineForOldLine } from '../../../src/core/review/checks/contentSupport';
import { messagesFile } from '../../../bench/translationDrop';
import { seededRandom } from '../../support/seededRandom';
import { diffLines as diffComparingLines } from '../../support/lineDiffReference';
import { cpuBound } from '../helpers/cpuBound';

const lines = (...texts: string[]): string => texts.map((t) => `${t}\n`).join('');

/** Length of a longest common subsequence, by the textbook table: the reference for small inputs. */
function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.length][b.length];
}

describe('diffLines', function () {
  // Large and many random texts diffed two ways: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  it('numbers every line as added when there is no old text', () => {
    assert.deepEqual(diffLines(undefined, 'a\nb\n'), {
      added: [
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ],
      removed: [],
    });
  });

  it('reports every line as removed, at line 1, when there is no new text', () => {
    assert.deepEqual(diffLines('a\nb', undefined), {
      added: [],
      removed: [
        { oldLine: 1, text: 'a', nearestNewLine: 1 },
        { oldLine: 2, text: 'b', nearestNewLine: 1 },
      ],
    });
  });

  it('is empty for two missing, two empty or two equal texts', () => {
    const none = { added: [], removed: [] };
    assert.deepEqual(diffLines(undefined, undefined), none);
    assert.deepEqual(diffLines('', ''), none);
    assert.deepEqual(diffLines('', undefined), none);
    assert.deepEqual(diffLines('x\ny\n', 'x\ny\n'), none);
  });

  it('reports a changed line as removed and added at the same place', () => {
    assert.deepEqual(diffLines(lines('a', 'b', 'c'), lines('a', 'B', 'c')), {
      added: [{ line: 2, text: 'B' }],
      removed: [{ oldLine: 2, text: 'b', nearestNewLine: 2 }],
    });
  });

  it('numbers insertions in the new text', () => {
    assert.deepEqual(diffLines(lines('a', 'd'), lines('a', 'b', 'c', 'd')).added, [
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });

  it('points a removal at the line that now follows it, clamped to the file', () => {
    assert.deepEqual(diffLines(lines('a', 'b', 'c'), lines('b', 'c')).removed, [{ oldLine: 1, text: 'a', nearestNewLine: 1 }]);
    assert.deepEqual(diffLines(lines('a', 'b', 'c'), lines('a', 'c')).removed, [{ oldLine: 2, text: 'b', nearestNewLine: 2 }]);
    assert.deepEqual(diffLines(lines('a', 'b', 'c'), lines('a', 'b')).removed, [{ oldLine: 3, text: 'c', nearestNewLine: 2 }]);
    assert.deepEqual(diffLines(lines('a', 'b'), '').removed.map((r) => r.nearestNewLine), [1, 1]);
  });

  describe('where lines start (lineStarts)', () => {
    it('places the lines diffLines splits a text into, on texts of every length around where its table grows', () => {
      const random = seededRandom(4096);
      const texts = ['', '\n', 'a', 'a\n', '\n\n', 'a\nb', 'a\n\nb\n'];
      // 64 entries to start with for a short text, a line for every 32 characters of a long one: lines shorter than that grow it.
      for (const lineCount of [62, 63, 64, 65, 127, 128, 129, 1_000, 5_000]) {
        for (const longest of [1, 8, 40, 200]) {
          const body = Array.from({ length: lineCount }, () => 'x'.repeat(Math.floor(random() * longest))).join('\n');
          texts.push(body, `${body}\n`);
        }
      }
      for (const text of texts) {
        const starts = lineStarts(text);
        const placed = Array.from({ length: starts.length - 1 }, (_, line) => text.slice(starts[line], starts[line + 1] - 1));
        assert.deepEqual(placed, diffLines(undefined, text).added.map((line) => line.text), JSON.stringify(text.slice(0, 40)));
      }
      assert.deepEqual([...lineStarts(undefined)], [0]);
    });
  });

  describe('line endings', () => {
    it('sees no change when only CRLF became LF, or the reverse', () => {
      const lf = lines('one', 'two', 'three');
      const crlf = lf.replace(/\n/g, '\r\n');
      assert.deepEqual(diffLines(crlf, lf), { added: [], removed: [] });
      assert.deepEqual(diffLines(lf, crlf), { added: [], removed: [] });
    });

    it('finds the one real edit in a file that also switched to CRLF', () => {
      const diff = diffLines(lines('one', 'two', 'three'), 'one\r\nTWO\r\nthree\r\n');
      assert.deepEqual(diff, { added: [{ line: 2, text: 'TWO' }], removed: [{ oldLine: 2, text: 'two', nearestNewLine: 2 }] });
    });

    it('treats a lone CR (classic Mac) as a line break and keeps CRs out of the text', () => {
      assert.deepEqual(diffLines(undefined, 'a\rb\r\nc').added.map((a) => a.text), ['a', 'b', 'c']);
    });

    it('does not count a missing final newline as a change of the last line', () => {
      assert.deepEqual(diffLines('a\nb', 'a\nb\n'), { added: [], removed: [] });
      assert.deepEqual(diffLines('a\nb', 'a\nb\nc'), { added: [{ line: 3, text: 'c' }], removed: [] });
    });

    it('keeps blank lines as lines', () => {
      assert.deepEqual(diffLines(undefined, '\n\nx\n').added, [
        { line: 1, text: '' },
        { line: 2, text: '' },
        { line: 3, text: 'x' },
      ]);
    });
  });

  it('agrees with both texts and keeps a longest common subsequence on random edits (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', 'x y', 'd');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), fc.boolean(), (oldLines, newLines, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const diff = diffLines(oldLines.map((l) => l + eol).join(''), newLines.map((l) => `${l}\n`).join(''));
        for (const a of diff.added) assert.equal(newLines[a.line - 1], a.text);
        for (const r of diff.removed) {
          assert.equal(oldLines[r.oldLine - 1], r.text);
          assert.ok(r.nearestNewLine >= 1 && r.nearestNewLine <= Math.max(1, newLines.length));
        }
        const removedAt = new Set(diff.removed.map((r) => r.oldLine));
        const addedAt = new Set(diff.added.map((a) => a.line));
        const keptOld = oldLines.filter((_, i) => !removedAt.has(i + 1));
        const keptNew = newLines.filter((_, i) => !addedAt.has(i + 1));
        assert.deepEqual(keptOld, keptNew);
        assert.equal(keptOld.length + diff.added.length, newLines.length);
        assert.equal(keptOld.length, lcsLength(oldLines, newLines), 'keeps a longest common subsequence');
      }),
      { numRuns: 300 },
    );
  });

  describe('large files (their times: bench/limits.bench.ts)', () => {
    const big = Array.from({ length: 5_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 40)}`);

    it('diffs a 5,000-line file with scattered edits', () => {
      const edited = big.map((l, i) => (i % 250 === 0 ? `${l} edited` : l));
      edited.splice(2_500, 0, 'inserted');
      const diff = diffLines(big.join('\n'), edited.join('\n'));
      assert.equal(diff.added.length, 21);
      assert.equal(diff.removed.length, 20);
    });

    it('diffs a complete rewrite of 5,000 lines as all removed and all added', () => {
      const rewritten = big.map((l) => `${l} v2`);
      const diff = diffLines(big.join('\n'), rewritten.join('\n'));
      assert.equal(diff.added.length, 5_000);
      assert.equal(diff.removed.length, 5_000);
    });

    it('replaces a rewritten block of a large file exactly', () => {
      const edited = [...big.slice(0, 2_000), ...big.slice(2_000, 3_000).map((l) => `${l}!`), ...big.slice(3_000)];
      const diff = diffLines(big.join('\n'), edited.join('\n'));
      assert.deepEqual([diff.added[0]?.line, diff.added.at(-1)?.line, diff.added.length], [2_001, 3_000, 1_000]);
      assert.deepEqual([diff.removed[0]?.nearestNewLine, diff.removed.length], [2_001, 1_000]);
    });

    it('keeps the untouched lines of a large file with more scattered edits than Myers takes on: they are not this change', () => {
      // Every 20th line swapped with the next: 650 moves of lines both texts hold, past Myers' bound.
      const long = Array.from({ length: 13_000 }, (_, i) => `const line${i} = ${i};`);
      const edited = [...long];
      for (let i = 7; i + 1 < edited.length; i += 20) [edited[i], edited[i + 1]] = [edited[i + 1], edited[i]];
      const diff = diffLines(long.join('\n'), edited.join('\n'));
      assert.equal(diff.added.length, 650);
      assert.equal(diff.removed.length, 650);
      assert.ok(diff.added.every((a) => edited[a.line - 1] === a.text && long[a.line - 1] !== a.text));
    });

    it('gives up on a reshuffle of shared lines within a bound, still consistent', () => {
      const reversed = [...big].reverse();
      const diff = diffLines(big.join('\n'), reversed.join('\n'));
      assert.equal(diff.added.length, diff.removed.length);
      assert.ok(diff.added.every((a) => reversed[a.line - 1] === a.text));
    });
  });

  describe('skips Myers\' algorithm where the lines\' counts say it would give up, with the same answer', () => {

    it('on a translation drop that adds 600 messages and rewrites every string', () => {
      const before = messagesFile('de', 3_000);
      const after = messagesFile('fr', 3_600);
      assert.deepEqual(diffLines(before, after), diffLines(before, after, { alwaysTryMyers: true }));
    });

    it('keeps what Myers keeps where one side holds a single line: every such pair of texts of up to 8 lines of 3 kinds, each way', () => {
      const texts: string[][] = [[]];
      for (let length = 1; length <= 8; length++) {
        for (let n = 0; n < 3 ** length; n++) texts.push(Array.from({ length }, (_, at) => `l${Math.floor(n / 3 ** at) % 3}`));
      }
      for (const one of texts.filter((text) => text.length === 1)) {
        for (const other of texts) {
          for (const [a, b] of [[one, other], [other, one]]) {
            const [before, after] = [`${a.join('\n')}\n`, `${b.join('\n')}\n`];
            assert.deepEqual(diffLines(before, after), diffLines(before, after, { alwaysTryMyers: true }), `${a.join(',')} → ${b.join(',')}`);
          }
        }
      }
    });

    it('keeps what Myers keeps in the gaps of one line between unique lines, on random texts', () => {
      const random = seededRandom(671);
      for (let run = 0; run < 40; run++) {
        // Unique lines every few lines, and between them a line or a few from a small set: gaps of one line against several.
        const gap = () => Array.from({ length: 1 + Math.floor(random() * (random() < 0.5 ? 2 : 30)) }, () => `x${Math.floor(random() * 4)}`);
        const parts = Array.from({ length: 20 + Math.floor(random() * 100) }, (_, k) => [`key ${k}`, gap(), gap()] as const);
        const before = parts.flatMap(([key, a]) => [key, ...a]);
        const after = parts.flatMap(([key, a, b]) => [key, ...(random() < 0.3 ? a : b)]);
        const [a, b] = [`${before.join('\n')}\n`, `${after.join('\n')}\n`];
        assert.deepEqual(diffLines(a, b), diffLines(a, b, { alwaysTryMyers: true }), `run ${run}`);
        assert.deepEqual(diffLines(b, a), diffLines(b, a, { alwaysTryMyers: true }), `run ${run}, backward`);
      }
    });

    it('on random texts of up to 1,500 lines of a few distinct lines, edited, moved and grown', () => {
      const random = seededRandom(67);
      for (let run = 0; run < 30; run++) {
        const distinct = 2 + Math.floor(random() * 40);
        const line = () => `line ${Math.floor(random() * distinct)}`;
        const before = Array.from({ length: Math.floor(random() * 1_500) }, line);
        const after = before.flatMap((text) => {
          const roll = random();
          if (roll < 0.2) return [];
          if (roll < 0.45) return [text, line(), line()];
          return roll < 0.55 ? [line()] : [text];
        });
        const [a, b] = [`${before.join('\n')}\n`, `${after.join('\n')}\n`];
        assert.deepEqual(diffLines(a, b), diffLines(a, b, { alwaysTryMyers: true }), `run ${run}`);
      }
    });
  });

  describe('counts the lines two ranges keep where the counts say Myers may give up, and skips it when it would', () => {
    /** Lines of a locale file: a key, a context from a few, a string, and `},` closing each entry. */
    const localeLines = (entries: number, random: () => number) => Array.from({ length: entries }, (_, k) => [`"key${k}": {`, `"context": "c${Math.floor(random() * 20)}",`, `"string": "s${k}"`, '},']).flat();
    /** A locale file of 1,500 entries, and it with `swaps` entries' strings swapped with their neighbours' and `closings` closing lines more, as texts. */
    const movedLocale = (seed: number, swaps: number, closings: number): [string, string] => {
      const random = seededRandom(seed);
      const before = localeLines(1_500, random);
      const after = before.map((text) => [text]);
      for (let swap = 0; swap < swaps; swap++) {
        const at = 4 * Math.floor(random() * 1_499);
        [after[at + 2], after[at + 6]] = [after[at + 6], after[at + 2]];
      }
      for (let extra = 0; extra < closings; extra++) after[Math.floor(random() * after.length)].push('},');
      return [`${before.join('\n')}\n`, `${after.flat().join('\n')}\n`];
    };

    it('counts as the textbook table does, on random lines of 1 to 400 kinds, across 30-line words', () => {
      const random = seededRandom(301);
      for (let run = 0; run < 300; run++) {
        // Few kinds: each line's places written out once; many over a long range: set and cleared line by line.
        const kinds = 1 + Math.floor(random() * (random() < 0.5 ? 25 : 400));
        const longest = random() < 0.3 ? 700 : 200;
        const line = () => `l${Math.floor(random() * kinds)}`;
        const a = Array.from({ length: Math.floor(random() * longest) }, line);
        const b = Array.from({ length: Math.floor(random() * longest) }, line);
        assert.equal(commonLineCount(a, b), lcsLength(a, b), `run ${run}: ${a.length} and ${b.length} lines of ${kinds} kinds`);
      }
      for (const length of [29, 30, 31, 59, 60, 61, 90]) {
        const a = Array.from({ length }, (_, k) => `l${k % 3}`);
        assert.equal(commonLineCount(a, a), length);
        assert.equal(commonLineCount(a, [...a].reverse()), lcsLength(a, [...a].reverse()));
        assert.equal(commonLineCount(a, []), 0);
      }
    });

    it('counts only near the diagonal against a bound: exact within it, past it where the lines are, on random edits around every bound', () => {
      const random = seededRandom(512);
      const seen = { within: 0, past: 0, narrower: 0 };
      for (let run = 0; run < 400; run++) {
        // Edits of a text of few kinds, so that lines repeat, and bounds small enough that the band is a few of the 30-line words.
        const kinds = 1 + Math.floor(random() * (random() < 0.5 ? 6 : 60));
        const line = () => `l${Math.floor(random() * kinds)}`;
        const a = Array.from({ length: 30 + Math.floor(random() * 600) }, line);
        const rate = random() * 0.3;
        const b = a.flatMap((text) => (random() < rate ? (random() < 0.5 ? [] : [line(), line()]) : random() < rate / 2 ? [line()] : [text]));
        const exact = lcsLength(a, b);
        const edits = a.length + b.length - 2 * exact;
        for (const bound of [edits - 2, edits - 1, edits, edits + 1, Math.floor(random() * 120), Math.abs(a.length - b.length)]) {
          if (bound < 0) continue;
          const banded = commonLineCount(a, b, bound);
          const message = `run ${run}: ${a.length} and ${b.length} lines of ${kinds} kinds, ${edits} edits, bound ${bound}`;
          if (edits <= bound) {
            assert.equal(banded, exact, message);
            seen.within++;
          } else {
            assert.ok(banded <= exact && a.length + b.length - 2 * banded > bound, `${message}: ${banded} counted`);
            seen.past++;
            if (banded < exact) seen.narrower++;
          }
        }
      }
      // Each way taken many times, and the band short of the exact count in some of them (it then leaves matches out).
      assert.ok(seen.within > 300 && seen.past > 300 && seen.narrower > 50, JSON.stringify(seen));
    });

    it('on a locale file whose entries moved past the bound: Myers, which gives up there, is not run, and the answer is the same', () => {
      // 300 strings moved (their closing lines and contexts repeat), 150 closing lines more.
      const [a, b] = movedLocale(527, 300, 150);
      const tried = { myersGaveUp: 0 };
      const skipped = { myersGaveUp: 0, countedExactly: 0 };
      assert.deepEqual(diffLines(a, b, { tally: skipped }), diffLines(a, b, { alwaysTryMyers: true, tally: tried }));
      assert.ok(tried.myersGaveUp > 0, 'Myers gives up on this pair when it runs');
      assert.equal(skipped.myersGaveUp, 0);
      assert.ok(skipped.countedExactly > 0, 'the gap past the bound is counted exactly');
    });

    it('never counts a gap of 500 lines or fewer, which cannot be past the bound, with Myers\' answer', () => {
      // Runs of two repeated lines, one side over a quarter of the bound longer: each must lose or gain that many.
      const runs = (...lengths: [string, number][]) => `${lengths.map(([line, length]) => `${line}\n`.repeat(length)).join('')}`;
      const pairs: [string, string, number][] = [
        [runs(['a', 300], ['b', 20]), runs(['b', 150], ['a', 30]), 0],
        [runs(['a', 250], ['b', 60]), runs(['b', 100], ['a', 40]), 0],
        [runs(['b', 100], ['a', 40]), runs(['a', 250], ['b', 60]), 0],
        // One line over the bound: counted (the fewest edits, 441, are within it, so Myers then runs).
        [runs(['a', 300], ['b', 21]), runs(['b', 150], ['a', 30]), 1],
      ];
      for (const [a, b, counted] of pairs) {
        const tally = { myersGaveUp: 0, countedExactly: 0 };
        assert.deepEqual(diffLines(a, b, { tally }), diffLines(a, b, { alwaysTryMyers: true }));
        assert.deepEqual(tally, { myersGaveUp: 0, countedExactly: counted }, `${a.length / 2} and ${b.length / 2} lines`);
      }
    });

    it('at the bound itself: 499 and 500 edits are Myers\' answer, 501 and 502 the anchors\', each as when Myers always runs', () => {
      const random = seededRandom(500);
      const met = new Set<number>();
      for (let run = 0; run < 3_000 && met.size < 4; run++) {
        const before = Array.from({ length: 1_200 }, () => `l${Math.floor(random() * 60)}`);
        const drop = 0.24 + random() * 0.06;
        const after = before.filter(() => random() > drop).flatMap((line) => (random() < 0.15 ? [line, `l${Math.floor(random() * 60)}`] : [line]));
        const edits = before.length + after.length - 2 * commonLineCount(before, after);
        if (edits < 499 || edits > 502 || met.has(edits)) continue;
        met.add(edits);
        const [a, b] = [`${before.join('\n')}\n`, `${after.join('\n')}\n`];
        const tried = { myersGaveUp: 0 };
        const skipped = { myersGaveUp: 0 };
        assert.deepEqual(diffLines(a, b, { tally: skipped }), diffLines(a, b, { alwaysTryMyers: true, tally: tried }), `${edits} edits`);
        assert.equal(tried.myersGaveUp, edits > 500 ? 1 : 0, `${edits} edits: Myers gives up past 500 alone`);
        assert.equal(skipped.myersGaveUp, 0, `${edits} edits`);
      }
      assert.deepEqual([...met].sort(), [499, 500, 501, 502]);
    });

    it('runs Myers where it keeps within its bound though the counts say many edits, with the same answer', () => {
      // 40 strings moved and 200 closing lines more: past what the counts alone rule out, within the bound.
      const [a, b] = movedLocale(528, 40, 200);
      const tally = { myersGaveUp: 0 };
      const diff = diffLines(a, b, { tally });
      assert.deepEqual(diff, diffLines(a, b, { alwaysTryMyers: true }));
      assert.equal(tally.myersGaveUp, 0);
      assert.ok(diff.added.length + diff.removed.length <= 500, `${diff.added.length} added, ${diff.removed.length} removed`);
    });
  });

  describe('numbers the lines before it compares them, with the answers of the diff that compared the lines themselves', () => {
    const both = (a: string, b: string, message: string) => {
      assert.deepEqual(diffLines(a, b), diffComparingLines(a, b), message);
      assert.deepEqual(diffLines(a, b, { alwaysTryMyers: true }), diffComparingLines(a, b, { alwaysTryMyers: true }), `${message}, Myers always tried`);
    };

    it('on translation drops, each way, and on a drop of another size', () => {
      for (const [before, after] of [[messagesFile('de', 2_000), messagesFile('fr', 2_400)], [messagesFile('en', 1_500), messagesFile('en', 1_800)], [messagesFile('pl', 2_000), messagesFile('pl', 600)]] as const) {
        both(before, after, 'forward');
        both(after, before, 'backward');
      }
    });

    it('on random texts of repeated, moved, unique and blank lines, of a few lines to a few thousand', () => {
      const random = seededRandom(82);
      for (let run = 0; run < 60; run++) {
        const distinct = 1 + Math.floor(random() * (run % 3 === 0 ? 4 : run % 3 === 1 ? 60 : 3_000));
        const line = () => (random() < 0.05 ? '' : `line ${Math.floor(random() * distinct)}`);
        const before = Array.from({ length: Math.floor(random() * (run % 2 === 0 ? 60 : 3_000)) }, line);
        const after = before.flatMap((text) => {
          const roll = random();
          if (roll < 0.15) return [];
          if (roll < 0.3) return [text, line()];
          if (roll < 0.4) return [line()];
          return [text];
        });
        // A block moved from one place to another.
        if (after.length > 10 && random() < 0.5) after.push(...after.splice(Math.floor(random() * after.length / 2), Math.floor(random() * after.length / 3)));
        const eol = random() < 0.2 ? '\r\n' : '\n';
        both(before.join(eol) + (random() < 0.5 ? eol : ''), `${after.join('\n')}\n`, `run ${run}`);
      }
    });

    it('on texts past Myers\' bound whose gaps between anchors are past it too', () => {
      const random = seededRandom(820);
      for (let run = 0; run < 6; run++) {
        // Unique anchors far apart, and between them lines from a small set, reshuffled.
        const block = (seed: number) => Array.from({ length: 700 }, (_, i) => `filler ${(i * seed) % 7}`);
        const before = [1, 2, 3].flatMap((k) => [`anchor ${k}`, ...block(3 + k)]);
        const after = [1, 2, 3].flatMap((k) => [`anchor ${k}`, ...block(5 + k + run).sort(() => random() - 0.5)]);
        both(before.join('\n'), after.join('\n'), `run ${run}`);
      }
    });
  });

  describe('runs Myers\' algorithm as the diff package\'s diffArrays does, keeping the same lines', () => {
    /** The pairs diffArrays keeps, from `from` in each range, or undefined where it gives up. */
    const packageKept = (a: number[], b: number[], from: [number, number], bound: number): Kept | undefined => {
      const changes = diffArrays(a, b, { maxEditLength: bound });
      if (!changes) return undefined;
      const kept: Kept = { old: [], new: [] };
      let [o, n] = from;
      for (const change of changes) {
        if (change.added) n += change.count;
        else if (change.removed) o += change.count;
        else for (let k = 0; k < change.count; k++) {
          kept.old.push(o++);
          kept.new.push(n++);
        }
      }
      return kept;
    };

    it('on random ranges of a few numbers, within the bound and past it, anywhere in their sequences, as plain and as typed arrays', () => {
      const random = seededRandom(9_001);
      for (let run = 0; run < 3_000; run++) {
        const distinct = 1 + Math.floor(random() * (run % 2 === 0 ? 3 : 12));
        const sequence = () => Array.from({ length: Math.floor(random() * (run % 5 === 0 ? 120 : 14)) }, () => Math.floor(random() * distinct));
        const [a, b] = [sequence(), sequence()];
        if (a.length === 0 || b.length === 0) continue;
        const [padA, padB] = [Math.floor(random() * 4), Math.floor(random() * 4)];
        const old = { seq: [...Array<number>(padA).fill(99), ...a, 98], from: padA, to: padA + a.length };
        const now = { seq: [...Array<number>(padB).fill(97), ...b], from: padB, to: padB + b.length };
        const bound = run % 3 === 0 ? 1 + Math.floor(random() * 12) : 500;
        const out: Kept = { old: [], new: [] };
        const found = myersKept(old, now, bound, out);
        const expected = packageKept(a, b, [padA, padB], bound);
        assert.equal(found, expected !== undefined, `run ${run}: gives up alike`);
        assert.deepEqual(out, expected ?? { old: [], new: [] }, `run ${run}`);
        // A diff hands it the lines' numbers as typed arrays: the same answer as from plain ones.
        const typed: Kept = { old: [], new: [] };
        assert.equal(myersKept({ ...old, seq: Int32Array.from(old.seq) }, { ...now, seq: Int32Array.from(now.seq) }, bound, typed), found, `run ${run}: typed, gives up alike`);
        assert.deepEqual(typed, out, `run ${run}: typed`);
      }
    });
  });

  it('newLineForOldLine answers as a search of the removed lines from the first does, for every old line', () => {
    const random = seededRandom(8_200);
    for (let run = 0; run < 40; run++) {
      const line = () => `line ${Math.floor(random() * 20)}`;
      const before = Array.from({ length: Math.floor(random() * 300) }, line);
      const after = before.filter(() => random() < 0.7).map((text) => (random() < 0.2 ? line() : text));
      const diff = diffLines(before.join('\n'), after.join('\n'));
      for (let oldLine = 0; oldLine <= before.length + 1; oldLine++) {
        assert.equal(newLineForOldLine(diff, oldLine), diff.removed.find((removed) => removed.oldLine === oldLine)?.nearestNewLine ?? null, `run ${run}, line ${oldLine}`);
      }
    }
  });
});
