// The audit trail written for people: a terminal block per pull request, and
// Markdown for the compliance walkthrough, each link a URL.

import { escapeMarkdownText, inlineCode } from '../text/markdown';
import { escapeControls } from '../text/terminal';
import { markdownLink } from './links';
import { MISSING_LINKS, type Approval, type AuditedPullRequest, type AuditReport, type FlagFlip, type FlagState } from './model';
import type { ReviewAtMerge } from './reviewAtMerge';

export function auditText(report: AuditReport): string {
  if (report.pullRequests.length === 0) return `${report.repository}: no PM-authored pull request in this range: nothing to audit.\n`;
  const lines = [headline(report)];
  for (const pull of report.pullRequests) {
    const { intent, implementation, deployment } = pull;
    lines.push('', `#${pull.number} ${implementation.title} (${implementation.author}) ${pull.complete ? 'complete' : 'INCOMPLETE'}`);
    const planningPull = intent.pullRequest ? ` (planning PR #${intent.pullRequest.number}${intent.pullRequest.driApproved === true ? ', approved by the DRI' : intent.pullRequest.driApproved === false ? ', not approved by the DRI' : ''})` : '';
    lines.push(`  intent          ${intent.commit ? `${intent.planningPath} added in ${intent.commit.sha.slice(0, 7)} by ${intent.commit.author}, ${intent.commit.date}${planningPull}  ${intent.commit.url}` : 'none'}`);
    const approvals = implementation.approvals.map(approverWords).join(', ') || 'no approval';
    lines.push(`  implementation  ${implementation.url}, opened ${implementation.openedAt}, ${implementation.mergedAt ? `merged ${implementation.mergedAt}` : 'not merged'}; ${approvals}${implementation.review ? `; ${reviewWords(implementation.review)}` : ''}`);
    if (deployment) lines.push(`  deployment      ${deploymentLine(pull, (flip) => `${flipWords(flip)} in ${flip.sha ? flip.sha.slice(0, 7) : flip.logLine} by ${flip.author}, ${flip.date}`)}`);
    for (const link of pull.missing) lines.push(`  missing: ${MISSING_LINKS[link]}`);
  }
  if (report.github) lines.push('', requestsLine(report.github));
  // Titles, names and paths are GitHub's and git's text: no escape sequence of theirs reaches the terminal.
  return `${lines.map((line) => escapeControls(line, { oneLine: true })).join('\n')}\n`;
}

/** One table row per pull request, then the missing links in words: what a compliance lead walks through. */
export function auditMarkdown(report: AuditReport): string {
  const lines = [`# Audit trail: ${escapeMarkdownText(report.repository)}`, ''];
  if (report.pullRequests.length === 0) return `${lines.join('\n')}No PM-authored pull request in this range: nothing to audit.\n`;
  lines.push(`${headline(report)}.`, '', '| pull request | intent | implementation | deployment | chain |', '| --- | --- | --- | --- | --- |');
  for (const pull of report.pullRequests) {
    const { intent, implementation, deployment } = pull;
    const title = `${markdownLink(`#${pull.number} ${escapeMarkdownText(implementation.title)}`, implementation.url)} by ${escapeMarkdownText(implementation.author)}`;
    const planning = intent.commit && intent.planningPath ? `${markdownLink(inlineCode(intent.planningPath), intent.commit.url)} ${day(intent.commit.date)}` : '—';
    const approvals = implementation.approvals.map((approval) => markdownLink(escapeMarkdownText(approverWords(approval)), approval.url)).join(', ') || 'no approval';
    const merged = implementation.mergedAt ? `merged ${implementation.mergeCommit ? markdownLink(day(implementation.mergedAt), implementation.mergeCommit.url) : day(implementation.mergedAt)}` : 'not merged';
    const shipped = deployment ? escapeCell(deploymentLine(pull, (flip) => `${flip.url ? markdownLink(escapeMarkdownText(flipWords(flip)), flip.url) : `${escapeMarkdownText(flipWords(flip))} (${escapeMarkdownText(flip.logLine ?? 'flag log')})`} ${day(flip.date)}`)) : '—';
    const chain = pull.complete ? '✅ complete' : `❌ ${pull.missing.map((link) => MISSING_LINKS[link]).join('; ')}`;
    const review = implementation.review ? `; ${markdownLink(reviewWords(implementation.review), implementation.review.url)}` : '';
    lines.push(`| ${title} | ${planning} | opened ${day(implementation.openedAt)}, ${merged}; ${approvals}${review} | ${shipped} | ${chain} |`);
  }
  return `${lines.join('\n')}\n`;
}

function requestsLine(github: NonNullable<AuditReport['github']>): string {
  return `GitHub: ${github.requests} requests, ${github.notModified} answered "not modified" from the copy kept in the git folder, ${github.reused} answers reused without asking (review lists of unchanged pull requests, finished gate checks, reviews recomputed at merge).`;
}

/** `@dana (code owner)`: who approved, and whether CODEOWNERS names them for the change. */
export function approverWords(approval: Approval): string {
  return `${approval.reviewer}${approval.codeOwner ? ' (code owner)' : ''}`;
}

/** "PM PR Review passed (CI gate)", "PM PR Review failed (recomputed: 1 blocker)". */
export function reviewWords(review: ReviewAtMerge): string {
  const how = review.source === 'ci-check' ? 'CI gate' : `recomputed${review.blockers ? `: ${review.blockers} blocker${review.blockers === 1 ? '' : 's'}` : ''}`;
  return `PM PR Review ${review.result} (${how})`;
}

function headline(report: AuditReport): string {
  const complete = report.pullRequests.filter((pull) => pull.complete).length;
  const regulated = report.regulated ? ', regulated mode: anything under 100% fails' : '';
  return `${report.repository}: ${complete} of ${report.pullRequests.length} PM-authored pull requests complete (${Math.round((report.completeness ?? 0) * 100)}%)${regulated}`;
}

function deploymentLine(pull: AuditedPullRequest, flip: (flip: FlagFlip) => string): string {
  const deployment = pull.deployment;
  if (!deployment) return '';
  if (deployment.copyOnly) return 'copy only: no flag (flag: none)';
  if (deployment.flips.length > 0) return deployment.flips.map(flip).join('; ');
  return deployment.flags.length > 0 ? `${deployment.flags.join(', ')}: no flip` : 'no flag named';
}

function flipWords(flip: FlagFlip): string {
  return `${flip.flag} ${stateWords(flip.from)} → ${stateWords(flip.to)}`;
}

function stateWords(state: FlagState | null): string {
  if (!state) return 'new';
  return `${state.enabled === null ? '?' : state.enabled ? 'on' : 'off'}${state.rollout === null ? '' : ` ${state.rollout}%`}`;
}

/** `2026-03-02` of an ISO time: the table reads by day; the links carry the rest. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
