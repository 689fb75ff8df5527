// The primary metric as the PM wrote it in PLANNING.md's "Primary metric and
// baseline" section (`- Metric: …`, `- Baseline: …`, `- Expected direction:
// up`, and after launch `- Result: …`), read for the pilot's readout. Shown
// as written; whether it moved is decided only when both numbers and the
// direction are there, never guessed.

import { plainText } from '../text/markdown';
import { findSection, readPlanningDoc } from './planningDoc';

export interface PrimaryMetric {
  metric: string | null;
  baseline: string | null;
  expected: 'up' | 'down' | null;
  /** What the PM recorded after launch; null until they do. */
  result: string | null;
  /** The result against the baseline in the expected direction; null when any of the three is missing or not a number. */
  moved: boolean | null;
}

const LABELS: Record<string, keyof Omit<PrimaryMetric, 'expected' | 'moved'> | 'expected'> = {
  metric: 'metric', 'primary metric': 'metric', baseline: 'baseline', 'expected direction': 'expected', direction: 'expected', result: 'result', 'result after launch': 'result',
};

export function readPrimaryMetric(text: string): PrimaryMetric {
  const doc = readPlanningDoc(text);
  const section = findSection(doc, 'metric');
  const written: Record<string, string> = {};
  for (const node of section?.nodes ?? []) {
    const lines = node.type === 'list' ? node.children.map((item) => plainText(item)) : node.type === 'paragraph' ? plainText(node).split('\n') : [];
    for (const line of lines) {
      const match = /^\s*([A-Za-z ]+?)\s*:\s*(.+?)\s*$/.exec(line);
      const key = match && LABELS[match[1]!.toLowerCase()];
      if (key && !(key in written)) written[key] = match[2]!;
    }
  }
  const direction = written.expected?.toLowerCase() ?? '';
  const expected = /\b(up|increase|higher|more|grow)/.test(direction) ? 'up' : /\b(down|decrease|lower|less|fewer|reduce)/.test(direction) ? 'down' : null;
  const baseline = written.baseline ?? null;
  const result = written.result ?? null;
  const before = firstNumber(baseline);
  const after = firstNumber(result);
  return {
    metric: written.metric ?? null,
    baseline,
    expected,
    result,
    moved: expected === null || before === undefined || after === undefined ? null : expected === 'up' ? after > before : after < before,
  };
}

function firstNumber(text: string | null): number | undefined {
  const match = text ? /-?\d+(?:[.,]\d+)?/.exec(text) : null;
  return match ? Number(match[0].replace(',', '.')) : undefined;
}
