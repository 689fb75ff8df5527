// The line diffs of a review's changed files, each worked out once and kept
// small: every check asks for them, one check after another, so a diff is
// kept from its first use to the review's end. As objects (a line number and
// a string for each added or removed line) a change of 10,000 files held
// about 22 MB of them; kept as numbers, the line numbers and where each line
// is in its text, it holds about a sixth of that, and a file's lines are made
// again, the same, when a check asks.
import type { ChangedFile, LineDiff } from './model';
import { diffLines } from './lineDiff';

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
      diff = diffLines(file.binary ? undefined : file.oldText, file.binary ? undefined : file.newText);
      this.kept.set(file, this.keep(file, diff));
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
   * The diff as numbers, where each of its lines is the piece of its text
   * between a line's start and the next LF; else the diff itself.
   */
  private keep(file: ChangedFile, diff: LineDiff): number | LineDiff {
    const oldText = file.binary ? undefined : file.oldText;
    const newText = file.binary ? undefined : file.newText;
    if (oldText?.includes('\r') || newText?.includes('\r')) return diff;
    const size = HEADER + diff.added.length * ADDED + diff.removed.length * REMOVED;
    this.reserve(size);
    const at = this.used;
    const numbers = this.numbers;
    numbers[at] = diff.added.length;
    numbers[at + 1] = diff.removed.length;
    let next = at + HEADER;
    const newStarts = diff.added.length === 0 ? undefined : lineStarts(newText ?? '');
    for (const { line, text } of diff.added) {
      const start = newStarts![line - 1];
      const end = start === undefined ? -1 : lineEnd(newText!, start);
      if (start === undefined || !isPiece(newText!, start, end, text)) return diff;
      numbers[next++] = line;
      numbers[next++] = start;
      numbers[next++] = end;
    }
    const oldStarts = diff.removed.length === 0 ? undefined : lineStarts(oldText ?? '');
    for (const { oldLine, text, nearestNewLine } of diff.removed) {
      const start = oldStarts![oldLine - 1];
      const end = start === undefined ? -1 : lineEnd(oldText!, start);
      if (start === undefined || !isPiece(oldText!, start, end, text)) return diff;
      numbers[next++] = oldLine;
      numbers[next++] = nearestNewLine;
      numbers[next++] = start;
      numbers[next++] = end;
    }
    this.used = next;
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

/** The offset each line of `text` starts at (a text without CR: lines end with LF). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** What `text.slice(start, end) === piece` answers, without making the slice (a translation drop has tens of thousands of lines to check). */
function isPiece(text: string, start: number, end: number, piece: string): boolean {
  return end - start === piece.length && text.startsWith(piece, start);
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}
