// The gate's answer where reviewers look: one annotation per finding (on the
// diff line when it has one), a Markdown summary grouped by file, and the
// sticky pull-request comment that adds the checklist and what is still
// manual. The same findings and words as the editor and `pm-zone review`.

import type { ReviewResult } from '../review';
import { summaryLine } from '../review';
import type { Finding } from '../types';
import { inertMarkdown, inlineCode } from '../text/markdown';
import { escapeControls, quoteName } from '../text/terminal';

/** Marks the one comment the gate owns on a pull request; it is edited in place on every run. */
export const STICKY_MARKER = '<!-- pm-zone: PM PR Review -->';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A blocker is an error whatever its severity; notes become notices. */
export function annotationsOf(findings: readonly Finding[]): Annotation[] {
  return findings.map((finding) => ({
    level: finding.blocking || finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice',
    title: `PM PR Review: ${finding.check}${finding.blocking ? ' (blocker)' : ''}`,
    // A log viewer plays escape sequences: a message carries none (a file name inside it included).
    message: escapeControls(finding.message),
    ...(finding.file !== null ? { file: finding.file } : {}),
    ...(finding.file !== null && finding.line !== null ? { line: finding.line } : {}),
    ...(finding.file !== null && finding.line !== null && finding.column !== undefined ? { column: finding.column } : {}),
  }));
}

/**
 * Workflow commands as GitHub documents them (`::error file=…,line=…,title=…::message`),
 * with its escaping: `%`, CR and LF in the message; those and `:` and `,` in properties.
 */
export function workflowCommands(annotations: readonly Annotation[]): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return annotations
    .map((annotation) => {
      const properties = [
        ['title', annotation.title],
        ['file', annotation.file === undefined ? undefined : quoteName(annotation.file)],
        ['line', annotation.line],
        ['col', annotation.column],
      ].filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${property(String(value))}`);
      return `::${annotation.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${data(annotation.message)}\n`;
    })
    .join('');
}

export type GateResult = 'passed' | 'failed' | 'skipped';

/** GitHub's limits: a comment's body in characters, a step's summary in bytes. */
export const COMMENT_LIMIT = 65_536;
export const STEP_SUMMARY_LIMIT = 1_048_576;

export interface FitOptions {
  /** The most the Markdown may take, as `measure` counts. */
  limit: number;
  measure(text: string): number;
  /** Where every finding can be read when not all fit: the workflow run, whose log holds every annotation. */
  fullList?: string;
}

const SUMMARY_FIT: FitOptions = { limit: STEP_SUMMARY_LIMIT, measure: (text) => Buffer.byteLength(text, 'utf8') };
/** Kept free below a limit for the line that counts what was left out. */
const TAIL_RESERVE = 600;

/**
 * The findings grouped by file, as the editor's Problems panel groups them:
 * Markdown for the job summary. The verdict comes first; findings that do
 * not fit GitHub's limit are counted, never silently dropped. Every name
 * and message is quoted inertly: a file name cannot start a line, a
 * heading or a link of its own.
 */
export function summaryMarkdown(result: ReviewResult, verdict: GateResult, fit: FitOptions = SUMMARY_FIT, notes: readonly string[] = []): string {
  const mark = verdict === 'failed' ? '❌' : '✅';
  // Notes are PM Zone's own lines (the controls line), never text from the repository.
  const lines = [`## ${mark} PM PR Review`, '', summaryLine(result), '', ...notes.flatMap((note) => [note, ''])];
  let size = fit.measure(`${lines.join('\n')}\n`);
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = finding.file ?? '';
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const left: Finding[] = [];
  for (const [file, findings] of groups) {
    const block = [`**${file === '' ? '(whole change)' : inlineCode(file)}**`, ''];
    for (const finding of findings) {
      const label = finding.blocking ? 'blocker' : finding.severity === 'info' ? 'note' : finding.severity;
      const line = `- ${finding.line !== null ? `line ${finding.line}: ` : ''}**${label}** \`${finding.check}\` ${inertMarkdown(finding.message)}`;
      const cost = fit.measure(`${[...block, line].join('\n')}\n`);
      if (left.length > 0 || size + cost + TAIL_RESERVE > fit.limit) {
        left.push(finding);
        continue;
      }
      block.push(line);
    }
    if (block.length > 2) {
      lines.push(...block, '');
      size += fit.measure(`${block.join('\n')}\n\n`);
    }
  }
  if (left.length > 0) lines.push(notShown(left, fit));
  return `${lines.join('\n').trimEnd()}\n`;
}

function notShown(left: readonly Finding[], fit: FitOptions): string {
  const blockers = left.filter((finding) => finding.blocking).length;
  const where = fit.fullList ? `[the workflow run's log](${fit.fullList}), one annotation each` : 'the workflow run\'s log, one annotation each';
  return `_…and ${left.length} more finding${left.length === 1 ? '' : 's'}${blockers > 0 ? ` (${blockers} blocking)` : ''} not shown: they do not fit here. Every one is in ${where}, and \`pm-zone review\` on the branch lists them all._`;
}

export interface CommentParts {
  result: ReviewResult;
  verdict: GateResult;
  /** The checklist section as the pull request body writes it (without heading). */
  checklist: readonly string[];
  /** What the gate cannot check: approvals and sign-offs, as unticked items. */
  manual: readonly string[];
  /** The workflow run, for what does not fit. */
  fullList?: string;
  /** PM Zone's own lines under the verdict, as the summary has them. */
  notes?: readonly string[];
}

/**
 * The sticky comment: the marker, the summary, the checklist results, and
 * what is still up to people, cut to GitHub's limit for a comment: the
 * summary's findings first, then the checklist, never the verdict.
 */
export function stickyComment(parts: CommentParts): string {
  const measure = (text: string) => text.length;
  const around = (summary: string, checklist: readonly string[]) => [
    STICKY_MARKER,
    summary.trimEnd(),
    '',
    '<details><summary>Checklist results</summary>',
    '',
    ...checklist,
    '',
    '</details>',
    '',
    '**Still manual**',
    '',
    ...parts.manual,
    '',
    '_Updated by PM Zone on every push; this comment is edited in place._',
    '',
  ].join('\n');
  const room = (checklist: readonly string[]) => COMMENT_LIMIT - measure(around('', checklist));
  const checklistFits = room(parts.checklist) > TAIL_RESERVE * 4;
  const checklist = checklistFits ? parts.checklist : [`The checklist does not fit in a comment: ${parts.checklist.length} lines. See the workflow run${parts.fullList ? ` (${parts.fullList})` : ''}.`];
  return around(summaryMarkdown(parts.result, parts.verdict, { limit: room(checklist), measure, fullList: parts.fullList }, parts.notes), checklist);
}
