import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Git, HookOptions, HookResult } from '../../core/git';
import { CommandId } from '../commandIds';
import { affectsPmZone, policyFileSetting, policyPath, setting } from '../config';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { toReviewFailure } from './reviewFailure';
import { requireTrust } from '../shared/trust';
import { editorFiles } from '../editorFiles';

/** The settings the hook's command line carries; changing one rewrites an installed hook. */
const HOOK_SETTINGS = ['policyFile', 'skillFile', 'codeownersFlavor', 'identity', 'review.maxFiles', 'review.maxLines', 'review.sourceLocale'] as const;

/** Upkeep waits this long after activation: it is never on the way of the first badges. */
const UPKEEP_DELAY_MS = 5000;

/**
 * "Install / Uninstall the pre-commit hook": the same hook as
 * `pm-zone hook install`, so commits made anywhere (terminal, other
 * clients) are reviewed. Only in a trusted workspace. The hook names no
 * folder: it finds PM Zone in the project's node_modules, else this
 * extension among the editors' extensions (an update changes nothing), else
 * on PATH. It carries the settings that differ from the defaults as flags
 * and is rewritten when they change.
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
      }, async (result) => (await import('../../core/git/index.js')).commitCheckOutcome(result))),
    vscode.commands.registerCommand(CommandId.UninstallHook, (target?: unknown) =>
      onRepository(repositories, target, 'remove the pre-commit hook', async (git) => {
        const { uninstallPreCommitHook } = await import('../../core/git/index.js');
        return uninstallPreCommitHook(git);
      })),
  ];
}

/**
 * What the hook runs for a repository: the staged review with the settings
 * that differ from the defaults. The hook finds PM Zone itself (the
 * project's node_modules, the editors' extension folders, PATH); only an
 * extension run from elsewhere (a development checkout) names its own
 * command line, as the last place to look.
 */
async function hookOptions(context: vscode.ExtensionContext, root: vscode.Uri): Promise<HookOptions> {
  const [{ stagedReviewArgs }, { detectPackageManager }, { searchesExtensionsFolder }] = await Promise.all([
    import('../../core/review/index.js'), import('../../core/repository/index.js'), import('../../core/git/index.js'),
  ]);
  const identity = setting('identity', root).trim();
  const reviewArgs = stagedReviewArgs({
    policyFile: policyFileSetting(root),
    skillFile: policyPath('skillFile', root),
    codeownersFlavor: setting('codeownersFlavor', root),
    handle: identity || undefined,
    maxFiles: setting('review.maxFiles', root),
    maxLines: setting('review.maxLines', root),
    sourceLocale: setting('review.sourceLocale', root).trim() || undefined,
  });
  const installed = /^pm-zone\.pm-zone-[0-9]/i.test(path.basename(context.extensionPath));
  const extensionsFolder = path.dirname(context.extensionPath);
  return {
    reviewArgs,
    packageManager: await detectPackageManager(editorFiles(root)),
    installedBy: 'the PM Zone extension',
    ...(!installed ? { alsoTry: cliOf(context) } : searchesExtensionsFolder(extensionsFolder, process.env) ? {} : { extensionsFolder }),
  };
}

async function gitOf(root: vscode.Uri): Promise<Git> {
  const core = await import('../../core/git/index.js');
  return new core.Git(await core.root(new core.Git(root.fsPath)));
}

/**
 * Runs a hook command on the chosen repository (trusted only) and says how it
 * went: to a pilot PM in `forPm`'s words when given (a sentence, not the
 * engineer's notice about .git/hooks and package.json scripts).
 */
async function onRepository(repositories: Repositories, target: unknown, purpose: string, act: (git: Git, root: vscode.Uri) => Promise<HookResult>, forPm?: (result: HookResult) => Promise<string>): Promise<HookResult | undefined> {
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
  if (result.status === 'refused') void refusedHook(result);
  else void vscode.window.showInformationMessage(`PM Zone: ${forPm && repository.policy?.author ? await forPm(result) : result.message}`);
  return result;
}

/** Rewrites the installed hooks that no longer match; never installs one, never speaks unless it changed one. */
async function refreshHooks(context: vscode.ExtensionContext, repositories: Repositories, announce: boolean): Promise<void> {
  const cli = cliOf(context);
  if (!vscode.workspace.isTrusted || !existsSync(cli)) return;
  const { hookInstalledByEditor, refreshPreCommitHook } = await import('../../core/git/index.js');
  for (const repository of await repositories.all()) {
    if (!repository.policy) continue;
    try {
      const options = await hookOptions(context, repository.root);
      const writtenBy = (hook: string) => hookInstalledByEditor(hook, cli);
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

/** A refusal that names a line to add (husky, lefthook, pre-commit, simple-git-hooks) offers to copy it. */
async function refusedHook(result: HookResult): Promise<void> {
  const line = result.lineToAdd;
  const chosen = await vscode.window.showWarningMessage(`PM Zone: ${result.message}`, ...(line ? ['Copy the line'] : []));
  if (chosen && line) await vscode.env.clipboard.writeText(line);
}
