// The readout's charts, drawn with Vega-Lite and rendered to SVG in Node (no
// browser, no canvas): a timeline of every pull request from idea to merge,
// and the pilot's means against the baseline's. Each is a self-contained
// `<svg>` that Markdown viewers, the HTML report and the webview all show.

import { METRIC_KEYS, type Readout } from './readout';
import { METRIC_NAMES } from './readoutReport';
import { reportHref } from './links';

export interface ReadoutCharts {
  timeline?: string;
  comparison?: string;
}

/** Both charts as SVG, or none when there is nothing to draw. */
export async function readoutCharts(readout: Readout, colors: ChartColors = LIGHT): Promise<ReadoutCharts> {
  const charts: ReadoutCharts = {};
  const timeline = timelineSpec(readout, colors);
  const comparison = comparisonSpec(readout, colors);
  if (timeline) charts.timeline = await toSvg(timeline);
  if (comparison) charts.comparison = await toSvg(comparison);
  return charts;
}

export interface ChartColors {
  text: string;
  grid: string;
  pilot: string;
  baseline: string;
  background: string | null;
}

export const LIGHT: ChartColors = { text: '#1f2328', grid: '#d0d7de', pilot: '#0969da', baseline: '#8c959f', background: '#ffffff' };

type Spec = Record<string, unknown>;

/** One bar per pull request from its first planning commit (or its opening) to its merge, coloured pilot or baseline. */
export function timelineSpec(readout: Readout, colors: ChartColors): Spec | undefined {
  const rows = readout.pullRequests.flatMap((pull) => {
    const from = pull.ideaAt ?? pull.openedAt;
    const to = pull.mergedAt;
    return to ? [{ pr: `#${pull.number} ${pull.title}`.slice(0, 48), role: pull.role, from, opened: pull.openedAt, to, url: reportHref(pull.url) ?? null }] : [];
  });
  if (rows.length === 0) return undefined;
  return {
    ...base(colors, 'Each pull request: idea (first PLANNING.md commit) → opened → merged'),
    width: 560,
    height: { step: 18 },
    data: { values: rows },
    layer: [
      { mark: { type: 'bar', height: 4, opacity: 0.5 }, encoding: { y: { field: 'pr', type: 'nominal', sort: { field: 'from' }, title: null }, x: { field: 'from', type: 'temporal', title: null }, x2: { field: 'opened' }, color: roleColor(colors) } },
      { mark: { type: 'bar', height: 12 }, encoding: { y: { field: 'pr', type: 'nominal', sort: { field: 'from' } }, x: { field: 'opened', type: 'temporal' }, x2: { field: 'to' }, color: roleColor(colors), href: { field: 'url' } } },
    ],
  };
}

/** The pilot's mean of each metric beside the baseline's; a metric with no data on either side is left out, not drawn as zero. */
export function comparisonSpec(readout: Readout, colors: ChartColors): Spec | undefined {
  const rows = readout.pilots.flatMap((pilot) => METRIC_KEYS.flatMap((key) => [
    ...(pilot.metrics[key] === null ? [] : [{ pilot: pilot.handle, metric: METRIC_NAMES[key], role: 'pilot', value: pilot.metrics[key] }]),
    ...(pilot.baseline[key] === null ? [] : [{ pilot: pilot.handle, metric: METRIC_NAMES[key], role: 'baseline', value: pilot.baseline[key] }]),
  ]));
  if (rows.length === 0) return undefined;
  return {
    ...base(colors, 'Pilot against baseline (means; a missing bar is missing data)'),
    data: { values: rows },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: METRIC_KEYS.map((key) => METRIC_NAMES[key]) } },
    spec: {
      width: 110,
      height: 140,
      mark: 'bar',
      encoding: {
        x: { field: 'role', type: 'nominal', sort: ['baseline', 'pilot'], title: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'pilot', type: 'nominal' },
        y: { field: 'value', type: 'quantitative', title: null },
        color: roleColor(colors),
        tooltip: [{ field: 'pilot' }, { field: 'role' }, { field: 'value' }],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

function base(colors: ChartColors, title: string): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, color: colors.text, anchor: 'start' },
    background: colors.background,
    config: {
      font: 'sans-serif',
      axis: { labelColor: colors.text, titleColor: colors.text, gridColor: colors.grid, domainColor: colors.grid, tickColor: colors.grid },
      legend: { labelColor: colors.text, titleColor: colors.text },
      header: { labelColor: colors.text, titleColor: colors.text },
      view: { stroke: null },
    },
  };
}

function roleColor(colors: ChartColors): Spec {
  return { field: 'role', type: 'nominal', title: null, scale: { domain: ['pilot', 'baseline'], range: [colors.pilot, colors.baseline] } };
}

/** Vega-Lite → Vega → SVG with Vega's headless renderer. */
export async function toSvg(spec: Spec): Promise<string> {
  // Dynamic: the bundle keeps both in dist/vega.js, loaded on the first chart (see vegaBundle.ts).
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
