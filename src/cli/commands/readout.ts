// `pm-zone readout`: the end-of-pilot numbers per pilot PM against the
// baseline of the features shipped just before, and the decision rule.

import type { CliCommand } from '../commands';
import { UsageError } from '../errors';
import { HISTORY_OPTIONS, openGitHubHistory, readingHistory } from '../githubHistory';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { readoutCharts, readoutFromGitHub, readoutHtml, readoutMarkdown, readoutText, standalonePage } from '../../core/audit';
import { formatOption, REPORT_FORMATS } from '../options';

export const readoutCommand: CliCommand = {
  name: 'readout',
  usage: 'readout --start DATE [--weeks N] [--baseline-prs N,N,…] [--format text|json|markdown|html] [--repo OWNER/NAME] [--api-url URL] [--until REF] [--no-cache]',
  summary: "the pilot's readout: per pilot PM, idea to first commit, review cycles, cycle time and energy against the four features shipped before the start, the primary metric as written, and the decision (success, iterate or roll back) by the seed's rule (GITHUB_TOKEN or GH_TOKEN)",
  options: {
    start: { type: 'string', value: 'DATE', description: "the pilot's first day (required)" },
    weeks: { type: 'string', value: 'N', description: "the pilot's length in weeks (default 4)" },
    'baseline-prs': { type: 'string', value: 'N,N,…', description: 'the baseline features by pull request number (default: the four merged in the pilots\' folders before the start)' },
    ...formatOption(REPORT_FORMATS, 'the readout'),
    ...HISTORY_OPTIONS,
  },
  async run(input) {
    const { values } = input;
    const start = values.start === undefined ? undefined : String(values.start);
    if (start === undefined || !/^\d{4}-\d{2}-\d{2}/.test(start) || Number.isNaN(Date.parse(start))) throw new UsageError(`--start takes the pilot's first day, such as 2026-03-02${start === undefined ? '' : `, not '${start}'`}`);
    const weeks = values.weeks === undefined ? 4 : Number(values.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw new UsageError(`--weeks takes a whole number of weeks from 1 to 52, not '${String(values.weeks)}'`);
    const baselinePrs = values['baseline-prs'] === undefined ? undefined : String(values['baseline-prs']).split(',').map((value) => {
      if (!/^\s*\d+\s*$/.test(value)) throw new UsageError(`--baseline-prs takes pull request numbers separated by commas, such as 12,15,19,22, not '${String(values['baseline-prs'])}'`);
      return Number(value);
    });
    const format = (values.format as string | undefined) ?? (input.global.json ? 'json' : 'text');
    if (!['text', 'json', 'markdown', 'html'].includes(format)) throw new UsageError(`--format takes text, json, markdown or html, not '${format}'`);
    const context = await openRepository(input.global, { requireGit: true });
    const history = await openGitHubHistory(input, context.git!, context.policy, 'readout');
    const readout = await readingHistory(history, () => readoutFromGitHub(history, { start, weeks, baselinePrs }), 'Nothing was read out.');
    if (format === 'json') writeJson(input, { ...readout, github: history.options.cache.counts });
    else if (format === 'markdown') input.io.stdout.write(readoutMarkdown(readout, await readoutCharts(readout)));
    else if (format === 'html') input.io.stdout.write(standalonePage(`Pilot readout: ${readout.repository}`, readoutHtml(readout, await readoutCharts(readout)).html));
    else input.io.stdout.write(readoutText(readout));
    return 0;
  },
};
