// The PM PR Review's result when a pull request merged: the CI gate's own
// check run ("PM PR Review") on its head commit when the repository runs the
// gate, else the same review recomputed on the merge, with the rules of the
// merge's first parent (the base the pull request was judged against).

import { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES } from '../defaults';
import { commitChange, commitFiles, gitTextSearch, type Git } from '../git';
import type { Connection } from '../pr/github/connection';
import { onHost, webOriginOf } from './links';
import type { ResponseCache } from '../pr/github/responseCache';
import { loadRepositoryPolicy, type PolicySettings } from '../repository';
import { loadChecklist, reviewChange } from '../review';

/** The check's name as the workflow `pm-zone ci init` writes names its job. */
export const GATE_CHECK_NAME = 'PM PR Review';

export interface ReviewAtMerge {
  /** `ci-check`: the gate's check run; `recomputed`: reviewed here, on the merge commit. */
  source: 'ci-check' | 'recomputed';
  result: 'passed' | 'failed' | 'skipped' | 'unknown';
  /** The check run, when there is one. */
  url: string | null;
  /** Recomputed only: the blockers the review found. */
  blockers: number | null;
}

/**
 * The gate's latest check run on `headSha`, or undefined when the repository
 * has none there. A completed run's answer cannot change: it is kept and not
 * asked again. A run still queued or in progress, or none yet (a workflow can
 * be re-run), is asked again next time.
 */
export async function gateCheckOf(github: Connection, owner: string, repo: string, headSha: string, cache: ResponseCache | undefined): Promise<ReviewAtMerge | undefined> {
  const ask = async (): Promise<{ review: ReviewAtMerge; completed: boolean } | null> => {
    const { data } = await github.octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: GATE_CHECK_NAME, filter: 'latest', per_page: 10 });
    const run = data.check_runs.find((candidate) => candidate.name === GATE_CHECK_NAME);
    if (!run) return null;
    const completed = run.status === 'completed';
    const result = !completed ? 'unknown' : run.conclusion === 'success' ? 'passed' : run.conclusion === 'failure' ? 'failed' : run.conclusion === 'skipped' || run.conclusion === 'neutral' ? 'skipped' : 'unknown';
    return { review: { source: 'ci-check', result, url: onHost(run.html_url, webOriginOf(github.apiUrl)) || null, blockers: null }, completed };
  };
  const found = cache ? await cache.derived(`gate check ${owner}/${repo}@${headSha}`, 'final', ask, (answer) => answer?.completed === true) : await ask();
  return found?.review;
}

/** The review as the gate would have run it on the merge: the change against the first parent, the parent's rules, `author` as the PM. */
export async function recomputedReview(git: Git, merge: string, author: string, settings: PolicySettings): Promise<ReviewAtMerge> {
  const parent = (await git.run(['rev-parse', '--verify', '--quiet', `${merge}^1`])).trim();
  const atBase = commitFiles(git, parent);
  const policy = await loadRepositoryPolicy(atBase, { ...settings, handle: author });
  if (!policy.zone.defined) return { source: 'recomputed', result: 'skipped', url: null, blockers: null };
  const checklist = await loadChecklist(atBase, settings.skillFile);
  const { result } = await reviewChange({
    change: await commitChange(git, merge),
    policy,
    checklist,
    files: commitFiles(git, merge),
    options: { maxFiles: DEFAULT_MAX_FILES, maxLines: DEFAULT_MAX_LINES },
    search: gitTextSearch(git, { revision: merge }),
  });
  return { source: 'recomputed', result: result.summary.blockers > 0 ? 'failed' : 'passed', url: null, blockers: result.summary.blockers };
}
