import { hookStatus, type HookResult } from './hooks';
import { configValue } from './repository';
import type { Git } from './runGit';

/**
 * The pre-commit hook in a PM's words, offered once. The hook lives in
 * `.git/hooks`, which a clone never copies, so a pilot PM's fresh clone runs
 * no review before a commit until someone installs it. The editor (a
 * notification) and `pm-zone start` (a question on a terminal) both ask this,
 * and both remember a "no" in the repository's own git configuration, so a
 * PM who declined in one is not asked again by the other.
 */
export const COMMIT_CHECK_QUESTION = 'Check my changes before each commit?';

/**
 * What turning it on does, in a sentence a PM knows. It never names PM Zone:
 * the editor's notification already starts with it, and a terminal asks it
 * of someone who just ran pm-zone.
 */
export const COMMIT_CHECK_EXPLAINED = 'A commit the review would block later (an engineering-only file, private data) then stops and says why. Only in this copy of the repository.';

/** The offer where nobody can answer it (a script, a pipe): what is off, and the command that turns it on. */
export const COMMIT_CHECK_OFF = 'Your changes are not checked before each commit in this copy of the repository: pm-zone hook install turns that on.';

/** What a "no" means: asked no more, here or in the editor. */
export const COMMIT_CHECK_NOT_ASKED_AGAIN = 'Not asked again in this repository; pm-zone hook install turns it on later.';

/** The offer as one notification: the question, then what it does. */
export function commitCheckOffer(): string {
  return `${COMMIT_CHECK_QUESTION} ${COMMIT_CHECK_EXPLAINED}`;
}

/** Where a declined offer is remembered: the repository's git configuration (`.git/config`), never a committed file. */
export const COMMIT_CHECK_DECLINED_KEY = 'pm-zone.commitcheck';

/**
 * Whether to offer the commit check here: it is not installed, installing it
 * would work (no hook manager runs the hooks, core.hooksPath stays in the
 * repository) and nobody declined it in this repository. Whom to offer it to
 * (a pilot PM) is the caller's: it knows the identity.
 */
export async function commitCheckWanted(git: Git): Promise<boolean> {
  if ((await configValue(git, COMMIT_CHECK_DECLINED_KEY)) === 'declined') return false;
  const status = await hookStatus(git);
  return status.status === 'not-installed' && !status.manager && !status.outsideRepository;
}

/** Remembers "no" for this repository: neither the editor nor `pm-zone start` offers it again. */
export async function declineCommitCheck(git: Git): Promise<void> {
  await git.exec(['config', '--local', COMMIT_CHECK_DECLINED_KEY, 'declined']);
}

/**
 * What installing the hook did, said to a PM: one short sentence when it is
 * on, the installer's own message (which names what to ask an engineer)
 * when it could not be.
 */
export function commitCheckOutcome(result: HookResult): string {
  if (result.status === 'refused') return `The check could not be turned on here; an engineer can help: ${result.message}`;
  return 'Done: your changes are checked before each commit in this copy of the repository.';
}
