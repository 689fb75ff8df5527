import type { FileSource, Finding } from '../types';
import type { RepositoryPolicy } from '../repository';
import type { Change, Check, CheckContext, CommitHistory, ReviewOptions, TextSearch } from './model';
import { LineDiffStore } from './diffStore';
import { applyChecklistBlocking, evaluateChecklist, type Checklist, type EvaluatedItem } from './checklist';
import { summarize, type ReviewResult } from './report';
import { applicableChecks, BUILT_IN_CHECKS } from './registry';

export interface ReviewInput {
  change: Change;
  policy: RepositoryPolicy;
  checklist: Checklist;
  /** Files of the new version: other locales, planning docs. */
  files: FileSource;
  options: ReviewOptions;
  /** Ids of the manual checklist items the PM ticked. */
  ticked?: ReadonlySet<string>;
  /** Searches the repository's text (where a removed key is still used). */
  search?: TextSearch;
  /** The branch's own commits (`gitCommitHistory`): a secret a later commit removed is still pushed with them. */
  history?: CommitHistory;
}

export interface ReviewOutcome {
  result: ReviewResult;
  checklist: EvaluatedItem[];
  /** Checks that had something to look at in this change. */
  applicable: string[];
  /** What checks found that answers their items, by check id (`Check.found`); those checks are applicable. */
  found: Record<string, string>;
}

export async function reviewChange(input: ReviewInput): Promise<ReviewOutcome> {
  const { change, policy } = input;
  // Each file's line diff, worked out once and kept small until the review ends.
  const diffs = new LineDiffStore();
  const context: CheckContext = {
    change,
    policy: policy.zone,
    owners: policy.owners,
    author: policy.author,
    ...(policy.identity && !policy.identity.known ? { unknownAuthor: policy.identity.message } : {}),
    policyFiles: policy.policyFiles,
    files: input.files,
    options: input.options,
    ...(input.search ? { search: input.search } : {}),
    ...(input.history ? { history: input.history } : {}),
    ...(policy.settings?.planningTemplate ? { planningTemplatePath: policy.settings.planningTemplate } : {}),
    diff: (file) => diffs.diff(file),
    addedRuns: (file, maxChars) => diffs.addedRuns(file, maxChars),
  };
  // One check after another: what each one builds to read a large change
  // (its parses, its scans) is garbage before the next begins, where all at
  // once they were held together. The findings' order does not depend on it:
  // they are sorted by place, and a check's own keep their order.
  const raw: Finding[] = [];
  for (const check of BUILT_IN_CHECKS as readonly Check[]) raw.push(...(await runCheck(check, context)));
  const findings = applyChecklistBlocking(onceEach(raw), input.checklist).sort(byPlace);
  const found = await foundByChecks(context);
  const applicable = new Set([...applicableChecks(change, policy.zone), ...Object.keys(found)]);
  let addedLines = 0;
  let removedLines = 0;
  for (const file of change.files) {
    const counts = diffs.counts(file);
    addedLines += counts.added;
    removedLines += counts.removed;
  }
  const files = change.files.map((file) => ({ path: file.path, zone: policy.zoneOf(file.path).zone, status: file.status }));
  return {
    result: { findings, files, summary: summarize(findings, files, { addedLines, removedLines }) },
    checklist: evaluateChecklist(input.checklist, findings, applicable, input.ticked ?? new Set(), found),
    applicable: [...applicable].sort(),
    found,
  };
}

/** Each check's words for what answers its item; a check whose words cannot be had says nothing (its findings speak). */
async function foundByChecks(context: CheckContext): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const check of BUILT_IN_CHECKS as readonly Check[]) {
    if (!check.found || context.change.files.length === 0) continue;
    const words = await check.found(context).catch(() => ({}));
    for (const [id, text] of Object.entries(words)) if (typeof text === 'string' && text !== '') found[id] = text;
  }
  return found;
}

/** A check that crashes must not pass silently: it fails closed, as a blocker naming the check. */
async function runCheck(check: Check, context: CheckContext): Promise<Finding[]> {
  try {
    return await check.run(context);
  } catch (error) {
    return [{
      check: check.ids[0],
      severity: 'error',
      blocking: true,
      file: null,
      line: null,
      message: `The ${check.ids.join('/')} check could not run (${error instanceof Error ? error.message : String(error)}); the change cannot be cleared without it.`,
    }];
  }
}

/**
 * By file, line and check, comparing code points: the order of stable JSON and
 * SARIF must not depend on the machine's locale, and matches `files`.
 */
function byPlace(a: Finding, b: Finding): number {
  return byCodePoint(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || byCodePoint(a.check, b.check);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each finding once: two rules or two reads that say the same thing at the same place are one finding. */
function onceEach(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((found) => {
    const key = JSON.stringify([found.check, found.file, found.line, found.column ?? null, found.severity, found.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
