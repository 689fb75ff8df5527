import * as assert from 'node:assert/strict';
import { checkPlanningDoc, type PlanningCheckOptions } from '../../../src/core/planning';
import { ALICE, fixture, policyWith } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: policyWith(), author: ALICE };
const withFlag = (flag: string) => fixture('filled-standard.md').replace('flag: checkout_copy_v2', `flag: ${flag}`);
const flagProblems = (text: string, options: PlanningCheckOptions = OPTIONS) =>
  checkPlanningDoc(text, options)
    .filter((problem) => problem.kind.endsWith('-flag'))
    .map((problem) => [problem.kind, problem.line, problem.column, problem.endColumn, problem.severity]);

describe('planning check: the flag', () => {
  it('accepts a flag the author owns', () => {
    assert.deepEqual(flagProblems(withFlag('checkout_copy_v2')), []);
  });

  it('reports a flag another PM owns as an error at the flag, naming the owner and CLAUDE.md line', () => {
    const text = withFlag('search_ranking_v3');
    assert.deepEqual(flagProblems(text), [['unowned-flag', 5, 7, 24, 'error']]);
    const message = checkPlanningDoc(text, OPTIONS).find((problem) => problem.kind === 'unowned-flag')!.message;
    assert.match(message, /owned by @bob \(CLAUDE\.md line 31\), not by @alice/);
  });

  it('takes a flag CLAUDE.md does not list for a new flag: information, asking to list it with its owner', () => {
    const text = withFlag('brand_new_banner');
    assert.deepEqual(flagProblems(text), [['new-flag', 5, 7, 23, 'info']]);
    assert.match(checkPlanningDoc(text, OPTIONS).find((problem) => problem.kind === 'new-flag')!.message, /ask your engineering DRI to add it there with its owner \(@alice\) \(PMs do not edit CLAUDE\.md\)/);
  });

  it('accepts "none" for a copy-only change: no flag problem, no missing field', () => {
    for (const none of ['none', 'None (copy only)']) {
      const problems = checkPlanningDoc(withFlag(none), OPTIONS);
      assert.deepEqual(problems.filter((problem) => problem.kind.endsWith('-flag') || problem.kind === 'missing-field'), [], none);
    }
  });

  it('compares with the front matter author when no author is given, case-insensitively', () => {
    const unknownAuthor = { ...OPTIONS, author: undefined };
    assert.deepEqual(flagProblems(withFlag('search_ranking_v3'), unknownAuthor), [['unowned-flag', 5, 7, 24, 'error']]);
    const asBob = withFlag('search_ranking_v3').replace('author: "@alice"', 'author: "@BOB"');
    assert.deepEqual(flagProblems(asBob, unknownAuthor), []);
    const withoutAt = withFlag('search_ranking_v3').replace('author: "@alice"', 'author: bob');
    assert.deepEqual(flagProblems(withoutAt, unknownAuthor), []);
  });

  it('does not judge ownership without any author, and says the author is missing instead', () => {
    const text = withFlag('search_ranking_v3').replace('author: "@alice"\n', '');
    const problems = checkPlanningDoc(text, { ...OPTIONS, author: undefined });
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line]), [['missing-field', 1]]);
  });

  it('checks each flag of a list, quoted flags included', () => {
    const text = withFlag('["checkout_copy_v2", search_ranking_v3, new_one]');
    assert.deepEqual(flagProblems(text), [
      ['unowned-flag', 5, 28, 45, 'error'],
      ['new-flag', 5, 47, 54, 'info'],
    ]);
  });

  it('reports no flag at all as a missing field, and judges nothing when no PM zone is defined', () => {
    const noFlag = fixture('filled-standard.md').replace('flag: checkout_copy_v2\n', '');
    assert.deepEqual(checkPlanningDoc(noFlag, OPTIONS).map((problem) => problem.kind), ['missing-field']);
    const undefinedZone = policyWith({ defined: false, ownedFlags: [] });
    assert.deepEqual(flagProblems(withFlag('anything'), { ...OPTIONS, policy: undefinedZone }), []);
  });
});
