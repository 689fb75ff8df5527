// The branch's commits that its pull request does not have yet: what "Push my
// changes to #N" would send. A commit counts when neither the head commit
// GitHub names (when this clone has it) nor the branch's remote-tracking copy
// (what the last push or fetch left) has it: a push GitHub has not caught up
// with yet is still a push.

import { resolveCommit, type Git } from '../../git';

/** Commits of `branch` reachable from neither `headSha` (the pull request's head) nor origin's copy; undefined when neither is known here. */
export async function commitsNotInPullRequest(git: Git, branch: string, headSha: string | undefined): Promise<number | undefined> {
  const [local, known, tracked] = await Promise.all([
    resolveCommit(git, `refs/heads/${branch}`),
    headSha && /^[0-9a-f]{40}$/i.test(headSha) ? resolveCommit(git, headSha) : Promise.resolve(null),
    resolveCommit(git, `refs/remotes/origin/${branch}`),
  ]);
  const pushed = [known, tracked].filter((sha): sha is string => sha !== null);
  if (!local || pushed.length === 0) return undefined;
  return Number((await git.run(['rev-list', '--count', local, ...pushed.map((sha) => `^${sha}`)])).trim());
}
