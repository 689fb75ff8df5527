// The audit trail and the readout as both front ends ask for them: the pull
// requests read from GitHub (the answers kept in the git folder), the chain
// read from git, and GitHub's and git's failures said in one sentence. The
// command line and the editor differ only in where the token comes from.

import * as path from 'node:path';
import { commonDir, type Git } from '../git';
import { describeWait, GitHubError } from '../pr/github/errors';
import { ResponseCache } from '../pr/github/responseCache';
import type { GitHubOptions } from '../pr/github/types';
import type { RepositoryPolicy } from '../repository';
import { auditTrail, isPmAuthored } from './auditTrail';
import type { FlagLogEntry } from './flagLog';
import { MissingHistoryError } from './history';
import type { AuditReport } from './model';
import { gateCheckReader, listPullRequests, readPullRequests, withReviews } from './pullRequests';
import { pilotReadout, type Readout } from './readout';

export interface GitHubHistory {
  git: Git;
  /** The default branch's policy: who the pilots are, their DRIs and folders. */
  policy: RepositoryPolicy;
  owner: string;
  repo: string;
  /** The token and API address; `cache` keeps the answers between runs. */
  options: GitHubOptions & { cache: ResponseCache };
  /** History is read up to this revision (the default branch's tip). */
  until: string;
  /** PM Zone's version: a review recomputed at merge is kept under it. */
  version: string;
}

/** The copy of GitHub's answers kept in the git folder, never in the work tree. */
export async function historyCache(git: Git): Promise<ResponseCache> {
  return ResponseCache.open(path.join(await commonDir(git), 'pm-zone', 'github-cache.json'));
}

export interface AuditScope {
  /** These pull requests only. */
  numbers?: readonly number[];
  /** Opened at or after, and before (ISO 8601). */
  since?: string;
  before?: string;
  flagLog?: readonly FlagLogEntry[];
}

export async function auditFromGitHub(history: GitHubHistory, scope: AuditScope = {}): Promise<AuditReport> {
  const { git, policy, owner, repo, options } = history;
  const pullRequests = await readPullRequests({ owner, repo, numbers: scope.numbers, since: scope.since, before: scope.before }, options, (pull) => isPmAuthored(pull, policy));
  const report = await auditTrail({
    git,
    policy,
    repository: `${owner}/${repo}`,
    pullRequests,
    until: history.until,
    flagLog: scope.flagLog,
    gateCheck: gateCheckReader({ owner, repo }, options),
    keep: { cache: options.cache, version: history.version },
  });
  return { ...report, github: options.cache.counts };
}

export async function readoutFromGitHub(history: GitHubHistory, scope: { start: string; weeks: number; baselinePrs?: readonly number[] }): Promise<Readout> {
  const { git, policy, owner, repo, options } = history;
  const query = { owner, repo };
  return pilotReadout({
    git,
    policy,
    repository: `${owner}/${repo}`,
    listed: await listPullRequests(query, options),
    withReviews: (pulls) => withReviews(query, pulls, options),
    ...scope,
    until: history.until,
  });
}

/**
 * What to tell the user when reading history failed, in one sentence without
 * the token; undefined for a failure that is not GitHub's or git's to explain.
 * A rate limit says when to try again: what was read is kept.
 */
export function historyFailure(error: unknown, token: string): string | undefined {
  const scrub = (text: string) => (token ? text.split(token).join('***') : text);
  if (error instanceof GitHubError && error.kind === 'rate-limited') {
    const wait = error.retryAfterSeconds === undefined ? 'later' : `in ${describeWait(error.retryAfterSeconds)}`;
    return `${error.summary} Run it again ${wait}: the answers read so far are kept in the git folder, so it asks GitHub only for the rest.`;
  }
  if (error instanceof GitHubError) return scrub(`${error.summary} ${error.nextStep}`);
  if (error instanceof MissingHistoryError) return error.message;
  return undefined;
}
