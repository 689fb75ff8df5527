import * as os from 'node:os';
import * as path from 'node:path';
import { CERTIFICATES_SET_ASIDE } from './certificatesAside';
import { realPathNow } from './regularFile';

/**
 * Variables a repository-independent caller may legitimately set: where the
 * user's own config lives and where git's helpers are installed. Every other
 * GIT_* variable (GIT_DIR, GIT_WORK_TREE, GIT_EXTERNAL_DIFF, GIT_PAGER,
 * GIT_CONFIG_PARAMETERS…) could point git at another repository or run a
 * program, so it is dropped.
 */
const INHERITED_GIT_VARIABLES = new Set([
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_EXEC_PATH',
]);

/** The environment every git command runs with. */
export function gitEnvironment(
  inherited: NodeJS.ProcessEnv,
  overrides: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (!name.toUpperCase().startsWith('GIT_') || INHERITED_GIT_VARIABLES.has(name)) env[name] = value;
  }
  // Inside a pre-commit hook git names the index being committed (a
  // temporary one for `git commit -a` or `git commit <paths>`); the staged
  // review must read that one. Git always passes it as an absolute path.
  const hookIndex = inherited.GIT_INDEX_FILE;
  if (hookIndex && path.isAbsolute(hookIndex)) env.GIT_INDEX_FILE = hookIndex;

  // The certificate bundle a node of PM Zone's started without (certificatesAside.ts), for git's helpers.
  const setAside = inherited[CERTIFICATES_SET_ASIDE];
  delete env[CERTIFICATES_SET_ASIDE];
  if (setAside && !inherited.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = setAside;

  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_PAGER = 'cat';
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * `-c` options that keep a hostile repository's configuration from running
 * any program while it is read: the file-system monitor, signature checks,
 * the pager, and hooks (git diff may rewrite the index, which runs
 * post-index-change). External diff programs and textconv are switched off
 * per command (see diffSafetySwitches): an empty `diff.external` would make
 * git fail instead.
 */
export function safetyConfig(options: { keepHooksPath: boolean }): string[] {
  const settings = [
    'core.fsmonitor=false',
    'core.quotePath=false',
    'core.pager=cat',
    'color.ui=false',
    'log.showSignature=false',
  ];
  if (!options.keepHooksPath) settings.push(`core.hooksPath=${os.devNull}`);
  return settings.flatMap((setting) => ['-c', setting]);
}

/**
 * The filter drivers a configuration's `filter.*` entries name (`key\nvalue\0`
 * each, as `git config -z --get-regexp` prints them): git runs their clean
 * and smudge commands on working-tree files while comparing them, and their
 * names are only known from the config.
 */
export function filterNames(filterConfig: string): string[] {
  const names = new Set<string>();
  for (const entry of filterConfig.split('\0')) {
    const key = entry.split('\n', 1)[0] ?? '';
    const match = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names];
}

/** The switches that neutralise each named filter driver. */
export function overridesOfFilters(names: readonly string[]): string[] {
  return names.flatMap((name) => [
    '-c', `filter.${name}.clean=`,
    '-c', `filter.${name}.smudge=`,
    '-c', `filter.${name}.process=`,
    '-c', `filter.${name}.required=false`,
  ]);
}

/**
 * Commands that list a change's files. `submodule.<name>.ignore` in
 * .gitmodules (which the change itself may add) or `diff.ignoreSubmodules`
 * would drop a gitlink from their answer, hiding a submodule bump in a
 * locked folder: each is told to report every submodule moved to another
 * commit. Work inside a checked-out submodule that it has not committed
 * (`dirty`) changes nothing this repository records, and is left out.
 */
const LISTS_CHANGES = new Set(['diff', 'diff-index', 'diff-files', 'diff-tree', 'log', 'show', 'status']);

/** Subcommands that can print diffs, and the switches that stop them running diff programs or hiding a submodule's move. */
export function diffSafetySwitches(subcommand: string | undefined): string[] {
  const external = subcommand === 'diff' || subcommand === 'show' || subcommand === 'log'
    ? ['--no-ext-diff', '--no-textconv', '--no-color']
    : [];
  return LISTS_CHANGES.has(subcommand ?? '') ? [...external, '--ignore-submodules=dirty'] : external;
}

/**
 * A yes-or-no variable as git reads it (GIT_CONFIG_NOSYSTEM,
 * GIT_ATTR_NOSYSTEM): unset is no; undefined for a value git would refuse,
 * which a caller that must be sure takes as a question for git.
 */
export function gitFlag(value: string | undefined): boolean | undefined {
  if (value === undefined) return false;
  if (/^(?:1|true|yes|on)$/i.test(value)) return true;
  return /^(?:0|false|no|off|)$/i.test(value) ? false : undefined;
}

/** The user's file of git named `name` (`config`, `attributes`): under XDG_CONFIG_HOME, else ~/.config; undefined where that folder is not an absolute path. */
export function userGitFile(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg !== undefined && xdg !== '') return path.isAbsolute(xdg) ? path.join(xdg, 'git', name) : undefined;
  const home = env.HOME;
  return home && path.isAbsolute(home) ? path.join(home, '.config', 'git', name) : undefined;
}

/**
 * The folder the git program keeps its system files in (`gitconfig`,
 * `gitattributes`): `/etc` for a distribution's `/usr/bin/git` on Linux;
 * undefined for any other program, whose place is not known here.
 */
export function systemGitFolder(gitPath: string, platform: NodeJS.Platform = process.platform): string | undefined {
  return platform === 'linux' && gitPath === '/usr/bin/git' && realPathNow(gitPath) === '/usr/bin/git' ? '/etc' : undefined;
}
