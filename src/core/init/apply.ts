// Carrying out the steps an engineer said yes to, and what is left to do:
// the same for `pm-zone init` and the editor's "Set up PM Zone".
import { installPreCommitHook } from '../git/hooks';
import { writeRepositoryFile } from '../git/repositoryWrite';
import type { Git } from '../git/runGit';
import { listsPmZone, type PackageManager } from '../repository/packageManager';
import { INIT_STEPS, type InitPlan, type InitStepId } from './plan';

export interface InitApplied {
  /** The files written. */
  written: string[];
  /** A chosen step that was refused, in one line that says what to do instead (the native hook, where core.hooksPath leads out of the repository or the hook there was edited by hand). */
  notDone: { step: InitStepId; message: string }[];
}

/** Writes the chosen steps' files (a link at a target is replaced, never followed) and installs the native hook; says what was refused. */
export async function applyInit(plan: InitPlan, chosen: ReadonlySet<InitStepId>, root: string, git: Git, manager: PackageManager, installedBy: 'the pm-zone command line' | 'the PM Zone extension'): Promise<InitApplied> {
  const applied: InitApplied = { written: [], notDone: [] };
  for (const step of plan.steps.filter((candidate) => chosen.has(candidate.id))) {
    for (const write of step.writes) {
      await writeRepositoryFile(root, write.file, write.text, { mode: 'replace' });
      applied.written.push(write.file);
    }
    if (!step.nativeHook) continue;
    const hook = await installPreCommitHook(git, { reviewArgs: step.nativeHook.reviewArgs, packageManager: manager, installedBy });
    if (hook.status === 'refused') applied.notDone.push({ step: step.id, message: `The pre-commit hook was not installed in this clone: ${hook.message}` });
  }
  return applied;
}

/** The steps that follow the zone wait for it: with no section written and none there, they have nothing to follow. */
export function followsZone(id: InitStepId, plan: InitPlan, chosen: ReadonlySet<InitStepId>): boolean {
  return id === 'section' || plan.before.zone.defined || chosen.has('section');
}

/** What is left once the chosen steps are done (or, for a dry run, would be). */
export function initNextSteps(plan: InitPlan, chosen: ReadonlySet<InitStepId>, files: readonly string[], manager: PackageManager, packageJson: string | undefined, options: { dryRun?: boolean; ignored?: readonly string[] } = {}): string[] {
  const steps: string[] = [];
  if (options.dryRun) steps.push('Run pm-zone init again without --dry-run to write these files.');
  if (options.ignored && options.ignored.length > 0) steps.push(`Let git carry ${options.ignored.join(', ')}: add the .gitignore lines above (or run again with --unignore).`);
  if (chosen.has('section')) steps.push(`Read the drafted section in ${plan.policyFile}: correct the globs, add a row per pilot PM (with the e-mail git knows them by) and the flags they own.`);
  if (files.length > 0) steps.push(`Commit ${files.join(', ')} through a pull request an engineer approves.`);
  if (packageJson !== undefined && !listsPmZone(packageJson)) steps.push(`Add PM Zone to the project, so every clone and CI run the same version: ${manager.addDev}${manager.workspace && manager.name === 'pnpm' ? ' (-w: the workspace root)' : ''}.`);
  if (chosen.has('gate')) steps.push('Require the "PM PR Review" check on the default branch (branch protection or a ruleset).');
  steps.push(`Once merged, check that GitHub enforces it all: ${manager.exec} controls (it reads GitHub with a token; --fix prints the ruleset).`);
  steps.push('Pilot PMs install the PM Zone extension (or the package) and run pm-zone whoami: it names them; everyone else is "not a pilot PM: the PM zone does not restrict you".');
  for (const id of INIT_STEPS.filter((candidate) => !chosen.has(candidate) && plan.steps.some((step) => step.id === candidate && !step.nothing))) {
    if (id === 'hook') steps.push(`Later, the pre-commit review: pm-zone init --hook (or ${manager.exec} hook install in one clone).`);
    if (id === 'gate') steps.push(`Later, the CI gate: ${manager.exec} ci init.`);
    if (id === 'agents') steps.push(`Later, the coding agents' guard: ${manager.exec} agents init.`);
  }
  return steps;
}
