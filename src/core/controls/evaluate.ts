// Each control judged from what GitHub enforces on the base branch and what
// the base branch's CLAUDE.md and CODEOWNERS say. A control is enforced when
// one source enforces it and no pilot PM can bypass that source; unknown when
// the only sources may let one through, or PM Zone could not read them;
// missing otherwise.

import { parse } from 'yaml';
import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { WORKFLOW_PATH } from '../ci/workflow';
import type { GlobRule } from '../policy/model';
import { unenforcedGlobs } from '../policy';
import type { PolicyAtBase } from './atBase';
import type { BranchRules, RuleSource } from './branchRules';
import type { ControlId, ControlsReport, ControlStatus } from './model';
import { lockedSamples, pushPathMatches } from './pushPaths';
import type { PushRules } from './pushRules';

/** GitHub's answer to "List CODEOWNERS errors" at the base, or its refusal. */
export type CodeownersErrors =
  | { errors: Array<{ line: number; kind: string; source?: string; message: string; path: string }> }
  | { refused: number };

export interface ControlsInput {
  repository: string;
  rules: BranchRules;
  /** The policy at the base, or why this clone lacks it. */
  local: PolicyAtBase | string;
  codeownersErrors: CodeownersErrors;
}

type Judgement = { status: ControlStatus; evidence: string; fix: string | null };

export function evaluateControls(input: ControlsInput): ControlsReport {
  const { rules, local, repository } = input;
  const apply = `pm-zone controls --fix | gh api --method POST repos/${repository}/rulesets --input -`;
  const server = (sources: RuleSource[], requires: string, missingFix: string): Judgement => judge(sources, rules, requires, `${missingFix} (or ${apply}: a ruleset with no bypass actors)`);
  const judged: Record<ControlId, Judgement> = {
    'approval-required': server(rules.approvals, 'requires an approving review (GitHub never counts the author\'s own)', `require at least one approving review on ${rules.base}`),
    'code-owner-review': server(rules.codeOwnerReview, 'requires review from code owners', `require review from code owners on ${rules.base}`),
    'last-push-approval': server(rules.lastPushApproval, 'requires the most recent push to be approved by someone other than its pusher', `require approval of the most recent push on ${rules.base}`),
    'gate-required': server(rules.gateCheck, `requires the "${GATE_CHECK_NAME}" check from GitHub Actions`, `require the "${GATE_CHECK_NAME}" check from GitHub Actions on ${rules.base}`),
    'gate-in-merge-queue': { status: 'unknown', evidence: '', fix: null },
    'workflow-protected': { status: 'unknown', evidence: '', fix: null },
    'engineering-paths-owned': pathsOwned(local),
    'paths-locked-on-server': pathsLocked(local, rules.push, repository),
    'codeowners-valid': codeownersValid(local, input.codeownersErrors, rules.base),
  };
  judged['gate-in-merge-queue'] = gateInMergeQueue(local, rules, judged['gate-required']);
  judged['workflow-protected'] = workflowProtected(local, judged['code-owner-review']);
  const regulated = typeof local !== 'string' && local.policy.zone.mode === 'regulated';
  return {
    repository,
    base: rules.base,
    regulated,
    controls: (Object.keys(judged) as ControlId[]).map((id) => ({ id, ...judged[id], fix: judged[id].status === 'enforced' ? null : judged[id].fix })),
  };
}

function judge(sources: readonly RuleSource[], rules: BranchRules, requires: string, fix: string): Judgement {
  const clean = sources.find((source) => source.bypass.pilot === 'no');
  if (clean) return { status: 'enforced', evidence: `${clean.name} ${requires}; no pilot PM can bypass it`, fix: null };
  const unsure = sources.find((source) => source.bypass.pilot === 'cannot-tell');
  if (unsure && unsure.bypass.pilot === 'cannot-tell') {
    const said = `${unsure.name} ${requires}`;
    return { status: 'unknown', evidence: unsure.bypass.why.startsWith('needs ') ? `${unsure.bypass.why}: ${said}` : `${said}, but ${unsure.bypass.why}`, fix };
  }
  const weak = sources.find((source) => source.bypass.pilot === 'yes');
  if (weak && weak.bypass.pilot === 'yes') return { status: 'missing', evidence: `${weak.name} ${requires}, but ${weak.bypass.why}`, fix };
  if (rules.rulesUnread) return { status: 'unknown', evidence: `${rules.rulesUnread}, so PM Zone cannot tell whether a ruleset ${requires.replace(/^requires/, 'requires it')}`, fix };
  if (rules.classicUnread) return { status: 'unknown', evidence: `needs ${rules.classicUnread}: no ruleset ${requires.replace(/^requires/, 'requires it')}`, fix };
  const inactive = rules.inactive.length > 0 ? `; ${rules.inactive.join(', ')} enforce${rules.inactive.length === 1 ? 's' : ''} nothing` : '';
  return { status: 'missing', evidence: `no active ruleset or branch protection of ${rules.base} ${requires}${inactive}`, fix };
}

const at = (local: PolicyAtBase) => `${local.ref} (${local.commit.slice(0, 7)})`;

/** The engineering-only globs no CODEOWNERS rule gives an owner, judged on the base's own paths. */
export function unownedGlobs(local: PolicyAtBase): GlobRule[] {
  const { zone, owners } = local.policy;
  if (!owners) return [...zone.engineeringOnly];
  const lines = new Set(unenforcedGlobs(zone, owners, local.paths).map((problem) => problem.line));
  return zone.engineeringOnly.filter((rule) => lines.has(rule.line));
}

function pathsOwned(local: PolicyAtBase | string): Judgement {
  if (typeof local === 'string') return { status: 'unknown', evidence: local, fix: null };
  const { zone, codeowners, codeownersProblem } = local.policy;
  const fix = 'add the CODEOWNERS lines pm-zone controls --fix prints, at the end of the file, through a pull request';
  if (!zone.defined) return { status: 'missing', evidence: `${zone.file} at ${at(local)} defines no PM zone`, fix: `write the ## PM zone section of ${zone.file}` };
  if (zone.engineeringOnly.length === 0) return { status: 'missing', evidence: `${zone.file} at ${at(local)} names no engineering-only path`, fix: `list the engineering-only globs in ${zone.file}` };
  if (codeownersProblem) return { status: 'missing', evidence: codeownersProblem.message, fix };
  if (!codeowners) return { status: 'missing', evidence: `no CODEOWNERS at ${at(local)}: every engineering-only path is convention, not enforcement`, fix };
  const unowned = unownedGlobs(local);
  if (unowned.length > 0) {
    const named = unowned.map((rule) => `\`${rule.glob}\` (${zone.file} line ${rule.line})`).join(', ');
    return { status: 'missing', evidence: `${named} ${unowned.length === 1 ? 'has' : 'have'} no owner in ${codeowners.file} at ${at(local)}`, fix };
  }
  return { status: 'enforced', evidence: `all ${zone.engineeringOnly.length} engineering-only globs of ${zone.file} have owners in ${codeowners.file} at ${at(local)}`, fix: null };
}

function workflowProtected(local: PolicyAtBase | string, codeOwnerReview: Judgement): Judgement {
  if (typeof local === 'string') return { status: 'unknown', evidence: local, fix: null };
  const { policy } = local;
  const answer = policy.zoneOf(WORKFLOW_PATH);
  const pilots = new Set(policy.zone.pilots.map((pilot) => pilot.handle.toLowerCase()));
  const gaps: string[] = [];
  const said: string[] = [];
  const rule = answer.reasons.find((reason) => reason.source === policy.zone.file && answer.zone === 'locked');
  if (answer.zone === 'locked') said.push(`${policy.zone.file}${rule ? ` line ${rule.line}` : ''} makes it engineering-only`);
  else gaps.push(`${policy.zone.file} does not make it engineering-only`);
  if (answer.owners.length === 0) gaps.push(`no CODEOWNERS rule owns it`);
  else if (answer.owners.every((owner) => pilots.has(owner.toLowerCase()))) gaps.push(`only pilot PMs own it (${answer.owners.join(' ')})`);
  else said.push(`${answer.ownersFile} line ${answer.ownersLine} gives it to ${answer.owners.join(' ')}`);
  const subject = `${WORKFLOW_PATH} at ${at(local)}`;
  const fix = `add /${WORKFLOW_PATH} to ${policy.zone.file}'s engineering-only globs and CODEOWNERS (pm-zone controls --fix prints the line), and require code-owner review`;
  if (gaps.length > 0) return { status: 'missing', evidence: `${subject}: ${[...gaps, ...said].join('; ')}`, fix };
  if (codeOwnerReview.status !== 'enforced') {
    const why = codeOwnerReview.status === 'missing' ? 'not enforced' : 'unknown';
    return { status: codeOwnerReview.status, evidence: `${subject}: ${said.join('; ')}, but code-owner review is ${why} (see code-owner-review), so a PM's pull request can edit it and merge`, fix: 'enforce code-owner review (see code-owner-review): the ruleset pm-zone controls --fix prints requires it' };
  }
  return { status: 'enforced', evidence: `${subject}: ${said.join('; ')}; code-owner review is required`, fix: null };
}

function codeownersValid(local: PolicyAtBase | string, answer: CodeownersErrors, base: string): Judgement {
  const located = typeof local === 'string' ? undefined : local.policy.codeowners;
  const problem = typeof local === 'string' ? undefined : local.policy.codeownersProblem;
  if (problem) return { status: 'missing', evidence: problem.message, fix: 'make CODEOWNERS smaller than 3 MB (GitHub ignores it whole)' };
  if ('refused' in answer) {
    if (answer.refused === 404 && typeof local !== 'string' && !located) return { status: 'missing', evidence: `no CODEOWNERS at ${base} (GitHub answered 404, and ${at(local)} has none)`, fix: 'add .github/CODEOWNERS with an owner for every engineering-only path' };
    return { status: 'unknown', evidence: `needs Contents: read to list the CODEOWNERS errors at ${base} (GitHub answered ${answer.refused})`, fix: 'run it with a token that can read the repository\'s contents' };
  }
  if (answer.errors.length > 0) {
    const shown = answer.errors.slice(0, 3).map((error) => `${error.path} line ${error.line}: ${error.kind}${error.source ? ` (${error.source})` : ''}`).join('; ');
    const more = answer.errors.length > 3 ? `; ${answer.errors.length - 3} more` : '';
    return { status: 'missing', evidence: `GitHub reports ${answer.errors.length} error${answer.errors.length === 1 ? '' : 's'} in CODEOWNERS at ${base}, and skips those lines: ${shown}${more}`, fix: 'correct each line GitHub names (pm-zone check-config shows them too)' };
  }
  const size = located ? `; ${located.file} is under GitHub's 3 MB limit` : '';
  return { status: 'enforced', evidence: `GitHub reports no errors in CODEOWNERS at ${base}${size}`, fix: null };
}

/** Whether the workflow's triggers include the merge queue's (`on: merge_group`, in any of the forms YAML allows). */
export function runsInMergeQueue(workflow: string): boolean {
  let on: unknown;
  try {
    on = (parse(workflow) as { on?: unknown } | null)?.on;
  } catch {
    return false;
  }
  if (typeof on === 'string') return on === 'merge_group';
  if (Array.isArray(on)) return on.includes('merge_group');
  return on !== null && typeof on === 'object' && 'merge_group' in on;
}

/** A branch that merges through a merge queue waits there for every required check: the gate's workflow must run on merge_group. */
function gateInMergeQueue(local: PolicyAtBase | string, rules: BranchRules, gate: Judgement): Judgement {
  if (rules.rulesUnread) return { status: 'unknown', evidence: `${rules.rulesUnread}, so PM Zone cannot tell whether it requires a merge queue`, fix: null };
  const [queue] = rules.mergeQueue;
  if (!queue) return { status: 'enforced', evidence: `no active ruleset of ${rules.base} requires a merge queue: the gate reports on the pull request itself`, fix: null };
  if (typeof local === 'string') return { status: 'unknown', evidence: `${queue.name} requires a merge queue, and ${local}`, fix: null };
  const said = `${queue.name} requires a merge queue, and ${WORKFLOW_PATH} at ${at(local)}`;
  if (local.workflow === undefined) return { status: 'missing', evidence: `${said} does not exist: nothing reports the gate there`, fix: `pm-zone ci init writes the workflow, merge_group included; commit it to ${rules.base}` };
  if (runsInMergeQueue(local.workflow)) return { status: 'enforced', evidence: `${said} runs on merge_group: the gate reports on each queued pull request`, fix: null };
  const waits = gate.status === 'missing' ? 'once the gate is required, every queued pull request waits on a check that never comes' : 'every queued pull request waits on the gate\'s check, which never comes, until the queue times it out';
  return { status: 'missing', evidence: `${said} does not run on merge_group: ${waits}`, fix: `pm-zone ci init --update adds the merge_group trigger to the workflow; commit it to ${rules.base}` };
}

/**
 * Whether GitHub itself refuses a pilot PM's push that touches an
 * engineering-only path: every file each glob locks at the base (or, with
 * none, a path made from the glob) is among the restricted paths of an
 * active push ruleset no pilot PM can bypass.
 */
function pathsLocked(local: PolicyAtBase | string, push: PushRules, repository: string): Judgement {
  const fix = `create the push ruleset pm-zone controls --fix --push prints (| gh api --method POST repos/${repository}/rulesets --input -), in evaluate mode first, then switch it to active`;
  if (typeof local === 'string') return { status: 'unknown', evidence: local, fix: null };
  if (push.unavailable) return { status: 'unknown', evidence: `${push.unavailable}: the engineering-only paths are enforced at review (code-owner review), not at push`, fix: null };
  if (push.unread) return { status: 'unknown', evidence: push.unread, fix };
  const { zone } = local.policy;
  if (!zone.defined || zone.engineeringOnly.length === 0) return { status: 'missing', evidence: `${zone.file} at ${at(local)} names no engineering-only path to lock`, fix: `list the engineering-only globs in ${zone.file}` };
  const active = push.rulesets.filter((ruleset) => ruleset.enforcement === 'active');
  const rank = { enforced: 0, unknown: 1, bypass: 2, uncovered: 3 } as const;
  type Verdict = { kind: keyof typeof rank; why?: string; by?: string };
  const verdictOf = (path: string): Verdict => {
    const covering = active.filter((ruleset) => ruleset.paths?.some((pattern) => pushPathMatches(pattern, path)));
    const clean = covering.find((ruleset) => ruleset.bypass.pilot === 'no');
    if (clean) return { kind: 'enforced', by: clean.name };
    const unsure = covering.find((ruleset) => ruleset.bypass.pilot === 'cannot-tell');
    if (unsure && unsure.bypass.pilot === 'cannot-tell') return { kind: 'unknown', why: `${unsure.name} restricts ${path}, but ${unsure.bypass.why}` };
    const weak = covering.find((ruleset) => ruleset.bypass.pilot === 'yes');
    if (weak && weak.bypass.pilot === 'yes') return { kind: 'bypass', why: `${weak.name} restricts ${path}, but ${weak.bypass.why}` };
    const unread = active.find((ruleset) => ruleset.paths === null);
    return unread ? { kind: 'unknown', why: `PM Zone could not read the rules of ${unread.name}: ${unread.bypass.pilot === 'cannot-tell' ? unread.bypass.why : 'no rules in its answer'}` } : { kind: 'uncovered' };
  };
  const globs = lockedSamples(zone, local.paths).map(({ rule, samples }) => {
    if (samples.length === 0) return { rule, verdict: { kind: 'unknown', why: `PM Zone cannot make a path from \`${rule.glob}\` to test the rulesets with` } as Verdict, files: 0 };
    const verdicts = samples.map(verdictOf);
    return { rule, verdict: verdicts.reduce((worst, verdict) => (rank[verdict.kind] > rank[worst.kind] ? verdict : worst)), files: samples.length };
  });
  const worst = globs.reduce((found, glob) => (rank[glob.verdict.kind] > rank[found.verdict.kind] ? glob : found));
  const trial = push.rulesets.filter((ruleset) => ruleset.enforcement !== 'active' && ruleset.paths && ruleset.paths.length > 0).map((ruleset) => `${ruleset.name} is in ${ruleset.enforcement} mode and blocks nothing yet`);
  const besides = trial.length > 0 ? `; ${trial.join('; ')}` : '';
  if (worst.verdict.kind === 'uncovered') {
    const open = globs.filter((glob) => glob.verdict.kind === 'uncovered').map((glob) => `\`${glob.rule.glob}\` (${zone.file} line ${glob.rule.line})`);
    const none = push.rulesets.length === 0 ? 'no push ruleset of' : 'no active push ruleset of';
    return { status: 'missing', evidence: `${none} ${repository} restricts ${open.join(', ')}: a pilot PM's push there is refused only at review${besides}`, fix };
  }
  if (worst.verdict.kind === 'bypass') return { status: 'missing', evidence: `${worst.verdict.why}${besides}`, fix };
  if (worst.verdict.kind === 'unknown') return { status: 'unknown', evidence: `${worst.verdict.why}${besides}`, fix };
  const by = [...new Set(globs.map((glob) => glob.verdict.by!))];
  const files = globs.reduce((sum, glob) => sum + glob.files, 0);
  return { status: 'enforced', evidence: `${by.join(' and ')} refuse${by.length > 1 ? '' : 's'} any push touching the ${globs.length} engineering-only globs of ${zone.file} (${files} paths checked at ${at(local)}); no pilot PM can bypass it`, fix: null };
}
