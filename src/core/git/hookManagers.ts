// Repositories whose hooks a tool manages: husky (hooks committed under
// .husky/, core.hooksPath pointing there), lefthook, the pre-commit
// framework and simple-git-hooks (each writes .git/hooks/pre-commit from a
// committed configuration). Writing PM Zone's hook there would replace the
// team's hook or be undone by the tool's next install; instead the engineer
// is told the one entry to add to the team's own configuration, with the
// repository's package manager's command: the committed route, the one that
// reaches every clone.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { PackageManager } from '../repository/packageManager';
import type { HookLocation } from './hooks';
import type { Git } from './runGit';

export interface HookManager {
  name: 'husky' | 'lefthook' | 'pre-commit' | 'simple-git-hooks' | 'tracked-hooks';
  /** The committed file the line goes into. */
  file: string;
  /** What to do instead, with the exact lines to add. */
  advice: string;
}

/** The review as a committed hook runs it: from the project's own dev dependency, never this machine's path. */
export function committedReviewLine(manager: Pick<PackageManager, 'exec'>, reviewArgs: readonly string[]): string {
  return `${manager.exec} ${reviewArgs.map(shellWord).join(' ')}`;
}

/** The package.json script that installs the native hook on every install of the project: `prepare`, or Yarn 2's `postinstall`. */
export function installScriptEntry(manager: Pick<PackageManager, 'installScript'>): { script: PackageManager['installScript']; command: string } {
  return { script: manager.installScript, command: 'pm-zone hook install --prepare' };
}

/** Why a hook in .git/hooks is not enough, and the committed route for a repository without a hook manager. */
export function nativeHookNote(manager: Pick<PackageManager, 'installScript'>, hasPackageJson: boolean): string {
  const { script, command } = installScriptEntry(manager);
  const route = hasPackageJson
    ? ` To give every clone the hook, commit a "${script}" script in package.json that installs it ("${script}": "${command}"; pm-zone init --hook writes it), or run pm-zone hook install in each clone.`
    : ' Every clone installs its own (pm-zone hook install, or "PM Zone: Install the pre-commit hook" in the editor).';
  return `It lives in .git/hooks, which git never copies to another clone: a PM's clone does not get it from yours.${route}`;
}

const LEFTHOOK_CONFIGS = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.json', 'lefthook.toml'];
const PRE_COMMIT_CONFIGS = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];
const SIMPLE_GIT_HOOKS_CONFIGS = ['.simple-git-hooks.cjs', '.simple-git-hooks.js', '.simple-git-hooks.mjs', '.simple-git-hooks.json', 'simple-git-hooks.cjs', 'simple-git-hooks.js', 'simple-git-hooks.mjs', 'simple-git-hooks.json'];

/** The hook manager this repository uses, with the line `line` as it would add it there. */
export async function hookManager(git: Git, where: HookLocation, line: string): Promise<HookManager | undefined> {
  const exists = (relPath: string) => fs.lstat(path.join(where.top, relPath)).then(() => true, () => false);
  const hooksDir = path.relative(where.top, where.hooksDir).split(path.sep).join('/');
  if ((await exists('.husky')) || (where.inWorkTree && /(^|\/)\.husky(\/|$)/.test(hooksDir))) {
    return {
      name: 'husky',
      file: '.husky/pre-commit',
      advice: `This repository runs its git hooks with husky (.husky/), so PM Zone does not write a hook of its own: that would replace the team's pre-commit hook or commit this machine's paths. Add this line to .husky/pre-commit instead (with pm-zone in the project's devDependencies; committed, it reaches every clone): ${line}`,
    };
  }
  const lefthook = await firstExisting(LEFTHOOK_CONFIGS, exists);
  if (lefthook) {
    return {
      name: 'lefthook',
      file: lefthook,
      advice: `This repository runs its git hooks with lefthook (${lefthook}), which rewrites .git/hooks/pre-commit on every \`lefthook install\`. Add PM Zone to ${lefthook} instead: under pre-commit: commands:, an entry "pm-zone:" with "run: ${line}".`,
    };
  }
  const preCommit = await firstExisting(PRE_COMMIT_CONFIGS, exists);
  if (preCommit) {
    return {
      name: 'pre-commit',
      file: preCommit,
      advice: `This repository runs its git hooks with the pre-commit framework (${preCommit}). Add PM Zone there instead, as a local hook: "- repo: local / hooks: - id: pm-zone, name: PM PR Review, entry: ${line}, language: system, pass_filenames: false, always_run: true".`,
    };
  }
  const simple = (await firstExisting(SIMPLE_GIT_HOOKS_CONFIGS, exists)) ?? ((await packageJsonHas(where.top, 'simple-git-hooks')) ? 'package.json' : undefined);
  if (simple) {
    return {
      name: 'simple-git-hooks',
      file: simple,
      advice: `This repository runs its git hooks with simple-git-hooks (${simple}), which rewrites .git/hooks/pre-commit when it runs. Add PM Zone to its "pre-commit" command instead (joined with && to what is there), then run simple-git-hooks again: ${line}`,
    };
  }
  if (where.inWorkTree && (await isTracked(git, where.hookFile))) {
    const file = path.relative(where.top, where.hookFile).split(path.sep).join('/');
    return {
      name: 'tracked-hooks',
      file,
      advice: `The pre-commit hook ${file} is a file of the repository (core.hooksPath points into the working tree), so PM Zone does not rewrite it: add this line to it instead: ${line}`,
    };
  }
  return undefined;
}

async function firstExisting(names: readonly string[], exists: (relPath: string) => Promise<boolean>): Promise<string | undefined> {
  for (const name of names) if (await exists(name)) return name;
  return undefined;
}

async function packageJsonHas(top: string, key: string): Promise<boolean> {
  const text = await fs.readFile(path.join(top, 'package.json'), 'utf8').catch(() => undefined);
  try {
    return text !== undefined && Object.prototype.hasOwnProperty.call(JSON.parse(text), key);
  } catch {
    return false;
  }
}

async function isTracked(git: Git, file: string): Promise<boolean> {
  const result = await git.exec(['ls-files', '--error-unmatch', '--', file], { okExitCodes: [1] });
  return result.exitCode === 0;
}

/** A word of a hook line as sh reads it: quoted only when it has to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
