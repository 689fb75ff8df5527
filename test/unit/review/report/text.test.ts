import * as assert from 'node:assert/strict';
import { formatText, summarize, summaryLine } from '../../../../src/core/review/report';
import type { ReviewResult } from '../../../../src/core/review/report';
import { files, sampleResult } from './sample';

describe('formatText', () => {
  it('prints one aligned line per finding, grouped by file in change order, change-wide last, then the summary', () => {
    assert.equal(
      formatText(sampleResult()),
      [
        'src/features/checkout/i18n/en.json:4          blocker  i18n.placeholder-mismatch  Placeholders of `checkout.greeting` changed.',
        'src/features/checkout/i18n/en.json:10         warning  i18n.removed-key           Key `errors.retry` was removed.',
        '',
        'src/features/checkout/analytics/events.ts:14  blocker  analytics.pii              Event property `userEmail` looks like personal data (e-mail address).',
        '',
        'src/features/checkout/components/Banner.tsx   warning  flags.ungated              This component change is not behind a feature flag.',
        '',
        'docs/release notes#1.md                       note     zone.owners                Request @docs-team.',
        'docs/release notes#1.md:1                     error    zone.outside               Outside the PM zone.',
        '',
        '(whole change)                                warning  ai.undisclosed             Say what the AI generated.',
        '',
        '2 blockers, 1 error, 3 warnings, 1 note in 4 files (+42 -7 lines).',
        '',
      ].join('\n'),
    );
  });

  it('has no colour codes unless asked, and colours only the label and summary when asked', () => {
    const escape = '\u001b[';
    assert.ok(!formatText(sampleResult()).includes(escape));
    const coloured = formatText(sampleResult(), { color: true });
    assert.ok(coloured.includes(`${escape}31mblocker${escape}0m  i18n.placeholder-mismatch`));
    assert.ok(coloured.includes(`${escape}36mnote${escape}0m     zone.owners`));
    assert.ok(coloured.endsWith(`${escape}1m2 blockers, 1 error, 3 warnings, 1 note in 4 files (+42 -7 lines).${escape}0m\n`));
    assert.equal(coloured.split(escape).map((part, index) => (index === 0 ? part : part.replace(/^\d+m/, ''))).join(''), formatText(sampleResult()));
  });

  it('says so plainly when there is nothing to report', () => {
    const clean: ReviewResult = { findings: [], files, summary: summarize([], files, { addedLines: 3, removedLines: 0 }) };
    assert.equal(formatText(clean), 'No problems found in 4 files (+3 -0 lines).\n');
  });

  it('counts each finding once in the summary line, singular and plural', () => {
    const one = sampleResult();
    one.findings = one.findings.filter((finding) => finding.check === 'analytics.pii' || finding.check === 'i18n.removed-key');
    one.summary = summarize(one.findings, files.slice(0, 1), { addedLines: 1, removedLines: 1 });
    assert.equal(summaryLine(one), '1 blocker, 1 warning in 1 file (+1 -1 lines).');
  });
});

describe('summarize', () => {
  it('counts blockers and every severity, blockers included in their severity', () => {
    assert.deepEqual(sampleResult().summary, { blockers: 2, errors: 3, warnings: 3, infos: 1, files: 4, addedLines: 42, removedLines: 7 });
  });
});
