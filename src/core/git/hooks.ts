import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { isWithin, realPathAllowingMissing } from './folders';
import { committedReviewLine, hookManager, hookWiring, nativeHookNote, type HookManager } from './hookManagers';
import { DEFAULT_PACKAGE_MANAGER, type PackageManager } from '../repository/packageManager';
import type { Problem } from '../types';
import { CHAINED_HOOK_NAME, editedByHand, HOOK_MARKER, renderPreCommitHook, type HookScriptOptions } from './hookScript';
import { commonDirAndHooksPath, configValue, root } from './repository';
import { writeRepositoryFile } from './repositoryWrite';
import type { Git } from './runGit';

export interface HookResult {
  status: 'installed' | 'updated' | 'already-installed' | 'uninstalled' | 'not-installed' | 'refused';
  /** The pre-commit hook file. */
  hookPath: string;
  /** The hook that was there before: where install kept it, or where uninstall restored it from. */
  chained?: string;
  message: string;
  /** Refused for a hook manager: the review's line to add to that manager's file by hand. */
  lineToAdd?: string;
}

export interface HookStatus {
  status: 'installed' | 'not-installed';
  /** husky, lefthook, pre-commit or simple-git-hooks runs this repository's hooks: PM Zone joins it with one line instead (see `message`). */
  manager?: HookManager['name'];
  hookPath: string;
  /** The kept hook that runs first, when there is one. */
  chained?: string;
  /** A pre-commit hook PM Zone did not write is in place (install keeps it and runs it first). */
  otherHook: boolean;
  /** core.hooksPath leads outside the repository, so install refuses. */
  outsideRepository: boolean;
  message: string;
}

const HOOK_MODE = 0o755;

export interface HookOptions extends HookScriptOptions {
  /** What the hook runs after `pm-zone`: the staged review (`review --staged …`, see stagedReviewArgs). */
  reviewArgs: readonly string[];
}

/** Installs (or brings up to date) the pre-commit hook that runs `pm-zone <reviewArgs>`, the staged review. */
export async function installPreCommitHook(git: Git, options: HookOptions): Promise<HookResult> {
  if (options.reviewArgs.length === 0) throw new TypeError('The hook needs a command to run.');
  const where = await locateHooks(git);
  const line = committedReviewLine(options.packageManager ?? DEFAULT_PACKAGE_MANAGER, options.reviewArgs);
  const manager = await hookManager(git, where, line);
  if (manager) return { status: 'refused', hookPath: where.hookFile, message: manager.advice, lineToAdd: line };
  if (!where.insideRepository) {
    return {
      status: 'refused',
      hookPath: where.hookFile,
      message: `core.hooksPath points to ${where.hooksDir}, outside this repository (probably shared by other repositories); installing there would affect them too. Unset core.hooksPath for this repository, or add the hook there by hand.`,
    };
  }
  const script = renderPreCommitHook(options.reviewArgs, options);
  const current = await inspect(where.hookFile);
  if (current.edited) return editedHook(where.hookFile, 'reinstalled');
  const note = ` ${nativeHookNote(options.packageManager ?? DEFAULT_PACKAGE_MANAGER, await lstatOrUndefined(path.join(where.top, 'package.json')) !== undefined)}`;
  if (current.ours) {
    if (current.content === script && isExecutable(current.stats)) {
      return { status: 'already-installed', hookPath: where.hookFile, ...(await keptHook(where)), message: 'The PM Zone pre-commit hook is already installed.' };
    }
    await writeHook(where.hookFile, script);
    return { status: 'updated', hookPath: where.hookFile, ...(await keptHook(where)), message: `The PM Zone pre-commit hook was brought up to date.${note}` };
  }
  let chained: string | undefined;
  if (current.stats) {
    if (await lstatOrUndefined(where.chainedFile)) {
      return {
        status: 'refused',
        hookPath: where.hookFile,
        message: `A pre-commit hook exists and ${where.chainedFile} is already taken; move one of them away, then install again.`,
      };
    }
    // A rename keeps the hook byte for byte, with its mode (and a symbolic link stays a link).
    await fs.rename(where.hookFile, where.chainedFile);
    chained = where.chainedFile;
  }
  await fs.mkdir(where.hooksDir, { recursive: true });
  await writeHook(where.hookFile, script);
  const kept = chained ? ` The existing hook was kept as ${CHAINED_HOOK_NAME} and runs first.` : '';
  return { status: 'installed', hookPath: where.hookFile, ...(chained ? { chained } : {}), message: `The PM Zone pre-commit hook is installed.${kept}${where.workTreeNote}${note}` };
}

/**
 * Rewrites PM Zone's hook when it would now be written differently (another
 * install of PM Zone, other settings); writes nothing when there is no hook
 * of ours. Quiet upkeep: the user installed the hook, and expects it to
 * follow their settings.
 */
export async function refreshPreCommitHook(git: Git, options: HookOptions & { writtenBy?: (hook: string) => boolean }): Promise<HookResult> {
  if (options.reviewArgs.length === 0) throw new TypeError('The hook needs a command to run.');
  const where = await locateHooks(git);
  const current = await inspect(where.hookFile);
  if (!current.ours) return { status: 'not-installed', hookPath: where.hookFile, message: 'The PM Zone pre-commit hook is not installed.' };
  if (current.edited) return editedHook(where.hookFile, 'brought up to date');
  // A hook another install of PM Zone wrote (the command line from npm, say) stays as that install wrote it.
  if (options.writtenBy && !options.writtenBy(current.content ?? '')) {
    return { status: 'already-installed', hookPath: where.hookFile, message: 'The PM Zone pre-commit hook runs another installation of PM Zone; it was left as it is.' };
  }
  const script = renderPreCommitHook(options.reviewArgs, options);
  if (current.content === script && isExecutable(current.stats)) {
    return { status: 'already-installed', hookPath: where.hookFile, message: 'The PM Zone pre-commit hook is up to date.' };
  }
  await writeHook(where.hookFile, script);
  return { status: 'updated', hookPath: where.hookFile, message: 'The PM Zone pre-commit hook was brought up to date.' };
}

/** Removes PM Zone's hook and restores the hook it replaced; touches nothing it did not write. */
export async function uninstallPreCommitHook(git: Git): Promise<HookResult> {
  const where = await locateHooks(git);
  const current = await inspect(where.hookFile);
  if (!current.ours) {
    const other = current.stats ? ' The pre-commit hook there was not written by PM Zone and was left alone.' : '';
    return { status: 'not-installed', hookPath: where.hookFile, message: `The PM Zone pre-commit hook is not installed.${other}` };
  }
  if (current.edited) return editedHook(where.hookFile, 'removed');
  if (await lstatOrUndefined(where.chainedFile)) {
    await fs.rename(where.chainedFile, where.hookFile);
    return { status: 'uninstalled', hookPath: where.hookFile, chained: where.chainedFile, message: 'The PM Zone pre-commit hook was removed and the previous hook restored.' };
  }
  await fs.rm(where.hookFile);
  return { status: 'uninstalled', hookPath: where.hookFile, message: 'The PM Zone pre-commit hook was removed.' };
}

export async function hookStatus(git: Git): Promise<HookStatus> {
  const where = await locateHooks(git);
  const [current, manager] = await Promise.all([inspect(where.hookFile), hookManager(git, where, committedReviewLine(DEFAULT_PACKAGE_MANAGER, ['review', '--staged']))]);
  const common = { hookPath: where.hookFile, otherHook: Boolean(current.stats) && !current.ours, outsideRepository: !where.insideRepository, ...(manager ? { manager: manager.name } : {}) };
  if (manager && !current.ours) return { status: 'not-installed', ...common, message: manager.advice };
  if (current.ours) {
    return { status: 'installed', ...common, ...(await keptHook(where)), message: 'The PM Zone pre-commit hook is installed.' };
  }
  const why = !where.insideRepository ? ' core.hooksPath points outside this repository.'
    : current.stats ? ' Another pre-commit hook is in place; installing keeps it and runs it first.' : '';
  return { status: 'not-installed', ...common, message: `The PM Zone pre-commit hook is not installed.${why}` };
}

/** The hook manager that runs this repository's hooks, if any, with `line` as the entry to add there (see hookManager). */
export async function committedHookManager(git: Git, line: string): Promise<HookManager | undefined> {
  return hookManager(git, await locateHooks(git), line);
}

/**
 * check-config: a committed hook manager (husky, lefthook, pre-commit,
 * simple-git-hooks, a tracked hooks folder) that no install of the project
 * wires into a fresh clone, so its hooks, PM Zone's review among them, run
 * in no clone until someone runs its command: a warning with the line that
 * wires it (hookWiring). init's summary says the same (checkPlanned).
 */
export async function hookWiringProblems(git: Git, packageManager: PackageManager, options: { packageJson?: () => Promise<string | undefined> } = {}): Promise<Problem[]> {
  const where = await locateHooks(git);
  const manager = await hookManager(git, where, committedReviewLine(packageManager, ['review', '--staged']));
  if (!manager) return [];
  // package.json as it is, or as init is about to write it.
  const packageJson = options.packageJson ? await options.packageJson() : await fs.readFile(path.join(where.top, 'package.json'), 'utf8').catch(() => undefined);
  const wiring = hookWiring(manager, packageJson, packageManager);
  if (wiring.message === undefined) return [];
  return [{ file: wiring.line === undefined ? manager.file : 'package.json', line: 1, column: 1, severity: 'warning', kind: 'hook-not-wired', message: wiring.message }];
}

export interface HookLocation {
  hooksDir: string;
  hookFile: string;
  chainedFile: string;
  insideRepository: boolean;
  workTreeNote: string;
  /** The working tree's top folder. */
  top: string;
  /** The hooks folder lies inside the working tree (core.hooksPath set to a folder of it). */
  inWorkTree: boolean;
}

async function locateHooks(git: Git): Promise<HookLocation> {
  const [top, { common, hooks: hooksDir }, configured] = await Promise.all([
    root(git),
    commonDirAndHooksPath(git),
    configValue(git, 'core.hooksPath', { keepHooksPath: true }),
  ]);
  const [realTop, realCommon, realHooks] = await Promise.all([top, common, hooksDir].map(realPathAllowingMissing));
  const inGitDir = isWithin(realCommon ?? common, realHooks ?? hooksDir);
  const inWorkTree = isWithin(realTop ?? top, realHooks ?? hooksDir);
  return {
    hooksDir,
    hookFile: path.join(hooksDir, 'pre-commit'),
    chainedFile: path.join(hooksDir, CHAINED_HOOK_NAME),
    insideRepository: configured === null || inGitDir || inWorkTree,
    top,
    inWorkTree: inWorkTree && !inGitDir,
    workTreeNote: inWorkTree && !inGitDir ? ' The hooks folder is part of the working tree, so the hook file shows up as a change unless ignored.' : '',
  };
}

async function inspect(file: string): Promise<{ stats?: Stats; content?: string; ours: boolean; edited: boolean }> {
  const stats = await lstatOrUndefined(file);
  // A symbolic link is never ours: writing through it would change the file it points to.
  if (!stats?.isFile()) return { ...(stats ? { stats } : {}), ours: false, edited: false };
  const content = await fs.readFile(file, 'utf8');
  const ours = content.split('\n').slice(0, 3).includes(HOOK_MARKER);
  return { stats, content, ours, edited: ours && editedByHand(content) };
}

/** A hook of PM Zone's that someone edited: their edits are theirs, so nothing is written or removed. */
function editedHook(hookFile: string, wouldBe: string): HookResult {
  return {
    status: 'refused',
    hookPath: hookFile,
    message: `The pre-commit hook at ${hookFile} was written by PM Zone and then edited by hand, so it was not ${wouldBe}: your edits stay as they are. To let PM Zone manage it again, move your edits into another hook (or delete the file) and install again.`,
  };
}

async function writeHook(file: string, script: string): Promise<void> {
  // Written beside the hook and renamed over it, so git never runs a half-written hook, with its mode whatever the umask.
  await writeRepositoryFile(path.dirname(file), path.basename(file), script, { mode: 'replace', permissions: HOOK_MODE });
}

async function keptHook(where: HookLocation): Promise<{ chained?: string }> {
  return (await lstatOrUndefined(where.chainedFile)) ? { chained: where.chainedFile } : {};
}

function isExecutable(stats: Stats | undefined): boolean {
  return stats !== undefined && (stats.mode & 0o777) === HOOK_MODE;
}

function lstatOrUndefined(file: string): Promise<Stats | undefined> {
  return fs.lstat(file).catch(() => undefined);
}
