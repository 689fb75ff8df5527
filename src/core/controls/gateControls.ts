// The controls the CI gate itself depends on, checked on every gate run in
// two requests the Actions token may make ("Get rules for a branch" needs
// Metadata: read, "Get a branch" Contents: read): is the gate a required
// check, and can a PM's pull request switch its workflow off? A control known
// to be missing becomes one line in the summary and the sticky comment, where
// reviewers look; an answer GitHub would not give is a quiet notice, never a
// failure of the gate.

import { GATE_CHECK_NAME } from '../audit/reviewAtMerge';
import { WORKFLOW_PATH } from '../ci/workflow';
import { connect } from '../pr/github/connection';
import { toGitHubError } from '../pr/github/errors';
import type { GitHubOptions } from '../pr/github/types';
import type { RepositoryPolicy } from '../repository';

export interface GateControls {
  /** One Markdown line naming what is missing, or undefined when nothing is known to be. */
  line?: string;
  /** Why the controls could not be read, for the log only. */
  notice?: string;
}

interface BranchAnswers {
  rules: Array<{ type?: unknown; parameters?: Record<string, unknown> }>;
  branch: { protected?: unknown; protection?: { enabled?: unknown; required_status_checks?: { contexts?: unknown } } };
}

/** Asks GitHub about `base`; start it beside the review, then judge it with the policy the review read. */
export async function readGateControls(options: GitHubOptions, owner: string, repo: string, base: string): Promise<BranchAnswers | string> {
  let github: ReturnType<typeof connect> | undefined;
  try {
    // A gate run must not wait on this: no retries, a short time limit.
    github = connect({ ...options, timeoutMs: 5_000, retry: { maxRetries: 0 } });
    const [rules, branch] = await Promise.all([
      github.octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch: base, per_page: 100 }),
      github.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch: base }),
    ]);
    return { rules: Array.isArray(rules.data) ? (rules.data as BranchAnswers['rules']) : [], branch: branch.data as BranchAnswers['branch'] };
  } catch (error) {
    const failure = toGitHubError(error, github?.context('read the rules of a branch', `${owner}/${repo}`) ?? { apiUrl: options.apiUrl ?? 'GitHub', action: 'read the rules of a branch' });
    return `PM Zone could not read the rules of ${base} to check that the gate is required (${failure.summary}); pm-zone controls checks them with an engineer's token.`;
  }
}

export function judgeGateControls(answers: BranchAnswers | string, base: string, policy: RepositoryPolicy | undefined): GateControls {
  if (typeof answers === 'string') return { notice: answers };
  const { rules, branch } = answers;
  const checks = [
    ...rules.filter((rule) => rule.type === 'required_status_checks').flatMap((rule) => (Array.isArray(rule.parameters?.required_status_checks) ? (rule.parameters.required_status_checks as Array<{ context?: unknown }>) : []).map((check) => check.context)),
    ...(Array.isArray(branch.protection?.required_status_checks?.contexts) ? branch.protection.required_status_checks.contexts : []),
  ];
  const missing: string[] = [];
  const notices: string[] = [];
  if (!checks.includes(GATE_CHECK_NAME)) missing.push(`the ${GATE_CHECK_NAME} is not a required check on ${base}, so a pull request can merge with it failing`);
  const codeOwnerReview = rules.some((rule) => rule.type === 'pull_request' && rule.parameters?.require_code_owner_review === true);
  const workflow = policy?.zoneOf(WORKFLOW_PATH);
  const unprotected = !workflow ? undefined
    : workflow.zone !== 'locked' ? `${policy!.zone.file} does not make it engineering-only`
    : workflow.owners.length === 0 ? 'no CODEOWNERS rule owns it'
    : codeOwnerReview ? undefined
    : classicProtectionPossible(answers) ? 'unknown' : 'code-owner review is not required';
  if (unprotected === 'unknown') notices.push(`Whether ${base} requires code-owner review is in its branch protection, which the Actions token cannot read: pm-zone controls checks it with an admin's token.`);
  else if (unprotected) missing.push(`\`${WORKFLOW_PATH}\` is not protected (${unprotected}), so a pull request can switch the gate off`);
  return {
    ...(missing.length > 0 ? { line: `⚠️ **Controls:** ${missing.join('; ')}. An engineer can run \`pm-zone controls --fix\`.` } : {}),
    ...(notices.length > 0 ? { notice: notices.join(' ') } : {}),
  };
}

/**
 * Whether the branch may have classic protection, whose review settings the
 * Actions token cannot read. GitHub says `protected` for a branch any active
 * ruleset applies to as well, so that alone does not say so: `protection.enabled`
 * false beside rules that explain `protected` is a ruleset-only branch, judged
 * from the rules. Protected with no rules, or no `enabled` to read, may be classic.
 */
function classicProtectionPossible({ rules, branch }: BranchAnswers): boolean {
  if (branch.protected !== true) return false;
  return rules.length === 0 || branch.protection?.enabled !== false;
}
