// Finding the `## PM zone` section with a line scan before any markdown is
// parsed: a 5 MB CLAUDE.md costs a scan, not a parse, and a code fence left
// open above the section (which makes markdown read the rest of the file as
// code) is reported on its line instead of silently removing every lock.

import type { Problem } from '../types';
import { withoutCR } from '../text/lines';
import { isZoneHeading } from './headingWords';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Where the section is: a range of the file's text, parsed alone with positions kept as the file's. */
export interface SectionRange {
  /** The text the range indexes: the file's, or for `recovered` the file's with one fence line spaced out. */
  text: string;
  /** 0-based index of the section's first line (its heading), and character offsets of its start and end. */
  firstLine: number;
  from: number;
  to: number;
}

export interface LocatedSection extends SectionRange {
  /** 1-based line of the section's heading. */
  line: number;
  /** How many lines the section has, heading included. */
  lineCount: number;
  /**
   * The section with its own code fence that is never closed spaced out, so
   * what it swallowed reads as markdown: read only for engineering-only
   * globs, which must lock even when a fence hid them. Undefined when every
   * fence closes.
   */
  recovered?: SectionRange;
  problems: Problem[];
}

interface Line {
  text: string;
  /** Inside a fenced code block, as markdown reads it. */
  fenced: boolean;
  /** This line opens a fence that is never closed. */
  opensUnclosedFence: boolean;
}

/** Marks each line as fenced or not, the way CommonMark pairs ``` and ~~~ fences. */
export function scan(lines: readonly string[], from = 0, to = lines.length): Line[] {
  const scanned: Line[] = [];
  let open: { char: string; length: number; index: number } | undefined;
  for (let index = from; index < to; index++) {
    const text = lines[index] ?? '';
    const fence = FENCE.exec(withoutCR(text));
    if (open) {
      const closes = fence && fence[1][0] === open.char && fence[1].length >= open.length && fence[2].trim() === '';
      scanned.push({ text, fenced: true, opensUnclosedFence: false });
      if (closes) open = undefined;
      continue;
    }
    // A backtick fence's info string may not hold a backtick; otherwise it is inline code.
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      open = { char: fence[1][0], length: fence[1].length, index: scanned.length };
      scanned.push({ text, fenced: true, opensUnclosedFence: false });
      continue;
    }
    scanned.push({ text, fenced: false, opensUnclosedFence: false });
  }
  if (open) scanned[open.index] = { ...scanned[open.index], opensUnclosedFence: true };
  return scanned;
}

function headingOf(text: string): { depth: number; title: string } | undefined {
  const match = ATX_HEADING.exec(withoutCR(text));
  return match ? { depth: match[1].length, title: match[2] ?? '' } : undefined;
}

function unclosedFenceProblem(file: string, line: number, where: 'above' | 'inside'): Problem {
  const consequence = where === 'above'
    ? 'so markdown reads everything after it, the PM zone section included, as code. PM Zone reads the section anyway'
    : 'so markdown reads the rest of the PM zone section as code. PM Zone still applies every engineering-only glob after it, and no PM-editable one';
  return {
    file, line, column: 1, severity: 'error', kind: 'unclosed-code-fence',
    message: `This code fence is never closed, ${consequence}: close it with a matching fence line.`,
  };
}

/**
 * The first level 1–3 ATX heading that names the PM zone, and the lines up
 * to the next heading of its level or higher. Undefined when there is none
 * (a setext heading is left to the full markdown parser).
 */
export function locateZoneSection(markdown: string, file: string): LocatedSection | undefined {
  const lines = markdown.split('\n');
  const scanned = scan(lines);
  const problems: Problem[] = [];
  let start = scanned.findIndex((line) => !line.fenced && isZoneAt(line.text));
  if (start === -1) {
    // Swallowed by a fence left open above it? Then the heading is still the author's intent.
    const opener = scanned.findIndex((line) => line.opensUnclosedFence);
    const swallowed = opener === -1 ? -1 : scanned.findIndex((line, index) => index > opener && isZoneAt(line.text));
    if (swallowed === -1) return undefined;
    problems.push(unclosedFenceProblem(file, opener + 1, 'above'));
    start = swallowed;
  }
  const depth = headingOf(lines[start] ?? '')?.depth ?? 2;
  const inSection = scan(lines, start + 1);
  const endAt = inSection.findIndex((line) => !line.fenced && (headingOf(line.text)?.depth ?? 7) <= depth);
  const end = endAt === -1 ? lines.length : start + 1 + endAt;
  for (const [index, line] of scanned.entries()) {
    if (index === start || line.fenced || !isZoneAt(line.text)) continue;
    problems.push({
      file, line: index + 1, column: 1, endColumn: line.text.trimEnd().length + 1, severity: 'warning', kind: 'duplicate-section',
      message: `A second PM zone section: only the first one (line ${start + 1}) is read.`,
    });
  }
  const offsets = lineOffsets(lines);
  const located: LocatedSection = {
    text: markdown, firstLine: start, from: offsets[start], to: Math.min(offsets[end] ?? markdown.length, markdown.length),
    line: start + 1, lineCount: end - start, problems,
  };

  const unclosed = inSection.slice(0, end - start - 1).findIndex((line) => line.opensUnclosedFence);
  if (unclosed !== -1) {
    const fenceIndex = start + 1 + unclosed;
    problems.push(unclosedFenceProblem(file, fenceIndex + 1, 'inside'));
    // The fence line spaced out (offsets kept): what it swallowed reads as markdown again, up to the next heading of the section's level.
    const after = lines.slice(fenceIndex + 1).findIndex((text) => (headingOf(text)?.depth ?? 7) <= depth);
    const recoveredEnd = after === -1 ? lines.length : fenceIndex + 1 + after;
    const fence = lines[fenceIndex] ?? '';
    const text = markdown.slice(0, offsets[fenceIndex]) + ' '.repeat(fence.length) + markdown.slice(offsets[fenceIndex] + fence.length);
    located.recovered = { text, firstLine: start, from: offsets[start], to: Math.min(offsets[recoveredEnd] ?? text.length, text.length) };
  }
  return located;
}

/** The offset where each line starts; one more entry past the last line. */
function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1] + line.length + 1);
  return offsets;
}

function isZoneAt(text: string): boolean {
  const heading = headingOf(text);
  return heading !== undefined && heading.depth <= 3 && isZoneHeading(heading.title);
}
