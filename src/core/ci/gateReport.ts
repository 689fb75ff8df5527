// The gate's answer where reviewers look: one annotation per finding (on the
// diff line when it has one), a Markdown summary grouped by file, and the
// sticky pull-request comment that adds the checklist and what is still
// manual. The same findings and words as the editor and `pm-zone review`.

import type { ReviewResult } from '../review';
import { summaryLine } from '../review';
import type { Finding } from '../types';
import { escapeMarkdownText } from '../text/markdown';

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
    message: finding.message,
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
        ['file', annotation.file],
        ['line', annotation.line],
        ['col', annotation.column],
      ].filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${property(String(value))}`);
      return `::${annotation.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${data(annotation.message)}\n`;
    })
    .join('');
}

export type GateResult = 'passed' | 'failed' | 'skipped';

/** The findings grouped by file, as the editor's Problems panel groups them: Markdown for the job summary. */
export function summaryMarkdown(result: ReviewResult, verdict: GateResult): string {
  const mark = verdict === 'failed' ? '❌' : '✅';
  const lines = [`## ${mark} PM PR Review`, '', summaryLine(result), ''];
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = finding.file ?? '(whole change)';
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  for (const [file, findings] of groups) {
    lines.push(`**${escapeMarkdownText(file)}**`, '');
    for (const finding of findings) {
      const label = finding.blocking ? 'blocker' : finding.severity === 'info' ? 'note' : finding.severity;
      lines.push(`- ${finding.line !== null ? `line ${finding.line}: ` : ''}**${label}** \`${finding.check}\` ${escapeMarkdownText(oneLine(finding.message))}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export interface CommentParts {
  summary: string;
  /** The checklist section as the pull request body writes it (without heading). */
  checklist: readonly string[];
  /** What the gate cannot check: approvals and sign-offs, as unticked items. */
  manual: readonly string[];
}

/** The sticky comment: the marker, the summary, the checklist results, and what is still up to people. */
export function stickyComment(parts: CommentParts): string {
  return [
    STICKY_MARKER,
    parts.summary.trimEnd(),
    '',
    '<details><summary>Checklist results</summary>',
    '',
    ...parts.checklist,
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
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

