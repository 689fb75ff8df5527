// Turns the findings of a review into the status of each checklist item.
import type { Finding } from '../../types';
import { ALWAYS_ON_CHECK_IDS, isNoteCheck } from '../registry';
import type { Checklist, ChecklistItem, ChecklistSection, EvaluatedItem } from './model';

/**
 * The status of every item:
 * - an automated item is `failed` when any of its checks found something (a
 *   warning too: the PR body shows it; a note for the reviewers, such as who
 *   owns the files, is not a failure), `not-applicable` when none of its
 *   checks was applicable (looked at at least one file of this change, or at
 *   the change itself), and `passed` otherwise;
 * - a manual item is `manual-ticked` when its id is in `ticked`, else
 *   `manual-open`; but `not-applicable`, and not asked for, when every
 *   automated item of its section is (no event added: no dashboard to link).
 * A tick on an automated item changes nothing: the checks decide. A passed
 * item carries what its checks `found` that answers it, when they say.
 */
export function evaluateChecklist(
  checklist: Checklist,
  findings: readonly Finding[],
  ranCheckIds: Iterable<string>,
  ticked: ReadonlySet<string>,
  found: Readonly<Record<string, string>> = {},
): EvaluatedItem[] {
  const applicable = new Set(ranCheckIds);
  const automated = new Map<ChecklistItem, EvaluatedItem>();
  for (const item of checklist.items) {
    if (item.manual) continue;
    const itemFindings = findings.filter((finding) => item.checks.includes(finding.check) && !isNoteCheck(finding.check));
    const ran = item.checks.some((check) => applicable.has(check));
    const status = itemFindings.length > 0 ? 'failed' : ran ? 'passed' : 'not-applicable';
    const words = status === 'passed' ? item.checks.map((check) => found[check]).find(Boolean) : undefined;
    automated.set(item, { item, status, findings: itemFindings, ...(words ? { found: words } : {}) });
  }
  const sectionOf = new Map<ChecklistItem, ChecklistSection>();
  for (const section of checklist.sections) for (const item of section.items) sectionOf.set(item, section);
  return checklist.items.map((item) => {
    const evaluated = automated.get(item);
    if (evaluated) return evaluated;
    const siblings = (sectionOf.get(item)?.items ?? []).flatMap((sibling) => automated.get(sibling) ?? []);
    if (siblings.length > 0 && siblings.every((sibling) => sibling.status === 'not-applicable')) return { item, status: 'not-applicable', findings: [] };
    return { item, status: ticked.has(item.id) ? 'manual-ticked' : 'manual-open', findings: [] };
  });
}

/** The checks whose findings stop the pull request: the always-on ones and those of blocking items. */
export function blockingCheckIds(checklist: Checklist): Set<string> {
  const ids = new Set<string>(ALWAYS_ON_CHECK_IDS);
  for (const item of checklist.items) if (item.blocking) item.checks.forEach((check) => ids.add(check));
  return ids;
}

/**
 * Findings settled so that severity means one thing: a finding blocks exactly
 * when it is an error, in the JSON, the text, the editor and the exit status.
 *
 * - An error blocks, whatever the checklist says; a check that marks a finding
 *   blocking makes it an error. Nothing that blocks is lowered.
 * - A warning of a check that a blocking item names becomes an error: the team
 *   asked for that item to stop the pull request.
 * - The security-and-privacy checks are always on and decide for themselves:
 *   every error of theirs blocks, and their few warnings (a test-mode key that
 *   opens no live data) stay warnings.
 * - Notes never block.
 */
export function applyChecklistBlocking(findings: readonly Finding[], checklist: Checklist): Finding[] {
  const raised = blockingCheckIds(checklist);
  ALWAYS_ON_CHECK_IDS.forEach((check) => raised.delete(check));
  return findings.map((finding) => {
    const blocks = finding.blocking || finding.severity === 'error' || (finding.severity === 'warning' && raised.has(finding.check));
    if (!blocks) return finding;
    return finding.severity === 'error' && finding.blocking ? finding : { ...finding, severity: 'error', blocking: true };
  });
}

/** The checks to run for this checklist: those its items name, plus the always-on ones. */
export function checksToRun(checklist: Checklist): Set<string> {
  const ids = new Set<string>(ALWAYS_ON_CHECK_IDS);
  for (const item of checklist.items) item.checks.forEach((check) => ids.add(check));
  return ids;
}
