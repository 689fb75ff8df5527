// The review's line diff as it was before it numbered the lines (src/core/review/lineDiff.ts
// compares, counts and indexes line numbers): kept for the tests alone, which hold the two to
// the same answers.
import { diffArrays } from 'diff';
import type { AddedLine, LineDiff, RemovedLine } from '../../src/core/review/model';

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
  const end: [number, number] = [oldLines.length, newLines.length];
  for (const [commonOld, commonNew] of [...commonLines(oldLines, newLines, options), end]) {
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
 * Pairs of (old index, new index) of the lines both texts keep, in order: a
 * longest common subsequence. Two exact shortcuts keep it fast: the common
 * head and tail are matched directly, and lines found in only one text are
 * left out before diffing, since they can never be common. A rewritten block
 * then costs nothing, and Myers only sees the lines that could match.
 */
function commonLines(oldLines: string[], newLines: string[], options: DiffOptions): [number, number][] {
  const pairs: [number, number][] = [];
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) {
    pairs.push([head, head]);
    head++;
  }
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  ) {
    tail++;
  }

  const inNew = new Set(newLines.slice(head, newLines.length - tail));
  const inOld = new Set(oldLines.slice(head, oldLines.length - tail));
  const oldKept = indexesBetween(head, oldLines.length - tail).filter((i) => inNew.has(oldLines[i]));
  const newKept = indexesBetween(head, newLines.length - tail).filter((i) => inOld.has(newLines[i]));
  for (const [o, n] of keptPairs(oldKept.map((i) => oldLines[i]), newKept.map((i) => newLines[i]), options)) pairs.push([oldKept[o], newKept[n]]);

  for (let k = tail; k > 0; k--) pairs.push([oldLines.length - k, newLines.length - k]);
  return pairs;
}

/**
 * The common lines of two sequences, as index pairs: Myers' diff within its
 * bound; past it (a large file reshuffled), the lines that occur once in each
 * anchor the match in order (patience diff), and Myers runs again on each gap
 * between anchors. Without the anchors, every line between the first change
 * and the last would read as new, and an old line there as this change's.
 */
function keptPairs(oldLines: string[], newLines: string[], options: DiffOptions, depth = 0): [number, number][] {
  const hopeless = !options.alwaysTryMyers && fewestEdits(oldLines, newLines) > MAX_EDIT_LENGTH;
  const changes = hopeless ? undefined : diffArrays(oldLines, newLines, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes) {
    const pairs: [number, number][] = [];
    let o = 0;
    let n = 0;
    for (const change of changes) {
      if (change.added) n += change.count;
      else if (change.removed) o += change.count;
      else for (let k = 0; k < change.count; k++) pairs.push([o++, n++]);
    }
    return pairs;
  }
  const anchors = uniqueAnchors(oldLines, newLines);
  if (anchors.length === 0 || depth > 2) return anchors;
  const pairs: [number, number][] = [];
  let [o, n] = [0, 0];
  for (const [anchorOld, anchorNew] of [...anchors, [oldLines.length, newLines.length] as [number, number]]) {
    for (const [gapOld, gapNew] of keptPairs(oldLines.slice(o, anchorOld), newLines.slice(n, anchorNew), options, depth + 1)) pairs.push([o + gapOld, n + gapNew]);
    if (anchorOld < oldLines.length) pairs.push([anchorOld, anchorNew]);
    [o, n] = [anchorOld + 1, anchorNew + 1];
  }
  return pairs;
}

/**
 * A lower bound on the lines any edit script adds and removes: each line
 * either text holds more times than the other must be removed or added that
 * many times. Past MAX_EDIT_LENGTH, Myers' algorithm would search up to its
 * bound and give up (a translation drop rewrites thousands of lines), so it
 * is not run: the answer is the one it would have led to.
 */
function fewestEdits(oldLines: string[], newLines: string[]): number {
  if (oldLines.length + newLines.length <= MAX_EDIT_LENGTH) return Math.abs(oldLines.length - newLines.length);
  const surplus = new Map<string, number>();
  for (const line of oldLines) surplus.set(line, (surplus.get(line) ?? 0) + 1);
  for (const line of newLines) surplus.set(line, (surplus.get(line) ?? 0) - 1);
  let edits = 0;
  for (const count of surplus.values()) edits += Math.abs(count);
  return edits;
}

/** The lines found exactly once in each text, paired, and the longest run of them kept in the same order in both. */
function uniqueAnchors(oldLines: string[], newLines: string[]): [number, number][] {
  const counts = new Map<string, { old: number; new: number; oldAt: number; newAt: number }>();
  oldLines.forEach((line, at) => {
    const entry = counts.get(line) ?? { old: 0, new: 0, oldAt: at, newAt: -1 };
    entry.old++;
    counts.set(line, entry);
  });
  newLines.forEach((line, at) => {
    const entry = counts.get(line);
    if (!entry) return;
    entry.new++;
    entry.newAt = at;
  });
  const candidates = [...counts.values()].filter((entry) => entry.old === 1 && entry.new === 1).map((entry): [number, number] => [entry.oldAt, entry.newAt]).sort((a, b) => a[0] - b[0]);
  return longestIncreasing(candidates);
}

/** The longest subsequence of pairs (sorted by their first index) whose second index increases too. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous: number[] = new Array(pairs.length).fill(-1);
  pairs.forEach(([, second], at) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]][1] < second) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[at] = tails[low - 1];
    tails[low] = at;
  });
  const run: [number, number][] = [];
  for (let at = tails[tails.length - 1] ?? -1; at >= 0; at = previous[at]) run.unshift(pairs[at]);
  return run;
}

function indexesBetween(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
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
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
