import { isGitError } from '../../core/git/gitError';

/** A review that could not run, with the one sentence the user reads. */
export class ReviewFailure extends Error {
  override readonly name = 'ReviewFailure';
}

/**
 * One clear message per way git can fail, never a stack. Anything that is
 * not a git failure is a bug: its stack goes to the log, and the user reads
 * its message.
 */
export function toReviewFailure(error: unknown, doing = 'review the change'): ReviewFailure {
  if (error instanceof ReviewFailure) return error;
  if (isGitError(error)) {
    switch (error.kind) {
      case 'not-installed':
        return new ReviewFailure('PM Zone could not run git: it is not installed or not on the PATH. Install git, then review again.');
      case 'not-a-repository':
        return new ReviewFailure(`${error.message} There is no change to review: open the folder of a git repository.`);
      case 'no-commits':
        return new ReviewFailure('This repository has no commits yet: make a first commit on the base branch, then review again.');
      case 'detached-head':
        return new ReviewFailure('HEAD is detached (no branch is checked out): switch to your branch, then review again.');
      case 'unknown-revision':
        return new ReviewFailure(`${error.message} Set "pmZone.review.base" to the branch your pull request targets.`);
      default:
        return new ReviewFailure(error.message);
    }
  }
  console.error(`PM Zone: could not ${doing}:`, error);
  return new ReviewFailure(`PM Zone could not ${doing}: ${error instanceof Error ? error.message : String(error)}`);
}
