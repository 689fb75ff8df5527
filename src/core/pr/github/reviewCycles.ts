// The pilot's "review cycles": how many times a reviewer sent the change
// back and the author reworked it. One definition, read by the sidebar's
// status and by the readout.

/** A review as GitHub lists it: its state and the commit it was submitted on. */
export interface ReviewOnCommit {
  state: string;
  /** The pull request's head when the review was submitted; null when GitHub did not say. */
  commitId: string | null;
}

/**
 * A cycle is a commit a reviewer asked changes on ("Request changes") that
 * newer commits followed: the pull request's head moved on from it. Two
 * reviewers asking on the same commit are one cycle; asking again on the same
 * commit is no new one; a request on the head itself is no cycle yet (the
 * author has not pushed the rework, or the reviewer let it go). A request
 * whose commit GitHub did not say counts as its own cycle, and so does every
 * request when the head is not known.
 */
export function reviewCycles(reviews: readonly ReviewOnCommit[], headSha: string | null | undefined): number {
  const asked = reviews.filter((review) => review.state === 'CHANGES_REQUESTED');
  const commits = new Set(asked.flatMap((review) => (review.commitId ? [review.commitId] : [])));
  const unknown = asked.filter((review) => !review.commitId).length;
  if (headSha) commits.delete(headSha);
  return commits.size + unknown;
}
