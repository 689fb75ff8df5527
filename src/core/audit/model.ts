// The audit trail of one PM-authored pull request: intent (the commit that
// added its PLANNING.md), implementation (the pull request, its reviews, its
// merge) and deployment (each flip of its flag after the merge), each link a
// URL, and the links that are missing, named.

import type { ReviewAtMerge } from './reviewAtMerge';

/** A link of the chain that is not there; `MISSING_LINKS` says each in a sentence. */
export type MissingLink = 'planning' | 'planning-late' | 'merge' | 'review' | 'approval' | 'dri-approval' | 'flag-flip';

export const MISSING_LINKS: Record<MissingLink, string> = {
  planning: 'no PLANNING.md in the change or its feature folder at the merge',
  'planning-late': 'PLANNING.md added after the pull request was opened',
  merge: 'not merged',
  review: 'the PM PR Review did not pass at merge',
  approval: 'merged without an approving review',
  'dri-approval': "no approval by the pilot's engineering DRI",
  'flag-flip': 'no flag flip recorded after merge',
};

export interface CommitLink {
  sha: string;
  /** ISO 8601, the author date. */
  date: string;
  author: string;
  url: string;
}

export interface Intent {
  /** The PLANNING.md the change answers to, or null when there is none. */
  planningPath: string | null;
  /** The commit that added it, or null. */
  commit: CommitLink | null;
  /** The audited pull request that merged it (the planning PR), and whether the pilot's engineering DRI approved it; null when none of the audited ones did. */
  pullRequest: { number: number; url: string; driApproved: boolean | null } | null;
}

export interface Approval {
  reviewer: string;
  at: string;
  url: string;
  /** A code owner of a file the merge changed: true, false, or null when the owners include teams, whose members GitHub was not asked for. */
  codeOwner: boolean | null;
}

/** What GitHub says of a pull request, as the audit shows it. */
export interface PullRequestFacts {
  number: number;
  title: string;
  url: string;
  /** `@login`. */
  author: string;
  labels: string[];
  openedAt: string;
  mergedAt: string | null;
}

export interface Implementation extends PullRequestFacts {
  mergeCommit: CommitLink | null;
  /** The commits the merge brought, oldest first (empty until merged). */
  commits: Array<CommitLink & { subject: string }>;
  /** The last review of each reviewer that approved. */
  approvals: Approval[];
  /** Reviews that requested changes (each reviewer's each request; the readout's review cycles count reworked commits instead). */
  changesRequested: number;
  /** The pilot's engineering DRI, when CLAUDE.md names one, and whether they approved. */
  engineeringDri: string | null;
  driApproved: boolean | null;
  /** The PM PR Review at merge: the CI gate's check, else recomputed on the merge commit; null when not merged. */
  review: ReviewAtMerge | null;
}

export interface FlagState {
  enabled: boolean | null;
  rollout: number | null;
}

/** A flip of a flag: from the repository's flags files (a commit), or from the flag system's exported log. */
export interface FlagFlip {
  flag: string;
  /** ISO 8601, UTC. */
  date: string;
  author: string;
  /** `repository`: a commit changed a flags file; `flag-system`: a line of the exported flag log. */
  source: 'repository' | 'flag-system';
  /** The commit and its URL, the flags file (repository flips only). */
  sha?: string;
  url?: string;
  file?: string;
  /** `FILE:LINE` of the exported log (flag-system flips only). */
  logLine?: string;
  /** Null when the flag was added by this commit, or the log does not say. */
  from: FlagState | null;
  to: FlagState;
}

export interface Deployment {
  /** The flags the planning doc names; empty when it names none. */
  flags: string[];
  /** The planning doc says `flag: none` (a copy-only change): no flip is owed. */
  copyOnly: boolean;
  /** Every enabled or rollout change of those flags after the merge, oldest first. */
  flips: FlagFlip[];
}

export interface AuditedPullRequest {
  number: number;
  complete: boolean;
  missing: MissingLink[];
  intent: Intent;
  implementation: Implementation;
  deployment: Deployment | null;
}

export interface AuditReport {
  repository: string;
  pullRequests: AuditedPullRequest[];
  /** Complete pull requests over all audited, 0 to 1; null when there is none to audit (never a made-up 1 or 0). */
  completeness: number | null;
  regulated: boolean;
  /** What the audit asked GitHub: requests sent, answered 304 from the kept copy, and answers reused without asking (reviews of unchanged pull requests, finished gate checks). */
  github?: { requests: number; notModified: number; reused: number };
}
