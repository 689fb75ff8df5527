import { isGitError } from './gitError';
import { currentBranch, resolveCommit } from './repository';
import type { Git } from './runGit';

const MAX_SLUG_LENGTH = 48;

/**
 * A branch name for a change, from its planning title and the PM's handle:
 * "Clearer order button!" by @alice → `alice/clearer-order-button`. Only
 * letters, digits and dashes survive, so git always accepts it.
 */
export function branchNameFor(title: string, handle?: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  const owner = (handle ?? '').replace(/^@/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '');
  const name = slug || 'my-change';
  return owner ? `${owner}/${name}` : name;
}

export type StartChangeOutcome =
  | { kind: 'started'; branch: string; from: string | null }
  | { kind: 'invalid'; message: string }
  | { kind: 'exists'; message: string };

/**
 * Creates `branch` at HEAD and switches to it, keeping every uncommitted
 * edit (nothing is stashed, reset or lost): the PM's work simply continues
 * on the new branch. Refuses a name git would not take, or one that exists.
 */
export async function startChange(git: Git, branch: string): Promise<StartChangeOutcome> {
  const name = branch.trim();
  const valid = await git.exec(['check-ref-format', '--branch', name], { okExitCodes: [1, 128] });
  if (name === '' || name.startsWith('-') || valid.exitCode !== 0) {
    return { kind: 'invalid', message: `"${name}" cannot be a branch name: use letters, digits, "-" and "/", such as alice/clearer-order-button.` };
  }
  if ((await resolveCommit(git, `refs/heads/${name}`)) !== null) {
    return { kind: 'exists', message: `A branch named ${name} exists already: choose another name, or switch to it in Source Control.` };
  }
  const from = await currentBranch(git);
  try {
    await git.exec(['checkout', '-b', name]);
  } catch (error) {
    if (isGitError(error)) return { kind: 'invalid', message: `git could not create ${name}: ${error.message.split('\n')[0]}` };
    throw error;
  }
  return { kind: 'started', branch: name, from };
}
