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
import type { PackageManager, PackageManagerName } from '../repository/packageManager';
import type { HookLocation } from './hooks';
import { literalPathspec } from './pathspec';
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
  // Literal: a hooks folder named like a glob (`.githooks[x]`) must not match another tracked file.
  const result = await git.exec(['ls-files', '--error-unmatch', '--', literalPathspec(file)], { okExitCodes: [1] });
  return result.exitCode === 0;
}

/** A word of a hook line as sh reads it: quoted only when it has to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The package.json scripts each package manager runs on an install of the
 * project itself (measured with each real program): every one runs
 * `preinstall`, `install` and `postinstall`; Yarn 2 and later run no
 * `prepare` of the project.
 */
export function projectInstallScripts(manager: PackageManagerName): readonly string[] {
  return manager === 'yarn-berry' ? ['preinstall', 'install', 'postinstall'] : ['preinstall', 'install', 'postinstall', 'prepare'];
}

/** How a clone gets a hook manager's hooks: the command that wires them, and whether an install runs it. */
export interface HookWiring {
  manager: HookManager['name'];
  /** The script an install runs that wires it (`prepare`), or the script it reaches (`prepare → hooks:install`). */
  wiredBy?: string;
  /** The command that wires the manager's hooks into a clone: `husky`, `lefthook install`. */
  command: string;
  /** The package.json line that would make every install wire it, `"postinstall": "yarn hooks:install"`; none where an npm install should not run it (pre-commit, a Python program). */
  line?: string;
  /** Why a fresh clone does not run the hooks, and the fix; undefined when an install wires them. */
  message?: string;
}

/** npm's lifecycle scripts: a line never runs one of them by name, which would run the rest of it too. */
const LIFECYCLE_SCRIPTS: ReadonlySet<string> = new Set(['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack', 'prepublish', 'prepublishOnly', 'publish', 'postpublish']);

/** A command of a script that runs another script: `npm run x`, `yarn x`, `pnpm x`, `bun run x`. */
const RUNS_SCRIPT = /^(?:npm\s+(?:run|run-script)|yarn(?:\s+run)?|pnpm(?:\s+run)?|bun\s+run)\s+([\w:.@/-]+)\s*$/;

/** What wires each manager, as a command of a script: husky 9 `husky`, 5 to 8 `husky install`, never `husky uninstall`. */
const WIRES: Record<HookManager['name'], RegExp> = {
  husky: /^(?:(?:npx|bunx|pnpm\s+exec|yarn)\s+)?husky(?!\s+(?:uninstall|init|add|set)\b)(?:\s+install)?(?:\s+[\w./-]+)?$/,
  lefthook: /^(?:(?:npx|bunx|pnpm\s+exec|yarn)\s+)?lefthook\s+install\b/,
  'pre-commit': /^(?:\S*\/)?pre-commit\s+install\b/,
  'simple-git-hooks': /^(?:(?:npx|bunx|pnpm\s+exec|yarn)\s+)?simple-git-hooks\s*$/,
  'tracked-hooks': /^git\s+config\s+(?:--local\s+)?core\.hooksPath\s+\S+/,
};

/**
 * Whether an install of the project wires the hook manager's hooks into a
 * fresh clone (git copies no hook and no core.hooksPath): a script the
 * package manager runs on install (projectInstallScripts) that runs the
 * manager's own command, directly or through other scripts. lefthook's and
 * simple-git-hooks' packages also wire themselves from their own install
 * script, which npm and Yarn 1 run for every dependency; pnpm 10, Bun and
 * Yarn 4.18 block such scripts by default, so with any other manager a
 * script must say it.
 */
export function hookWiring(hook: Pick<HookManager, 'name' | 'file'>, packageJson: string | undefined, packageManager: Pick<PackageManager, 'name' | 'installScript'>): HookWiring {
  const manifest = readPackageJson(packageJson);
  const scripts = manifest.scripts;
  const command = wiringCommand(hook, manifest);
  const reaches = (name: string, seen: Set<string>): boolean => {
    if (seen.has(name) || typeof scripts[name] !== 'string') return false;
    seen.add(name);
    return commandsOf(scripts[name]).some((part) => WIRES[hook.name].test(part) || (RUNS_SCRIPT.exec(part) !== null && reaches(RUNS_SCRIPT.exec(part)![1], seen)));
  };
  for (const script of projectInstallScripts(packageManager.name)) {
    const seen = new Set<string>();
    if (reaches(script, seen)) {
      const via = [...seen].filter((name) => name !== script);
      return { manager: hook.name, wiredBy: via.length > 0 ? `${script} → ${via.join(' → ')}` : script, command };
    }
  }
  const dependency = hook.name === 'lefthook' || hook.name === 'simple-git-hooks' ? hook.name : undefined;
  if (dependency && manifest.dependencies.has(dependency) && (packageManager.name === 'npm' || packageManager.name === 'yarn')) {
    return { manager: hook.name, wiredBy: `${dependency}'s own install script`, command };
  }
  // The script that already runs the command, when one does: the line runs it by name.
  const named = Object.keys(scripts).find((name) => !LIFECYCLE_SCRIPTS.has(name) && reaches(name, new Set()));
  const run = named === undefined ? command : `${runScriptWords(packageManager.name)} ${named}`;
  const current = scripts[packageManager.installScript];
  const value = typeof current === 'string' && current.trim() !== '' ? `${current} && ${run}` : run;
  const clone = `git copies no hook and no core.hooksPath, so in a fresh clone ${hook.file}'s hooks (PM Zone's review among them) run only after someone runs \`${run}\``;
  if (hook.name === 'pre-commit') {
    return { manager: hook.name, command, message: `${hook.file}: the pre-commit framework is a Python program no package install runs: ${clone}. Every clone must run \`pre-commit install\` once (say so where the team's set-up steps are), or commit PM Zone's hook where an install wires it.` };
  }
  if (packageJson === undefined) {
    return { manager: hook.name, command, message: `${hook.file}: ${clone}, and this repository has no package.json whose install could run it. Every clone must run it once.` };
  }
  const line = `"${packageManager.installScript}": ${JSON.stringify(value)}`;
  const unlisted = hook.name !== 'tracked-hooks' && !manifest.dependencies.has(hook.name) ? ` (with ${hook.name} in devDependencies)` : '';
  const why = named === undefined ? 'nothing an install runs wires it' : `package.json's "${named}" script wires it, but nothing an install runs calls that script`;
  const berry = packageManager.name === 'yarn-berry' && typeof scripts.prepare === 'string' && scripts.prepare.trim() !== '' ? ' (Yarn 2 and later run no "prepare" of the project itself)' : '';
  return { manager: hook.name, command, line, message: `${hook.file}: ${why}${berry}; ${clone}. Add to package.json's scripts${unlisted}: ${line}` };
}

function wiringCommand(hook: Pick<HookManager, 'name' | 'file'>, manifest: PackageJsonFields): string {
  switch (hook.name) {
    case 'husky': {
      // husky 9 is `husky`; 5 to 8 were `husky install`.
      const major = /(\d+)/.exec(manifest.versions.get('husky') ?? '')?.[1];
      return major !== undefined && Number(major) < 9 ? 'husky install' : 'husky';
    }
    case 'lefthook':
      return 'lefthook install';
    case 'pre-commit':
      return 'pre-commit install';
    case 'simple-git-hooks':
      return 'simple-git-hooks';
    case 'tracked-hooks':
      return `git config core.hooksPath ${path.posix.dirname(hook.file)}`;
  }
}

/** Each manager's words for running a script of the project by name. */
function runScriptWords(manager: PackageManagerName): string {
  return manager === 'yarn' || manager === 'yarn-berry' ? 'yarn' : manager === 'bun' ? 'bun run' : `${manager} run`;
}

/** The commands of a script line, split at `&&`, `||`, `;` and parentheses (enough for the lines teams write). */
function commandsOf(script: string): string[] {
  return script.split(/&&|\|\||;|\(|\)/).map((part) => part.trim()).filter((part) => part !== '');
}

interface PackageJsonFields {
  scripts: Record<string, unknown>;
  dependencies: Set<string>;
  versions: Map<string, string>;
}

function readPackageJson(text: string | undefined): PackageJsonFields {
  let manifest: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) manifest = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: no scripts, no dependencies.
  }
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const versions = new Map<string, string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, version] of Object.entries(record(manifest[field]))) if (typeof version === 'string') versions.set(name, version);
  }
  return { scripts: record(manifest.scripts), dependencies: new Set(versions.keys()), versions };
}
