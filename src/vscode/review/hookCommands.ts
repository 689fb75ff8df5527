import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { HookResult } from '../../core/git';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { chooseRepository } from './chooseRepository';
import { toReviewFailure } from './reviewFailure';
import { requireTrust } from './trust';

/**
 * "Install / Uninstall the pre-commit hook": the same hook as
 * `pm-zone hook install`, running this extension's bundled command line
 * (`review --staged`) with a real node, so commits made anywhere (terminal,
 * other clients) are reviewed. Only in a trusted workspace.
 */
export function registerHookCommands(context: vscode.ExtensionContext, repositories: Repositories): vscode.Disposable[] {
  const cli = context.asAbsolutePath('dist/cli.js');
  const withRepository = async (target: unknown, purpose: string, act: (git: import('../../core/git').Git) => Promise<HookResult>) => {
    if (!requireTrust('hook')) return undefined;
    const repository = await chooseRepository(repositories, target, purpose);
    if (!repository) return undefined;
    let result: HookResult;
    try {
      const core = await import('../../core/git/index.js');
      result = await act(new core.Git(await core.root(new core.Git(repository.root.fsPath))));
    } catch (error) {
      void vscode.window.showErrorMessage(toReviewFailure(error, purpose).message);
      return undefined;
    }
    if (result.status === 'refused') void vscode.window.showWarningMessage(`PM Zone: ${result.message}`);
    else void vscode.window.showInformationMessage(`PM Zone: ${result.message}`);
    return result;
  };
  return [
    vscode.commands.registerCommand(CommandId.InstallHook, (target?: unknown) =>
      withRepository(target, 'install the pre-commit hook', async (git) => {
        if (!existsSync(cli)) throw new Error(`the PM Zone command line is missing from this installation (${cli}); reinstall the extension.`);
        const { installPreCommitHook } = await import('../../core/git/index.js');
        return installPreCommitHook(git, { command: [await nodeProgram(), cli, 'review', '--staged'] });
      })),
    vscode.commands.registerCommand(CommandId.UninstallHook, (target?: unknown) =>
      withRepository(target, 'remove the pre-commit hook', async (git) => {
        const { uninstallPreCommitHook } = await import('../../core/git/index.js');
        return uninstallPreCommitHook(git);
      })),
  ];
}

/**
 * A node to run the command line with. The extension host's own program is
 * node in VS Code Server and code-server, but Electron in the desktop app:
 * there, ask the node on PATH where it lives. When none answers, plain
 * `node`: the hook then looks for it on PATH and in the usual places.
 */
async function nodeProgram(): Promise<string> {
  if (!process.versions.electron) return process.execPath;
  return new Promise((resolve) => {
    // Run from the home folder: on Windows a program in the current folder would win over PATH.
    execFile('node', ['-p', 'process.execPath'], { cwd: os.homedir(), timeout: 5000, windowsHide: true }, (error, stdout) => {
      const found = stdout?.toString().trim();
      resolve(!error && found ? found : 'node');
    });
  });
}
