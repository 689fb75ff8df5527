import * as assert from 'node:assert/strict';
import { checkPlanningDoc, type PlanningCheckOptions } from '../../../src/core/planning';
import { ALICE, fixture, policyWith } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: policyWith(), author: ALICE };

describe('planning check: placeholders left', () => {
  it('reports {{…}}, TODO, TBD and FIXME at their exact line and column, front matter included', () => {
    const problems = checkPlanningDoc(fixture('placeholders.md'), OPTIONS);
    assert.deepEqual(
      problems.map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn, problem.severity]),
      [
        ['placeholder', 2, 8, 11, 'warning'],
        ['placeholder', 9, 7, 16, 'warning'],
        ['placeholder', 13, 11, 15, 'warning'],
        ['placeholder', 29, 1, 6, 'warning'],
        ['placeholder', 29, 37, 51, 'warning'],
        ['placeholder', 34, 13, 16, 'warning'],
      ],
    );
    assert.match(problems[4].message, /\{\{percentage\}\}/);
  });

  it('ignores placeholders in comments, code spans and code blocks, and lower-case or longer words', () => {
    const problems = checkPlanningDoc(fixture('placeholders.md'), OPTIONS);
    assert.deepEqual(problems.filter((problem) => problem.line === 13).map((problem) => problem.column), [11], 'TODOS and todo on line 13');
    for (const quiet of [17, 19, 20]) assert.ok(!problems.some((problem) => problem.line === quiet), `line ${quiet}`);
  });

  it('reports the TBDs the built-in template leaves for the baseline', () => {
    const problems = checkPlanningDoc(fixture('standard.expected.md'), OPTIONS).filter((problem) => problem.kind === 'placeholder');
    assert.deepEqual(problems.map((problem) => [problem.line, problem.column]), [[51, 13], [52, 23]]);
  });
});
