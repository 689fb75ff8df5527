// One review result with every kind of finding the formats must handle.
import type { Finding } from '../../../../src/core/types';
import type { ReviewedFile, ReviewResult } from '../../../../src/core/review/report';
import { summarize } from '../../../../src/core/review/report';

export const EN = 'src/features/checkout/i18n/en.json';
export const EVENTS = 'src/features/checkout/analytics/events.ts';
export const BANNER = 'src/features/checkout/components/Banner.tsx';
export const NOTES = 'docs/release notes#1.md';

export const files: ReviewedFile[] = [
  { path: EN, zone: 'editable', status: 'modified' },
  { path: EVENTS, zone: 'editable', status: 'modified' },
  { path: BANNER, zone: 'editable', status: 'modified' },
  { path: NOTES, zone: 'outside', status: 'added' },
];

export const findings: Finding[] = [
  { check: 'analytics.pii', severity: 'error', blocking: true, file: EVENTS, line: 14, column: 19, message: 'Event property `userEmail` looks like personal data (e-mail address).' },
  { check: 'ai.undisclosed', severity: 'warning', blocking: false, file: null, line: null, message: 'Say what the AI generated.' },
  { check: 'i18n.removed-key', severity: 'warning', blocking: false, file: EN, line: 10, message: 'Key `errors.retry` was removed.' },
  { check: 'i18n.placeholder-mismatch', severity: 'error', blocking: true, file: EN, line: 4, column: 5, message: 'Placeholders of `checkout.greeting` changed.', rule: 'Placeholders match' },
  { check: 'flags.ungated', severity: 'warning', blocking: false, file: BANNER, line: null, message: 'This component change is not behind a feature flag.' },
  { check: 'zone.outside', severity: 'error', blocking: false, file: NOTES, line: 1, message: 'Outside the PM zone.' },
  { check: 'zone.owners', severity: 'info', blocking: false, file: NOTES, line: null, message: 'Request @docs-team.' },
];

export function sampleResult(): ReviewResult {
  return { findings, files, summary: summarize(findings, files, { addedLines: 42, removedLines: 7 }) };
}
