import * as fs from 'node:fs';
import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure } from '../errors';
import { writeJson } from '../paths';
import { Git, installPreCommitHook, isGitError, root, uninstallPreCommitHook, type HookResult } from '../../core/git';
import { stagedReviewCommand } from '../../core/review';

/** How the hook runs this very CLI: the node running now, the bundle's real path, and the policy flags given. */
function reviewCommandLine(input: CommandInput): string[] {
  const script = fs.realpathSync(process.argv[1] ?? __filename);
  return stagedReviewCommand(process.execPath, script, input.global.settings);
}

async function withRepository(input: CommandInput, act: (git: Git) => Promise<HookResult>): Promise<number> {
  let result: HookResult;
  try {
    const git = new Git(await root(new Git(input.global.cwd)));
    result = await act(git);
  } catch (error) {
    throw new CliFailure(isGitError(error) ? error.message : String(error));
  }
  if (input.global.json) writeJson(input, result);
  else input.io.stdout.write(`${result.message}\n`);
  return result.status === 'refused' ? 1 : 0;
}

export const hookInstallCommand: CliCommand = {
  name: 'hook install',
  usage: 'hook install',
  summary: 'install a git pre-commit hook that runs `review --staged` and blocks on blockers (with the --policy-file, --skill-file and --codeowners-flavor given)',
  options: {},
  run: (input) => withRepository(input, (git) => installPreCommitHook(git, { command: reviewCommandLine(input) })),
};

export const hookUninstallCommand: CliCommand = {
  name: 'hook uninstall',
  usage: 'hook uninstall',
  summary: 'remove the pre-commit hook, restoring any hook it chained byte for byte',
  options: {},
  run: (input) => withRepository(input, (git) => uninstallPreCommitHook(git)),
};
