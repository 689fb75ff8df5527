import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Repositories, Repository } from './repositories';

/** The offer waits this long after activation: it is never on the way of the first badges, and comes after the hook's upkeep. */
const OFFER_DELAY_MS = 6000;

export const TURN_ON = 'Turn it on';
export const NOT_NOW = 'No, thanks';

export type CommitCheckAnswer = typeof TURN_ON | typeof NOT_NOW;
/** What an offer came to: not made (not a pilot PM, already on, declined before, untrusted), or the PM's answer. */
export type CommitCheckOutcome = 'not-offered' | 'turned-on' | 'declined' | 'dismissed';

export interface CommitCheckOffer {
  /**
   * Offers the commit check for one repository now, as the window does once
   * on its own; `answer` stands for the button the PM clicks (the tests'
   * way past a notification).
   */
  offer(repository: Repository, answer?: CommitCheckAnswer): Promise<CommitCheckOutcome>;
}

/**
 * The commit check offered once, in a PM's words: a pilot PM who opens a
 * repository whose clone does not run the pre-commit hook (git never copies
 * it to another clone) is asked "Check my changes before each commit?". The
 * button runs "Install the pre-commit hook" itself; "No, thanks" is
 * remembered in the repository's git configuration, where `pm-zone start`
 * reads it too; closing the notification asks again in the next window.
 * Asked once a window per repository, only in a trusted workspace.
 */
export function registerCommitCheckOffer(context: vscode.ExtensionContext, repositories: Repositories): CommitCheckOffer {
  const asked = new Set<string>();
  const offer = async (repository: Repository, answer?: CommitCheckAnswer): Promise<CommitCheckOutcome> => {
    if (!vscode.workspace.isTrusted || !repository.policy?.author) return 'not-offered';
    const core = await import('../core/git/index.js');
    const git = new core.Git(repository.root.fsPath);
    if (!(await core.commitCheckWanted(git).catch(() => false))) return 'not-offered';
    const chosen = answer ?? await vscode.window.showInformationMessage(`PM Zone: ${core.commitCheckOffer()}`, TURN_ON, NOT_NOW);
    if (chosen === TURN_ON) {
      const result = await vscode.commands.executeCommand<{ status: string } | undefined>(CommandId.InstallHook, repository.root);
      return result && result.status !== 'refused' ? 'turned-on' : 'dismissed';
    }
    if (chosen === NOT_NOW) {
      await core.declineCommitCheck(git);
      return 'declined';
    }
    return 'dismissed';
  };
  const offerOnce = (repository: Repository) => {
    const key = repository.root.toString();
    if (asked.has(key) || !repository.policy?.author) return;
    asked.add(key);
    void offer(repository).catch(() => undefined);
  };
  const offerAll = async () => (await repositories.all()).forEach(offerOnce);
  let started = false;
  const timer = setTimeout(() => {
    started = true;
    void offerAll().catch(() => undefined);
  }, OFFER_DELAY_MS);
  context.subscriptions.push(
    { dispose: () => clearTimeout(timer) },
    // Someone who becomes a pilot PM here (a chosen identity, a new e-mail, a new pilots table) is asked then.
    repositories.onDidChange(({ repository }) => {
      if (started) offerOnce(repository);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (started) void offerAll().catch(() => undefined);
    }),
  );
  return { offer };
}
