// The controls GitHub must enforce for the PM zone to be a boundary and not
// a convention, each enforced, missing or unknown. Unknown is never shown as
// safe: it says which permission would let PM Zone tell.

export const CONTROL_IDS = [
  'approval-required',
  'code-owner-review',
  'last-push-approval',
  'gate-required',
  'gate-in-merge-queue',
  'workflow-protected',
  'engineering-paths-owned',
  'paths-locked-on-server',
  'codeowners-valid',
] as const;

export type ControlId = (typeof CONTROL_IDS)[number];

export type ControlStatus = 'enforced' | 'missing' | 'unknown';

export interface Control {
  id: ControlId;
  status: ControlStatus;
  /** Which ruleset, branch protection, file or API answer says so, in one line. */
  evidence: string;
  /** What makes it enforced; null once it is. */
  fix: string | null;
}

export interface ControlsReport {
  /** `owner/name`. */
  repository: string;
  /** The branch pull requests merge into. */
  base: string;
  /** CLAUDE.md's mode at the base: in regulated mode unknown counts as missing. */
  regulated: boolean;
  controls: Control[];
}

/** What each control promises, in the words of the walkthrough. */
export const CONTROL_TITLES: Record<ControlId, string> = {
  'approval-required': 'An approving review before every merge (never the author\'s own)',
  'code-owner-review': 'Review by the code owners of every file they own',
  'last-push-approval': 'The last push approved by someone other than its pusher',
  'gate-required': 'The PM PR Review is a required check',
  'gate-in-merge-queue': 'The PM PR Review reports in the merge queue, when the branch has one',
  'workflow-protected': 'The gate\'s workflow cannot be switched off in a PM\'s own pull request',
  'engineering-paths-owned': 'Every engineering-only path has a code owner',
  'paths-locked-on-server': 'GitHub itself refuses a pilot PM\'s push that touches an engineering-only path (a push ruleset)',
  'codeowners-valid': 'GitHub reads CODEOWNERS without errors',
};

/** 0 when every control is enforced, 1 when one is missing (or, in regulated mode, unknown). */
export function controlsExitStatus(report: ControlsReport): 0 | 1 {
  const failing = report.controls.some((control) => control.status === 'missing' || (report.regulated && control.status === 'unknown'));
  return failing ? 1 : 0;
}
