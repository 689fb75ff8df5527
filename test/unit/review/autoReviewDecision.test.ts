import * as assert from 'node:assert/strict';
import { autoReviewDecision, type AutoReviewState } from '../../../src/core/review';

describe('autoReviewDecision', () => {
  const pmBranch: AutoReviewState = { zoneDefined: true, pilot: true, branch: 'alice/copy', base: 'main', reviewedByHand: false, reviewedOtherHead: false };

  it("reviews a pilot PM's branch, and a branch they reviewed by hand", () => {
    assert.equal(autoReviewDecision(pmBranch), 'review');
    assert.equal(autoReviewDecision({ ...pmBranch, branch: 'main', reviewedByHand: true }), 'review');
  });

  it('never reviews by itself for someone who is not an identified pilot PM, even after a review by hand', () => {
    assert.equal(autoReviewDecision({ ...pmBranch, pilot: false }), 'skip');
    assert.equal(autoReviewDecision({ ...pmBranch, pilot: false, reviewedByHand: true }), 'skip');
  });

  it('never reviews by itself in a repository without a PM zone', () => {
    assert.equal(autoReviewDecision({ ...pmBranch, zoneDefined: false, reviewedByHand: true }), 'skip');
  });

  it('leaves the base branch and a detached HEAD alone, dropping the diagnostics of another HEAD', () => {
    assert.equal(autoReviewDecision({ ...pmBranch, branch: 'main' }), 'skip');
    assert.equal(autoReviewDecision({ ...pmBranch, branch: null }), 'skip');
    assert.equal(autoReviewDecision({ ...pmBranch, branch: 'main', reviewedOtherHead: true }), 'forget');
    assert.equal(autoReviewDecision({ ...pmBranch, pilot: false, reviewedOtherHead: true }), 'forget');
  });
});
