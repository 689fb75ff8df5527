// `pm-zone audit`: the chain of every PM-authored pull request, from the
// PLANNING.md commit to the flag flips after the merge, for the compliance
// walkthrough.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { HISTORY_OPTIONS, openGitHubHistory, readingHistory } from '../githubHistory';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { auditFromGitHub, auditHtml, auditMarkdown, auditText, FlagLogError, readFlagLog, standalonePage, type FlagLogEntry } from '../../core/audit';
import { formatOption, REPORT_FORMATS } from '../options';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [--format text|json|markdown|html] [--flag-log FILE] [--since DATE] [--to DATE] [--pr N]… [--repo OWNER/NAME] [--api-url URL] [--until REF] [--no-cache]',
  summary: 'the audit trail of every PM-authored pull request: the PLANNING.md commit, the pull request, its approvals and merge, the flag flips after it, and each missing link named (GITHUB_TOKEN or GH_TOKEN); exit 1 in regulated mode when anything is missing',
  options: {
    ...formatOption(REPORT_FORMATS, 'the audit trail'),
    'flag-log': { type: 'string', value: 'FILE', complete: 'file', description: "a flag system's log of flag flips (JSON or CSV), for the deployment link" },
    since: { type: 'string', value: 'DATE', description: 'only pull requests merged on or after DATE' },
    to: { type: 'string', value: 'DATE', description: 'only pull requests merged on or before DATE' },
    pr: { type: 'string', multiple: true, value: 'N', description: 'only pull request N (repeatable)' },
    ...HISTORY_OPTIONS,
  },
  async run(input) {
    const { values } = input;
    const numbers = ((values.pr as string[] | undefined) ?? []).map((value) => {
      if (!/^\d+$/.test(value)) throw new UsageError(`--pr takes a pull request number, not '${value}'`);
      return Number(value);
    });
    const format = (values.format as string | undefined) ?? (input.global.json ? 'json' : 'text');
    if (!['text', 'json', 'markdown', 'html'].includes(format)) throw new UsageError(`--format takes text, json, markdown or html, not '${format}'`);
    const since = values.since === undefined ? undefined : String(values.since);
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw new UsageError(`--since takes a date such as 2026-03-01, not '${since}'`);
    const to = values.to === undefined ? undefined : String(values.to);
    if (to !== undefined && Number.isNaN(Date.parse(to))) throw new UsageError(`--to takes a date such as 2026-03-31, not '${to}'`);
    // A day names all of it: --to 2026-03-31 keeps what was opened on the 31st.
    const before = to === undefined ? undefined : new Date(Date.parse(to) + (/^\d{4}-\d{2}-\d{2}$/.test(to) ? 86_400_000 : 0)).toISOString();
    const context = await openRepository(input.global, { requireGit: true });
    const history = await openGitHubHistory(input, context.git!, context.policy, 'audit');
    const flagLog = values['flag-log'] === undefined ? undefined : await readFlagLogFile(String(values['flag-log']), input.global.cwd);
    const report = await readingHistory(history, () => auditFromGitHub(history, { numbers, since, before, flagLog }), 'Nothing was audited.');
    if (format === 'json') writeJson(input, report);
    else if (format === 'html') input.io.stdout.write(standalonePage(`Audit trail: ${report.repository}`, auditHtml(report).html));
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
