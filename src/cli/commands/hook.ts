import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure } from '../errors';
import { writeJson } from '../paths';
import { workingFolderFiles } from '../workingFolder';
import { Git, installPreCommitHook, isGitError, root, uninstallPreCommitHook, type HookOptions, type HookResult } from '../../core/git';
import { detectPackageManager } from '../../core/repository';
import { stagedReviewArgs } from '../../core/review';

/** What the hook runs: `pm-zone review --staged` with the policy flags given, found where the repository installs PM Zone. */
export async function hookOptions(input: CommandInput, top: string): Promise<HookOptions> {
  return {
    reviewArgs: stagedReviewArgs(input.global.settings),
    packageManager: await detectPackageManager(workingFolderFiles(top)),
    installedBy: 'the pm-zone command line',
  };
}

async function withRepository(input: CommandInput, act: (git: Git, top: string) => Promise<HookResult>): Promise<number> {
  const prepare = input.values.prepare === true;
  let result: HookResult;
  try {
    const top = await root(new Git(input.global.cwd));
    result = await act(new Git(top), top);
  } catch (error) {
    // Run from package.json on every install: a tarball or a folder that is not a clone is no failure.
    if (prepare && isGitError(error)) {
      input.io.stderr.write(`PM Zone: no pre-commit hook installed: ${error.message.split('\n')[0]}\n`);
      return 0;
    }
    throw new CliFailure(isGitError(error) ? error.message : String(error));
  }
  if (input.global.json) writeJson(input, result);
  else if (prepare) input.io.stderr.write(`PM Zone: ${result.status === 'refused' ? result.message : result.message.split('. ')[0].replace(/\.?$/, '.')}\n`);
  else input.io.stdout.write(`${result.message}\n`);
  // An install step never fails over the hook: it says why and goes on.
  return result.status === 'refused' && !prepare ? 1 : 0;
}

export const hookInstallCommand: CliCommand = {
  name: 'hook install',
  usage: 'hook install [--prepare]',
  summary: "install the git pre-commit hook (review --staged with the --policy-file, --skill-file and --codeowners-flavor given): it blocks a pilot PM's commit on blockers, finds PM Zone in node_modules, an editor or PATH, and names no folder of this machine",
  options: {
    prepare: { type: 'boolean', description: "run from package.json's prepare (or postinstall) script: one line on standard error, and exit 0 even outside a git repository or where a hook manager runs the hooks" },
  },
  run: (input) => withRepository(input, async (git, top) => installPreCommitHook(git, await hookOptions(input, top))),
};

export const hookUninstallCommand: CliCommand = {
  name: 'hook uninstall',
  usage: 'hook uninstall',
  summary: 'remove the pre-commit hook, restoring any hook it chained byte for byte',
  options: {},
  run: (input) => withRepository(input, (git) => uninstallPreCommitHook(git)),
};
