// The chain of each PM-authored pull request, read back: GitHub for the pull
// request and its reviews, git for the planning doc's commit, the merge and
// the flag flips after it.

import { DEFAULT_LABELS } from '../defaults';
import type { Git } from '../git';
import { readBlobs } from '../git';
import { isNoFlag } from '../planning/noFlag';
import { readPlanningSummary } from '../planning/summary';
import type { RepositoryPolicy } from '../repository';
import { findPilot } from '../policy';
import { commitThatAdded, flagFlipsAfter, mergedFiles, planningPathOf, utc } from './history';
import type { AuditedPullRequest, AuditReport, CommitLink, Deployment, Implementation, Intent, MissingLink } from './model';
import type { PullRequestRecord } from './pullRequests';

export interface AuditInputs {
  git: Git;
  /** The policy of the default branch: who the pilots are and their DRIs. */
  policy: RepositoryPolicy;
  repository: string;
  pullRequests: readonly PullRequestRecord[];
  /** Flag flips are read up to this commit (the default branch's tip). */
  until: string;
}

/** A PM-authored pull request: labelled `pm-authored`, or opened by a pilot PM of CLAUDE.md. */
export function isPmAuthored(pull: PullRequestRecord, policy: RepositoryPolicy): boolean {
  return pull.labels.includes(DEFAULT_LABELS.pmAuthored) || findPilot(policy.zone, { handle: pull.author }) !== undefined;
}

export async function auditTrail(inputs: AuditInputs): Promise<AuditReport> {
  const audited: AuditedPullRequest[] = [];
  for (const pull of inputs.pullRequests.filter((candidate) => isPmAuthored(candidate, inputs.policy))) audited.push(await auditOne(inputs, pull));
  audited.sort((a, b) => a.number - b.number);
  const complete = audited.filter((pull) => pull.complete).length;
  return {
    repository: inputs.repository,
    pullRequests: audited,
    completeness: audited.length === 0 ? null : complete / audited.length,
    regulated: inputs.policy.zone.mode === 'regulated',
  };
}

async function auditOne(inputs: AuditInputs, pull: PullRequestRecord): Promise<AuditedPullRequest> {
  const commitUrl = (sha: string) => `${pull.url.replace(/\/pull\/\d+$/, '')}/commit/${sha}`;
  const implementation = implementationOf(pull, inputs.policy);
  const missing: MissingLink[] = [];
  let intent: Intent = { planningPath: null, commit: null };
  let deployment: Deployment | null = null;
  if (!pull.mergeCommitSha) {
    missing.push('merge');
  } else {
    const merge = pull.mergeCommitSha;
    const files = await mergedFiles(inputs.git, merge);
    const planningPath = await planningPathOf(inputs.git, merge, files);
    intent = { planningPath, commit: planningPath ? await commitThatAdded(inputs.git, merge, planningPath, commitUrl) : null };
    implementation.mergeCommit = await mergeLink(inputs.git, merge, commitUrl);
    deployment = await deploymentOf(inputs, merge, planningPath, commitUrl);
  }
  // An open pull request is judged once merged: its planning doc may still come.
  if (pull.mergeCommitSha && !intent.commit) missing.push('planning');
  else if (intent.commit && Date.parse(intent.commit.date) > Date.parse(pull.openedAt)) missing.push('planning-late');
  if (pull.mergeCommitSha && implementation.approvals.length === 0) missing.push('approval');
  if (pull.mergeCommitSha && implementation.driApproved === false) missing.push('dri-approval');
  if (deployment && !deployment.copyOnly && (deployment.flags.length === 0 || deployment.flips.length === 0)) missing.push('flag-flip');
  return { number: pull.number, complete: missing.length === 0, missing, intent, implementation, deployment };
}

function implementationOf(pull: PullRequestRecord, policy: RepositoryPolicy): Implementation {
  // The last review of each reviewer decides: an approval later dismissed or overturned does not count.
  const last = new Map<string, PullRequestRecord['reviews'][number]>();
  for (const review of [...pull.reviews].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (review.state !== 'COMMENTED') last.set(review.reviewer.toLowerCase(), review);
  }
  const approvals = [...last.values()].filter((review) => review.state === 'APPROVED').map((review) => ({ reviewer: `@${review.reviewer}`, at: review.at, url: review.url }));
  const dri = findPilot(policy.zone, { handle: pull.author })?.engineeringDri ?? null;
  const { number, title, url, author, labels, openedAt, mergedAt } = pull;
  return {
    number, title, url, author, labels, openedAt, mergedAt,
    mergeCommit: null,
    approvals,
    changesRequested: pull.reviews.filter((review) => review.state === 'CHANGES_REQUESTED').length,
    engineeringDri: dri,
    driApproved: dri === null ? null : approvals.some((approval) => approval.reviewer.toLowerCase() === `@${dri.replace(/^@/, '')}`.toLowerCase()),
  };
}

async function mergeLink(git: Git, sha: string, commitUrl: (sha: string) => string): Promise<CommitLink | null> {
  const line = await git.run(['log', '-1', '--format=%aI%x1f%an', sha]).catch(() => '');
  const [date = '', author = ''] = line.trim().split('\x1f');
  return date ? { sha, date: utc(date), author, url: commitUrl(sha) } : null;
}

async function deploymentOf(inputs: AuditInputs, merge: string, planningPath: string | null, commitUrl: (sha: string) => string): Promise<Deployment> {
  const text = planningPath ? (await readBlobs(inputs.git, [`${merge}:${planningPath}`])).get(`${merge}:${planningPath}`)?.text : undefined;
  const written = text === undefined ? undefined : readPlanningSummary(text).flag;
  const flags = (written ?? '').split(',').map((flag) => flag.trim()).filter((flag) => flag && !isNoFlag(flag));
  const copyOnly = written !== undefined && flags.length === 0 && written.split(',').some((flag) => isNoFlag(flag.trim()));
  return { flags, copyOnly, flips: await flagFlipsAfter(inputs.git, merge, inputs.until, flags, commitUrl) };
}
