// Who signs off and who is asked to review: the author's engineering DRI
// (and, in regulated mode, the product DRI), as CLAUDE.md names them. The
// working agreement forbids merging on the author's own approval, so the
// author is never among them.

import type { RepositoryPolicy } from '../../repository';

export interface SignOffs {
  engineeringDri: string | undefined;
  /** Only in regulated mode. */
  productDri: string | undefined;
  regulated: boolean;
}

export function signOffsOf(policy: RepositoryPolicy): SignOffs {
  const regulated = policy.zone.mode === 'regulated';
  return {
    engineeringDri: handle(policy.author?.engineeringDri),
    productDri: regulated ? handle(policy.author?.productDri ?? policy.zone.productDri) : undefined,
    regulated,
  };
}

/** The DRIs to request, de-duplicated case-insensitively, without the author. */
export function reviewersOf(policy: RepositoryPolicy): string[] {
  const { engineeringDri, productDri } = signOffsOf(policy);
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
