import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactSecret } from '../../../../src/core/review/redact';

describe('redactSecret', () => {
  it('keeps a known token prefix and the full length', () => {
    assert.equal(redactSecret(`ghp_${'a1B2'.repeat(9)}`), 'ghp_…(40)');
    assert.equal(redactSecret('AKIA0123456789ABCDEF'), 'AKIA…(20)');
    assert.equal(redactSecret(`github_pat_${'x9'.repeat(41)}`), 'github_pat_…(93)');
    assert.equal(redactSecret(`glpat-${'Ab1'.repeat(7)}`), 'glpat-…(27)');
  });

  it('prefers the longest known prefix', () => {
    assert.equal(redactSecret(`sk-ant-api03-${'Q'.repeat(40)}`), 'sk-ant-…(53)');
    assert.equal(redactSecret(`sk-proj-${'Q'.repeat(40)}`), 'sk-proj-…(48)');
    assert.equal(redactSecret(`sk-${'Q'.repeat(48)}`), 'sk-…(51)');
  });

  it('keeps at most four characters, and at most a quarter, of anything else', () => {
    assert.equal(redactSecret('correct-horse-battery'), 'corr…(21)');
    assert.equal(redactSecret('hunter22'), 'hu…(8)');
    assert.equal(redactSecret('abc'), '…(3)');
    assert.equal(redactSecret(''), '…(0)');
  });

  it('does not treat a bare prefix as a token', () => {
    assert.equal(redactSecret('ghp_'), 'g…(4)');
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(redactSecret('🔑🔑🔑🔑🔑🔑🔑🔑'), '🔑🔑…(8)');
  });

  it('keeps only a known prefix or a short head of any value (property)', () => {
    const tokenChar = fc.constantFrom(...'abcXYZ0189_-+/=.@'.split(''));
    const prefix = fc.constantFrom('', 'ghp_', 'sk-', 'sk-ant-', 'AKIA', 'xoxb-', 'https://hooks.slack.com/services/');
    fc.assert(
      fc.property(prefix, fc.array(tokenChar, { minLength: 8, maxLength: 80 }), (known, body) => {
        const secret = known + body.join('');
        const shown = redactSecret(secret);
        const kept = shown.slice(0, shown.lastIndexOf('…'));
        assert.ok(!shown.includes(secret));
        assert.ok(secret.startsWith(kept));
        assert.ok(kept.length <= Math.max(known.length, Math.min(4, Math.floor(secret.length / 4))));
        assert.ok(shown.endsWith(`…(${secret.length})`));
      }),
      { numRuns: 500 },
    );
  });
});
