// Who signs off and who is asked to review: the author's engineering DRI
// (and, in regulated mode, the product DRI), as CLAUDE.md names them. The
// working agreement forbids merging on the author's own approval, so the
// author is never among them.

import type { RepositoryPolicy } from '../../repository';
import type { PlanningSummary } from '../../planning';

export interface SignOffs {
  engineeringDri: string | undefined;
  /** Only in regulated mode. */
  productDri: string | undefined;
  regulated: boolean;
}

/**
 * CLAUDE.md's DRIs first (the team's rules), else those the planning doc's
 * Sign-offs section names ("Product DRI: @erin"): a PM who wrote the product
 * DRI into the plan is not told the pull request could not find one.
 */
export function signOffsOf(policy: RepositoryPolicy, planning?: Pick<PlanningSummary, 'signOffs'>): SignOffs {
  const regulated = policy.zone.mode === 'regulated';
  return {
    engineeringDri: handle(policy.author?.engineeringDri ?? planning?.signOffs.engineeringDri),
    productDri: regulated ? handle(policy.author?.productDri ?? policy.zone.productDri ?? planning?.signOffs.productDri) : undefined,
    regulated,
  };
}

/** The DRIs to request, de-duplicated case-insensitively, without the author. */
export function reviewersOf(policy: RepositoryPolicy, planning?: Pick<PlanningSummary, 'signOffs'>): string[] {
  const { engineeringDri, productDri } = signOffsOf(policy, planning);
  const author = policy.author?.handle.toLowerCase();
  const reviewers: string[] = [];
  for (const candidate of [engineeringDri, productDri]) {
    if (!candidate) continue;
    const key = candidate.toLowerCase();
    if (key === author || reviewers.some((reviewer) => reviewer.toLowerCase() === key)) continue;
    reviewers.push(candidate);
  }
  return reviewers;
}

/** `@login`, whether CLAUDE.md wrote the `@` or not; undefined when blank. */
function handle(written: string | undefined): string | undefined {
  const name = written?.trim().replace(/^@+/, '');
  return name ? `@${name}` : undefined;
}

/**
 * Why the pull request opens as a draft, and who moves it on, in one
 * sentence; undefined when it opens ready for review.
 */
export function draftReasonOf(draft: boolean, pairing: boolean, signOffs: SignOffs): string | undefined {
  if (!draft) return undefined;
  if (pairing) return 'It is a draft because some files are outside the PM zone: an engineer co-authors them, then marks it ready for review.';
  if (signOffs.regulated) {
    const engineering = signOffs.engineeringDri ?? 'the engineering DRI';
    const product = signOffs.productDri ?? 'the product DRI';
    return `It is a draft because regulated mode asks ${engineering} and ${product} to sign off first: once both have ticked their Sign-offs box, you or ${engineering} mark it ready for review.`;
  }
  return 'It is a draft, as you chose: mark it ready for review on GitHub when it is.';
}

/** The draft's reason as the body says it ("> It is a draft because …"), for what is shown once it is sent. */
export function draftReasonInBody(body: string): string | undefined {
  return /^> (It is a draft[^\n]*)$/m.exec(body)?.[1];
}
