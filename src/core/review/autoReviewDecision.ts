/** What the editor's automatic review does for a repository's current state. */
export type AutoReviewDecision = 'review' | 'forget' | 'skip';

export interface AutoReviewState {
  /** The repository's CLAUDE.md has a `## PM zone` section. */
  zoneDefined: boolean;
  /** The PM zone binds the user (zoneBinding): a pilot PM, or someone who could be one. */
  pilot: boolean;
  /** The checked-out branch; null when HEAD is detached. */
  branch: string | null;
  /** The base branch pull requests go into, when known. */
  base: string | undefined;
  /** The user asked for a review of this HEAD by hand in this session. */
  reviewedByHand: boolean;
  /** The last review was of another HEAD: its diagnostics are stale. */
  reviewedOtherHead: boolean;
}

/**
 * Reviews run without being asked only for someone the PM zone binds (an
 * identified pilot PM, or someone who could be one: see zoneBinding), on a branch other than the base (a PM's
 * branch) or one they reviewed by hand: an engineer who once clicked
 * "Review my change" must not get "No PLANNING.md" blockers on every save.
 * Otherwise stale diagnostics of another HEAD are dropped.
 */
export function autoReviewDecision(state: AutoReviewState): AutoReviewDecision {
  const otherwise: AutoReviewDecision = state.reviewedOtherHead ? 'forget' : 'skip';
  if (!state.zoneDefined || !state.pilot) return otherwise;
  if (state.reviewedByHand) return 'review';
  if (state.branch === null) return otherwise;
  return state.branch !== state.base ? 'review' : otherwise;
}
