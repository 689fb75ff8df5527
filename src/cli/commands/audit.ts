// `pm-zone audit`: the chain of every PM-authored pull request, from the
// PLANNING.md commit to the flag flips after the merge, for the compliance
// walkthrough. GitHub answers through its REST API with the token from the
// environment, sent only where `pm-zone pr` would send it.

import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { auditTrail, MISSING_LINKS, readPullRequests, type AuditReport } from '../../core/audit';
import { Git, remoteRepository } from '../../core/git';
import { GitHubError, tokenDestination, webHostOf } from '../../core/pr';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [--since DATE] [--pr N]… [--repo OWNER/NAME] [--api-url URL] [--until REF]',
  summary: 'the audit trail of every PM-authored pull request: the PLANNING.md commit, the pull request, its approvals and merge, the flag flips after it, and each missing link named (GITHUB_TOKEN or GH_TOKEN); exit 1 in regulated mode when anything is missing',
  options: { since: { type: 'string' }, pr: { type: 'string', multiple: true }, repo: { type: 'string' }, 'api-url': { type: 'string' }, until: { type: 'string' } },
  async run(input) {
    const { values } = input;
    const numbers = ((values.pr as string[] | undefined) ?? []).map((value) => {
      if (!/^\d+$/.test(value)) throw new UsageError(`--pr takes a pull request number, not '${value}'`);
      return Number(value);
    });
    const since = values.since === undefined ? undefined : String(values.since);
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw new UsageError(`--since takes a date such as 2026-03-01, not '${since}'`);
    const context = await openRepository(input.global);
    const git = new Git(context.root);
    const token = (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
    if (!token) throw new CliFailure('the audit reads pull requests from GitHub: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the repository.');
    const apiUrl = (values['api-url'] as string | undefined)?.trim() || input.io.env.GITHUB_API_URL?.trim() || undefined;
    const origin = await remoteRepository(git);
    const named = values.repo === undefined ? undefined : /^([\w.-]+)\/([\w.-]+)$/.exec(String(values.repo));
    if (values.repo !== undefined && !named) throw new UsageError(`--repo takes OWNER/NAME, such as acme/shop, not '${String(values.repo)}'`);
    const target = named ? { host: apiUrl ? webHostOf(apiUrl) : (origin?.host ?? 'github.com'), owner: named[1]!, repo: named[2]! } : origin;
    if (!target) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');
    const destination = tokenDestination(target, apiUrl);
    if (!destination.ok) throw new CliFailure(destination.message);
    const until = String(values.until ?? 'HEAD');
    let report: AuditReport;
    try {
      const pullRequests = await readPullRequests({ owner: target.owner, repo: target.repo, numbers, since }, { token, apiUrl: destination.apiUrl });
      report = await auditTrail({ git, policy: context.policy, repository: `${target.owner}/${target.repo}`, pullRequests, until });
    } catch (error) {
      if (error instanceof GitHubError) throw new CliFailure(`${error.summary} ${error.nextStep}`.split(token).join('***'));
      throw error;
    }
    if (input.global.json) writeJson(input, report);
    else input.io.stdout.write(auditText(report));
    return report.regulated && report.completeness !== null && report.completeness < 1 ? 1 : 0;
  },
};

/** The report for a terminal: one block per pull request, each missing link in words. */
export function auditText(report: AuditReport): string {
  if (report.pullRequests.length === 0) return `${report.repository}: no PM-authored pull request in this range: nothing to audit.\n`;
  const lines = [`${report.repository}: ${report.pullRequests.filter((pull) => pull.complete).length} of ${report.pullRequests.length} PM-authored pull requests complete (${Math.round((report.completeness ?? 0) * 100)}%)${report.regulated ? ', regulated mode: anything under 100% fails' : ''}`];
  for (const pull of report.pullRequests) {
    const { intent, implementation, deployment } = pull;
    lines.push('', `#${pull.number} ${implementation.title} (${implementation.author}) ${pull.complete ? 'complete' : 'INCOMPLETE'}`);
    lines.push(`  intent          ${intent.commit ? `${intent.planningPath} added in ${intent.commit.sha.slice(0, 7)} by ${intent.commit.author}, ${intent.commit.date}  ${intent.commit.url}` : 'none'}`);
    const approvals = implementation.approvals.map((approval) => approval.reviewer).join(', ') || 'no approval';
    lines.push(`  implementation  ${implementation.url}, opened ${implementation.openedAt}, ${implementation.mergedAt ? `merged ${implementation.mergedAt}` : 'not merged'}; ${approvals}`);
    if (deployment) {
      const flips = deployment.flips.map((flip) => `${flip.flag} ${describeState(flip.from)} → ${describeState(flip.to)} in ${flip.sha.slice(0, 7)} by ${flip.author}, ${flip.date}`);
      lines.push(`  deployment      ${deployment.copyOnly ? 'copy only: no flag (flag: none)' : flips.join('; ') || (deployment.flags.length > 0 ? `${deployment.flags.join(', ')}: no flip` : 'no flag named')}`);
    }
    for (const link of pull.missing) lines.push(`  missing: ${MISSING_LINKS[link]}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeState(state: { enabled: boolean | null; rollout: number | null } | null): string {
  if (!state) return 'new';
  return `${state.enabled === null ? '?' : state.enabled ? 'on' : 'off'}${state.rollout === null ? '' : ` ${state.rollout}%`}`;
}
