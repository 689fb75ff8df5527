import * as assert from 'node:assert/strict';
import { formatText, summarize, summaryLine } from '../../../../src/core/review/report';
import type { ReviewResult } from '../../../../src/core/review/report';
import { byLocale } from '../../../../src/core/review/report/text';
import { EVENTS, files, sampleResult } from './sample';

describe('formatText', () => {
  it('leads with a sentence naming the blocked files, then blockers, errors, warnings and the notes last, then the summary', () => {
    assert.equal(
      formatText(sampleResult()),
      [
        'PM Zone blocks this change: 2 blockers in en.json and events.ts.',
        '',
        'Blockers (2)',
        '  src/features/checkout/i18n/en.json:4 (i18n.placeholder-mismatch)',
        '    Placeholders of `checkout.greeting` changed.',
        '  src/features/checkout/analytics/events.ts:14 (analytics.pii)',
        '    Event property `userEmail` looks like personal data (e-mail address).',
        '',
        'Errors (1)',
        '  docs/release notes#1.md:1 (zone.outside)',
        '    Outside the PM zone.',
        '',
        'Warnings (3)',
        '  src/features/checkout/i18n/en.json:10 (i18n.removed-key)',
        '    Key `errors.retry` was removed.',
        '  src/features/checkout/components/Banner.tsx (flags.ungated)',
        '    This component change is not behind a feature flag.',
        '  Whole change (ai.undisclosed)',
        '    Say what the AI generated.',
        '',
        'Notes for the reviewers (1)',
        '  docs/release notes#1.md (zone.owners)',
        '    Request @docs-team.',
        '',
        '2 blockers, 1 error, 3 warnings, 1 note in 4 files (+42 -7 lines).',
        '',
      ].join('\n'),
    );
  });

  it('in the pre-commit hook, names every blocker that fits in the first line, which fits 100 columns', () => {
    const result = sampleResult();
    result.findings = result.findings.filter((finding) => finding.check !== 'i18n.placeholder-mismatch');
    const first = formatText(result, { commit: true }).split('\n')[0];
    assert.equal(first, 'PM Zone blocked this commit: event captures personal data (events.ts:14). See the Problems panel.');
    const many = sampleResult();
    many.findings = [...many.findings, { check: 'planning.missing', severity: 'error', blocking: true, file: null, line: null, message: 'No PLANNING.md.' }];
    assert.equal(formatText(many, { commit: true }).split('\n')[0], 'PM Zone blocked this commit: 3 blockers in en.json, events.ts and the whole change.');
  });

  it('names every blocked file in the first line, or counts them when their names do not fit', () => {
    const blocker = (file: string, line: number) => ({ check: 'zone.locked', severity: 'error' as const, blocking: true, file, line, message: 'Engineering-only.' });
    const few = sampleResult();
    few.findings = [blocker('src/auth/a.ts', 1), blocker('src/auth/a.ts', 9), blocker('src/auth/b.ts', 2)];
    assert.equal(formatText(few, { commit: true }).split('\n')[0], 'PM Zone blocked this commit: 3 blockers in a.ts and b.ts. See the Problems panel.');
    const many = sampleResult();
    many.findings = Array.from({ length: 9 }, (_, index) => blocker(`src/payments/provider-settlement-${index}.ts`, 1));
    const first = formatText(many, { commit: true }).split('\n')[0];
    assert.equal(first, 'PM Zone blocked this commit: 9 blockers in 9 files. Fix them (Problems panel), save, commit again.');
    assert.ok([...first].length <= 100);
  });

  it('names a saved fix the commit does not take first, with how to stage it', () => {
    const text = formatText(sampleResult(), { commit: true, unstaged: [EVENTS, 'README.md'] });
    const lines = text.split('\n');
    assert.equal(lines[0], 'PM Zone blocked this commit: your saved fix to events.ts is not staged. Stage it and commit again.');
    assert.match(text, /Not staged: the commit takes the staged copy of src\/features\/checkout\/analytics\/events\.ts, and your\nsaved changes there are not in it\./);
    assert.ok(!text.includes('README.md'), 'a file with no blocker is no fix');
    // A blocker about the whole change (no planning doc) may be fixed by any saved edit.
    const wide = sampleResult();
    wide.findings = [{ check: 'planning.missing', severity: 'error', blocking: true, file: null, line: null, message: 'No PLANNING.md.' }];
    const planning = 'src/features/checkout/PLANNING.md';
    assert.equal(formatText(wide, { commit: true, unstaged: [planning] }).split('\n')[0], 'PM Zone blocked this commit: your saved fix to PLANNING.md is not staged. Stage it and commit again.');
  });

  it('fits every line in the width: long messages wrap under their finding, a long name is cut', () => {
    const result = sampleResult();
    const long = `src/${'deeply-nested-folder/'.repeat(8)}copy.json`;
    result.findings = [
      { check: 'security.secret', severity: 'error', blocking: true, file: long, line: 3, message: `${'A rather long message about the secret found here, '.repeat(5)}end.` },
      ...result.findings,
    ];
    const lines = formatText(result).split('\n');
    assert.ok(lines.every((line) => [...line].length <= 100), lines.filter((line) => line.length > 100).join('\n'));
    assert.ok(lines.some((line) => line.startsWith('    ') && line.endsWith('end.')), 'the message wraps, indented under its finding');
    assert.ok(lines.join('').replace(/\s+/g, '').includes(`${long}:3`.replace(/\s+/g, '')), 'the long name is all there, cut across lines');
    assert.ok(formatText(result, { width: 60 }).split('\n').every((line) => [...line].length <= 60));
  });

  it('has no colour codes unless asked, and colours only the headings, the first line and the summary when asked', () => {
    const escape = '\u001b[';
    assert.ok(!formatText(sampleResult()).includes(escape));
    const coloured = formatText(sampleResult(), { color: true });
    assert.ok(coloured.includes(`${escape}31mBlockers (2)${escape}0m`));
    assert.ok(coloured.includes(`${escape}36mNotes for the reviewers (1)${escape}0m`));
    assert.ok(coloured.startsWith(`${escape}1mPM Zone blocks this change`));
    assert.ok(coloured.endsWith(`${escape}1m2 blockers, 1 error, 3 warnings, 1 note in 4 files (+42 -7 lines).${escape}0m\n`));
    assert.equal(coloured.split(escape).map((part, index) => (index === 0 ? part : part.replace(/^\d+m/, ''))).join(''), formatText(sampleResult()));
  });

  it('says there is no blocker first when only warnings and notes stand', () => {
    const result = sampleResult();
    result.findings = result.findings.filter((finding) => !finding.blocking && finding.severity !== 'error');
    assert.equal(formatText(result, { commit: true }).split('\n')[0], 'PM Zone: no blockers in this commit; 3 warnings, 1 note.');
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

describe('byLocale', () => {
  it('orders as localeCompare does, equal texts included', () => {
    const texts = ['', 'a', 'A', 'b', 'B', 'é', 'e\u0301', 'src/a.ts', 'src/A.ts', 'src/ä.ts', 'src/a b.ts', 'ß', 'ss', '日本', '10', '9', 'a/b', 'a-b', 'a.b'];
    for (const a of texts) for (const b of texts) assert.equal(Math.sign(byLocale(a, b)), Math.sign(a.localeCompare(b)), `${a} ${b}`);
  });
});
