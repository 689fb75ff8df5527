import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Git, HookOptions, HookResult } from '../../core/git';
import { CommandId } from '../commandIds';
import { affectsPmZone, policyPath, setting } from '../config';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { toReviewFailure } from './reviewFailure';
import { requireTrust } from '../shared/trust';

/** The settings the hook's command line carries; changing one rewrites an installed hook. */
const HOOK_SETTINGS = ['policyFile', 'skillFile', 'codeownersFlavor', 'identity', 'review.maxFiles', 'review.maxLines', 'review.sourceLocale'] as const;

/** Upkeep waits this long after activation: it is never on the way of the first badges. */
const UPKEEP_DELAY_MS = 5000;

/**
 * "Install / Uninstall the pre-commit hook": the same hook as
 * `pm-zone hook install`, running this extension's bundled command line
 * (`review --staged`) with a real node, so commits made anywhere (terminal,
 * other clients) are reviewed. Only in a trusted workspace.
 *
 * An installed hook follows the editor: it carries the settings that differ
 * from the defaults as flags and is rewritten when they change, and it is
 * pointed at this installation of the extension after an update (until
 * then, the hook itself looks for the newest installation).
 */
export function registerHookCommands(context: vscode.ExtensionContext, repositories: Repositories): vscode.Disposable[] {
  const cli = cliOf(context);
  const refresh = (announce: boolean) => void refreshHooks(context, repositories, announce);
  const upkeep = setTimeout(() => refresh(false), UPKEEP_DELAY_MS);
  return [
    { dispose: () => clearTimeout(upkeep) },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsPmZone(event, ...HOOK_SETTINGS)) refresh(true);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => refresh(false)),
    vscode.commands.registerCommand(CommandId.InstallHook, (target?: unknown) =>
      onRepository(repositories, target, 'install the pre-commit hook', async (git, root) => {
        if (!existsSync(cli)) throw new Error(`the PM Zone command line is missing from this installation (${cli}); reinstall the extension.`);
        const { installPreCommitHook } = await import('../../core/git/index.js');
        return installPreCommitHook(git, await hookOptions(context, root));
      })),
    vscode.commands.registerCommand(CommandId.UninstallHook, (target?: unknown) =>
      onRepository(repositories, target, 'remove the pre-commit hook', async (git) => {
        const { uninstallPreCommitHook } = await import('../../core/git/index.js');
        return uninstallPreCommitHook(git);
      })),
  ];
}

/** What the hook runs for a repository: this installation's command line with the settings that differ from the defaults. */
async function hookOptions(context: vscode.ExtensionContext, root: vscode.Uri): Promise<HookOptions> {
  const [{ stagedReviewCommand }, { newerInstallsGlob }] = await Promise.all([import('../../core/review/index.js'), import('../../core/git/index.js')]);
  const identity = setting('identity', root).trim();
  const command = stagedReviewCommand(await nodeProgram(), cliOf(context), {
    policyFile: policyPath('policyFile', root),
    skillFile: policyPath('skillFile', root),
    codeownersFlavor: setting('codeownersFlavor', root),
    handle: identity || undefined,
    maxFiles: setting('review.maxFiles', root),
    maxLines: setting('review.maxLines', root),
    sourceLocale: setting('review.sourceLocale', root).trim() || undefined,
  });
  return { command, newerInstalls: newerInstallsGlob(context.extensionPath, context.extension.id, 'dist/cli.js') };
}

async function gitOf(root: vscode.Uri): Promise<Git> {
  const core = await import('../../core/git/index.js');
  return new core.Git(await core.root(new core.Git(root.fsPath)));
}

/** Runs a hook command on the chosen repository (trusted only) and says how it went. */
async function onRepository(repositories: Repositories, target: unknown, purpose: string, act: (git: Git, root: vscode.Uri) => Promise<HookResult>): Promise<HookResult | undefined> {
  if (!requireTrust('hook')) return undefined;
  const repository = await chooseRepository(repositories, target, purpose);
  if (!repository) return undefined;
  let result: HookResult;
  try {
    result = await act(await gitOf(repository.root), repository.root);
  } catch (error) {
    void vscode.window.showErrorMessage(toReviewFailure(error, purpose).message);
    return undefined;
  }
  if (result.status === 'refused') void refusedHook(result.message);
  else void vscode.window.showInformationMessage(`PM Zone: ${result.message}`);
  return result;
}

/** Rewrites the installed hooks that no longer match; never installs one, never speaks unless it changed one. */
async function refreshHooks(context: vscode.ExtensionContext, repositories: Repositories, announce: boolean): Promise<void> {
  const cli = cliOf(context);
  if (!vscode.workspace.isTrusted || !existsSync(cli)) return;
  const { hookRunsInstall, refreshPreCommitHook } = await import('../../core/git/index.js');
  for (const repository of await repositories.all()) {
    if (!repository.policy) continue;
    try {
      const options = await hookOptions(context, repository.root);
      const writtenBy = (hook: string) => hookRunsInstall(hook, cli, options.newerInstalls);
      const result = await refreshPreCommitHook(await gitOf(repository.root), { ...options, writtenBy });
      if (result.status === 'updated' && announce) vscode.window.setStatusBarMessage('$(check) PM Zone: the pre-commit hook follows the new settings', 5000);
    } catch {
      // Upkeep is best effort: a repository git cannot read keeps its hook as it is.
    }
  }
}

/** This installation's command line, which the hook runs. */
function cliOf(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('dist/cli.js');
}

let node: Promise<string> | undefined;

/** The node the hook runs, asked once a session. */
function nodeProgram(): Promise<string> {
  node ??= findNode();
  return node;
}

/**
 * A node to run the command line with. The extension host's own program is
 * node in VS Code Server and code-server, but Electron in the desktop app:
 * there, ask the node on PATH where it lives. When none answers, plain
 * `node`: the hook then looks for it on PATH and in the usual places.
 */
async function findNode(): Promise<string> {
  if (!process.versions.electron) return process.execPath;
  return new Promise((resolve) => {
    // Run from the home folder: on Windows a program in the current folder would win over PATH.
    execFile('node', ['-p', 'process.execPath'], { cwd: os.homedir(), timeout: 5000, windowsHide: true }, (error, stdout) => {
      const found = stdout?.toString().trim();
      resolve(!error && found ? found : 'node');
    });
  });
}

/** A refusal that names a line to add (husky, lefthook, pre-commit) offers to copy it. */
async function refusedHook(message: string): Promise<void> {
  const { PORTABLE_REVIEW_COMMAND } = await import('../../core/git/index.js');
  const copy = message.includes(PORTABLE_REVIEW_COMMAND) ? ['Copy the line'] : [];
  const chosen = await vscode.window.showWarningMessage(`PM Zone: ${message}`, ...copy);
  if (chosen) await vscode.env.clipboard.writeText(PORTABLE_REVIEW_COMMAND);
}
