// The rules SARIF names for the built-in checks, as GitHub code scanning shows
// them: held to a golden file, so moving where a description is written
// cannot change a word of what a team reads.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CHECK_IDS } from '../../../../src/core/review/checklist';
import { summarize, toSarif, type SarifRule } from '../../../../src/core/review/report';
import type { Finding } from '../../../../src/core/types';

const GOLDEN: SarifRule[] = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/review/sarif-rules.json'), 'utf8'));

describe('the SARIF rules of the built-in checks', () => {
  it('cover every built-in check once', () => {
    assert.deepEqual(GOLDEN.map((rule) => rule.id).sort(), [...ALL_CHECK_IDS].sort());
  });

  it('say, word for word, what the golden file says', () => {
    const findings: Finding[] = GOLDEN.map((rule) => ({ check: rule.id, severity: 'info', blocking: false, file: null, line: null, message: rule.id }));
    const log = toSarif({ findings, files: [], summary: summarize(findings, [], { addedLines: 0, removedLines: 0 }) }, '0.0.0');
    assert.deepEqual(log.runs[0].tool.driver.rules, GOLDEN);
  });
});
