// Reviewers as CODEOWNERS spells them (`@user`, `@org/team`, e-mail) turned
// into what the requested_reviewers endpoint takes: user logins and team
// slugs of the repository owner's organisation. What cannot be requested is
// said, not silently dropped.

export interface ReviewerPlan {
  users: string[];
  /** Team slugs, without the organisation. */
  teams: string[];
  /** One sentence per reviewer that will not be requested. */
  warnings: string[];
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * @param owner the repository owner: teams can only be requested from its organisation.
 * @param author the login of the pull request's author, who cannot review their own change.
 */
export function planReviewers(reviewers: readonly string[], owner: string, author?: string): ReviewerPlan {
  const plan: ReviewerPlan = { users: [], teams: [], warnings: [] };
  const seen = new Set<string>();
  for (const raw of reviewers) {
    const written = raw.trim();
    if (!written) continue;
    const name = written.replace(/^@/, '');
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);

    const slash = name.indexOf('/');
    if (slash >= 0) {
      const org = name.slice(0, slash);
      const slug = name.slice(slash + 1);
      if (!LOGIN.test(org) || !TEAM_SLUG.test(slug)) {
        plan.warnings.push(`${written} is not a GitHub team name, so it was not asked to review.`);
      } else if (org.toLowerCase() !== owner.toLowerCase()) {
        plan.warnings.push(`@${name} was not asked to review: only teams of ${owner} can review its pull requests.`);
      } else {
        plan.teams.push(slug);
      }
    } else if (name.includes('@')) {
      plan.warnings.push(`${written} was not asked to review: GitHub requests reviews from accounts, not e-mail addresses.`);
    } else if (!LOGIN.test(name)) {
      plan.warnings.push(`${written} is not a GitHub user name, so it was not asked to review.`);
    } else if (author !== undefined && key === author.toLowerCase()) {
      plan.warnings.push(`@${name} is the author of the pull request and cannot review it; someone else must approve it.`);
    } else {
      plan.users.push(name);
    }
  }
  return plan;
}
