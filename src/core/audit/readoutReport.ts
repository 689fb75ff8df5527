// The readout written for the meeting: per pilot the four numbers against
// the baseline, the PRs each came from, the decision rule line by line.

import { escapeMarkdownText } from '../text/markdown';
import { escapeControls } from '../text/terminal';
import { markdownLink } from './links';
import { METRIC_KEYS, type MeasuredPullRequest, type MetricKey, type Metrics, type Readout } from './readout';

export const METRIC_NAMES: Record<MetricKey, string> = {
  ideaToFirstCommitDays: 'idea → first commit (days)',
  reviewCycles: 'review cycles per PR',
  cycleTimeDays: 'PR opened → merged (days)',
  energy: 'PM energy (1–5)',
};

export const DECISION_WORDS: Record<Readout['decision'], string> = {
  success: 'success: expand the pilot',
  iterate: 'iterate: keep the pilot and fix what missed',
  'roll back': 'roll back to the old model',
};

export function readoutText(readout: Readout): string {
  const lines = [`${readout.repository}: pilot readout, ${readout.start} to ${readout.end} (${readout.weeks} weeks)`];
  for (const pilot of readout.pilots) {
    lines.push('', `${pilot.handle}: ${numbers(pilot.pullRequests)}; baseline ${numbers(pilot.baseline.pullRequests)}`);
    for (const key of METRIC_KEYS) lines.push(`  ${METRIC_NAMES[key].padEnd(28)} ${shown(pilot.metrics[key]).padStart(6)}   baseline ${shown(pilot.baseline[key])}`);
    for (const pull of readout.pullRequests.filter((candidate) => candidate.role === 'pilot' && candidate.pilot.toLowerCase() === pilot.handle.toLowerCase())) {
      lines.push(`  #${pull.number} primary metric: ${metricWords(pull)}`);
    }
  }
  lines.push('', `Decision: ${readout.criteriaMet} of 4 criteria met: ${DECISION_WORDS[readout.decision]}`);
  for (const criterion of readout.criteria) lines.push(`  ${criterion.met === true ? '✓' : criterion.met === false ? '✗' : '?'} ${criterion.says}`);
  if (readout.regulated) lines.push('', `Regulated: audit-trail completeness ${percent(readout.regulated.auditCompleteness)}, ${readout.regulated.complianceFindings} compliance findings in review`);
  // Titles and handles are GitHub's text: no escape sequence of theirs reaches the terminal.
  return `${lines.map((line) => escapeControls(line, { oneLine: true })).join('\n')}\n`;
}

export function readoutMarkdown(readout: Readout, charts: { timeline?: string; comparison?: string } = {}): string {
  const lines = [`# Pilot readout: ${escapeMarkdownText(readout.repository)}`, '', `${readout.start} to ${readout.end} (${readout.weeks} weeks).`, ''];
  lines.push(`**Decision: ${readout.criteriaMet} of 4 criteria met — ${DECISION_WORDS[readout.decision]}.**`, '');
  for (const criterion of readout.criteria) lines.push(`- ${criterion.met === true ? '✅' : criterion.met === false ? '❌' : '❔ not decidable:'} ${escapeMarkdownText(criterion.says)}`);
  if (readout.regulated) lines.push(`- Regulated: audit-trail completeness ${percent(readout.regulated.auditCompleteness)}; ${readout.regulated.complianceFindings} compliance findings in review`);
  if (charts.comparison) lines.push('', charts.comparison);
  for (const pilot of readout.pilots) {
    lines.push('', `## ${escapeMarkdownText(pilot.handle)}`, '', '| metric | pilot | baseline |', '| --- | --- | --- |');
    for (const key of METRIC_KEYS) lines.push(`| ${METRIC_NAMES[key]} | ${shown(pilot.metrics[key])} | ${shown(pilot.baseline[key])} |`);
    lines.push(`| pull requests | ${links(readout, pilot.pullRequests)} | ${links(readout, pilot.baseline.pullRequests)} |`);
  }
  lines.push('', '## Pull requests', '', '| PR | role | idea → first commit | review cycles | opened → merged | energy | primary metric |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const pull of readout.pullRequests) {
    lines.push(`| ${markdownLink(`#${pull.number} ${escapeMarkdownText(pull.title)}`, pull.url)} | ${pull.role} (${escapeMarkdownText(pull.pilot)}) | ${shown(pull.ideaToFirstCommitDays)} | ${shown(pull.reviewCycles)} | ${shown(pull.cycleTimeDays)} | ${shown(pull.energy)} | ${escapeMarkdownText(metricWords(pull)).replace(/\|/g, '\\|')} |`);
  }
  if (charts.timeline) lines.push('', charts.timeline);
  lines.push('', '"—" is no data, never zero. Each mean is over the pull requests that have the number.');
  return `${lines.join('\n')}\n`;
}

export function metricWords(pull: MeasuredPullRequest): string {
  const metric = pull.primaryMetric;
  if (!metric || !metric.metric) return pull.planningPath ? 'no primary metric written' : 'no PLANNING.md';
  const result = metric.result ?? 'no result recorded yet';
  const moved = metric.moved === null ? '' : metric.moved ? ' (moved as expected)' : ' (did not move as expected)';
  return `${metric.metric}: ${metric.baseline ?? 'no baseline'} → ${result}${moved}`;
}

function shown(value: Metrics[MetricKey]): string {
  return value === null ? '—' : String(value);
}

function numbers(pulls: readonly number[]): string {
  return pulls.length === 0 ? 'no pull requests' : pulls.map((number) => `#${number}`).join(', ');
}

function links(readout: Readout, pulls: readonly number[]): string {
  if (pulls.length === 0) return '—';
  return pulls.map((number) => markdownLink(`#${number}`, readout.pullRequests.find((pull) => pull.number === number)?.url)).join(', ');
}

function percent(value: number | null): string {
  return value === null ? '— (nothing to audit)' : `${Math.round(value * 100)}%`;
}
