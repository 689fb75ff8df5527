import * as vscode from 'vscode';

// The few parts of the built-in git extension's API (`vscode.git`, API
// version 1) that the automatic review listens to. Written by hand from its
// git.d.ts rather than copied whole: only what is used here is promised.

export interface GitBranch {
  readonly name?: string;
  readonly commit?: string;
}

export interface GitRepositoryState {
  readonly HEAD: GitBranch | undefined;
  /** Fires after every status refresh: staging, commits, checkouts, files written to disk. */
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
}

export interface GitApi {
  /** `initialized` once it has looked for the workspace's repositories. */
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

const GIT_EXTENSION_ID = 'vscode.git';

/** The git extension's API, or undefined when it is missing, disabled or fails to start. */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports?.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The longest PM Zone's work that can wait waits for git's first status. */
const GIT_FIRST_STATUS_LIMIT_MS = 3000;

/**
 * Resolves once the git extension has read the status of a repository it
 * opened (its decorations in the explorer follow that read), or found none,
 * or after a few seconds, or at once without git. The work PM Zone can do a
 * moment later (the first review, the pull request's state) starts after
 * it: the extension host runs PM Zone and git on one thread, and git's own
 * decorations came later with PM Zone installed than without it.
 */
export async function gitFirstStatus(limitMs = GIT_FIRST_STATUS_LIMIT_MS): Promise<void> {
  const api = await gitApi();
  if (!api) return;
  await new Promise<void>((resolve) => {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      vscode.Disposable.from(...disposables).dispose();
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    const watch = (repository: GitRepository) => {
      // HEAD is known once its status was read.
      if (repository.state.HEAD !== undefined) done();
      else disposables.push(repository.state.onDidChange(done));
    };
    const noRepository = () => {
      if (api.state === 'initialized' && api.repositories.length === 0) done();
    };
    disposables.push(api.onDidOpenRepository(watch), api.onDidChangeState(noRepository));
    api.repositories.forEach(watch);
    noRepository();
  });
}
