// The working agreement as the base branch holds it: GitHub reads CODEOWNERS
// from the branch a pull request merges into, and the CI gate reads
// CLAUDE.md and the skill file there, so the controls are judged on that
// commit (the remote-tracking branch first), never on the working tree.

import { WORKFLOW_PATH } from '../ci/workflow';
import { commitFiles, resolveCommit, type Git } from '../git';
import { loadRepositoryPolicy, type PolicySettings, type RepositoryPolicy } from '../repository';
import { loadChecklist, type Checklist } from '../review';

export interface PolicyAtBase {
  /** The revision read: `origin/main`, else `main`. */
  ref: string;
  commit: string;
  policy: RepositoryPolicy;
  /** Every file at the base, for the engineering-only globs to be judged on real paths. */
  paths: string[];
  checklist: Checklist;
  /** The gate's workflow at the base, undefined when it has none: whether it runs in the merge queue. */
  workflow: string | undefined;
}

/** The policy at the base, or why this clone cannot give it (a sentence with the fetch to run). */
export async function policyAtBase(git: Git, base: string, settings: PolicySettings): Promise<PolicyAtBase | string> {
  for (const ref of [`origin/${base}`, base]) {
    const commit = await resolveCommit(git, `refs/${ref === base ? 'heads' : 'remotes'}/${ref}`);
    if (!commit) continue;
    const files = commitFiles(git, commit);
    const [policy, listing, checklist, workflow] = await Promise.all([
      loadRepositoryPolicy(files, { ...settings, handle: undefined, email: undefined }),
      git.run(['ls-tree', '-r', '-z', '--name-only', commit]),
      loadChecklist(files, settings.skillFile),
      files.readText(WORKFLOW_PATH),
    ]);
    return { ref, commit, policy, paths: listing.split('\0').filter(Boolean), checklist, workflow };
  }
  return `this clone has neither origin/${base} nor ${base}: run git fetch origin ${base}, then check again`;
}
