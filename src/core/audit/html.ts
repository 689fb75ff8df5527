// The audit trail and the readout as HTML, for the editor's webview and for
// `--format html`: built as a syntax tree with hastscript and serialised by
// hast-util-to-html, which escapes every text and attribute. The charts are
// Vega's own SVG, inserted as given. Links carry `data-open`, and the page
// lists them, so a host that does not follow links itself (the webview) can
// open them on request, and only them.

import type { Element, ElementContent, Nodes, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { MISSING_LINKS, type AuditReport } from './model';
import { METRIC_KEYS, type Readout } from './readout';
import { DECISION_WORDS, METRIC_NAMES, metricWords } from './readoutReport';
import { approverWords, reviewWords } from './report';
import type { ReadoutCharts } from './charts';
import { reportHref } from './links';

const mark = (met: boolean | null) => (met === true ? '✅' : met === false ? '❌' : '❔');
const shown = (value: number | null) => (value === null ? '—' : String(value));

/** A report as HTML, with every link it holds: a host that opens links on request opens these and nothing else. */
export interface ReportPage {
  html: string;
  links: string[];
}

export function page(tree: Root): ReportPage {
  const links = new Set<string>();
  const walk = (node: Nodes) => {
    if (node.type === 'element' && typeof node.properties.href === 'string') links.add(node.properties.href);
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
  // The charts are Vega's SVG, inserted as given; their links are the pull requests the tables already link.
  return { html: toHtml(tree, { allowDangerousHtml: true }), links: [...links] };
}

/** A link when the address may be one (see links.ts), else the words alone. */
export function link(url: string, text: string): Element | string {
  const href = reportHref(url);
  return href ? h('a', { href, dataOpen: href }, text) : text;
}

function chart(svg: string | undefined, label: string): ElementContent[] {
  return svg ? [h('figure', { className: ['chart'], role: 'img', ariaLabel: label }, [{ type: 'raw', value: svg } as unknown as ElementContent])] : [];
}

export function readoutHtml(readout: Readout, charts: ReadoutCharts = {}): ReportPage {
  const pullUrl = (number: number) => readout.pullRequests.find((pull) => pull.number === number)?.url ?? '';
  const pullLinks = (numbers: readonly number[]): Array<string | Element> => (numbers.length === 0 ? ['—'] : numbers.flatMap((number, index) => [...(index > 0 ? [', '] : []), link(pullUrl(number), `#${number}`)]));
  const tree: Root = h(null, [
    h('h1', `Pilot readout: ${readout.repository}`),
    h('p', { className: ['period'] }, `${readout.start} to ${readout.end} (${readout.weeks} weeks)`),
    h('section', { className: ['decision', readout.decision.replace(' ', '-')] }, [
      h('h2', `${readout.criteriaMet} of 4 criteria met: ${DECISION_WORDS[readout.decision]}`),
      h('ul', readout.criteria.map((criterion) => h('li', `${mark(criterion.met)} ${criterion.says}`))),
      ...(readout.regulated ? [h('p', `Regulated: audit-trail completeness ${readout.regulated.auditCompleteness === null ? '— (nothing to audit)' : `${Math.round(readout.regulated.auditCompleteness * 100)}%`}; ${readout.regulated.complianceFindings} compliance findings in review`)] : []),
    ]),
    ...chart(charts.comparison, 'Pilot against baseline, each metric'),
    ...readout.pilots.map((pilot) => h('section', [
      h('h2', pilot.handle),
      h('table', [
        h('thead', h('tr', [h('th', 'metric'), h('th', 'pilot'), h('th', 'baseline')])),
        h('tbody', [
          ...METRIC_KEYS.map((key) => h('tr', [h('td', METRIC_NAMES[key]), h('td', shown(pilot.metrics[key])), h('td', shown(pilot.baseline[key]))])),
          h('tr', [h('td', 'pull requests'), h('td', pullLinks(pilot.pullRequests)), h('td', pullLinks(pilot.baseline.pullRequests))]),
        ]),
      ]),
    ])),
    ...chart(charts.timeline, 'Each pull request from idea to merge'),
    h('h2', 'Pull requests'),
    h('table', [
      h('thead', h('tr', ['PR', 'role', 'idea → first commit', 'review cycles', 'opened → merged', 'energy', 'primary metric'].map((title) => h('th', title)))),
      h('tbody', readout.pullRequests.map((pull) => h('tr', [
        h('td', link(pull.url, `#${pull.number} ${pull.title}`)),
        h('td', `${pull.role} (${pull.pilot})`),
        h('td', shown(pull.ideaToFirstCommitDays)),
        h('td', shown(pull.reviewCycles)),
        h('td', shown(pull.cycleTimeDays)),
        h('td', shown(pull.energy)),
        h('td', metricWords(pull)),
      ]))),
    ]),
    h('p', { className: ['note'] }, '"—" is no data, never zero. Each mean is over the pull requests that have the number.'),
  ]);
  return page(tree);
}

export function auditHtml(report: AuditReport): ReportPage {
  const complete = report.pullRequests.filter((pull) => pull.complete).length;
  const tree: Root = h(null, [
    h('h1', `Audit trail: ${report.repository}`),
    report.pullRequests.length === 0
      ? h('p', 'No PM-authored pull request in this range: nothing to audit.')
      : h('p', { className: ['decision', complete === report.pullRequests.length ? 'success' : 'roll-back'] }, `${complete} of ${report.pullRequests.length} PM-authored pull requests complete (${Math.round((report.completeness ?? 0) * 100)}%)${report.regulated ? '; regulated mode: anything under 100% fails' : ''}`),
    ...(report.pullRequests.length === 0 ? [] : [h('table', [
      h('thead', h('tr', ['pull request', 'intent', 'implementation', 'deployment', 'chain'].map((title) => h('th', title)))),
      h('tbody', report.pullRequests.map((pull) => {
        const { intent, implementation } = pull;
        return h('tr', [
          h('td', [link(implementation.url, `#${pull.number} ${implementation.title}`), ` by ${implementation.author}`]),
          h('td', intent.commit && intent.planningPath ? [link(intent.commit.url, intent.planningPath), ` ${intent.commit.date.slice(0, 10)}`] : ['—']),
          h('td', [
            `opened ${implementation.openedAt.slice(0, 10)}, `,
            ...(implementation.mergedAt && implementation.mergeCommit ? ['merged ', link(implementation.mergeCommit.url, implementation.mergedAt.slice(0, 10))] : [implementation.mergedAt ? `merged ${implementation.mergedAt.slice(0, 10)}` : 'not merged']),
            '; ',
            ...(implementation.approvals.length === 0 ? ['no approval'] : implementation.approvals.flatMap((approval, index) => [...(index > 0 ? [', '] : []), link(approval.url, approverWords(approval))])),
            ...(implementation.review ? ['; ', implementation.review.url ? link(implementation.review.url, reviewWords(implementation.review)) : reviewWords(implementation.review)] : []),
          ]),
          h('td', deploymentCell(pull.deployment)),
          h('td', pull.complete ? '✅ complete' : `❌ ${pull.missing.map((missing) => MISSING_LINKS[missing]).join('; ')}`),
        ]);
        function deploymentCell(shipped: AuditReport['pullRequests'][number]['deployment']): Array<string | Element> {
          if (!shipped) return ['—'];
          if (shipped.copyOnly) return ['copy only: no flag (flag: none)'];
          if (shipped.flips.length === 0) return [shipped.flags.length > 0 ? `${shipped.flags.join(', ')}: no flip` : 'no flag named'];
          return shipped.flips.flatMap((flip, index) => {
            const words = `${flip.flag} ${state(flip.from)} → ${state(flip.to)} ${flip.date.slice(0, 10)}`;
            return [...(index > 0 ? ['; '] : []), flip.url ? link(flip.url, words) : `${words} (${flip.logLine ?? 'flag log'})`];
          });
        }
      })),
    ])]),
  ]);
  return page(tree);
}

function state(value: { enabled: boolean | null; rollout: number | null } | null): string {
  if (!value) return 'new';
  return `${value.enabled === null ? '?' : value.enabled ? 'on' : 'off'}${value.rollout === null ? '' : ` ${value.rollout}%`}`;
}

/** A page of its own for `--format html`: opened in any browser, printed for the meeting. */
export function standalonePage(title: string, body: string): string {
  const head = toHtml(h(null, [h('meta', { charset: 'utf-8' }), h('title', title)]));
  const style = 'body{font:15px/1.5 system-ui,sans-serif;color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}'
    + 'table{border-collapse:collapse}th,td{text-align:left;padding:4px 12px 4px 0;border-bottom:1px solid #d0d7de;vertical-align:top}'
    + 'th{color:#59636e}.period,.note{color:#59636e}a{color:#0969da}'
    + '.decision{border-left:4px solid #bf8700;padding:2px 12px;background:#f6f8fa}.decision.success{border-color:#1a7f37}.decision.roll-back{border-color:#cf222e}';
  return `<!DOCTYPE html>\n<html lang="en">\n<head>${head}<style>${style}</style></head>\n<body>\n${body}\n</body>\n</html>\n`;
}
