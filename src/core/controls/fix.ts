// The fix, never applied: the ruleset that makes every control GitHub owns
// enforced (the body of `POST /repos/{owner}/{repo}/rulesets`, with no bypass
// actors: rules of every ruleset and branch protection apply together, so a
// new one adds to what is there and loosens nothing), and the CODEOWNERS lines
// that give each unowned engineering-only path an owner, taken from the
// nearest existing rule or left for an engineer to name.

import { minimatch } from 'minimatch';
import { isAmbiguousSegment } from '../policy/globReadings';
import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { WORKFLOW_PATH } from '../ci/workflow';
import type { CodeownersRule } from '../codeowners/model';
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

export interface CodeownersLine {
  /** What it protects: a glob of CLAUDE.md, or the gate's workflow. */
  protects: string;
  pattern: string;
  /** Owners from the nearest existing rule; empty when an engineer must name them. */
  owners: string[];
  /** `.github/CODEOWNERS line 12`: where the owners came from; null when none was near. */
  from: string | null;
  /** The line as it goes at the end of the file; commented out while it has no owner. */
  text: string;
}

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
      for (const pattern of codeownersPatternsOf(glob.glob)) lines.push(line(glob.glob, pattern, rules, file));
    }
  }
  const workflowOwned = (policy.owners?.ownersOf(WORKFLOW_PATH).owners.length ?? 0) > 0;
  if (open.has('workflow-protected') && !workflowOwned && !lines.some((entry) => minimatch(WORKFLOW_PATH, entry.protects, { dot: true }))) {
    lines.push(line(WORKFLOW_PATH, `/${WORKFLOW_PATH}`, rules, file));
  }
  return { file, lines };
}

/**
 * A CLAUDE.md glob as CODEOWNERS patterns: braces expanded (CODEOWNERS has
 * none); a pattern with a `/` inside is anchored at the root in both, so it
 * is written as is. A route folder's name (`[locale]`) is written with its
 * brackets escaped, which GitHub reads as the name itself. Other character
 * classes have no CODEOWNERS form and are left for a person, commented out.
 */
export function codeownersPatternsOf(glob: string): string[] {
  return minimatch.braceExpand(glob.replace(/^\.\//, '')).map((pattern) => {
    const named = pattern.split('/').map((segment) => (isAmbiguousSegment(segment) && !/[*?]/.test(segment) ? segment.replace(/[[\]]/g, (bracket) => `\\${bracket}`) : segment)).join('/');
    return /(?<!\\)[[\]]/.test(named) ? `# ${pattern}` : named;
  });
}

function line(protects: string, pattern: string, rules: readonly CodeownersRule[], file: string): CodeownersLine {
  const near = nearestRule(pattern, rules);
  const owners = near?.owners ?? [];
  const from = near ? `${file} line ${near.line}` : null;
  const commented = pattern.startsWith('#') || owners.length === 0;
  const body = `${pattern.replace(/^# /, '')} ${owners.length > 0 ? owners.join(' ') : '@owner-to-name'}`;
  return { protects, pattern: pattern.replace(/^# /, ''), owners, from, text: commented ? `# ${body}` : body };
}

/** The rule sharing the most leading literal folders with the pattern (at least one), the later one on a tie, as GitHub's last-match-wins reads. */
function nearestRule(pattern: string, rules: readonly CodeownersRule[]): CodeownersRule | undefined {
  const folders = (text: string) => text.replace(/^\/+/, '').split('/').slice(0, -1).filter((segment) => !/[*?[\]]/.test(segment));
  const wanted = folders(pattern);
  let best: { rule: CodeownersRule; shared: number } | undefined;
  for (const rule of rules) {
    const theirs = folders(rule.pattern.endsWith('/') ? `${rule.pattern}x` : rule.pattern);
    let shared = 0;
    while (shared < wanted.length && shared < theirs.length && wanted[shared] === theirs[shared]) shared++;
    if (shared > 0 && (!best || shared >= best.shared)) best = { rule, shared };
  }
  return best?.rule;
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
