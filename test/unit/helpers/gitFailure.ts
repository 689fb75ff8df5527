import * as assert from 'node:assert/strict';
import { GitError } from '../../../src/core/git';

/** The GitError an action rejects with; fails the test when it resolves or rejects with anything else. */
export async function gitFailure(action: Promise<unknown>): Promise<GitError> {
  try {
    await action;
  } catch (error) {
    assert.ok(error instanceof GitError, `expected a GitError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}
