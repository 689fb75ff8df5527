// "Start a change" (the editor) and `pm-zone start "<title>"` (the command
// line): a branch of its own named from the title, created where the PM is
// with every edit kept, and the change's PLANNING.md in the PM's feature
// folder. One function, so both name the branch and write the doc alike.
import { branchNameFor, startChange, type StartChangeOutcome } from '../git/startChange';
import type { Git } from '../git/runGit';
import type { RepositoryPolicy } from '../repository/assemble';
import type { Problem } from '../types';
import { copyFilesIn } from './copyFiles';
import { featureFolderOf, planNewPlanningDoc, type NewPlanningInput } from './newPlanning';
import { writeNewPlanningDoc, type PlanningWriter, type WriteResult } from './writer';

/** The branch a change starts on: from its title and the PM's handle (`alice/clearer-order-button`). */
export function changeBranch(policy: Pick<RepositoryPolicy, 'author' | 'settings'>, title: string): string {
  return branchNameFor(title, policy.author?.handle ?? policy.settings.handle);
}

export interface StartRequest extends Omit<NewPlanningInput, 'copyFiles'> {
  /** The branch's name; from the title when absent. */
  branch?: string;
  /** Every file of the repository (git's list): the Scope names the feature folder's strings files among them. */
  paths: readonly string[];
}

export interface StartedChange {
  branch: StartChangeOutcome;
  /** The planning doc, when the branch was started: created, or one already there, left as it is. */
  doc?: WriteResult & { problems: Problem[] };
}

/**
 * Creates the branch and switches to it, then writes the planning doc;
 * writes nothing when the branch cannot be made (a name git refuses, one
 * that exists). A doc already in the folder (an earlier change's) is never
 * overwritten: the PM edits it for this change.
 */
export async function startChangeWithDoc(git: Git, writer: PlanningWriter, policy: RepositoryPolicy, request: StartRequest): Promise<StartedChange> {
  const branch = await startChange(git, request.branch ?? changeBranch(policy, request.title));
  if (branch.kind !== 'started') return { branch };
  const folder = featureFolderOf(request.feature);
  const planned = planNewPlanningDoc({ ...request, copyFiles: copyFilesIn(request.paths, folder, (path) => policy.zoneOf(path).zone === 'editable') }, policy.zone, policy.author);
  const written = await writeNewPlanningDoc(writer, planned.path, planned.text);
  return { branch, doc: { ...written, problems: planned.problems } };
}
