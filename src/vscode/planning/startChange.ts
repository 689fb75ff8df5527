import * as vscode from 'vscode';
import type { StartChangeOutcome } from '../../core/git';
import { editorFiles } from '../editorFiles';
import type { Repositories } from '../repositories';
import { requireTrust } from '../shared/trust';
import { chooseZonedRepository, type ZonedRepository } from '../shared/chooseRepository';

const TITLE = 'PM Zone: Start a change';

/** Answers given in advance (by "New planning doc", or the tests); a question whose answer is given is not asked. */
export interface StartChangeArgs {
  repository?: vscode.Uri;
  /** The planning title the branch is named from. */
  title?: string;
  /** The branch name itself: then nothing is asked. */
  branch?: string;
}

export type StartChangeResult = StartChangeOutcome | { kind: 'cancelled' | 'untrusted' | 'no-zone' } | { kind: 'failed'; message: string };

/**
 * "PM Zone: Start a change": a branch of its own for the change, named from
 * the planning title (`alice/clearer-order-button`), created at HEAD and
 * switched to with every edit kept. Offered where the PM first needs it: in
 * the sidebar, after "New planning doc" on the base branch, and as the
 * walkthrough's first real step, not at the last step as a git error.
 */
export async function startChange(repositories: Repositories, argument?: StartChangeArgs | vscode.Uri): Promise<StartChangeResult> {
  const args: StartChangeArgs = argument instanceof vscode.Uri ? { repository: argument } : (argument ?? {});
  if (!requireTrust('branch')) return { kind: 'untrusted' };
  const repository = await chooseZonedRepository(repositories, args.repository, TITLE);
  if (repository === 'cancelled') return { kind: 'cancelled' };
  if (repository === 'no-zone') return { kind: 'no-zone' };
  const git = await import('../../core/git/index.js');
  const gitRunner = new git.Git(repository.root.fsPath);
  // Named as `pm-zone start` names it: one core function.
  const { changeBranch } = await import('../../core/planning/index.js');
  const suggested = changeBranch(repository.policy, args.title ?? (await planningTitle(repository)) ?? '');
  const branch = args.branch ?? (await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'A branch keeps your change apart from the base branch until it is reviewed. Your edits come with you.',
    value: suggested,
    valueSelection: [suggested.indexOf('/') + 1, suggested.length],
    ignoreFocusOut: true,
    validateInput: (value) => (/^[\w./-]+$/.test(value.trim()) && !value.includes('..') ? undefined : 'Use letters, digits, "-", "_" and "/", such as alice/clearer-order-button.'),
  }));
  if (branch === undefined) return { kind: 'cancelled' };
  let outcome: StartChangeOutcome;
  try {
    outcome = await git.startChange(gitRunner, branch);
  } catch (error) {
    // git missing or the folder no longer a repository: said in one line, nothing changed.
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    void vscode.window.showErrorMessage(`PM Zone: could not start the change: ${why}`);
    return { kind: 'failed', message: why };
  }
  if (outcome.kind === 'started') {
    void vscode.window.showInformationMessage(`PM Zone: you are on ${outcome.branch} now, and your edits came with you. Commit here; "Open pull request" sends this branch for review.`);
  } else {
    void vscode.window.showErrorMessage(`PM Zone: ${outcome.message}`);
  }
  return outcome;
}

/** The title of the PM's planning doc (its front matter), to name the branch after. */
async function planningTitle(repository: ZonedRepository): Promise<string | undefined> {
  const { featureFolderOf, readPlanningSummary } = await import('../../core/planning/index.js');
  const files = editorFiles(repository.root);
  for (const glob of repository.policy.author?.featureFolders ?? []) {
    const folder = featureFolderOf(glob);
    const text = await files.readText(folder ? `${folder}/PLANNING.md` : 'PLANNING.md');
    const title = text === undefined ? undefined : readPlanningSummary(text).title;
    if (title) return title;
  }
  return undefined;
}
