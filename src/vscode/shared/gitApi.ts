import { monitorEventLoopDelay } from 'node:perf_hooks';
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
 * or after a few seconds, or at once without git. The extension host runs
 * PM Zone and git on one thread, and git's own decorations came later with
 * PM Zone installed than without it: see startupSettled.
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

/** How long a quiet spell of the extension host must last. */
const QUIET_SPELL_MS = 400;
/**
 * The longest gap between two of Node's event loop samples, taken every 10 ms, on a quiet thread (about 12 ms
 * measured); a piece of work that holds the thread for more than about 10 ms widens it (in nanoseconds, as the histogram counts).
 */
const LONGEST_QUIET_DELAY_NS = 20e6;
/** The longest the quiet spell is waited for, after git's first status. */
const QUIET_LIMIT_MS = 3000;

let settled: Promise<void> | undefined;

/**
 * Resolves once git has read its first status (gitFirstStatus) and the
 * extension host has then been quiet for a moment (see quietHost), or after
 * a few seconds more. PM Zone's work that is not a badge (the first review,
 * the policy's problems, the pull request's state) starts after it: git reads
 * the ignored files for its decorations after its first status, on the
 * thread PM Zone's work would hold. Once settled, it stays settled:
 * everything later runs at once.
 */
export function startupSettled(): Promise<void> {
  settled ??= gitFirstStatus().then(() => quietHost(QUIET_LIMIT_MS));
  return settled;
}

/**
 * Resolves after a spell of 400 ms in which no piece of work held the
 * thread for more than about 10 ms (Node's event loop delay, sampled every
 * 10 ms: no two samples more than 20 ms apart), or after `limitMs`. A
 * check of timer ticks alone was fooled by a thread busy in 30 ms pieces,
 * whose ticks often fell between the pieces.
 */
export function quietHost(limitMs: number): Promise<void> {
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  const deadline = performance.now() + limitMs;
  return new Promise((resolve) => {
    const check = () => {
      const quiet = delays.max < LONGEST_QUIET_DELAY_NS;
      delays.reset();
      if (quiet || performance.now() >= deadline) {
        delays.disable();
        resolve();
      } else {
        setTimeout(check, Math.min(QUIET_SPELL_MS, Math.max(0, deadline - performance.now())));
      }
    };
    setTimeout(check, Math.min(QUIET_SPELL_MS, limitMs));
  });
}
