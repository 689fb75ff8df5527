// The fix, never applied: the ruleset that makes every control GitHub owns
// enforced (the body of `POST /repos/{owner}/{repo}/rulesets`, with no bypass
// actors: rules of every ruleset and branch protection apply together, so a
// new one adds to what is there and loosens nothing); the push ruleset that
// makes GitHub refuse a pilot PM's push touching an engineering-only path
// (bypassed by the teams CODEOWNERS names for those paths, in evaluate mode
// first); and the CODEOWNERS lines that give each unowned engineering-only
// path an owner, taken from the nearest existing rule or left for an
// engineer to name.

import { minimatch } from 'minimatch';
import { codeownersLine as line, patternsOf, type CodeownersLine } from '../codeowners/suggest';
import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { WORKFLOW_PATH } from '../ci/workflow';
import type { PolicyAtBase } from './atBase';
import { lockedSamples, pushPathsOf } from './pushPaths';
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

/** The body of `POST /repos/{owner}/{repo}/rulesets` for a push ruleset. */
export interface PushRulesetRequest {
  name: string;
  target: 'push';
  enforcement: 'evaluate' | 'active';
  bypass_actors: Array<{ actor_id: number; actor_type: 'Team'; bypass_mode: 'always' }>;
  rules: [{ type: 'file_path_restriction'; parameters: { restricted_file_paths: string[] } }];
}

/** A team CODEOWNERS names for engineering-only paths, as the push ruleset's fix weighs it. */
export interface OwnerTeam {
  /** `@acme/platform`. */
  handle: string;
  /** Its id, for the bypass actor; why it is left out otherwise (not readable, a pilot PM in it). */
  id: number | null;
  leftOut?: string;
}

export type { CodeownersLine } from '../codeowners/suggest';

export interface ControlsFix {
  /** The ruleset to create, or null when GitHub's rules already enforce what they can. */
  ruleset: RulesetRequest | null;
  /** How to send it. */
  command: string;
  /** The push ruleset to create, or null when one already locks every engineering-only path (or none can). */
  pushRuleset: PushRulesetRequest | null;
  codeowners: { file: string; lines: CodeownersLine[] };
  /** What no ruleset or line fixes: CODEOWNERS errors to correct by hand, a clone to fetch. */
  notes: string[];
}

const REVIEW_CONTROLS: readonly ControlId[] = ['approval-required', 'code-owner-review', 'last-push-approval', 'workflow-protected'];

export function controlsFix(report: ControlsReport, local: PolicyAtBase | string, actionsAppId: number | null, ownerTeams: readonly OwnerTeam[] = []): ControlsFix {
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
  const push = pushRulesetFix(report, local, ownerTeams);
  notes.push(...push.notes);
  return {
    ruleset,
    command: `gh api --method POST repos/${report.repository}/rulesets --input -`,
    pushRuleset: push.request,
    codeowners: typeof local === 'string' ? { file: '.github/CODEOWNERS', lines: [] } : codeownersLines(local, open),
    notes,
  };
}

/**
 * The push ruleset, when paths-locked-on-server is not enforced and GitHub
 * offers push rulesets here: every engineering-only glob in GitHub's path
 * syntax, bypassed by the owner teams no pilot PM is in, in evaluate mode.
 */
function pushRulesetFix(report: ControlsReport, local: PolicyAtBase | string, ownerTeams: readonly OwnerTeam[]): { request: PushRulesetRequest | null; notes: string[] } {
  const control = report.controls.find((entry) => entry.id === 'paths-locked-on-server');
  if (!control || control.status === 'enforced' || typeof local === 'string' || !control.fix) return { request: null, notes: [] };
  const globs = local.policy.zone.engineeringOnly;
  if (globs.length === 0) return { request: null, notes: [] };
  const paths = [...new Set(globs.flatMap((rule) => pushPathsOf(rule.glob)))];
  const actors = ownerTeams.filter((team) => team.id !== null && !team.leftOut).map((team) => ({ actor_id: team.id!, actor_type: 'Team' as const, bypass_mode: 'always' as const }));
  const notes = [
    `The push ruleset is in evaluate mode: GitHub records the pushes it would refuse (Rule insights) and refuses none. Once the insights show it would refuse no push it should let through (an engineer missing from the bypass list), switch it on: gh api --method PUT repos/${report.repository}/rulesets/RULESET_ID -f enforcement=active. (Evaluate mode needs GitHub Enterprise; on GitHub Team, create it with "enforcement": "disabled" and switch it to active the same way.)`,
    `Push rulesets apply to every push to ${report.repository} and its forks, whatever ran on the pusher's machine. Whoever the bypass list names may push there; a pilot PM who needs such a change asks one of them to push it, or opens the change for an engineer to take over.`,
    ...ownerTeams.filter((team) => team.leftOut).map((team) => `${team.handle} is not a bypass actor: ${team.leftOut}.`),
  ];
  if (actors.length === 0) notes.push('The push ruleset names no bypass actor: nobody may push an engineering-only path until one is added (a team of engineers, with "actor_type": "Team" and its id from GET /orgs/ORG/teams/SLUG).');
  return { request: { name: 'PM zone: engineering-only paths', target: 'push', enforcement: 'evaluate', bypass_actors: actors, rules: [{ type: 'file_path_restriction', parameters: { restricted_file_paths: paths } }] }, notes };
}

/** The teams CODEOWNERS gives the engineering-only paths at the base (`@org/slug` only: a person is never a bypass actor here). */
export function engineeringOwnerTeams(local: PolicyAtBase): string[] {
  const owners = local.policy.owners;
  if (!owners) return [];
  const teams = lockedSamples(local.policy.zone, local.paths).flatMap(({ samples }) => samples.flatMap((path) => owners.ownersOf(path).owners));
  return [...new Set(teams.filter((owner) => /^@[^/\s]+\/[^/\s]+$/.test(owner)))];
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
export function fixGuidance(fix: ControlsFix, shown: 'branch' | 'push' = 'branch'): string {
  const lines = shown === 'push'
    ? [fix.pushRuleset ? `# The push ruleset above is not applied. To create it: pm-zone controls --fix --push | ${fix.command}` : '# No push ruleset to create: one already locks every engineering-only path, or GitHub offers none here.']
    : fix.ruleset
      ? [`# The ruleset above is not applied. To create it: pm-zone controls --fix | ${fix.command}`]
      : ['# GitHub\'s rules already enforce every control a ruleset can: no ruleset to create.'];
  if (shown === 'branch' && fix.pushRuleset) lines.push(`# The push ruleset that locks the engineering-only paths on GitHub itself: pm-zone controls --fix --push | ${fix.command}`);
  if (shown === 'push' && fix.ruleset) lines.push(`# The branch ruleset: pm-zone controls --fix | ${fix.command}`);
  if (fix.codeowners.lines.length > 0) {
    lines.push(`# Append to ${fix.codeowners.file} (the last matching rule wins), through a pull request; a commented line still needs its owner named:`);
    for (const entry of fix.codeowners.lines) lines.push(`${entry.text}${entry.from ? `    # owners as in ${entry.from}` : ''}`);
  }
  for (const note of fix.notes) lines.push(`# ${note}`);
  return `${lines.join('\n')}\n`;
}
