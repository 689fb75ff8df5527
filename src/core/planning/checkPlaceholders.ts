import type { Nodes } from 'mdast';
import type { Problem } from '../types';
import type { PlanningDoc } from './planningDoc';

const PLACEHOLDER = /\{\{[^{}\n]*\}\}|\b(?:TODO|TBD|FIXME)\b/g;

/**
 * `{{…}}`, `TODO`, `TBD` and `FIXME` left anywhere in the doc, front matter
 * included. Comments (the template's guidance) and code are skipped: a
 * `{{name}}` in backticks is a prompt variable being discussed, not a gap.
 */
export function checkPlaceholders(doc: PlanningDoc, file: string): Problem[] {
  const skipped = skippedRanges(doc.markdown);
  const problems: Problem[] = [];
  const lineStarts = lineStartOffsets(doc.text);
  for (const match of doc.text.matchAll(PLACEHOLDER)) {
    const offset = match.index;
    if (insideAny(skipped, offset)) continue;
    const line = lineOf(lineStarts, offset);
    const column = offset - lineStarts[line - 1] + 1;
    const placeholder = match[0];
    const message = placeholder.startsWith('{{')
      ? `Placeholder ${placeholder} left in the doc: replace it with the real value.`
      : `${placeholder} left in the doc: fill it in before review.`;
    problems.push({ file, line, column, endColumn: column + placeholder.length, severity: 'warning', kind: 'placeholder', message });
  }
  return problems;
}

function skippedRanges(root: Nodes): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'html' || node.type === 'code' || node.type === 'inlineCode') {
      const { start, end } = node.position ?? {};
      if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset]);
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return ranges;
}

/** Whether an offset falls in one of the ranges, which are sorted and do not overlap. */
function insideAny(ranges: Array<[number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle];
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of an offset, by binary search over line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
