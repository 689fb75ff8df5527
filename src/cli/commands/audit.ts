// `pm-zone audit`: the chain of every PM-authored pull request, from the
// PLANNING.md commit to the flag flips after the merge, for the compliance
// walkthrough. GitHub answers through its REST API with the token from the
// environment, sent only where `pm-zone pr` would send it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { auditMarkdown, auditText, auditTrail, FlagLogError, isPmAuthored, MissingHistoryError, readFlagLog, readPullRequests, type AuditReport, type FlagLogEntry } from '../../core/audit';
import { commonDir, Git, remoteRepository } from '../../core/git';
import { describeWait, GitHubError, ResponseCache, tokenDestination, webHostOf } from '../../core/pr';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [--format text|json|markdown] [--flag-log FILE] [--since DATE] [--pr N]… [--repo OWNER/NAME] [--api-url URL] [--until REF] [--no-cache]',
  summary: 'the audit trail of every PM-authored pull request: the PLANNING.md commit, the pull request, its approvals and merge, the flag flips after it, and each missing link named (GITHUB_TOKEN or GH_TOKEN); exit 1 in regulated mode when anything is missing',
  options: { 'flag-log': { type: 'string' }, format: { type: 'string' }, since: { type: 'string' }, pr: { type: 'string', multiple: true }, repo: { type: 'string' }, 'api-url': { type: 'string' }, until: { type: 'string' }, 'no-cache': { type: 'boolean' } },
  async run(input) {
    const { values } = input;
    const numbers = ((values.pr as string[] | undefined) ?? []).map((value) => {
      if (!/^\d+$/.test(value)) throw new UsageError(`--pr takes a pull request number, not '${value}'`);
      return Number(value);
    });
    const format = (values.format as string | undefined) ?? (input.global.json ? 'json' : 'text');
    if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format takes text, json or markdown, not '${format}'`);
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
    const flagLog = values['flag-log'] === undefined ? undefined : await readFlagLogFile(String(values['flag-log']), input.global.cwd);
    // Kept in the git folder, never in the work tree: a second run of the same range asks GitHub almost nothing new.
    const cache = values['no-cache'] ? ResponseCache.inMemory() : await ResponseCache.open(path.join(await commonDir(git), 'pm-zone', 'github-cache.json'));
    let report: AuditReport;
    try {
      const pullRequests = await readPullRequests({ owner: target.owner, repo: target.repo, numbers, since }, { token, apiUrl: destination.apiUrl, cache }, (pull) => isPmAuthored(pull, context.policy));
      report = { ...(await auditTrail({ git, policy: context.policy, repository: `${target.owner}/${target.repo}`, pullRequests, until, flagLog })), github: cache.counts };
    } catch (error) {
      if (error instanceof GitHubError && error.kind === 'rate-limited') {
        const wait = error.retryAfterSeconds === undefined ? 'later' : `in ${describeWait(error.retryAfterSeconds)}`;
        throw new CliFailure(`${error.summary} Run the audit again ${wait}: the answers read so far are kept in the git folder, so it asks GitHub only for the rest. Nothing was audited.`);
      }
      if (error instanceof GitHubError) throw new CliFailure(`${error.summary} ${error.nextStep}`.split(token).join('***'));
      if (error instanceof MissingHistoryError) throw new CliFailure(error.message);
      throw error;
    } finally {
      // What was gathered before a failure (a rate limit, the network) is kept for the next run.
      await cache.save();
    }
    if (format === 'json') writeJson(input, report);
    else input.io.stdout.write(format === 'markdown' ? auditMarkdown(report) : auditText(report));
    return report.regulated && report.completeness !== null && report.completeness < 1 ? 1 : 0;
  },
};

/** The flag system's exported log, read whole; an unreadable or malformed file stops the audit, naming where. */
async function readFlagLogFile(file: string, cwd: string): Promise<FlagLogEntry[]> {
  const text = await fs.readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliFailure(`cannot read the flag log ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  try {
    return readFlagLog(text, file);
  } catch (error) {
    if (error instanceof FlagLogError) throw new CliFailure(`${error.message} Nothing was audited.`);
    throw error;
  }
}
