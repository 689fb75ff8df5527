import type { Nodes } from 'mdast';
import type { Problem } from '../types';
import type { PlanningDoc } from './planningDoc';
import { LineIndex } from '../text/lines';

const PLACEHOLDER = /\{\{[^{}\n]*\}\}|\b(?:TODO|TBD|FIXME)\b/g;

/**
 * `{{…}}`, `TODO`, `TBD` and `FIXME` left anywhere in the doc, front matter
 * included. Comments (the template's guidance) and code are skipped: a
 * `{{name}}` in backticks is a prompt variable being discussed, not a gap.
 */
export function checkPlaceholders(doc: PlanningDoc, file: string): Problem[] {
  const skipped = skippedRanges(doc.markdown);
  const problems: Problem[] = [];
  const lines = new LineIndex(doc.text);
  for (const match of doc.text.matchAll(PLACEHOLDER)) {
    const offset = match.index;
    if (insideAny(skipped, offset)) continue;
    const { line, column } = lines.positionOf(offset);
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

