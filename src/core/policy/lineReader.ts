// The engineering-only globs of a PM zone section read line by line, without
// the markdown parser: for sections too long to parse in time. Only locks are
// read this way, so a shortcut here can narrow the zone but never widen it.

import type { GlobRule } from './model';
import { globError } from './globText';
import { classifyTitle } from './headingWords';
import { withoutCR } from '../text/lines';

const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LABEL = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$|^\s*([^`*\-+|][^`]*?):\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const CODE_SPAN = /`([^`]+)`/g;

/** `lines` start at 1-based line `firstLine` of the file. */
export function engineeringOnlyLines(lines: readonly string[], firstLine: number): GlobRule[] {
  const rules: GlobRule[] = [];
  let inEngineeringOnly = false;
  lines.forEach((line, index) => {
    const text = withoutCR(line);
    const title = HEADING.exec(text)?.[1] ?? (LABEL.exec(text)?.slice(1).find(Boolean));
    if (title !== undefined && !LIST_ITEM.test(text)) {
      inEngineeringOnly = classifyTitle(title) === 'engineeringOnly';
      return;
    }
    const item = LIST_ITEM.exec(text)?.[1];
    if (!inEngineeringOnly || item === undefined) return;
    for (const [, glob] of item.matchAll(CODE_SPAN)) {
      const trimmed = glob.trim();
      if (!globError(trimmed)) rules.push({ glob: trimmed, line: firstLine + index, qualifiers: [] });
    }
  });
  return rules;
}
