// The fix, never applied: the ruleset that makes every control GitHub owns
// enforced (the body of `POST /repos/{owner}/{repo}/rulesets`, with no bypass
// actors: rules of every ruleset and branch protection apply together, so a
// new one adds to what is there and loosens nothing), and the CODEOWNERS lines
// that give each unowned engineering-only path an owner, taken from the
// nearest existing rule or left for an engineer to name.

import { minimatch } from 'minimatch';
import { codeownersLine as line, patternsOf, type CodeownersLine } from '../codeowners/suggest';
import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { WORKFLOW_PATH } from '../ci/workflow';
import type { PolicyAtBase } from './atBase';
import { unownedGlobs } from './evaluate';
import type { ControlId, ControlsReport } from './model';

export interface RulesetRequest {
  name: string;
  target: 'branch';
  enforcement: 'active';
  bypass_actors: [];
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  rules: Array<
    | { type: 'pull_request'; parameters: { required_approving_review_count: number; require_code_owner_review: boolean; require_last_push_approval: boolean; dismiss_stale_reviews_on_push: boolean; required_review_thread_resolution: boolean } }
    | { type: 'required_status_checks'; parameters: { required_status_checks: Array<{ context: string; integration_id?: number }>; strict_required_status_checks_policy: boolean } }
  >;
}

export type { CodeownersLine } from '../codeowners/suggest';

export interface ControlsFix {
  /** The ruleset to create, or null when GitHub's rules already enforce what they can. */
  ruleset: RulesetRequest | null;
  /** How to send it. */
  command: string;
  codeowners: { file: string; lines: CodeownersLine[] };
  /** What no ruleset or line fixes: CODEOWNERS errors to correct by hand, a clone to fetch. */
  notes: string[];
}

const REVIEW_CONTROLS: readonly ControlId[] = ['approval-required', 'code-owner-review', 'last-push-approval', 'workflow-protected'];

export function controlsFix(report: ControlsReport, local: PolicyAtBase | string, actionsAppId: number | null): ControlsFix {
  const open = new Set(report.controls.filter((control) => control.status !== 'enforced').map((control) => control.id));
  const rules: RulesetRequest['rules'] = [];
  if (REVIEW_CONTROLS.some((id) => open.has(id))) {
    rules.push({
      type: 'pull_request',
      parameters: { required_approving_review_count: 1, require_code_owner_review: true, require_last_push_approval: true, dismiss_stale_reviews_on_push: false, required_review_thread_resolution: false },
    });
  }
  if (open.has('gate-required')) {
    rules.push({
      type: 'required_status_checks',
      // Pinned to GitHub Actions: a check of that name from anywhere else (a status anyone with write access can post) does not count.
      parameters: { required_status_checks: [{ context: GATE_CHECK_NAME, ...(actionsAppId === null ? {} : { integration_id: actionsAppId }) }], strict_required_status_checks_policy: false },
    });
  }
  const notes: string[] = [];
  if (open.has('gate-required') && actionsAppId === null) notes.push(`GitHub would not say which app GitHub Actions is: pin the "${GATE_CHECK_NAME}" check to it by hand (integration_id, from GET /apps/github-actions).`);
  if (open.has('codeowners-valid')) notes.push(`codeowners-valid: ${report.controls.find((control) => control.id === 'codeowners-valid')!.evidence}.`);
  if (typeof local === 'string') notes.push(`${local[0]!.toUpperCase()}${local.slice(1)}: the CODEOWNERS lines need the base branch's files.`);
  const ruleset: RulesetRequest | null = rules.length === 0 ? null : {
    name: `PM zone: ${report.base}`,
    target: 'branch',
    enforcement: 'active',
    bypass_actors: [],
    conditions: { ref_name: { include: [`refs/heads/${report.base}`], exclude: [] } },
    rules,
  };
  return {
    ruleset,
    command: `gh api --method POST repos/${report.repository}/rulesets --input -`,
    codeowners: typeof local === 'string' ? { file: '.github/CODEOWNERS', lines: [] } : codeownersLines(local, open),
    notes,
  };
}

function codeownersLines(local: PolicyAtBase, open: ReadonlySet<ControlId>): ControlsFix['codeowners'] {
  const { policy } = local;
  const file = policy.codeowners?.file ?? '.github/CODEOWNERS';
  const rules = (policy.codeowners?.rules ?? []).filter((rule) => rule.owners.length > 0);
  const lines: CodeownersLine[] = [];
  if (policy.zone.defined) {
    for (const glob of unownedGlobs(local)) {
      for (const pattern of patternsOf(glob.glob)) lines.push(line(glob.glob, pattern, rules, file));
    }
  }
  const workflowOwned = (policy.owners?.ownersOf(WORKFLOW_PATH).owners.length ?? 0) > 0;
  if (open.has('workflow-protected') && !workflowOwned && !lines.some((entry) => minimatch(WORKFLOW_PATH, entry.protects, { dot: true }))) {
    lines.push(line(WORKFLOW_PATH, `/${WORKFLOW_PATH}`, rules, file));
  }
  return { file, lines };
}

/** What to do besides sending the ruleset, as a person reads it: the command, the CODEOWNERS lines, the notes. */
export function fixGuidance(fix: ControlsFix): string {
  const lines = fix.ruleset
    ? [`# The ruleset above is not applied. To create it: pm-zone controls --fix | ${fix.command}`]
    : ['# GitHub\'s rules already enforce every control a ruleset can: no ruleset to create.'];
  if (fix.codeowners.lines.length > 0) {
    lines.push(`# Append to ${fix.codeowners.file} (the last matching rule wins), through a pull request; a commented line still needs its owner named:`);
    for (const entry of fix.codeowners.lines) lines.push(`${entry.text}${entry.from ? `    # owners as in ${entry.from}` : ''}`);
  }
  for (const note of fix.notes) lines.push(`# ${note}`);
  return `${lines.join('\n')}\n`;
}
