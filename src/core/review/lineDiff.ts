import type { AddedLine, LineDiff, RemovedLine } from './model';

/**
 * Beyond this many edits between the lines both texts share, the rest is
 * treated as rewritten. Myers' algorithm grows with the square of the edits,
 * and this bound keeps even a pathological reshuffle of a large file fast.
 */
const MAX_EDIT_LENGTH = 500;

/** For the tests alone. */
export interface DiffOptions {
  /** Run Myers' algorithm even where the lines' counts already say it must give up (the answer is the same). */
  alwaysTryMyers?: boolean;
  /** Counts the gaps where Myers' algorithm searched to its bound and gave up, and those whose common lines were counted exactly. */
  tally?: { myersGaveUp: number; countedExactly?: number };
}

/**
 * The length of a longest common subsequence of two lists of lines (for the
 * tests alone); with `withinEdits`, as the line diff counts it against its
 * bound (`commonLength`).
 */
export function commonLineCount(oldLines: readonly string[], newLines: readonly string[], withinEdits?: number): number {
  const lines = LineIds.ofLines(oldLines, newLines);
  return commonLength(lines, { seq: lines.old, from: 0, to: lines.old.length }, { seq: lines.new, from: 0, to: lines.new.length }, withinEdits);
}

/**
 * The lines a change adds and removes. Added lines are numbered in the new
 * text; removed lines keep their old number and point at the new line where
 * the removal happened, so an editor can put a diagnostic somewhere visible.
 */
export function diffLines(oldText: string | undefined, newText: string | undefined, options: DiffOptions = {}): LineDiff {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const nearest = (newIndex: number): number => Math.min(newIndex + 1, Math.max(newLines.length, 1));

  const added: AddedLine[] = [];
  const removed: RemovedLine[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  const kept = commonLines(LineIds.ofLines(oldLines, newLines), options);
  for (let at = 0; at <= kept.old.length; at++) {
    const commonOld = at < kept.old.length ? kept.old[at] : oldLines.length;
    const commonNew = at < kept.new.length ? kept.new[at] : newLines.length;
    for (; oldIndex < commonOld; oldIndex++) {
      removed.push({ oldLine: oldIndex + 1, text: oldLines[oldIndex], nearestNewLine: nearest(newIndex) });
    }
    for (; newIndex < commonNew; newIndex++) added.push({ line: newIndex + 1, text: newLines[newIndex] });
    oldIndex++;
    newIndex++;
  }
  return { added, removed };
}

/**
 * Where each line of a text without CR starts, and one entry more past the
 * last line (where a line after it would start): line `i` is
 * `text.slice(starts[i], starts[i + 1] - 1)`, the lines `diffLines` splits
 * the text into (no line for an empty text, none after a final newline).
 */
export function lineStarts(text: string | undefined): Int32Array {
  if (text === undefined || text === '') return new Int32Array(1);
  // One pass, the table doubled as it fills: counting the lines first and then placing them read the text twice.
  let starts: Int32Array = new Int32Array(Math.max(64, text.length >> 5));
  let next = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (next === starts.length) starts = grown(starts);
    starts[next++] = at + 1;
  }
  if (text.charCodeAt(text.length - 1) !== 0x0a) {
    if (next === starts.length) starts = grown(starts);
    starts[next++] = text.length + 1;
  }
  return starts.slice(0, next);
}

function grown(table: Int32Array): Int32Array {
  const larger = new Int32Array(table.length * 2);
  larger.set(table);
  return larger;
}

/**
 * The lines two texts without CR keep (`commonLines`), the lines given by
 * where they start (`lineStarts`): the pairs `diffLines` keeps of the same
 * texts, without splitting them.
 */
export function keptLines(oldText: string, oldStarts: Int32Array, newText: string, newStarts: Int32Array): Kept {
  return commonLines(LineIds.ofPlaces(oldText, oldStarts, newText, newStarts), {});
}

/**
 * Each distinct line of the two texts as a small number, so that every step
 * after compares, counts and indexes numbers instead of hashing and comparing
 * the lines again (two lines have the same number exactly when they are
 * equal, so every answer is the one the lines themselves give). `scratch`
 * holds a count per number for the counting steps, put back to zeros after
 * each.
 */
class LineIds {
  private tables: { first: Int32Array; second: Int32Array; at: Int32Array } | undefined;

  readonly old: Int32Array;
  readonly new: Int32Array;
  /** How many distinct lines the two texts hold: each has a number below it. */
  readonly size: number;

  private constructor(oldIds: Int32Array, newIds: Int32Array, distinct: number) {
    this.old = oldIds;
    this.new = newIds;
    this.size = distinct;
  }

  static ofLines(oldLines: readonly string[], newLines: readonly string[]): LineIds {
    const ids = new Map<string, number>();
    const numbered = (lines: readonly string[]): Int32Array => {
      const numbers = new Int32Array(lines.length);
      for (let index = 0; index < lines.length; index++) {
        numbers[index] = lineId(ids, lines[index]);
      }
      return numbers;
    };
    const old = numbered(oldLines);
    return new LineIds(old, numbered(newLines), ids.size);
  }

  /** The lines of two texts given as the offsets they start at (`lineStarts`), each ending one character before the next starts. */
  static ofPlaces(oldText: string, oldStarts: Int32Array, newText: string, newStarts: Int32Array): LineIds {
    const ids = new Map<string, number>();
    const numbered = (text: string, starts: Int32Array): Int32Array => {
      const numbers = new Int32Array(starts.length - 1);
      for (let index = 0; index < numbers.length; index++) {
        numbers[index] = lineId(ids, text.slice(starts[index], starts[index + 1] - 1));
      }
      return numbers;
    };
    const old = numbered(oldText, oldStarts);
    return new LineIds(old, numbered(newText, newStarts), ids.size);
  }

  /** Three tables of zeros, one entry per distinct line; whoever uses them leaves them zeros. */
  scratch(): { first: Int32Array; second: Int32Array; at: Int32Array } {
    this.tables ??= { first: new Int32Array(this.size), second: new Int32Array(this.size), at: new Int32Array(this.size) };
    return this.tables;
  }
}

/** The number of `line` among the lines numbered so far: a new one for a line not seen yet. */
function lineId(ids: Map<string, number>, line: string): number {
  let id = ids.get(line);
  if (id === undefined) {
    id = ids.size;
    ids.set(line, id);
  }
  return id;
}

/** Index pairs of the lines both texts keep, in order: `old[k]` is kept as `new[k]`. */
export interface Kept {
  old: number[];
  new: number[];
}

/**
 * Pairs of (old index, new index) of the lines both texts keep, in order: a
 * longest common subsequence. Two exact shortcuts keep it fast: the common
 * head and tail are matched directly, and lines found in only one text are
 * left out before diffing, since they can never be common. A rewritten block
 * then costs nothing, and Myers only sees the lines that could match.
 */
function commonLines(lines: LineIds, options: DiffOptions): Kept {
  const { old: oldIds, new: newIds } = lines;
  const kept: Kept = { old: [], new: [] };
  let head = 0;
  while (head < oldIds.length && head < newIds.length && oldIds[head] === newIds[head]) {
    kept.old.push(head);
    kept.new.push(head);
    head++;
  }
  let tail = 0;
  while (tail < oldIds.length - head && tail < newIds.length - head && oldIds[oldIds.length - 1 - tail] === newIds[newIds.length - 1 - tail]) {
    tail++;
  }

  const { first: inOld, second: inNew } = lines.scratch();
  for (let i = head; i < newIds.length - tail; i++) inNew[newIds[i]] = 1;
  for (let i = head; i < oldIds.length - tail; i++) inOld[oldIds[i]] = 1;
  const oldKept: number[] = [];
  const newKept: number[] = [];
  for (let i = head; i < oldIds.length - tail; i++) if (inNew[oldIds[i]] === 1) oldKept.push(i);
  for (let i = head; i < newIds.length - tail; i++) if (inOld[newIds[i]] === 1) newKept.push(i);
  for (let i = head; i < newIds.length - tail; i++) inNew[newIds[i]] = 0;
  for (let i = head; i < oldIds.length - tail; i++) inOld[oldIds[i]] = 0;

  const middle: Kept = { old: [], new: [] };
  keptPairs(lines, { seq: idsAt(oldIds, oldKept), from: 0, to: oldKept.length }, { seq: idsAt(newIds, newKept), from: 0, to: newKept.length }, options, 0, middle);
  for (let k = 0; k < middle.old.length; k++) {
    kept.old.push(oldKept[middle.old[k]]);
    kept.new.push(newKept[middle.new[k]]);
  }

  for (let k = tail; k > 0; k--) {
    kept.old.push(oldIds.length - k);
    kept.new.push(newIds.length - k);
  }
  return kept;
}

/**
 * The numbers of the lines at `indexes`, as an Int32Array like every other
 * table the diff reads: the loops that read a range (counts, Myers, the
 * anchors) then meet one kind of array, and their compiled code is kept
 * from the first file on (a plain array here cost a review of a
 * translation drop about 3-4% of its CPU).
 */
function idsAt(ids: Int32Array, indexes: number[]): Int32Array {
  const seq = new Int32Array(indexes.length);
  for (let k = 0; k < indexes.length; k++) seq[k] = ids[indexes[k]];
  return seq;
}

/** The lines `seq[from]` to `seq[to - 1]`, by their numbers. */
export interface Range {
  seq: ArrayLike<number>;
  from: number;
  to: number;
}

/**
 * The common lines of two ranges, pushed to `out` as index pairs into their
 * sequences, in order: Myers' diff within its bound; past it (a large file
 * reshuffled), the lines that occur once in each anchor the match in order
 * (patience diff), and Myers runs again on each gap between anchors. Without
 * the anchors, every line between the first change and the last would read
 * as new, and an old line there as this change's. A gap with no line on one
 * side keeps none, and one whose sides are the same lines keeps them all, as
 * Myers would (a translation file has thousands of such gaps, most of one
 * line), without starting it.
 */
function keptPairs(lines: LineIds, old: Range, now: Range, options: DiffOptions, depth: number, out: Kept): void {
  const oldLength = old.to - old.from;
  const newLength = now.to - now.from;
  if (oldLength === 0 || newLength === 0) return;
  if (oldLength === newLength && sameLines(old, now)) {
    for (let k = 0; k < oldLength; k++) {
      out.old.push(old.from + k);
      out.new.push(now.from + k);
    }
    return;
  }
  const leastEdits = options.alwaysTryMyers ? 0 : fewestEdits(lines, old, now);
  const hopeless = leastEdits > MAX_EDIT_LENGTH;
  if (!hopeless && !options.alwaysTryMyers && (oldLength === 1 || newLength === 1)) {
    // One line on a side (a third of a translation drop's gaps): Myers keeps that line's first occurrence on the
    // other side, if there is one, as the only common line there can be. Within the bound here, as it is not hopeless.
    if (oldLength === 1) {
      const at = firstIndexOf(now, old.seq[old.from]);
      if (at >= 0) {
        out.old.push(old.from);
        out.new.push(at);
      }
    } else {
      const at = firstIndexOf(old, now.seq[now.from]);
      if (at >= 0) {
        out.old.push(at);
        out.new.push(now.from);
      }
    }
    return;
  }
  if (!hopeless && !pastBoundInOrder(lines, old, now, leastEdits, options)) {
    if (myersKept(old, now, MAX_EDIT_LENGTH, out)) return;
    if (options.tally) options.tally.myersGaveUp++;
  }
  const anchors = uniqueAnchors(lines, old, now);
  if (anchors.old.length === 0 || depth > 2) {
    for (let k = 0; k < anchors.old.length; k++) {
      out.old.push(anchors.old[k]);
      out.new.push(anchors.new[k]);
    }
    return;
  }
  let o = old.from;
  let n = now.from;
  for (let a = 0; a <= anchors.old.length; a++) {
    const anchorOld = a < anchors.old.length ? anchors.old[a] : old.to;
    const anchorNew = a < anchors.new.length ? anchors.new[a] : now.to;
    keptPairs(lines, { seq: old.seq, from: o, to: anchorOld }, { seq: now.seq, from: n, to: anchorNew }, options, depth + 1, out);
    if (anchorOld < old.to) {
      out.old.push(anchorOld);
      out.new.push(anchorNew);
    }
    o = anchorOld + 1;
    n = anchorNew + 1;
  }
}

/** One run of an edit script: `count` lines added, removed, or (neither) kept; the run before it in `previous`. */
interface Run {
  count: number;
  added: boolean;
  removed: boolean;
  previous: Run | undefined;
}

/** The furthest-reaching path on a diagonal: the last old index it reached, and its last run. */
interface Reach {
  oldPos: number;
  last: Run | undefined;
}

/**
 * Myers' algorithm as the `diff` package's `diffArrays` runs it (version 9,
 * with `maxEditLength` and without a comparator), step for step, so that
 * among equally long common subsequences it keeps the very same lines: the
 * pairs it keeps are pushed to `out`, or nothing and false when it would
 * give up past `maxEditLength` edits. It compares the ranges' numbers in
 * place, where the package took copies of them, and records runs only, where
 * it also sliced each run's lines out. A test holds the two to the same
 * answers.
 */
export function myersKept(old: Range, now: Range, maxEditLength: number, out: Kept): boolean {
  const oldLength = old.to - old.from;
  const newLength = now.to - now.from;
  const oldSeq = old.seq;
  const newSeq = now.seq;
  const bound = Math.min(oldLength + newLength, maxEditLength);
  // The paths by diagonal, `bound + 1` being diagonal 0.
  const best: (Reach | undefined)[] = new Array<Reach | undefined>(2 * bound + 3).fill(undefined);
  const zero = bound + 1;
  /** Follows the diagonal through the lines both keep, as `extractCommon` does; the new index reached. */
  const slide = (reach: Reach, diagonal: number): number => {
    let oldPos = reach.oldPos;
    let newPos = oldPos - diagonal;
    let common = 0;
    while (newPos + 1 < newLength && oldPos + 1 < oldLength && oldSeq[old.from + oldPos + 1] === newSeq[now.from + newPos + 1]) {
      newPos++;
      oldPos++;
      common++;
    }
    if (common > 0) reach.last = { count: common, added: false, removed: false, previous: reach.last };
    reach.oldPos = oldPos;
    return newPos;
  };
  /** One more line added or removed after `reach`, as `addToPath` does: a new path, `reach` left as it was. */
  const extend = (reach: Reach, added: boolean, removed: boolean, oldStep: number): Reach => {
    const last = reach.last;
    return last && last.added === added && last.removed === removed
      ? { oldPos: reach.oldPos + oldStep, last: { count: last.count + 1, added, removed, previous: last.previous } }
      : { oldPos: reach.oldPos + oldStep, last: { count: 1, added, removed, previous: last } };
  };
  const first: Reach = { oldPos: -1, last: undefined };
  best[zero] = first;
  let newPos = slide(first, 0);
  if (first.oldPos + 1 >= oldLength && newPos + 1 >= newLength) return pushRuns(first.last, old.from, now.from, out);
  let lowest = -Infinity;
  let highest = Infinity;
  for (let edits = 1; edits <= bound; edits++) {
    for (let diagonal = Math.max(lowest, -edits); diagonal <= Math.min(highest, edits); diagonal += 2) {
      const removePath = best[zero + diagonal - 1];
      const addPath = best[zero + diagonal + 1];
      if (removePath) best[zero + diagonal - 1] = undefined;
      let canAdd = false;
      if (addPath) {
        const addPathNewPos = addPath.oldPos - diagonal;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLength;
      }
      const canRemove = removePath !== undefined && removePath.oldPos + 1 < oldLength;
      if (!canAdd && !canRemove) {
        best[zero + diagonal] = undefined;
        continue;
      }
      const reach = !canRemove || (canAdd && (removePath as Reach).oldPos < (addPath as Reach).oldPos) ? extend(addPath as Reach, true, false, 0) : extend(removePath as Reach, false, true, 1);
      newPos = slide(reach, diagonal);
      if (reach.oldPos + 1 >= oldLength && newPos + 1 >= newLength) return pushRuns(reach.last, old.from, now.from, out);
      best[zero + diagonal] = reach;
      if (reach.oldPos + 1 >= oldLength) highest = Math.min(highest, diagonal - 1);
      if (newPos + 1 >= newLength) lowest = Math.max(lowest, diagonal + 1);
    }
  }
  return false;
}

/** The kept lines of an edit script, its runs read from the first, pushed to `out` as index pairs from `oldFrom` and `newFrom`. */
function pushRuns(last: Run | undefined, oldFrom: number, newFrom: number, out: Kept): true {
  const runs: Run[] = [];
  for (let run = last; run; run = run.previous) runs.push(run);
  let o = oldFrom;
  let n = newFrom;
  for (let at = runs.length - 1; at >= 0; at--) {
    const run = runs[at];
    if (run.added) n += run.count;
    else if (run.removed) o += run.count;
    else {
      for (let k = 0; k < run.count; k++) {
        out.old.push(o++);
        out.new.push(n++);
      }
    }
  }
  return true;
}

function firstIndexOf(range: Range, id: number): number {
  for (let k = range.from; k < range.to; k++) if (range.seq[k] === id) return k;
  return -1;
}

function sameLines(old: Range, now: Range): boolean {
  for (let k = 0; k < old.to - old.from; k++) if (old.seq[old.from + k] !== now.seq[now.from + k]) return false;
  return true;
}

/**
 * A lower bound on the lines any edit script adds and removes: each line
 * either text holds more times than the other must be removed or added that
 * many times. Past MAX_EDIT_LENGTH, Myers' algorithm would search up to its
 * bound and give up (a translation drop rewrites thousands of lines), so it
 * is not run: the answer is the one it would have led to.
 */
function fewestEdits(lines: LineIds, old: Range, now: Range): number {
  if (old.to - old.from + (now.to - now.from) <= MAX_EDIT_LENGTH) return Math.abs(old.to - old.from - (now.to - now.from));
  const { first: surplus } = lines.scratch();
  for (let i = old.from; i < old.to; i++) surplus[old.seq[i]]++;
  for (let i = now.from; i < now.to; i++) surplus[now.seq[i]]--;
  let edits = 0;
  // Each line counted once: its entry is put back to zero as it is counted.
  for (let i = old.from; i < old.to; i++) {
    edits += Math.abs(surplus[old.seq[i]]);
    surplus[old.seq[i]] = 0;
  }
  for (let i = now.from; i < now.to; i++) {
    edits += Math.abs(surplus[now.seq[i]]);
    surplus[now.seq[i]] = 0;
  }
  return edits;
}

/**
 * Whether the fewest edits between two ranges, counted exactly, are past
 * MAX_EDIT_LENGTH, where the lines' counts (`leastEdits`) already say there
 * are many and counting costs less than Myers' algorithm would to reach its
 * bound and give up: a locale file whose strings were rewritten and moved
 * holds gaps of thousands of lines whose counts differ by a few hundred,
 * where Myers then searched to its bound for most of a review's line diffs.
 * Myers' answer is unchanged: it runs wherever it would not give up.
 */
function pastBoundInOrder(lines: LineIds, old: Range, now: Range, leastEdits: number, options: DiffOptions): boolean {
  const oldLength = old.to - old.from;
  const newLength = now.to - now.from;
  // No two ranges are further apart than all their lines: at most the bound, Myers cannot give up.
  if (oldLength + newLength <= MAX_EDIT_LENGTH) return false;
  if (leastEdits <= MAX_EDIT_LENGTH / 4) return false;
  if (Math.min(Math.ceil(oldLength / BITS), bandWords(oldLength, newLength, MAX_EDIT_LENGTH)) * newLength > (oldLength + newLength) * MAX_EDIT_LENGTH) return false;
  if (options.tally) options.tally.countedExactly = (options.tally.countedExactly ?? 0) + 1;
  return oldLength + newLength - 2 * commonLength(lines, old, now, MAX_EDIT_LENGTH) > MAX_EDIT_LENGTH;
}

/** Bits of the bit-parallel count in one entry: 30, so that a sum with its carry stays a small integer. */
const BITS = 30;
const ALL_BITS = (1 << BITS) - 1;

/**
 * How far a path of at most `edits` edits between ranges of `oldLength` and
 * `newLength` lines strays from the diagonal: at new line j it is at an old
 * line from j - `below` to j + `above` (each line removed moves it one up,
 * each one added one down, and the removals less the additions are the
 * difference of the lengths).
 */
function band(oldLength: number, newLength: number, edits: number): { below: number; above: number } {
  return { below: Math.floor((edits - (oldLength - newLength)) / 2), above: Math.floor((edits + (oldLength - newLength)) / 2) };
}

/** The entries of the bit-parallel count a line of the new range reaches within `band` (see commonLength). */
function bandWords(oldLength: number, newLength: number, edits: number): number {
  const { below, above } = band(oldLength, newLength, edits);
  return Math.ceil((below + above + 1) / BITS) + 1;
}

/**
 * The length of a longest common subsequence of two ranges, 30 lines of the
 * old range at a time (the bit-parallel count of Allison and Dix, as Hyyrö
 * writes it): bit `i` of `row` is 0 where the count grew at old line `i`,
 * and each new line adds to `row` its matches among the 1 bits, the carry
 * of the sum moving each run's first match up to the 0 just past the run.
 * After the last line, the zeros are the length. A line the old range holds
 * more times than `row` has entries (`},` in a locale file) has its matches
 * written out once; any other has its few set and cleared each time.
 *
 * With `withinEdits`, only the entries near the diagonal a path of that
 * many edits keeps to (`band`) are counted at each new line: the length is
 * exact where the ranges are within that many edits (every match of such a
 * path is counted), and where they are not it is no more than the exact one,
 * so the edits it gives are past the bound too. The band only moves up, so
 * an entry above it has never been reached: all its bits are 1, and a carry
 * into it would pass through every such entry and out of the top, changing
 * nothing; it is dropped there. A gap of a locale file's 5,000 lines reaches
 * about 40 of its 167 entries at each line.
 */
function commonLength(lines: LineIds, old: Range, now: Range, withinEdits?: number): number {
  const oldLength = old.to - old.from;
  const newLength = now.to - now.from;
  const words = Math.ceil(oldLength / BITS);
  const { below, above } = withinEdits === undefined ? { below: newLength, above: oldLength } : band(oldLength, newLength, withinEdits);
  // Lengths further apart than the bound: no path keeps within it, and nothing needs counting to say so.
  if (below < 0 || above < 0) return 0;
  // Where each line's occurrences in the old range are: ids' offsets into `places`, as prefix sums of their counts.
  const offsets = new Int32Array(lines.size + 1);
  for (let i = old.from; i < old.to; i++) offsets[old.seq[i] + 1]++;
  for (let id = 0; id < lines.size; id++) offsets[id + 1] += offsets[id];
  const next = offsets.slice(0, lines.size);
  const places = new Int32Array(oldLength);
  for (let i = old.from; i < old.to; i++) places[next[old.seq[i]]++] = i - old.from;
  const written = new Map<number, Int32Array>();
  const row = new Int32Array(words).fill(ALL_BITS);
  const scratch = new Int32Array(words);
  for (let j = now.from; j < now.to; j++) {
    const id = now.seq[j];
    const first = offsets[id];
    const end = offsets[id + 1];
    if (first === end) continue;
    const lowest = Math.max(0, ((j - now.from - below) / BITS) | 0);
    const highest = Math.min(words - 1, Math.floor((j - now.from + above) / BITS));
    // Below the first match nothing changes, and past the last only while a carry moves (`places` is in order).
    let w = Math.max(lowest, (places[first] / BITS) | 0);
    const last = Math.min(highest, (places[end - 1] / BITS) | 0);
    if (w > last) continue;
    let matches = written.get(id);
    const many = end - first > words / 8;
    if (many && matches === undefined) {
      matches = new Int32Array(words);
      for (let k = first; k < end; k++) matches[(places[k] / BITS) | 0] |= 1 << places[k] % BITS;
      written.set(id, matches);
    }
    if (!many) for (let k = first; k < end; k++) scratch[(places[k] / BITS) | 0] |= 1 << places[k] % BITS;
    const match = matches ?? scratch;
    let carry = 0;
    for (; w <= last; w++) {
      const bits = row[w];
      const sum = bits + (bits & match[w]) + carry;
      carry = sum >>> BITS;
      row[w] = (sum | (bits & ~match[w])) & ALL_BITS;
    }
    for (; carry !== 0 && w <= highest; w++) {
      const bits = row[w];
      const sum = bits + carry;
      carry = sum >>> BITS;
      row[w] = (sum | bits) & ALL_BITS;
    }
    if (!many) for (let k = first; k < end; k++) scratch[(places[k] / BITS) | 0] = 0;
  }
  let common = 0;
  for (let i = 0; i < oldLength; i++) if ((row[(i / BITS) | 0] & (1 << i % BITS)) === 0) common++;
  return common;
}

/** The lines found exactly once in each range, paired (as indexes into their sequences), and the longest run of them kept in the same order in both. */
function uniqueAnchors(lines: LineIds, old: Range, now: Range): Kept {
  const { first: inOld, second: inNew, at: newAt } = lines.scratch();
  for (let i = old.from; i < old.to; i++) inOld[old.seq[i]]++;
  for (let i = now.from; i < now.to; i++) {
    const id = now.seq[i];
    if (inOld[id] === 0) continue;
    inNew[id]++;
    newAt[id] = i;
  }
  const candidates: Kept = { old: [], new: [] };
  for (let i = old.from; i < old.to; i++) {
    const id = old.seq[i];
    if (inOld[id] === 1 && inNew[id] === 1) {
      candidates.old.push(i);
      candidates.new.push(newAt[id]);
    }
  }
  for (let i = old.from; i < old.to; i++) inOld[old.seq[i]] = 0;
  for (let i = now.from; i < now.to; i++) {
    inNew[now.seq[i]] = 0;
    newAt[now.seq[i]] = 0;
  }
  return longestIncreasing(candidates);
}

/** The longest subsequence of pairs (sorted by their first index) whose second index increases too. */
function longestIncreasing(pairs: Kept): Kept {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(pairs.old.length).fill(-1);
  pairs.new.forEach((second, at) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs.new[tails[middle]] < second) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[at] = tails[low - 1];
    tails[low] = at;
  });
  const run: number[] = [];
  for (let at = tails[tails.length - 1] ?? -1; at >= 0; at = previous[at]) run.push(at);
  run.reverse();
  return { old: run.map((at) => pairs.old[at]), new: run.map((at) => pairs.new[at]) };
}

/**
 * Lines without their terminators. Line endings are normalised first: a file
 * whose only change is CRLF → LF (an editor setting, a checkout on another OS)
 * has changed no line a reviewer cares about, and a secret scan or an
 * additions-only rule must not see every line as rewritten. For the same
 * reason a missing final newline is not a change of the last line.
 */
function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
