import * as assert from 'node:assert/strict';
import { checkPlanningDoc, type PlanningCheckOptions } from '../../../src/core/planning';
import { ALICE, applyFix, BOB, fixture, policyWith } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: policyWith(), author: ALICE };
const BOB_OPTIONS: PlanningCheckOptions = { file: 'src/features/search/PLANNING.md', policy: policyWith(), author: BOB };

describe('planning check: sections', () => {
  it('reports each missing required section where it belongs, tolerating heading variants', () => {
    const problems = checkPlanningDoc(fixture('missing-sections.md'), BOB_OPTIONS);
    assert.deepEqual(
      problems.map((problem) => [problem.kind, problem.line, problem.column, problem.severity]),
      [
        ['missing-section', 34, 1, 'error'],
        ['missing-section', 41, 1, 'error'],
      ],
    );
    assert.match(problems[0].message, /"Rollback"/);
    assert.match(problems[1].message, /"Sign-offs"/);
    assert.deepEqual(problems[0].fix?.start, { line: 34, column: 1 });
  });

  it('inserts a missing section before the next one in template order, and the doc then has it', () => {
    const text = fixture('missing-sections.md');
    const rollback = checkPlanningDoc(text, BOB_OPTIONS).find((problem) => problem.message.includes('Rollback'))!;
    const fixed = applyFix(text, rollback.fix!);
    assert.match(fixed, /## Primary metric[\s\S]*## Rollback\n\n<!-- Say who can flip[^\n]*-->\n\n## Risks/);
    const after = checkPlanningDoc(fixed, BOB_OPTIONS);
    assert.ok(!after.some((problem) => problem.kind === 'missing-section' && problem.message.includes('Rollback')));
    assert.deepEqual(after.filter((problem) => problem.message.includes('Rollback')).map((problem) => [problem.kind, problem.line]), [['incomplete-section', 34]]);
  });

  it('appends a section that belongs last at the end of the doc, however the doc ends', () => {
    const text = fixture('missing-sections.md');
    for (const ending of [text, text.trimEnd(), `${text}\n`]) {
      const signoffs = checkPlanningDoc(ending, BOB_OPTIONS).find((problem) => problem.message.includes('Sign-offs'))!;
      const fixed = applyFix(ending, signoffs.fix!);
      assert.match(fixed, /\nNone\.\n\n## Sign-offs\n\n<!-- The engineering DRI signs off [^\n]*-->\n$/);
      const after = checkPlanningDoc(fixed, BOB_OPTIONS).filter((problem) => problem.message.includes('Sign-offs'));
      assert.deepEqual(after.map((problem) => problem.kind), ['incomplete-section']);
    }
  });

  it('reports sections still holding only comments, rules, bare sub-headings or template text', () => {
    const problems = checkPlanningDoc(fixture('incomplete.md'), OPTIONS);
    assert.deepEqual(
      problems.map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn, problem.severity]),
      [
        ['incomplete-section', 11, 1, 11, 'warning'],
        ['incomplete-section', 15, 1, 10, 'warning'],
        ['incomplete-section', 22, 1, 9, 'warning'],
      ],
    );
  });

  it('recognises the prompts of the template the doc came from', () => {
    const templateText = '## Feature flag and rollout plan\n\n_Describe how the flag is rolled out._\n';
    const problems = checkPlanningDoc(fixture('incomplete.md'), { ...OPTIONS, templateText });
    assert.deepEqual(problems.filter((problem) => problem.kind === 'incomplete-section').map((problem) => problem.line), [11, 15, 22, 26]);
  });

  it('does not count the pre-filled rollback and sign-offs as unwritten: they are real content', () => {
    const problems = checkPlanningDoc(fixture('standard.expected.md'), OPTIONS);
    const incomplete = problems.filter((problem) => problem.kind === 'incomplete-section').map((problem) => problem.message.match(/"(.+?)"/)![1]);
    assert.deepEqual(incomplete, ['Problem', 'Intent', 'Feature flag and rollout plan', 'AI assistance']);
  });

  it('accepts numbered, upper-case, level-3, colon-ended and alias headings', () => {
    const text = fixture('filled-standard.md')
      .replace('## Problem', '### 1. PROBLEM:')
      .replace('## Intent', '## 2) Intent')
      .replace('## Feature flag and rollout plan', '## Feature flag & rollout plan')
      .replace('## Primary metric and baseline', '## Primary Metric')
      .replace('## Rollback', '## Rollback plan:')
      .replace('## AI assistance', '## AI-generated')
      .replace('## Sign-offs', '## Sign-off');
    assert.deepEqual(checkPlanningDoc(text, OPTIONS), []);
  });

  it('does not take a level-1 or level-4 heading, or "Out of scope", for a required section', () => {
    const text = fixture('filled-standard.md').replace('## Scope', '#### Scope').replace('## Rollback', '# Rollback');
    const missing = checkPlanningDoc(text, OPTIONS).filter((problem) => problem.kind === 'missing-section');
    assert.deepEqual(missing.map((problem) => problem.message.match(/"(.+?)"/)![1]), ['Scope', 'Rollback']);
  });

  it('reports every required section of an empty doc, after missing front matter', () => {
    const problems = checkPlanningDoc('', OPTIONS);
    assert.equal(problems[0].kind, 'missing-front-matter');
    assert.deepEqual(
      problems.filter((problem) => problem.kind === 'missing-section').map((problem) => problem.message.match(/"(.+?)"/)![1]),
      ['Problem', 'Intent', 'Scope', 'Feature flag and rollout plan', 'Primary metric and baseline', 'Rollback', 'AI assistance', 'Sign-offs'],
    );
  });
});
