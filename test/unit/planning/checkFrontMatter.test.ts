import * as assert from 'node:assert/strict';
import { checkPlanningDoc, tierQuickFixes, type PlanningCheckOptions } from '../../../src/core/planning';
import { ALICE, applyFix, fixture, policyWith } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'src/features/checkout/PLANNING.md', policy: policyWith(), author: ALICE };

const kindsAndLines = (text: string, options = OPTIONS) =>
  checkPlanningDoc(text, options).map((problem) => [problem.kind, problem.line, problem.column, problem.severity]);

describe('planning check: front matter', () => {
  it('passes a fully written doc with no problems at all', () => {
    assert.deepEqual(checkPlanningDoc(fixture('filled-standard.md'), OPTIONS), []);
  });

  it('reports missing front matter at line 1 with a fix that inserts it', () => {
    const text = fixture('no-front-matter.md');
    const problems = checkPlanningDoc(text, OPTIONS);
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.column, problem.severity]), [['missing-front-matter', 1, 1, 'error']]);
    const fixed = applyFix(text, problems[0].fix!);
    assert.match(fixed, /^---\ntitle: Clearer card-declined message at checkout\nauthor: "@alice"\n/);
    const after = checkPlanningDoc(fixed, OPTIONS);
    assert.deepEqual(after.map((problem) => [problem.kind, problem.line]), [['missing-field', 4], ['missing-field', 5]]);
  });

  it('reports a tab in the indentation at its line, with a fix that makes the YAML valid', () => {
    const text = fixture('front-matter-tabs.md');
    const problems = checkPlanningDoc(text, OPTIONS);
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn]), [['front-matter-tab', 6, 1, 2]]);
    assert.deepEqual(checkPlanningDoc(applyFix(text, problems[0].fix!), OPTIONS), []);
  });

  it('reports YAML errors at the line of the error and skips the field checks meanwhile', () => {
    assert.deepEqual(kindsAndLines(fixture('front-matter-broken.md')), [
      ['invalid-front-matter', 2, 38, 'error'],
      ['invalid-front-matter', 4, 1, 'error'],
    ]);
    const problems = checkPlanningDoc(fixture('front-matter-broken.md'), OPTIONS);
    assert.match(problems[0].message, /Missing closing "quote/);
  });

  it('reports front matter that is never closed, or is not a mapping', () => {
    assert.deepEqual(kindsAndLines('---\ntitle: x\n\n## Problem\n').slice(0, 1), [['invalid-front-matter', 1, 1, 'error']]);
    const list = kindsAndLines('---\n- a\n- b\n---\n').filter(([kind]) => kind === 'invalid-front-matter');
    assert.deepEqual(list, [['invalid-front-matter', 2, 1, 'error']]);
  });

  it('reports a duplicated key as invalid YAML', () => {
    const text = fixture('filled-standard.md').replace('status: ready\n', 'status: ready\nstatus: draft\n');
    assert.deepEqual(kindsAndLines(text), [['invalid-front-matter', 9, 1, 'error']]);
  });

  it('reports each required field that is missing or empty, at its key', () => {
    const text = fixture('filled-standard.md').replace('title: Clearer card-declined message at checkout\n', 'title: ""\n').replace('feature: src/features/checkout\n', '');
    assert.deepEqual(kindsAndLines(text), [
      ['missing-field', 1, 1, 'warning'],
      ['missing-field', 2, 1, 'warning'],
    ]);
    const messages = checkPlanningDoc(text, OPTIONS).map((problem) => problem.message);
    assert.match(messages.join('\n'), /no `title`/);
    assert.match(messages.join('\n'), /no `feature`/);
  });

  it('reports an invalid tier at its value, with the closest tier as the fix and a quick fix per tier', () => {
    const text = fixture('invalid-tier.md');
    const problems = checkPlanningDoc(text, OPTIONS);
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn, problem.severity]), [['invalid-tier', 6, 7, 20, 'error']]);
    assert.equal(problems[0].fix?.text, 'internal-tool');
    assert.deepEqual(checkPlanningDoc(applyFix(text, problems[0].fix!), OPTIONS), []);
    const quickFixes = tierQuickFixes(problems[0]);
    assert.deepEqual(quickFixes.map((fix) => fix.text), ['prototype', 'internal-tool', 'production']);
    for (const fix of quickFixes) assert.deepEqual(checkPlanningDoc(applyFix(text, fix), OPTIONS), []);
  });

  it('reports a quoted, numeric or list tier, and a missing tier with a fix that adds one', () => {
    const base = fixture('filled-standard.md');
    for (const tier of ['"prod"', '3', '[production]', '']) {
      const problems = checkPlanningDoc(base.replace('tier: production', `tier: ${tier}`), OPTIONS);
      assert.deepEqual(problems.map((problem) => [problem.kind, problem.line]), [['invalid-tier', 6]], tier);
    }
    const withoutTier = base.replace('tier: production\n', '');
    const missing = checkPlanningDoc(withoutTier, OPTIONS);
    assert.deepEqual(missing.map((problem) => [problem.kind, problem.line, problem.column]), [['invalid-tier', 8, 1]]);
    assert.deepEqual(checkPlanningDoc(applyFix(withoutTier, missing[0].fix!), OPTIONS), []);
    assert.equal(tierQuickFixes(missing[0]).length, 3);
    assert.deepEqual(tierQuickFixes({ ...missing[0], kind: 'placeholder' }), []);
  });
});
