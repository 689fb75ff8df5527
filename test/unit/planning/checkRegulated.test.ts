import * as assert from 'node:assert/strict';
import { checkPlanningDoc, type PlanningCheckOptions } from '../../../src/core/planning';
import { statesNoProtectedData } from '../../../src/core/planning/checkProtectedData';
import { ALICE, applyFix, fixture, policyWith, REGULATED } from './helpers';

const OPTIONS: PlanningCheckOptions = { file: 'PLANNING.md', policy: REGULATED, author: ALICE };
const PROTECTED_STATEMENT = 'This change touches no protected data: no PHI, PCI or personal data is read,\nstored or sent.';
const summarise = (text: string, options = OPTIONS) =>
  checkPlanningDoc(text, options).map((problem) => [problem.kind, problem.line, problem.severity]);

describe('planning check: regulated mode', () => {
  it('passes a fully written regulated doc with no problems', () => {
    assert.deepEqual(checkPlanningDoc(fixture('filled-regulated.md'), OPTIONS), []);
  });

  it('requires the Protected data section: an error with a fix that inserts it before Sign-offs', () => {
    const text = fixture('filled-standard.md').replace('- [x] Engineering DRI: @dana', '- [x] Engineering DRI: @dana\n- [x] Product DRI: @pat');
    const problems = checkPlanningDoc(text, OPTIONS);
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.severity]), [['protected-data', 63, 'error']]);
    const fixed = applyFix(text, problems[0].fix!);
    assert.match(fixed, /## Protected data\n\n<!-- Regulated mode: [^\n]*-->\n\n## Sign-offs/);
    assert.deepEqual(summarise(fixed), [['protected-data', 63, 'error']]);
    assert.match(checkPlanningDoc(fixed, OPTIONS)[0].message, /is empty/);
  });

  it('reports a Protected data section that does not say no protected data is touched', () => {
    const text = fixture('filled-regulated.md').replace(PROTECTED_STATEMENT, 'We store the shopper\'s e-mail address.');
    assert.deepEqual(summarise(text), [['protected-data', 63, 'error']]);
  });

  it('recognises plain statements that no protected data is touched', () => {
    for (const statement of ['None.', 'No PHI, PCI or personal data.', 'The change does not read payment data.', "It doesn't touch PII.", '- [x] No protected data is read, stored or sent']) {
      assert.ok(statesNoProtectedData(statement), statement);
    }
    for (const statement of ['We read e-mail addresses.', 'Protected data: card numbers.', 'Not sure yet.', '']) {
      assert.ok(!statesNoProtectedData(statement), statement);
    }
  });

  it('requires the product DRI among the sign-offs, by the handle CLAUDE.md gives', () => {
    const text = fixture('filled-regulated.md').replace('- [x] Product DRI: @pat\n', '');
    const problems = checkPlanningDoc(text, OPTIONS);
    assert.deepEqual(problems.map((problem) => [problem.kind, problem.line, problem.column, problem.severity]), [['missing-signoff', 68, 1, 'warning']]);
    assert.match(problems[0].message, /product DRI \(@pat\)/);
    const someoneElse = fixture('filled-regulated.md').replace('Product DRI: @pat', 'Product DRI: @zed');
    assert.deepEqual(summarise(someoneElse), [['missing-signoff', 68, 'warning']]);
  });

  it('takes the zone-wide product DRI when the pilot has none', () => {
    const policy = policyWith({ mode: 'regulated', productDri: '@quinn' });
    const author = { ...ALICE, productDri: undefined };
    const text = fixture('filled-regulated.md');
    assert.deepEqual(summarise(text, { ...OPTIONS, policy, author }), [['missing-signoff', 68, 'warning']]);
    assert.deepEqual(summarise(text.replace('@pat', '@Quinn'), { ...OPTIONS, policy, author }), []);
  });

  it('with no DRI known, accepts any named product DRI but not TBD', () => {
    const policy = policyWith({ mode: 'regulated', pilots: [] });
    const options = { ...OPTIONS, policy, author: undefined };
    const text = fixture('filled-regulated.md');
    assert.deepEqual(summarise(text, options), []);
    assert.deepEqual(summarise(text.replace('Product DRI: @pat', 'Product DRI: Pat Lee'), options), []);
    assert.deepEqual(summarise(text.replace('Product DRI: @pat', 'Product DRI: TBD'), options), [
      ['missing-signoff', 68, 'warning'],
      ['placeholder', 71, 'warning'],
    ]);
  });

  it('requires the engineering DRI in both modes', () => {
    const text = fixture('filled-standard.md').replace('@dana', '@someone');
    assert.deepEqual(summarise(text, { ...OPTIONS, policy: policyWith() }), [['missing-signoff', 63, 'warning']]);
  });

  it('does not require Protected data or the product DRI in standard mode', () => {
    assert.deepEqual(checkPlanningDoc(fixture('filled-standard.md'), { ...OPTIONS, policy: policyWith() }), []);
  });
});
