import * as assert from 'node:assert/strict';
import { LOG_PATCH_FORMAT, LogPatchReader, parseLogPatchBytes, parseLogPatches, readCombinedHunkLine, readHunkLine, type Hunk, type LoggedFile } from '../../../src/core/git/logPatches';
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

describe('parseLogPatchBytes', () => {
  /** A log as `LOG_PATCH_FORMAT` prints it: commits, merges' combined diffs, renames, binary files, text outside ASCII, CRLF and empty context lines. */
  function randomLog(random: () => number): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const texts = ['', 'plain', 'ü é ñ', '日本語のテキスト', 'emoji 😀 here', 'line\r', 'token = "abc"', ' spaced'];
    assert.equal(LOG_PATCH_FORMAT, '%x00%H%x1f%P%x1f%B%x00');
    const records: string[] = [];
    for (let commit = 0; commit < 1 + Math.floor(random() * 4); commit++) {
      const merge = random() < 0.25;
      const marks = merge ? ['  ', '++', '+ ', ' +', '- ', '--'] : [' ', '+', '-'];
      const sections: string[] = [];
      for (let file = 0; file < Math.floor(random() * 5); file++) {
        const path = pick(['a.txt', 'dir/ü.txt', 'b c.md', 'x/y/z.json']);
        if (merge) sections.push(`diff --cc ${path}`, 'index 1111111,2222222..3333333');
        else sections.push(`diff --git a/${path} b/${path}`);
        if (!merge && random() < 0.2) sections.push('similarity index 90%', `rename from old/${path}`, `rename to ${path}`);
        if (!merge && random() < 0.15) {
          sections.push('index 1111111..2222222 100644', `Binary files a/${path} and b/${path} differ`);
          continue;
        }
        if (!merge) sections.push('index 1111111..2222222 100644');
        sections.push(merge ? `--- a/${path}` : `--- a/${path}`, `+++ b/${path}`);
        for (let hunk = 0; hunk < 1 + Math.floor(random() * 3); hunk++) {
          const count = 1 + Math.floor(random() * 6);
          sections.push(merge ? `@@@ -1,${count} -1,${count} +${1 + hunk * 10},${count} @@@` : `@@ -1,${count} +${1 + hunk * 10},${count} @@ context`);
          for (let line = 0; line < count + Math.floor(random() * 3); line++) {
            const roll = random();
            sections.push(roll < 0.1 ? '' : roll < 0.15 ? '\\ No newline at end of file' : `${pick(marks)}${pick(texts)}`);
          }
        }
      }
      const message = pick(['Subject', 'Subject ü\n\nBody line\n', 'Fix\n\nTrailer: x\n\n']);
      const parents = merge ? 'p1 p2' : 'p1';
      records.push(`\0c${commit}\x1f${parents}\x1f${message}\0${sections.length > 0 ? `\n${sections.join('\n')}\n` : '\n'}`);
    }
    return records.join('');
  }

  it('reads a commit\'s patch a piece at a time with the answer of reading it whole, what is kept of the first commit included', () => {
    const random = seededRandom(64);
    let lines = 0;
    for (let run = 0; run < 300; run++) {
      const log = randomLog(random);
      const kept = (calls: string[]) => (file: LoggedFile, index: number, sha: string): LoggedFile => {
        calls.push(`${sha} ${index} ${file.path}`);
        return index % 2 === 0 ? file : { path: file.path, lines: [] };
      };
      const wholeCalls: string[] = [];
      const whole = parseLogPatches(log, false, kept(wholeCalls));
      lines += whole.reduce((sum, commit) => sum + commit.files.reduce((count, file) => count + file.lines.length, 0), 0);
      for (const pieceBytes of [1, 2, 3, 7, 16, 64, 1 << 20]) {
        const pieceCalls: string[] = [];
        assert.deepEqual(parseLogPatchBytes(Buffer.from(log, 'utf8'), false, kept(pieceCalls), pieceBytes), whole, `run ${run}, pieces of ${pieceBytes}`);
        assert.deepEqual(pieceCalls, wholeCalls);
      }
      // Cut short: the last record is left out either way.
      const cut = Buffer.from(log, 'utf8').subarray(0, Math.floor(random() * Buffer.byteLength(log)));
      assert.deepEqual(parseLogPatchBytes(cut, true, undefined, 5), parseLogPatches(cut.toString('utf8'), true), `run ${run}, cut`);
    }
    assert.ok(lines > 2_000, `the logs hold lines to read (${lines})`);
  });

  it('reads git\'s output as it comes, in chunks parted anywhere, with the answer of reading it whole', () => {
    const random = seededRandom(65);
    for (let run = 0; run < 300; run++) {
      const log = Buffer.from(randomLog(random), 'utf8');
      const kept = (calls: string[]) => (file: LoggedFile, index: number, sha: string): LoggedFile => {
        calls.push(`${sha} ${index} ${file.path}`);
        return index % 2 === 0 ? file : { path: file.path, lines: [] };
      };
      for (const cut of [false, true]) {
        const output = cut ? log.subarray(0, Math.floor(random() * log.length)) : log;
        const wholeCalls: string[] = [];
        const whole = parseLogPatchBytes(output, cut, kept(wholeCalls));
        // Chunks of one byte, of a few, and of random sizes (a record's end, `\n` then NUL, parted between two of them included).
        for (const size of [1, 2, 3, 0]) {
          const calls: string[] = [];
          const reader = new LogPatchReader(kept(calls));
          for (let at = 0; at < output.length;) {
            const length = size > 0 ? size : 1 + Math.floor(random() * 40);
            reader.push(output.subarray(at, at + length));
            at += length;
          }
          assert.deepEqual(reader.end(cut), whole, `run ${run}, chunks of ${size || 'random sizes'}${cut ? ', cut' : ''}`);
          // Cut short, the reader has seen the files of the record it then leaves out: only whole outputs ask the same.
          if (!cut) assert.deepEqual(calls, wholeCalls);
        }
      }
    }
    // What does not start with a record is not read, as a whole reading reads nothing of it.
    const reader = new LogPatchReader();
    reader.push(Buffer.from('not a record\n\0c\x1fp\x1fm\0\n'));
    assert.deepEqual(reader.end(), parseLogPatchBytes(Buffer.from('not a record\n\0c\x1fp\x1fm\0\n')));
  });
});
