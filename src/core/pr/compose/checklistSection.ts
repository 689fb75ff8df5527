// The PM PR Review checklist as the pull request records it: every item with
// its result, the findings behind a failure, and the manual items the PM
// ticked. Finding messages arrive with secrets already redacted by the checks.

import type { Finding } from '../../types';
import { evaluateChecklist, type ChecklistItem, type ChecklistSection, type EvaluatedItem, type ItemStatus } from '../../review';
import { inertMarkdown } from '../../text/markdown';
import { code, count, inline } from './markdown';

export const STATUS_MARKS: Readonly<Record<ItemStatus, string>> = {
  passed: '✅',
  failed: '❌',
  'not-applicable': '➖',
  'manual-ticked': '☑',
  'manual-open': '☐',
};

/** The heading of the section in the pull request's description. */
export const CHECKLIST_HEADING = 'PM PR Review checklist';

const LEGEND = '✅ passed · ❌ failed · ➖ not applicable · ☑ checked by the author · ☐ not checked yet';

/**
 * The section without its heading. The items are evaluated again from the
 * findings and `ticked` the composer was given, so ticks given after the
 * review count and the statuses always agree with the findings listed.
 * Findings no item covers follow the items: nothing the review found is dropped.
 */
export function checklistLines(
  reviewed: readonly EvaluatedItem[],
  findings: readonly Finding[],
  applicable: readonly string[],
  ticked: ReadonlySet<string>,
  maxFindingsPerItem: number,
): string[] {
  if (reviewed.length === 0) return ['No checklist items.'];
  const checklist = { file: '', sections: sectionsOf(reviewed.map((evaluated) => evaluated.item)), problems: [], items: reviewed.map((evaluated) => evaluated.item) };
  // What a passed item's checks found (the flag a copy change is behind) stays with it.
  const found = Object.fromEntries(reviewed.flatMap((evaluated) => (evaluated.found ? evaluated.item.checks.map((check) => [check, evaluated.found as string]) : [])));
  const items = evaluateChecklist(checklist, findings, applicable, ticked, found);
  const lines: string[] = [LEGEND, ''];
  let section: string | undefined;
  for (const evaluated of items) {
    const { item } = evaluated;
    if (item.section !== section) {
      if (section !== undefined) lines.push('');
      section = item.section;
      lines.push(`**${inline(item.section)}**`, '');
    }
    const { status } = evaluated;
    lines.push(`- ${STATUS_MARKS[status]} ${inline(item.text)}${item.blocking ? ' _(blocking)_' : ''}${evaluated.found ? ` — ${inline(evaluated.found)}` : ''}`);
    if (status === 'failed') lines.push(...findingLines(evaluated.findings, maxFindingsPerItem, '  '));
  }
  const covered = new Set(items.flatMap((evaluated) => evaluated.item.checks));
  const others = findings.filter((finding) => !covered.has(finding.check) && finding.severity !== 'info');
  if (others.length > 0) {
    lines.push('', '**Other findings**', '', ...findingLines(others, maxFindingsPerItem, ''));
  }
  return lines;
}

/**
 * The sections the items came in: a manual item whose section's checks had
 * nothing to look at is "not applicable" here as in the sidebar, never an
 * open box the PM is asked to tick.
 */
function sectionsOf(items: readonly ChecklistItem[]): ChecklistSection[] {
  const sections: ChecklistSection[] = [];
  for (const item of items) {
    const last = sections[sections.length - 1];
    if (last?.title === item.section) last.items.push(item);
    else sections.push({ title: item.section, line: null, blocking: false, items: [item] });
  }
  return sections;
}

function findingLines(findings: readonly Finding[], max: number, indent: string): string[] {
  const shown = findings.slice(0, max).map((finding) => `${indent}- ${describe(finding)}`);
  const hidden = findings.length - shown.length;
  if (hidden > 0) shown.push(`${indent}- …and ${count(hidden, 'more finding')} (run \`pm-zone review\` to see them all)`);
  return shown;
}

function describe(finding: Finding): string {
  const where = finding.file === null ? '' : `${code(finding.line === null ? finding.file : `${finding.file}:${finding.line}`)} `;
  const label = finding.blocking ? '**blocker** ' : '';
  // A message quotes file names and links from the repository and the pull request: inert, never Markdown of their own.
  return `${label}${where}${inertMarkdown(finding.message)} (${code(finding.check)})`;
}
