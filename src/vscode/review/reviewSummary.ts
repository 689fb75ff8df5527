import * as path from 'node:path';
import type { Finding } from '../../core/types';
import type { Placement } from './reviewDiagnostics';
import type { ReviewRun } from './reviewService';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The one-line outcome of a review: "PM Zone: 2 blockers, 3 warnings.", or
 * "PM Zone: No blockers — ready for review." when nothing but notes stands
 * (once the branch's pull request is sent, "No blockers." and where it stands).
 * Change-wide findings and those on deleted files are named, because the
 * Problems panel shows the first only on another file and the second not at all.
 */
export function summaryMessage(run: ReviewRun, placement: Placement, sentAs?: number): string {
  const findings = run.outcome.result.findings;
  if (run.change.files.length === 0) {
    return `PM Zone: nothing to review — no change${run.change.base ? ` against ${run.change.base}` : ''}.`;
  }
  const count = (keep: (finding: Finding) => boolean) => findings.filter(keep).length;
  const blockers = count((finding) => finding.blocking);
  const errors = count((finding) => !finding.blocking && finding.severity === 'error');
  const warnings = count((finding) => !finding.blocking && finding.severity === 'warning');
  const notes = count((finding) => !finding.blocking && finding.severity === 'info');
  const parts = [blockers > 0 ? plural(blockers, 'blocker') : 'No blockers'];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  // Once sent, the change is under review already: what happens next is the pull request's (My change shows it).
  const ready = sentAs === undefined ? ' — ready for review' : '';
  let message = errors + warnings + blockers === 0
    ? `PM Zone: No blockers${ready}${notes > 0 ? ` (${plural(notes, 'note')})` : ''}.${sentAs === undefined ? '' : ` Pull request #${sentAs} is open: My change shows what happens next.`}`
    : `PM Zone: ${parts.join(', ')}.`;
  const fixes = savedFixesSentence(run);
  if (fixes) message = `PM Zone: ${fixes} ${message.slice('PM Zone: '.length)}`;
  if (onBaseBranch(run)) message += ` You are on ${run.change.base}: start a change to give it a branch of its own.`;

  // Rule ids are for engineers (the diagnostics' code, the JSON): a PM reads the check's words.
  const wordsOf = (entries: readonly Finding[]) => [...new Set(entries.map((finding) => run.aboutCheck(finding.check)?.changeWide ?? lowerFirst(run.aboutCheck(finding.check)?.title ?? finding.message)))].join('; ');
  const shownElsewhere = placement.placed.filter((entry) => entry.changeWide && entry.finding.severity !== 'info').map((entry) => entry.finding);
  const target = placement.changeWideTarget;
  if (shownElsewhere.length > 0 && target) {
    const where = target.folder ? (target.path === '' ? 'the repository folder' : `the ${path.posix.basename(target.path)} folder`) : path.posix.basename(target.path);
    message += ` Whole change: ${wordsOf(shownElsewhere)} (shown on ${where}).`;
  }
  const unplaced = placement.unplaced.filter((finding) => finding.severity !== 'info');
  const notShown = unplaced.filter((finding) => finding.file === null);
  if (notShown.length > 0) message += ` Whole change: ${wordsOf(notShown)}.`;
  const onDeleted = unplaced.filter((finding) => finding.file !== null);
  if (onDeleted.length > 0) {
    const described = [...new Set(onDeleted.map((finding) => `${finding.file} (${lowerFirst(run.aboutCheck(finding.check)?.title ?? 'a problem')})`))].join(', ');
    message += ` On deleted files, not in the Problems panel: ${described}.`;
  }
  return message;
}

/** The first blocker on a line of a file, to open from the notification (a folder cannot be opened). */
export function firstPlacedBlocker(placement: Placement): Placement['placed'][number] | undefined {
  return placement.placed.find((entry) => entry.finding.blocking && !entry.changeWide)
    ?? placement.placed.find((entry) => entry.finding.blocking && !placement.changeWideTarget?.folder);
}

/** The change is on the base branch itself: no pull request can come from here. */
export function onBaseBranch(run: ReviewRun): boolean {
  return run.change.base !== undefined && run.change.head === run.change.base;
}

/**
 * "Your saved fix to events.ts is not staged: a commit takes the older staged
 * copy." What the sidebar and the notification say when a commit would leave
 * out what the PM saved; undefined when nothing is left out.
 */
export function savedFixesSentence(run: ReviewRun): string | undefined {
  return run.savedFixesSaid;
}
