import * as assert from 'node:assert/strict';
import { planReviewers } from '../../../../src/core/pr/github/reviewers';

describe('planReviewers', () => {
  it('splits users and teams of the owner, stripping the @', () => {
    const plan = planReviewers(['@dana', '@acme/checkout-eng', 'erin', 'acme/web.platform_team'], 'acme');
    assert.deepEqual(plan, { users: ['dana', 'erin'], teams: ['checkout-eng', 'web.platform_team'], warnings: [] });
  });

  it('matches the owner case-insensitively and drops duplicates in any case', () => {
    const plan = planReviewers(['@Dana', '@dana', '@ACME/Eng', '@acme/eng'], 'Acme');
    assert.deepEqual([plan.users, plan.teams, plan.warnings], [['Dana'], ['Eng'], []]);
  });

  it('leaves out the author, in any case, with a warning', () => {
    const plan = planReviewers(['@Alice', '@dana'], 'acme', 'alice');
    assert.deepEqual(plan.users, ['dana']);
    assert.match(plan.warnings[0]!, /@Alice is the author of the pull request and cannot review it/);
  });

  it('warns about what GitHub cannot request: another organisation’s team, e-mail, nonsense', () => {
    const plan = planReviewers(['@other/eng', 'dana@example.com', '@has space', '@-dash', '@acme/', '@/team', `@${'x'.repeat(40)}`], 'acme');
    assert.deepEqual([plan.users, plan.teams], [[], []]);
    assert.equal(plan.warnings.length, 7);
    assert.match(plan.warnings[0]!, /only teams of acme can review/);
    assert.match(plan.warnings[1]!, /not e-mail addresses/);
    assert.match(plan.warnings[2]!, /is not a GitHub user name/);
  });

  it('ignores blank entries and an empty list', () => {
    assert.deepEqual(planReviewers(['', '  '], 'acme'), { users: [], teams: [], warnings: [] });
    assert.deepEqual(planReviewers([], 'acme', 'alice'), { users: [], teams: [], warnings: [] });
  });
});
