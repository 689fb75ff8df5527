// Repositories whose hooks a tool manages: husky (hooks committed under
// .husky/, core.hooksPath pointing there), lefthook and the pre-commit
// framework (both write .git/hooks/pre-commit from a committed config).
// Writing PM Zone's hook there would replace the team's hook, commit this
// machine's paths, or be undone by the next `lefthook install`; instead the
// engineer is told the one entry to add to the team's own configuration.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { HookLocation } from './hooks';
import type { Git } from './runGit';

export interface HookManager {
  name: 'husky' | 'lefthook' | 'pre-commit' | 'tracked-hooks';
  /** What to do instead, with the exact lines to add. */
  advice: string;
}

/** The review as a committed hook runs it: from the project's own dev dependency, never this machine's path. */
export const PORTABLE_REVIEW_COMMAND = 'npx --no-install pm-zone review --staged';

const LEFTHOOK_CONFIGS = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.json', 'lefthook.toml'];
const PRE_COMMIT_CONFIGS = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];

export async function hookManager(git: Git, where: HookLocation): Promise<HookManager | undefined> {
  const exists = (relPath: string) => fs.lstat(path.join(where.top, relPath)).then(() => true, () => false);
  const hooksDir = path.relative(where.top, where.hooksDir).split(path.sep).join('/');
  if ((await exists('.husky')) || (where.inWorkTree && /(^|\/)\.husky(\/|$)/.test(hooksDir))) {
    return {
      name: 'husky',
      advice: `This repository runs its git hooks with husky (.husky/), so PM Zone does not write a hook of its own: that would replace the team's pre-commit hook or commit this machine's paths. Add this line to .husky/pre-commit instead (with pm-zone in the project's devDependencies): ${PORTABLE_REVIEW_COMMAND}`,
    };
  }
  const lefthook = await firstExisting(LEFTHOOK_CONFIGS, exists);
  if (lefthook) {
    return {
      name: 'lefthook',
      advice: `This repository runs its git hooks with lefthook (${lefthook}), which rewrites .git/hooks/pre-commit on every \`lefthook install\`. Add PM Zone to ${lefthook} instead: under pre-commit: commands:, an entry "pm-zone:" with "run: ${PORTABLE_REVIEW_COMMAND}".`,
    };
  }
  const preCommit = await firstExisting(PRE_COMMIT_CONFIGS, exists);
  if (preCommit) {
    return {
      name: 'pre-commit',
      advice: `This repository runs its git hooks with the pre-commit framework (${preCommit}). Add PM Zone there instead, as a local hook: "- repo: local / hooks: - id: pm-zone, name: PM PR Review, entry: ${PORTABLE_REVIEW_COMMAND}, language: system, pass_filenames: false".`,
    };
  }
  if (where.inWorkTree && (await isTracked(git, where.hookFile))) {
    return {
      name: 'tracked-hooks',
      advice: `The pre-commit hook ${path.relative(where.top, where.hookFile)} is a file of the repository (core.hooksPath points into the working tree), so PM Zone does not rewrite it: add this line to it instead: ${PORTABLE_REVIEW_COMMAND}`,
    };
  }
  return undefined;
}

async function firstExisting(names: readonly string[], exists: (relPath: string) => Promise<boolean>): Promise<string | undefined> {
  for (const name of names) if (await exists(name)) return name;
  return undefined;
}

async function isTracked(git: Git, file: string): Promise<boolean> {
  const result = await git.exec(['ls-files', '--error-unmatch', '--', file], { okExitCodes: [1] });
  return result.exitCode === 0;
}
