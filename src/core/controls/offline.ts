// The fix `pm-zone controls --fix` prints without GitHub: drawn from the
// working agreement at the base alone (CLAUDE.md's engineering-only paths,
// CODEOWNERS), as if GitHub enforced nothing. Nothing in it was checked
// against the repository's rules, so it may ask for what is already there;
// the report behind it says every server control is unknown, never missing.

import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { defaultBaseBranch, type Git } from '../git';
import type { PolicySettings } from '../repository';
import { policyAtBase } from './atBase';
import type { BranchRules } from './branchRules';
import { evaluateControls } from './evaluate';
import { controlsFix } from './fix';
import type { ControlsCheck } from './fromGitHub';

export interface OfflineControlsQuery {
  git: Git;
  settings: PolicySettings;
  /** `owner/name` for the commands the fix names; a placeholder when origin names none. */
  repository: string;
  /** Default: the repository's default branch as git knows it. */
  base?: string;
  /** Why GitHub was not asked, in words: "no GITHUB_TOKEN". */
  why: string;
}

/** The controls as the base's files alone can say them, and the fix that would enforce the zone if GitHub enforced nothing yet. */
export async function controlsWithoutGitHub(query: OfflineControlsQuery): Promise<ControlsCheck> {
  const base = query.base ?? (await defaultBaseBranch(query.git));
  if (!base) throw new Error('PM Zone cannot tell the base branch (no origin/HEAD, and not exactly one of main, master, develop and trunk): name it with --base BRANCH');
  const unread = `not asked of GitHub (${query.why})`;
  const rules: BranchRules = {
    base,
    approvals: [],
    codeOwnerReview: [],
    lastPushApproval: [],
    gateCheck: [],
    classicUnread: unread,
    inactive: [],
    mergeQueue: [],
    rulesUnread: unread,
    push: { unread, rulesets: [] },
    actionsAppId: null,
  };
  const local = await policyAtBase(query.git, base, query.settings);
  // 401: what GitHub answers a request without a token; the CODEOWNERS errors stay unknown.
  const report = evaluateControls({ repository: query.repository, rules, local, codeownersErrors: { refused: 401 } });
  const fix = controlsFix(report, local, null);
  // The notes that would blame GitHub's answer say instead what was not asked.
  const notes = fix.notes.map((note) => {
    if (note.startsWith('GitHub would not say which app GitHub Actions is')) return `Pin the "${GATE_CHECK_NAME}" check to GitHub Actions by hand: its integration_id is the id GET /apps/github-actions answers.`;
    if (note.startsWith('codeowners-valid:')) return 'The CODEOWNERS errors GitHub finds were not asked for: pm-zone check-config names those PM Zone finds.';
    return note;
  });
  return { report, fix: { ...fix, notes }, local };
}
