import * as vscode from 'vscode';
import type { GitHubHistory } from '../../core/audit';
import { githubSession } from '../shared/githubSession';
import type { Repository } from '../repositories';

// The editor's way into the history the audit trail and the readout read: the
// repository origin names, and the user's GitHub sign-in (VS Code's session,
// the same as for pull requests). The reading is the core's, as for
// `pm-zone audit`.

/** The history to read, or why there is none, in a sentence. */
async function openEditorHistory(repository: Repository & { policy: GitHubHistory['policy'] }, version: string): Promise<GitHubHistory | string> {
  const [gitModule, audit] = await Promise.all([import('../../core/git/index.js'), import('../../core/audit/index.js')]);
  const git = new gitModule.Git(repository.root.fsPath);
  const origin = await gitModule.remoteRepository(git);
  if (!origin) return 'the git remote origin names no GitHub repository: PM Zone reads the pull requests from there.';
  const answer = await githubSession(repository.root);
  if (!answer.ok) return answer.message;
  const { token, apiUrl } = answer.session;
  return { git, policy: repository.policy, owner: origin.owner, repo: origin.repo, options: { token, apiUrl, cache: await audit.historyCache(git) }, until: 'HEAD', version };
}

/** Runs `work` under a progress notification; undefined after telling the user why it failed. What GitHub answered is kept either way. */
export async function withHistory<T>(repository: Repository & { policy: GitHubHistory['policy'] }, version: string, title: string, work: (history: GitHubHistory) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: ${title}…` }, async () => {
    const history = await openEditorHistory(repository, version);
    if (typeof history === 'string') {
      void vscode.window.showWarningMessage(`PM Zone: ${history}`);
      return undefined;
    }
    try {
      return await work(history);
    } catch (error) {
      const { historyFailure } = await import('../../core/audit/index.js');
      const token = history.options.token;
      const said = historyFailure(error, token) ?? (error instanceof Error ? error.message : String(error)).split(token).join('***');
      void vscode.window.showErrorMessage(`PM Zone could not ${title}: ${said}`);
      return undefined;
    } finally {
      await history.options.cache.save();
    }
  });
}
