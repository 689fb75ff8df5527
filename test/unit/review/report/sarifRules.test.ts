// The rules SARIF names for the built-in checks, as GitHub code scanning shows
// them: held to a golden file, so moving where a description is written
// cannot change a word of what a team reads. A new check's rule is the
// registry's (test/unit/review/registry.test.ts); it needs no line here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isCheckId } from '../../../../src/core/review/registry';
import { summarize, toSarif, type SarifRule } from '../../../../src/core/review/report';
import type { Finding } from '../../../../src/core/types';

const GOLDEN: SarifRule[] = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/review/sarif-rules.json'), 'utf8'));

describe('the SARIF rules of the built-in checks', () => {
  it('keep every rule the golden file holds, each once (a new check adds its own rule)', () => {
    const ids = GOLDEN.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.filter((id) => !isCheckId(id)), []);
  });

  it('say, word for word, what the golden file says', () => {
    const findings: Finding[] = GOLDEN.map((rule) => ({ check: rule.id, severity: 'info', blocking: false, file: null, line: null, message: rule.id }));
    const log = toSarif({ findings, files: [], summary: summarize(findings, [], { addedLines: 0, removedLines: 0 }) }, '0.0.0');
    assert.deepEqual(log.runs[0].tool.driver.rules, GOLDEN);
  });
});
