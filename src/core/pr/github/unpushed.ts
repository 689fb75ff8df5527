// The branch's commits that its pull request does not have yet: what "Push my
// changes to #N" would send. Counted from the head commit GitHub names when
// this clone has it, else from the branch's remote-tracking copy (what the
// last push or fetch left).

import { resolveCommit, type Git } from '../../git';

/** Commits of `branch` not reachable from `headSha` (the pull request's head); undefined when neither it nor origin's copy is known here. */
export async function commitsNotInPullRequest(git: Git, branch: string, headSha: string | undefined): Promise<number | undefined> {
  const [local, known, tracked] = await Promise.all([
    resolveCommit(git, `refs/heads/${branch}`),
    headSha && /^[0-9a-f]{40}$/i.test(headSha) ? resolveCommit(git, headSha) : Promise.resolve(null),
    resolveCommit(git, `refs/remotes/origin/${branch}`),
  ]);
  const pushed = known ?? tracked;
  if (!local || !pushed) return undefined;
  return Number((await git.run(['rev-list', '--count', `${pushed}..${local}`])).trim());
}
