// The PM PR Review as a server-side gate on one pull request: the policy read
// at the merge base (a pull request that loosens its rules is judged by the
// rules it wants to change), the change and its files at the head, the
// review the editor and the hook run, plus what only the server can check.

import { DEFAULT_LABELS, DEFAULT_MAX_FILES, DEFAULT_MAX_LINES, DEFAULT_PLANNING_TEMPLATE, DEFAULT_SKILL_FILE } from '../defaults';
import type { CodeownersFlavor } from '../codeowners/model';
import { commitFiles, gitCommitHistory, gitTextSearch, readChange, workingTreeFiles, type Git } from '../git';
import { checklistLines, signOffLines, signOffsOf } from '../pr';
import { loadRepositoryPolicy, noZoneWords, type RepositoryPolicy } from '../repository';
import { zoneBinding } from '../policy/binding';
import { loadChecklist, reviewChange, summarize, type ReviewResult } from '../review';
import type { Finding } from '../types';
import { annotationsOf, stickyComment, summaryMarkdown, STEP_SUMMARY_LIMIT, type Annotation, type GateResult } from './gateReport';
import type { GatePullRequest } from './pullRequestEvent';
import { serverChecks } from './serverChecks';

export interface GateInputs {
  /** The branch to compare with; default: the pull request's base. */
  base?: string;
  policyFile?: string;
  skillFile?: string;
  codeownersFlavor?: CodeownersFlavor;
  /** `blocker` (default): fail on blockers only; `warning`: on any error or warning too. */
  failOn?: 'blocker' | 'warning';
  /** The workflow run's page: what does not fit the summary or the comment is in its log. */
  runUrl?: string;
  /**
   * One line for reviewers about GitHub's own controls (the gate not
   * required, its workflow not protected), judged with the base branch's
   * policy; the action starts asking GitHub before the review, so the
   * review waits for neither.
   */
  controlsLine?(policy: RepositoryPolicy): Promise<string | undefined>;
  /**
   * Told how many files the change holds once git has listed them, before
   * any is read (readChange's `onListed`): the Action, a process of its own,
   * holds V8's heap growth there as the command line's review does.
   */
  onListed?: (files: number) => void;
}

export interface GateOutcome {
  result: GateResult;
  /** Why the gate did not review (skipped), in one line. */
  notice?: string;
  review?: ReviewResult;
  annotations: Annotation[];
  /** Markdown for the job summary. */
  summary: string;
  /** Markdown for the sticky comment; undefined when skipped. */
  comment?: string;
  blockers: number;
  warnings: number;
}

const MAX_FINDINGS_PER_ITEM = 5;

export async function runGate(git: Git, root: string, pullRequest: GatePullRequest, inputs: GateInputs = {}): Promise<GateOutcome> {
  const change = await readChange(git, { mode: 'branch', base: inputs.base ?? pullRequest.baseRef, deepen: true, ...(inputs.onListed ? { onListed: inputs.onListed } : {}) });
  if (!change.mergeBase) throw new Error(`No merge base with ${inputs.base ?? pullRequest.baseRef}: check out with fetch-depth: 0.`);
  const atBase = commitFiles(git, change.mergeBase);
  const skillFile = inputs.skillFile ?? DEFAULT_SKILL_FILE;
  const policy = await loadRepositoryPolicy(atBase, {
    // Unless the workflow names it, the zone is wherever the base's instruction files hold it.
    ...(inputs.policyFile ? { policyFile: inputs.policyFile } : {}),
    skillFile,
    planningTemplate: DEFAULT_PLANNING_TEMPLATE,
    codeownersFlavor: inputs.codeownersFlavor ?? 'github',
    // Who the PM is comes from the pull request's author, never from a flag anyone can set.
    handle: `@${pullRequest.author}`,
  });
  // The label that brings someone who is not a pilot under the gate; the same one the server check asks pilots for.
  const label = DEFAULT_LABELS.pmAuthored;
  const labelled = pullRequest.labels.some((name) => name.toLowerCase() === label.toLowerCase());
  const skip = (notice: string): GateOutcome => ({ result: 'skipped', notice, annotations: [], summary: `## PM PR Review\n\n${notice}\n`, blockers: 0, warnings: 0 });
  if (!policy.zone.defined) return skip(`Not reviewed: ${noZoneWords(policy)} at ${change.base ?? 'the base'}.`);
  // Whom the zone binds is decided once, for the hook, the Action, the guard and the editor alike.
  if (!zoneBinding(policy.identity).bound && !labelled) return skip(`Not reviewed: @${pullRequest.author} is not a pilot PM of ${policy.zone.file}, and the pull request is not labelled ${label}.`);

  // Every commit of the pull request is pushed and kept, not only its final trees: the secret check reads them all.
  const history = gitCommitHistory(git, change);
  const head = workingTreeFiles(root, git);
  const checklist = await loadChecklist(atBase, skillFile);
  const reviewed = await reviewChange({ change, policy, checklist, files: head, options: { maxFiles: DEFAULT_MAX_FILES, maxLines: DEFAULT_MAX_LINES }, search: gitTextSearch(git), ...(history ? { history } : {}) });
  const findings: Finding[] = [...reviewed.result.findings, ...(await serverChecks({ pullRequest, policy, change, head }))];
  const review: ReviewResult = { ...reviewed.result, findings, summary: summarize(findings, reviewed.result.files, reviewed.result.summary) };
  const { blockers } = review.summary;
  const warnings = review.summary.warnings + review.summary.errors - findings.filter((finding) => finding.blocking && finding.severity === 'error').length;
  const failed = blockers > 0 || (inputs.failOn === 'warning' && warnings > 0);
  const result: GateResult = failed ? 'failed' : 'passed';
  const controls = await inputs.controlsLine?.(policy);
  const notes = controls ? [controls] : [];
  const summary = summaryMarkdown(review, result, { limit: STEP_SUMMARY_LIMIT, measure: (text) => Buffer.byteLength(text, 'utf8'), fullList: inputs.runUrl }, notes);
  const ticked = tickedInBody(pullRequest.body, reviewed.checklist.map((evaluated) => evaluated.item));
  const manual = [...signOffLines(signOffsOf(policy)), '- [ ] Approval by the code owners of every file outside the PM zone'];
  const checklistResults = checklistLines(reviewed.checklist, findings, reviewed.applicable, ticked, MAX_FINDINGS_PER_ITEM);
  const comment = stickyComment({ result: review, verdict: result, checklist: checklistResults, manual, fullList: inputs.runUrl, notes });
  return { result, review, annotations: annotationsOf(findings), summary, comment, blockers, warnings };
}

/** Manual items the description shows ticked (`☑ item`, as "Open pull request" writes them, or `- [x] item`). */
function tickedInBody(body: string, items: readonly { id: string; text: string; manual?: boolean }[]): Set<string> {
  const ticked = new Set<string>();
  const lines = body.split(/\r?\n/).map((line) => line.trim());
  for (const item of items) {
    const text = item.text.trim();
    if (lines.some((line) => (line.startsWith('- ☑') || /^- \[x\]/i.test(line)) && line.includes(text))) ticked.add(item.id);
  }
  return ticked;
}
