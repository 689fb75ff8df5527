// A planning doc's problems with the review's severity: one definition that
// `pm-zone planning check`, the editor and the review share.
import type { Problem } from '../types';
import { applyChecklistBlocking } from './checklist/evaluate';
import type { Checklist } from './checklist/model';
import { planningGapFinding } from './checks/planning';

/** A planning doc's problem as every surface shows it: `blocking` when the review's checklist stops the change on it. */
export interface SettledPlanningProblem extends Problem {
  blocking: boolean;
}

/**
 * The problems of a planning doc with the one severity the review gives
 * them: a gap takes `planning.incomplete`'s (a warning, an error that blocks
 * when the team's checklist makes its item blocking), whatever the doc's own
 * checker called it; a problem the review does not report keeps its own.
 * `pm-zone planning check`, the editor's diagnostics and the review all
 * read a gap through this, so "Protected data is empty" is one thing in each.
 */
export function settlePlanningProblems(problems: readonly Problem[], checklist: Checklist): SettledPlanningProblem[] {
  return problems.map((problem) => {
    const gap = planningGapFinding(problem);
    if (!gap) return { ...problem, blocking: false };
    const [settled] = applyChecklistBlocking([gap], checklist);
    return { ...problem, severity: settled.severity, blocking: settled.blocking };
  });
}
