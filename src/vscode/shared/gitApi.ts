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
