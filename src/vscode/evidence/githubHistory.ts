import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GitHubOptions } from '../../core/pr';
import { githubSession } from '../shared/githubSession';
import type { Repository } from '../repositories';

// What the audit trail and the readout read history with in the editor: the
// repository origin names, the user's GitHub sign-in (VS Code's session, the
// same as for pull requests), and the answers kept in the git folder, as
// `pm-zone audit` keeps them.

export interface EditorHistory {
  owner: string;
  repo: string;
  repository: string;
  options: GitHubOptions;
  /** GitHub's answers and the recomputed reviews, kept in the git folder. */
  cache: import('../../core/pr').ResponseCache;
  git: import('../../core/git').Git;
  save(): Promise<void>;
  /** GitHub's and git's failures in one sentence, never the token. */
  explain(error: unknown): string;
}

export async function openEditorHistory(repository: Repository): Promise<EditorHistory | string> {
  const [gitModule, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
  const git = new gitModule.Git(repository.root.fsPath);
  const origin = await gitModule.remoteRepository(git);
  if (!origin) return 'the git remote origin names no GitHub repository: PM Zone reads the pull requests from there.';
  const answer = await githubSession(repository.root);
  if (!answer.ok) return answer.message;
  const { token, apiUrl } = answer.session;
  const cache = await pr.ResponseCache.open(path.join(await gitModule.commonDir(git), 'pm-zone', 'github-cache.json'));
  const { MissingHistoryError } = await import('../../core/audit/index.js');
  return {
    owner: origin.owner,
    repo: origin.repo,
    repository: `${origin.owner}/${origin.repo}`,
    options: { token, apiUrl, cache },
    cache,
    git,
    save: () => cache.save(),
    explain(error) {
      if (error instanceof pr.GitHubError) return `${error.summary} ${error.kind === 'rate-limited' ? 'What was read is kept: run it again later and it asks GitHub only for the rest.' : error.nextStep}`.split(token).join('***');
      if (error instanceof MissingHistoryError) return error.message;
      return (error instanceof Error ? error.message : String(error)).split(token).join('***');
    },
  };
}

/** Runs `work` under a progress notification; undefined after telling the user why it failed. */
export async function withHistory<T>(repository: Repository, title: string, work: (history: EditorHistory) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: ${title}…` }, async () => {
    const history = await openEditorHistory(repository);
    if (typeof history === 'string') {
      void vscode.window.showWarningMessage(`PM Zone: ${history}`);
      return undefined;
    }
    try {
      return await work(history);
    } catch (error) {
      void vscode.window.showErrorMessage(`PM Zone could not ${title}: ${history.explain(error)}`);
      return undefined;
    } finally {
      await history.save();
    }
  });
}
