// The review as a PM reads it in a terminal: one line per finding, grouped by
// file, then one summary line.
import type { Finding } from '../../types';
import type { ReviewResult } from './model';
import { escapeControls, quoteName } from '../../text/terminal';

export interface TextOptions {
  /** ANSI colours; off unless asked (pipes, CI logs and tests get plain text). */
  color?: boolean;
}

const WHOLE_CHANGE = '(whole change)';
const COLOURS = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', bold: '\u001b[1m', reset: '\u001b[0m' };
const COLOUR_OF: Record<string, keyof typeof COLOURS> = { blocker: 'red', error: 'red', warning: 'yellow', note: 'cyan' };

export function formatText(result: ReviewResult, options: TextOptions = {}): string {
  const paint = (colour: keyof typeof COLOURS, text: string): string => (options.color ? `${COLOURS[colour]}${text}${COLOURS.reset}` : text);
  const rows = orderFindings(result).map((finding) => ({
    // Names as git prints them: one with an escape sequence or a line break cannot draw over another line.
    location: finding.file === null ? WHOLE_CHANGE : finding.line === null ? quoteName(finding.file) : `${quoteName(finding.file)}:${finding.line}`,
    group: finding.file ?? WHOLE_CHANGE,
    label: finding.blocking ? 'blocker' : finding.severity === 'info' ? 'note' : finding.severity,
    finding,
  }));
  const width = (pick: (row: (typeof rows)[number]) => string): number => Math.max(0, ...rows.map((row) => pick(row).length));
  const locationWidth = width((row) => row.location);
  const labelWidth = width((row) => row.label);
  const checkWidth = width((row) => row.finding.check);
  const lines: string[] = [];
  rows.forEach((row, index) => {
    if (index > 0 && rows[index - 1].group !== row.group) lines.push('');
    const label = `${paint(COLOUR_OF[row.label], row.label)}${' '.repeat(labelWidth - row.label.length)}`;
    lines.push(`${row.location.padEnd(locationWidth)}  ${label}  ${row.finding.check.padEnd(checkWidth)}  ${escapeControls(row.finding.message, { oneLine: true })}`);
  });
  if (lines.length > 0) lines.push('');
  lines.push(paint('bold', summaryLine(result)));
  return `${lines.join('\n')}\n`;
}

/** "2 blockers, 3 warnings in 4 files (+12 -3 lines)": each finding counted once, blockers first. */
export function summaryLine(result: ReviewResult): string {
  const { findings, summary } = result;
  const counts: [number, string][] = [
    [findings.filter((finding) => finding.blocking).length, 'blocker'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'error').length, 'error'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'warning').length, 'warning'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'info').length, 'note'],
  ];
  const parts = counts.filter(([count]) => count > 0).map(([count, noun]) => `${count} ${noun}${count === 1 ? '' : 's'}`);
  const scope = `${summary.files} file${summary.files === 1 ? '' : 's'} (+${summary.addedLines} -${summary.removedLines} lines)`;
  return parts.length === 0 ? `No problems found in ${scope}.` : `${parts.join(', ')} in ${scope}.`;
}

/** Files in the order of the change, then by line; change-wide findings last. */
function orderFindings(result: ReviewResult): Finding[] {
  const fileOrder = new Map(result.files.map((file, index) => [file.path, index]));
  const rank = (finding: Finding): number =>
    finding.file === null ? Number.MAX_SAFE_INTEGER : (fileOrder.get(finding.file) ?? result.files.length);
  return result.findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        rank(a.finding) - rank(b.finding) ||
        (a.finding.file ?? '').localeCompare(b.finding.file ?? '') ||
        (a.finding.line ?? 0) - (b.finding.line ?? 0) ||
        (a.finding.column ?? 0) - (b.finding.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
