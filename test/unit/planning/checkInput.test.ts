import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkPlanningDoc, readPlanningSummary, type PlanningCheckOptions } from '../../../src/core/planning';
import { ALICE, fixture, policyWith, REGULATED } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: policyWith(), author: ALICE };
const positions = (text: string, options = OPTIONS) =>
  checkPlanningDoc(text, options).map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn]);

describe('planning check: any input', () => {
  it('gives the same problems, lines and columns for CRLF and BOM versions of a doc', () => {
    for (const name of ['invalid-tier.md', 'placeholders.md', 'incomplete.md', 'front-matter-tabs.md', 'missing-sections.md', 'filled-standard.md']) {
      const text = fixture(name);
      const expected = positions(text);
      assert.deepEqual(positions(text.replace(/\n/g, '\r\n')), expected, `${name} CRLF`);
      assert.deepEqual(positions(`\uFEFF${text}`), expected, `${name} BOM`);
      assert.deepEqual(positions(`\uFEFF${text.replace(/\n/g, '\r\n')}`), expected, `${name} BOM and CRLF`);
    }
  });

  it('writes fixes with the line endings of a CRLF doc', () => {
    const text = fixture('missing-sections.md').replace(/\n/g, '\r\n');
    const problems = checkPlanningDoc(text, OPTIONS).filter((problem) => problem.fix);
    assert.ok(problems.length >= 2);
    for (const problem of problems) assert.ok(!/(?<!\r)\n/.test(problem.fix!.text), JSON.stringify(problem.fix!.text));
  });

  it('handles empty, whitespace-only and binary text', () => {
    assert.equal(checkPlanningDoc('', OPTIONS)[0].kind, 'missing-front-matter');
    assert.equal(checkPlanningDoc(' \n\t\n', OPTIONS)[0].kind, 'missing-front-matter');
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)).toString('latin1');
    assert.ok(Array.isArray(checkPlanningDoc(binary, REGULATED_OPTIONS)));
    assert.ok(Array.isArray(checkPlanningDoc('---\n\u0000\u0000: \u0000\n---\n## Problem\n\u0000', OPTIONS)));
    assert.equal(readPlanningSummary(binary).problem, undefined);
  });

  it('checks a huge doc (its time: bench/limits.bench.ts)', () => {
    const paragraph = 'Shoppers whose card is declined leave the checkout. '.repeat(20);
    const huge = fixture('filled-standard.md').replace('## Intent', `${`${paragraph}\n\n`.repeat(400)}## Intent`);
    assert.ok(huge.length > 400_000);
    assert.deepEqual(checkPlanningDoc(huge, OPTIONS), []);
  });

  it('never throws, whatever the text (property)', () => {
    const pieces = fc.constantFrom(
      '---\n', '---', '...\n', 'title: x\n', '\ttier: "', 'tier: production\n', 'flag: [a, b\n', 'flag: checkout_copy_v2\n', 'author: @alice\n',
      '## Problem\n', '### 1. Intent:\n', '## Protected data\n', '## Sign-offs\n', '# Title\n', '<!-- ', ' -->', '`', '```\n', '{{', '}}', 'TBD', 'TODO ',
      '| a | b |\n| - | - |\n', '- [ ] ', '\r\n', '\r', '\n', '\uFEFF', '\u0000', '\uD800', ': ', '#', '*', '_', '[', ']', '&', 'é',
    );
    const documents = fc.oneof(fc.string({ maxLength: 300 }), fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(documents, fc.boolean(), (text, regulated) => {
        const problems = checkPlanningDoc(text, regulated ? REGULATED_OPTIONS : OPTIONS);
        for (const problem of problems) {
          assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
        }
        readPlanningSummary(text);
      }),
      { numRuns: 400 },
    );
  });
});

const REGULATED_OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: REGULATED, author: ALICE };
