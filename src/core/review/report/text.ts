// The review as a person reads it in a terminal, or in the one line an
// editor's dialog shows of a blocked commit: a first line that says what
// happened and names the blockers, then the blockers, the warnings and the
// notes (grouped once, last), then one summary line. Every line fits the
// width (100 columns), so "Show Command Output" shows it whole.
import type { Finding } from '../../types';
import type { ReviewResult } from './model';
import { escapeControls, quoteName } from '../../text/terminal';
import { aboutCheck } from '../registry';

export interface TextOptions {
  /** ANSI colours; off unless asked (pipes, CI logs and tests get plain text). */
  color?: boolean;
  /** Columns every line fits in; 100 unless asked. */
  width?: number;
  /** Run by the pre-commit hook: the first line speaks of "this commit". */
  commit?: boolean;
  /**
   * Paths whose saved copy differs from the staged copy the commit takes
   * (`stagingState`): a fix saved but not staged is named first.
   */
  unstaged?: readonly string[];
}

export const TEXT_WIDTH = 100;
const WHOLE_CHANGE = 'Whole change';
const COLOURS = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', bold: '\u001b[1m', reset: '\u001b[0m' };
type Colour = keyof typeof COLOURS;
type Kind = 'blocker' | 'error' | 'warning' | 'note';
const SECTIONS: { kind: Kind; heading: string; colour: Colour }[] = [
  { kind: 'blocker', heading: 'Blockers', colour: 'red' },
  { kind: 'error', heading: 'Errors', colour: 'red' },
  { kind: 'warning', heading: 'Warnings', colour: 'yellow' },
  { kind: 'note', heading: 'Notes for the reviewers', colour: 'cyan' },
];

export function formatText(result: ReviewResult, options: TextOptions = {}): string {
  const width = Math.max(40, options.width ?? TEXT_WIDTH);
  const paint = (colour: Colour, text: string): string => (options.color ? `${COLOURS[colour]}${text}${COLOURS.reset}` : text);
  const ordered = orderFindings(result);
  const summary = summaryLine(result);
  if (ordered.length === 0) return `${wrap(summary, width).map((line) => paint('bold', line)).join('\n')}\n`;

  const fixes = unstagedFixes(ordered, options.unstaged ?? []);
  const lines = [paint('bold', fit(headline(ordered, fixes, options.commit === true, width), width))];
  if (fixes.length > 0) {
    lines.push('', ...wrap(unstagedAdvice(fixes), width));
  }
  for (const section of SECTIONS) {
    const entries = ordered.filter((finding) => kindOf(finding) === section.kind);
    if (entries.length === 0) continue;
    lines.push('', paint(section.colour, `${section.heading} (${entries.length})`));
    for (const finding of entries) {
      const location = finding.file === null ? WHOLE_CHANGE : finding.line === null ? quoteName(finding.file) : `${quoteName(finding.file)}:${finding.line}`;
      lines.push(...wrap(`${location} (${finding.check})`, width, '  ', '      '));
      lines.push(...wrap(escapeControls(finding.message, { oneLine: true }), width, '    '));
    }
  }
  lines.push('', ...wrap(summary, width).map((line) => paint('bold', line)));
  return `${lines.join('\n')}\n`;
}

/** "2 blockers, 3 warnings in 4 files (+12 -3 lines)": each finding counted once, blockers first. */
export function summaryLine(result: ReviewResult): string {
  const { summary } = result;
  const parts = countParts(result.findings);
  const scope = `${summary.files} file${summary.files === 1 ? '' : 's'} (+${summary.addedLines} -${summary.removedLines} lines)`;
  return parts.length === 0 ? `No problems found in ${scope}.` : `${parts.join(', ')} in ${scope}.`;
}

/** ["2 blockers", "3 warnings"]: each finding counted once, blockers first. */
function countParts(findings: readonly Finding[]): string[] {
  const counts: [number, string][] = [
    [findings.filter((finding) => finding.blocking).length, 'blocker'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'error').length, 'error'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'warning').length, 'warning'],
    [findings.filter((finding) => !finding.blocking && finding.severity === 'info').length, 'note'],
  ];
  return counts.filter(([count]) => count > 0).map(([count, noun]) => `${count} ${noun}${count === 1 ? '' : 's'}`);
}

/**
 * The first line, which is all an editor's dialog shows of a blocked commit:
 * what happened, and the blockers by name ("engineering-only file changed
 * (session.ts)"), as many as fit; a fix saved but not staged comes first,
 * because no other change to the files will unblock the commit.
 */
function headline(findings: readonly Finding[], fixes: readonly string[], commit: boolean, width: number): string {
  const blockers = findings.filter((finding) => finding.blocking);
  if (blockers.length === 0) return `PM Zone: no blockers${commit ? ' in this commit' : ''}; ${countParts(findings).join(', ')}.`;
  const opening = commit ? 'PM Zone blocked this commit' : 'PM Zone blocks this change';
  if (fixes.length > 0) {
    const one = fixes.length === 1;
    const said = `${opening}: your saved fix${one ? '' : 'es'} to ${listed(fixes.map(baseName))} ${one ? 'is' : 'are'} not staged.`;
    const next = ` Stage ${one ? 'it' : 'them'} and commit again.`;
    return [...`${said}${next}`].length <= width ? `${said}${next}` : said;
  }
  const phrases = [...new Set(blockers.map(phrase))];
  // Blockers the line cannot name one by one are placed by their files: every blocked file is named, or counted.
  const sentence = (shown: number, byName: boolean) => {
    const more = phrases.length - shown;
    const named = `${opening}: ${phrases.slice(0, shown).join(', ')}`;
    if (more === 0) return `${named}.`;
    const rest = blockers.filter((finding) => !phrases.slice(0, shown).includes(phrase(finding)));
    const files = [...new Set(rest.flatMap((finding) => (finding.file === null ? [] : [finding.file])))];
    const whole = rest.some((finding) => finding.file === null) ? ['the whole change'] : [];
    const where = files.length + whole.length === 0 ? ''
      : byName ? ` in ${listedAll([...files.map(baseName), ...whole])}`
        : ` in ${listedAll([...(files.length > 0 ? [`${files.length} file${files.length === 1 ? '' : 's'}`] : []), ...whole])}`;
    const count = `${more} blocker${more === 1 ? '' : 's'}`;
    return shown === 0 ? `${opening}: ${count}${where}.` : `${named}, and ${more} more blocker${more === 1 ? '' : 's'}${where}.`;
  };
  const fits = (text: string) => [...text].length <= width;
  // As many blockers by name as fit, then the files of the others by name, else by count.
  const candidates = [true, false].flatMap((byName) => [...phrases.keys(), phrases.length].map((index) => sentence(phrases.length - index, byName)));
  const said = candidates.find(fits) ?? sentence(0, false);
  // The dialog shows this line alone: the next step goes with it when there is room.
  const one = blockers.length === 1;
  const next = commit ? [` Fix ${one ? 'it' : 'them'} (Problems panel), save, commit again.`, ' See the Problems panel.'].find((words) => [...`${said}${words}`].length <= width) : undefined;
  return `${said}${next ?? ''}`;
}

/** A blocker in a few words: "event captures personal data (events.ts:9)", "no PLANNING.md". */
function phrase(finding: Finding): string {
  const about = aboutCheck(finding.check);
  if (finding.file === null) return about?.changeWide ?? lowerFirst(about?.title ?? finding.check);
  const where = `${baseName(finding.file)}${finding.line === null ? '' : `:${finding.line}`}`;
  return `${lowerFirst(about?.title ?? finding.check)} (${where})`;
}

/** The staged files with a blocker whose saved copy differs, or every saved edit when the change as a whole is blocked. */
function unstagedFixes(findings: readonly Finding[], unstaged: readonly string[]): string[] {
  if (unstaged.length === 0) return [];
  const blocked = findings.filter((finding) => finding.blocking);
  if (blocked.some((finding) => finding.file === null)) return [...unstaged];
  const files = new Set(blocked.map((finding) => finding.file));
  return unstaged.filter((path) => files.has(path));
}

function unstagedAdvice(fixes: readonly string[]): string {
  const quoted = fixes.map(quoteName);
  return `Not staged: the commit takes the staged copy of ${listed(quoted)}, and your saved changes there are not in it. `
    + `Stage them (in the editor: "Stage my fixes" in PM Zone's sidebar; in a terminal: git add ${quoted.join(' ')}), then commit again.`;
}

function kindOf(finding: Finding): Kind {
  return finding.blocking ? 'blocker' : finding.severity === 'info' ? 'note' : finding.severity;
}

/** "a", "a and b", "a, b and c": every name. */
function listedAll(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "a", "a and b", "a, b and 2 more". */
function listed(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return names.length === 3 ? `${names[0]}, ${names[1]} and ${names[2]}` : `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}

function baseName(path: string): string {
  return quoteName(path.slice(path.lastIndexOf('/') + 1));
}

/** "Event captures…" → "event captures…", but "PLANNING.md incomplete" and "AI…" keep their capitals. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0].toLowerCase()}${text.slice(1)}` : text;
}

/** One line cut to the width, with an ellipsis: the first line must stay one line. */
function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * Words wrapped to the width (counted in code points), the first line after
 * `first`, the rest after `rest`; a word longer than a line is cut.
 */
function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = () => width - [...line].length;
  for (const word of text.split(/ +/).filter(Boolean)) {
    let chars = [...word];
    if (!empty && chars.length + 1 > room()) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    while (chars.length > room() - (empty ? 0 : 1)) {
      const take = Math.max(1, room() - (empty ? 0 : 1));
      line += `${empty ? '' : ' '}${chars.slice(0, take).join('')}`;
      lines.push(line);
      line = rest;
      empty = true;
      chars = chars.slice(take);
    }
    if (chars.length === 0) continue;
    line += `${empty ? '' : ' '}${chars.join('')}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * localeCompare's answer, without calling it for two equal texts (the usual
 * tie: two findings of one file, or of none): its first call loads ICU's
 * collation, about a tenth of node's start in CPU.
 */
export function byLocale(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
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
        byLocale(a.finding.file ?? '', b.finding.file ?? '') ||
        (a.finding.line ?? 0) - (b.finding.line ?? 0) ||
        (a.finding.column ?? 0) - (b.finding.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
