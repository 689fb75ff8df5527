import * as vscode from 'vscode';
import { gitApi, type GitApi, type GitRepository } from '../shared/gitApi';

// Pushing the branch before GitHub is asked for the pull request. Through the
// VS Code git extension when it is there, so the user's own git sign-in
// (askpass, credential helper, SSH agent) and their hooks apply as they do
// for the Push button; through git itself, the way the command line pushes,
// when the extension is disabled.

/** The parts of the git extension's repository (API version 1) a push needs, from its git.d.ts. */
interface PushingRepository extends GitRepository {
  readonly state: GitRepository['state'] & {
    readonly HEAD: (GitRepository['state']['HEAD'] & { upstream?: { remote: string; name: string }; ahead?: number }) | undefined;
  };
  status(): Promise<void>;
  push(remoteName?: string, branchName?: string, setUpstream?: boolean): Promise<void>;
}

interface PushingApi extends GitApi {
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

export type PushOutcome = { ok: true; pushed: boolean } | { ok: false; message: string };

const REMOTE = 'origin';

/** Pushes `branch` to origin (setting its upstream) unless origin already has every commit of it. */
export async function pushFromEditor(root: vscode.Uri, branch: string): Promise<PushOutcome> {
  const api = (await gitApi()) as PushingApi | undefined;
  const repository = (api?.getRepository(root) ?? (await api?.openRepository?.(root).catch(() => null))) as PushingRepository | null | undefined;
  if (!repository) return pushWithGit(root, branch);
  try {
    await repository.status();
    const head = repository.state.HEAD;
    const upToDate = head?.name === branch && head.upstream?.remote === REMOTE && head.ahead === 0;
    if (upToDate) return { ok: true, pushed: false };
    // By the branch's full name, as the command line pushes it: a tag of the same name makes a bare name ambiguous to git.
    const { branchRefspec } = await import('../../core/pr/index.js');
    await repository.push(REMOTE, branchRefspec(branch), true);
    return { ok: true, pushed: true };
  } catch (error) {
    return { ok: false, message: await pushFailureMessage(branch, error) };
  }
}

async function pushWithGit(root: vscode.Uri, branch: string): Promise<PushOutcome> {
  const git = await import('../../core/git/index.js');
  const pr = await import('../../core/pr/index.js');
  try {
    const result = await pr.pushBranch(new git.Git(root.fsPath, { env: pr.pushEnvironment(process.env) }), branch, REMOTE);
    return { ok: true, pushed: result.pushed };
  } catch (error) {
    return { ok: false, message: git.isGitError(error) ? error.message : `Pushing ${branch} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The git extension's error carries git's stderr; the core turns it into words, credentials removed. */
async function pushFailureMessage(branch: string, error: unknown): Promise<string> {
  const { pushFailure } = await import('../../core/pr/index.js');
  const details = error as { stderr?: unknown; message?: unknown } | undefined;
  const stderr = typeof details?.stderr === 'string' && details.stderr.trim() ? details.stderr : typeof details?.message === 'string' ? details.message : '';
  return `Pushing ${branch} to ${REMOTE} failed: ${pushFailure(stderr)}`;
}
