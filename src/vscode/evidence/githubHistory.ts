import * as vscode from 'vscode';
import type { GitHubHistory } from '../../core/audit';
import type { Git } from '../../core/git';
import { githubSession } from '../shared/githubSession';
import type { Repository } from '../repositories';

// The editor's way into GitHub for the evidence: the repository origin names,
// and the user's GitHub sign-in (VS Code's session, the same as for pull
// requests). The reading is the core's, as for `pm-zone audit`, `readout`
// and `controls`.

/** The repository on GitHub and the sign-in to ask it with. */
export interface EditorGitHub {
  git: Git;
  owner: string;
  repo: string;
  token: string;
  apiUrl: string;
}

/** The repository origin names and the user's sign-in, or why there is none, in a sentence. */
async function openEditorGitHub(repository: Repository): Promise<EditorGitHub | string> {
  const gitModule = await import('../../core/git/index.js');
  const git = new gitModule.Git(repository.root.fsPath);
  const origin = await gitModule.remoteRepository(git);
  if (!origin) return 'the git remote origin names no GitHub repository: PM Zone reads it on GitHub from there.';
  const answer = await githubSession(repository.root);
  if (!answer.ok) return answer.message;
  return { git, owner: origin.owner, repo: origin.repo, token: answer.session.token, apiUrl: answer.session.apiUrl };
}

/**
 * Runs `work` under a progress notification; undefined after telling the user
 * why it failed (GitHub's and git's failures in one sentence, without the
 * token). `done` runs either way: what GitHub answered is kept.
 */
export async function withGitHub<T, S>(repository: Repository, title: string, prepare: (github: EditorGitHub) => Promise<S>, work: (prepared: S) => Promise<T>, done?: (prepared: S) => Promise<void>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: ${title}…` }, async () => {
    const github = await openEditorGitHub(repository);
    if (typeof github === 'string') {
      void vscode.window.showWarningMessage(`PM Zone: ${github}`);
      return undefined;
    }
    const prepared = await prepare(github);
    try {
      return await work(prepared);
    } catch (error) {
      const { historyFailure } = await import('../../core/audit/index.js');
      const said = historyFailure(error, github.token) ?? (error instanceof Error ? error.message : String(error)).split(github.token).join('***');
      void vscode.window.showErrorMessage(`PM Zone could not ${title}: ${said}`);
      return undefined;
    } finally {
      await done?.(prepared);
    }
  });
}

/** The audit trail's and the readout's history, with GitHub's answers kept in the git folder. */
export async function withHistory<T>(repository: Repository & { policy: GitHubHistory['policy'] }, version: string, title: string, work: (history: GitHubHistory) => Promise<T>): Promise<T | undefined> {
  return withGitHub(
    repository,
    title,
    async ({ git, owner, repo, token, apiUrl }): Promise<GitHubHistory> => {
      const audit = await import('../../core/audit/index.js');
      return { git, policy: repository.policy, owner, repo, options: { token, apiUrl, cache: await audit.historyCache(git) }, until: 'HEAD', version };
    },
    work,
    (history) => history.options.cache.save(),
  );
}
