// The chain of each PM-authored pull request, read back: GitHub for the pull
// request and its reviews, git for the planning doc's commit, the merge and
// the flag flips after it.

import { DEFAULT_LABELS } from '../defaults';
import type { Git } from '../git';
import { isNoFlag } from '../planning/noFlag';
import { readPlanningSummary } from '../planning/summary';
import type { ResponseCache } from '../pr/github/responseCache';
import type { RepositoryPolicy } from '../repository';
import { findPilot } from '../policy';
import { commitsOfMerge, commitThatAdded, flagFlipsAfterEach, mapLimited, planningDocsOf, readMerges, type Merge } from './history';
import { recomputedReview, type ReviewAtMerge } from './reviewAtMerge';
import type { AuditedPullRequest, AuditReport, CommitLink, Deployment, FlagFlip, FlagState, Implementation, Intent, MissingLink, PullRequestFacts } from './model';
import type { FlagLogEntry } from './flagLog';
import type { PullRequestRecord } from './pullRequests';

export interface AuditInputs {
  git: Git;
  /** The policy of the default branch: who the pilots are and their DRIs. */
  policy: RepositoryPolicy;
  repository: string;
  pullRequests: readonly PullRequestRecord[];
  /** Flag flips are read up to this commit (the default branch's tip). */
  until: string;
  /** Flips the team's flag system recorded (`--flag-log`), besides the flags files' history. */
  flagLog?: readonly FlagLogEntry[];
  /** The CI gate's check on a pull request, when the repository runs it (see `gateCheckReader`); else the review is recomputed. */
  gateCheck?: (pull: PullRequestRecord) => Promise<ReviewAtMerge | undefined>;
  /**
   * Keeps recomputed reviews between runs: a merge's review depends only on
   * the commit, the author, the policy settings and PM Zone's version, which
   * all go into the key. Without it every review is recomputed.
   */
  keep?: { cache: ResponseCache; version: string };
}

/** A PM-authored pull request: labelled `pm-authored`, or opened by a pilot PM of CLAUDE.md. */
export function isPmAuthored(pull: Pick<PullRequestFacts, 'labels' | 'author'>, policy: RepositoryPolicy): boolean {
  return pull.labels.includes(DEFAULT_LABELS.pmAuthored) || findPilot(policy.zone, { handle: pull.author }) !== undefined;
}

export async function auditTrail(inputs: AuditInputs): Promise<AuditReport> {
  const pulls = inputs.pullRequests.filter((candidate) => isPmAuthored(candidate, inputs.policy)).sort((a, b) => a.number - b.number);
  const { git } = inputs;
  // Every pull request of one audit is in one repository: its commit URLs share a root.
  const root = pulls[0]?.url.replace(/\/pull\/\d+$/, '') ?? '';
  const commitUrl = (sha: string) => `${root}/commit/${sha}`;
  const merges = await readMerges(git, pulls.flatMap((pull) => (pull.mergeCommitSha ? [pull.mergeCommitSha] : [])), commitUrl);
  const docs = await planningDocsOf(git, merges);
  const added = new Map(await mapLimited([...docs].filter(([, doc]) => doc !== null), async ([merge, doc]) => [merge, await commitThatAdded(git, merge, doc!.path, commitUrl)] as const));
  const flagsOf = new Map([...docs].map(([merge, doc]) => [merge, namedFlags(doc?.text)] as const));
  const flips = await flagFlipsAfterEach(git, new Map([...flagsOf].map(([merge, named]) => [merge, named.flags])), inputs.until, commitUrl);
  const merged = pulls.filter((pull) => pull.mergeCommitSha && merges.has(pull.mergeCommitSha));
  const commits = new Map(await mapLimited(merged, async (pull) => [pull.number, await commitsOfMerge(git, pull.mergeCommitSha!, commitUrl)] as const));
  const recompute = (pull: PullRequestRecord) => {
    const run = () => recomputedReview(git, pull.mergeCommitSha!, pull.author, inputs.policy.settings);
    const { policyFile, skillFile, codeownersFlavor } = inputs.policy.settings;
    return inputs.keep ? inputs.keep.cache.derived(`review ${inputs.repository}@${pull.mergeCommitSha}`, [inputs.keep.version, pull.author, policyFile, skillFile, codeownersFlavor].join(' '), run) : run();
  };
  const reviews = new Map(await mapLimited(merged, async (pull) => [pull.number, (await inputs.gateCheck?.(pull)) ?? (await recompute(pull))] as const));
  const audited = pulls.map((pull) => {
    const merge = pull.mergeCommitSha ? merges.get(pull.mergeCommitSha) : undefined;
    if (!merge) return auditOne(pull, inputs, undefined);
    const doc = docs.get(merge.commit.sha) ?? null;
    const named = flagsOf.get(merge.commit.sha)!;
    const logged = loggedFlipsAfter(inputs.flagLog ?? [], named.flags, pull.mergedAt ?? merge.commit.date);
    return auditOne(pull, inputs, {
      merge: merge.commit,
      files: merge.files,
      commits: commits.get(pull.number) ?? [],
      review: reviews.get(pull.number) ?? null,
      intent: { planningPath: doc?.path ?? null, commit: added.get(merge.commit.sha) ?? null, pullRequest: null },
      deployment: { flags: named.flags, copyOnly: named.copyOnly, flips: [...(flips.get(merge.commit.sha) ?? []), ...logged].sort((a, b) => Date.parse(a.date) - Date.parse(b.date)) },
    });
  });
  linkPlanningPullRequests(audited, merges, pulls);
  const complete = audited.filter((pull) => pull.complete).length;
  return {
    repository: inputs.repository,
    pullRequests: audited,
    completeness: audited.length === 0 ? null : complete / audited.length,
    regulated: inputs.policy.zone.mode === 'regulated',
  };
}

/**
 * The planning pull request of each chain: the first merged pull request of
 * the audit that brought its PLANNING.md (a pilot's week one), with whether
 * the engineering DRI approved it. Null when that pull request is not among
 * the audited ones (an engineer's, or outside the range).
 */
function linkPlanningPullRequests(audited: AuditedPullRequest[], merges: ReadonlyMap<string, Merge>, pulls: readonly PullRequestRecord[]): void {
  const mergeOf = new Map(pulls.map((pull) => [pull.number, pull.mergeCommitSha ? merges.get(pull.mergeCommitSha) : undefined]));
  const byMerge = [...audited].filter((pull) => pull.implementation.mergedAt).sort((a, b) => Date.parse(a.implementation.mergedAt!) - Date.parse(b.implementation.mergedAt!));
  for (const pull of audited) {
    const path = pull.intent.planningPath;
    if (!path || !pull.implementation.mergedAt) continue;
    const planning = byMerge.find((candidate) => mergeOf.get(candidate.number)?.files.includes(path) && Date.parse(candidate.implementation.mergedAt!) <= Date.parse(pull.implementation.mergedAt!));
    pull.intent.pullRequest = planning ? { number: planning.number, url: planning.implementation.url, driApproved: planning.implementation.driApproved } : null;
  }
}

interface MergedChain {
  merge: CommitLink;
  files: readonly string[];
  commits: Implementation['commits'];
  review: ReviewAtMerge | null;
  intent: Intent;
  deployment: Deployment;
}

function auditOne(pull: PullRequestRecord, inputs: AuditInputs, merged: MergedChain | undefined): AuditedPullRequest {
  const implementation = implementationOf(pull, inputs.policy, merged?.files ?? []);
  implementation.mergeCommit = merged?.merge ?? null;
  implementation.commits = merged?.commits ?? [];
  implementation.review = merged?.review ?? null;
  const intent = merged?.intent ?? { planningPath: null, commit: null, pullRequest: null };
  const deployment = merged?.deployment ?? null;
  const missing: MissingLink[] = [];
  // An open pull request is judged once merged: its planning doc may still come.
  if (!merged) missing.push('merge');
  else if (!intent.commit) missing.push('planning');
  else if (Date.parse(intent.commit.date) > Date.parse(pull.openedAt)) missing.push('planning-late');
  if (implementation.review?.result === 'failed') missing.push('review');
  if (merged && implementation.approvals.length === 0) missing.push('approval');
  if (merged && implementation.driApproved === false) missing.push('dri-approval');
  if (deployment && !deployment.copyOnly && (deployment.flags.length === 0 || deployment.flips.length === 0)) missing.push('flag-flip');
  return { number: pull.number, complete: missing.length === 0, missing, intent, implementation, deployment };
}

/** The flags a planning doc names, and whether it says `flag: none` (a copy-only change). */
function namedFlags(text: string | undefined): { flags: string[]; copyOnly: boolean } {
  const written = text === undefined ? undefined : readPlanningSummary(text).flag;
  const flags = (written ?? '').split(',').map((flag) => flag.trim()).filter((flag) => flag && !isNoFlag(flag));
  return { flags, copyOnly: written !== undefined && flags.length === 0 && written.split(',').some((flag) => isNoFlag(flag.trim())) };
}

function implementationOf(pull: PullRequestRecord, policy: RepositoryPolicy, files: readonly string[]): Implementation {
  const owners = new Set(files.flatMap((file) => policy.zoneOf(file).owners.map((owner) => owner.toLowerCase())));
  const teams = [...owners].some((owner) => owner.includes('/'));
  const codeOwner = (reviewer: string) => (owners.has(`@${reviewer}`.toLowerCase()) ? true : teams ? null : false);
  // The last review of each reviewer decides: an approval later dismissed or overturned does not count.
  const last = new Map<string, PullRequestRecord['reviews'][number]>();
  for (const review of [...pull.reviews].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (review.state !== 'COMMENTED') last.set(review.reviewer.toLowerCase(), review);
  }
  const approvals = [...last.values()].filter((review) => review.state === 'APPROVED').map((review) => ({ reviewer: `@${review.reviewer}`, at: review.at, url: review.url, codeOwner: codeOwner(review.reviewer) }));
  const dri = findPilot(policy.zone, { handle: pull.author })?.engineeringDri ?? null;
  const { number, title, url, author, labels, openedAt, mergedAt } = pull;
  return {
    number, title, url, author, labels, openedAt, mergedAt,
    mergeCommit: null,
    commits: [],
    review: null,
    approvals,
    changesRequested: pull.reviews.filter((review) => review.state === 'CHANGES_REQUESTED').length,
    engineeringDri: dri,
    driApproved: dri === null ? null : approvals.some((approval) => approval.reviewer.toLowerCase() === `@${dri.replace(/^@/, '')}`.toLowerCase()),
  };
}

/**
 * The flag system's flips of `flags` after the merge. A line may say only one
 * half of the state (Unleash records switching and rollout apart): the other
 * half is carried from the line before it, and stays null when no line said it.
 */
function loggedFlipsAfter(log: readonly FlagLogEntry[], flags: readonly string[], mergedAt: string): FlagFlip[] {
  const after = Date.parse(mergedAt);
  const ordered = [...log].filter((entry) => flags.includes(entry.flag)).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const last = new Map<string, FlagState>();
  const flips: FlagFlip[] = [];
  for (const entry of ordered) {
    const from = last.get(entry.flag) ?? null;
    const to = { enabled: entry.state.enabled ?? from?.enabled ?? null, rollout: entry.state.rollout ?? from?.rollout ?? null };
    if (Date.parse(entry.time) > after) flips.push({ flag: entry.flag, date: entry.time, author: entry.actor, source: 'flag-system', logLine: entry.source, from, to });
    last.set(entry.flag, to);
  }
  return flips;
}
