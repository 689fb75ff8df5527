// The line diffs of a review's changed files, each worked out once and kept
// small: every check asks for them, one check after another, so a diff is
// kept from its first use to the review's end. As objects (a line number and
// a string for each added or removed line) a change of 10,000 files held
// about 22 MB of them; kept as numbers, the line numbers and where each line
// is in its text, it holds about a sixth of that, and a file's lines are made
// again, the same, when a check asks.
import type { AddedRun, ChangedFile, LineDiff } from './model';
import { diffLines, keptLines, lineStarts } from './lineDiff';

/** How many diffs made again are kept as made: a check asks for the same file's diff several times in a row. */
const RECENT = 4;

/** Numbers a diff takes: the two counts, three for each added line (line, start, end), four for each removed one (old line, nearest new line, start, end). */
const HEADER = 2;
const ADDED = 3;
const REMOVED = 4;

export class LineDiffStore {
  private numbers = new Int32Array(4096);
  private used = 0;
  /** Where each file's diff starts in `numbers`; the diff itself where its lines cannot be found again as pieces of the texts (line ends with a CR). */
  private readonly kept = new Map<ChangedFile, number | LineDiff>();
  private readonly recent = new Map<ChangedFile, LineDiff>();

  /** The file's line diff (`diffLines` of its two texts; none for a binary file). */
  diff(file: ChangedFile): LineDiff {
    const made = this.recent.get(file);
    if (made) return made;
    const kept = this.kept.get(file);
    let diff: LineDiff;
    if (kept === undefined) {
      const oldText = file.binary ? undefined : file.oldText;
      const newText = file.binary ? undefined : file.newText;
      if (oldText?.includes('\r') || newText?.includes('\r')) {
        // Line ends normalised first (`diffLines`): its lines are no pieces of the texts, and the diff is kept as it is.
        diff = diffLines(oldText, newText);
        this.kept.set(file, diff);
      } else {
        const at = this.numbered(oldText ?? '', newText ?? '');
        this.kept.set(file, at);
        diff = this.madeAgain(file, at);
      }
    } else {
      diff = typeof kept === 'number' ? this.madeAgain(file, kept) : kept;
    }
    this.recent.set(file, diff);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value as ChangedFile);
    return diff;
  }

  /** How many lines the file's diff adds and removes. */
  counts(file: ChangedFile): { added: number; removed: number } {
    let kept = this.kept.get(file);
    if (kept === undefined) {
      this.diff(file);
      kept = this.kept.get(file)!;
    }
    if (typeof kept !== 'number') return { added: kept.added.length, removed: kept.removed.length };
    return { added: this.numbers[kept]!, removed: this.numbers[kept + 1]! };
  }

  /**
   * The file's added lines, runs of consecutive lines joined with LF, a run
   * cut after the line that took it past `maxChars`: each run the piece of
   * the new text from its first line's start to its last line's end, which
   * is its lines joined with LF. Undefined where the diff is not kept as
   * numbers (line ends with a CR).
   */
  addedRuns(file: ChangedFile, maxChars: number): AddedRun[] | undefined {
    let kept = this.kept.get(file);
    if (kept === undefined) {
      this.diff(file);
      kept = this.kept.get(file)!;
    }
    if (typeof kept !== 'number') return undefined;
    const numbers = this.numbers;
    const text = file.binary ? '' : (file.newText ?? '');
    const runs: AddedRun[] = [];
    const count = numbers[kept]!;
    let firstLine = 0;
    let lastLine = 0;
    let from = 0;
    let to = 0;
    let size = 0;
    for (let index = 0, at = kept + HEADER; index < count; index++, at += ADDED) {
      const line = numbers[at]!;
      if (index > 0 && (line !== lastLine + 1 || size > maxChars)) {
        runs.push({ firstLine, text: text.slice(from, to) });
        size = 0;
      }
      if (size === 0) {
        firstLine = line;
        from = numbers[at + 1]!;
      }
      lastLine = line;
      to = numbers[at + 2]!;
      size += to - numbers[at + 1]! + 1;
    }
    if (count > 0) runs.push({ firstLine, text: text.slice(from, to) });
    return runs;
  }

  /**
   * The diff of two texts without CR, written as numbers: each line the
   * piece of its text between where it starts and the next LF, as
   * `diffLines` splits them, found without splitting the texts. Added and
   * removed lines in the order `diffLines` gives them.
   */
  private numbered(oldText: string, newText: string): number {
    const oldStarts = lineStarts(oldText);
    const newStarts = lineStarts(newText);
    const oldCount = oldStarts.length - 1;
    const newCount = newStarts.length - 1;
    const kept = keptLines(oldText, oldStarts, newText, newStarts);
    const addedCount = newCount - kept.new.length;
    const removedCount = oldCount - kept.old.length;
    this.reserve(HEADER + addedCount * ADDED + removedCount * REMOVED);
    const at = this.used;
    const numbers = this.numbers;
    numbers[at] = addedCount;
    numbers[at + 1] = removedCount;
    let added = at + HEADER;
    let removed = added + addedCount * ADDED;
    this.used = removed + removedCount * REMOVED;
    // As diffLines walks the kept lines: the lines between two kept ones are removed (old) and added (new).
    const lastNewLine = Math.max(newCount, 1);
    let oldIndex = 0;
    let newIndex = 0;
    for (let index = 0; index <= kept.old.length; index++) {
      const commonOld = index < kept.old.length ? kept.old[index] : oldCount;
      const commonNew = index < kept.new.length ? kept.new[index] : newCount;
      const nearest = Math.min(newIndex + 1, lastNewLine);
      for (; oldIndex < commonOld; oldIndex++) {
        numbers[removed++] = oldIndex + 1;
        numbers[removed++] = nearest;
        numbers[removed++] = oldStarts[oldIndex];
        numbers[removed++] = oldStarts[oldIndex + 1] - 1;
      }
      for (; newIndex < commonNew; newIndex++) {
        numbers[added++] = newIndex + 1;
        numbers[added++] = newStarts[newIndex];
        numbers[added++] = newStarts[newIndex + 1] - 1;
      }
      oldIndex++;
      newIndex++;
    }
    return at;
  }

  private madeAgain(file: ChangedFile, at: number): LineDiff {
    const numbers = this.numbers;
    const newText = file.newText ?? '';
    const oldText = file.oldText ?? '';
    const addedCount = numbers[at]!;
    const removedCount = numbers[at + 1]!;
    let next = at + HEADER;
    const added: LineDiff['added'] = [];
    for (let index = 0; index < addedCount; index++, next += ADDED) {
      added.push({ line: numbers[next]!, text: newText.slice(numbers[next + 1], numbers[next + 2]) });
    }
    // The removed lines made when first asked for, and kept with the diff: the secret scan, which asks again for every file, reads only the added ones.
    const from = next;
    let removed: LineDiff['removed'] | undefined;
    return {
      added,
      get removed() {
        if (removed) return removed;
        removed = [];
        for (let index = 0, at = from; index < removedCount; index++, at += REMOVED) {
          removed.push({ oldLine: numbers[at]!, text: oldText.slice(numbers[at + 2], numbers[at + 3]), nearestNewLine: numbers[at + 1]! });
        }
        return removed;
      },
    };
  }

  private reserve(size: number): void {
    if (this.used + size <= this.numbers.length) return;
    let length = this.numbers.length * 2;
    while (this.used + size > length) length *= 2;
    const larger = new Int32Array(length);
    larger.set(this.numbers.subarray(0, this.used));
    this.numbers = larger;
  }
}
