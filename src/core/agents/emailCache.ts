import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { filterNames, gitFlag, systemGitFolder, userGitFile } from '../git/gitEnvironment';
import { statesOf, settledBefore, type FileState } from '../git/fileStates';
import { headGitTakes } from '../git/gitFolderChecks';
import { regularFileBytes } from '../git/regularFile';
import { configKeySet, configValue, userEmail } from '../git/repository';
import { canonicalConfigKey, type Git } from '../git/runGit';
import { readCacheFile, storeCacheFile } from './policyCache';
import { findRepository, type RepositoryLocation } from './repositoryLocation';

// Who git says the user is (`git config user.email`, asked as
// `userEmailOutsideWorktree` asks it), kept in the git folder so that a warm
// decision starts no git process for it. The entry holds git's own answer,
// and it is used only while everything git read to give it is provably as it
// was: the environment git reads its configuration by (HOME,
// XDG_CONFIG_HOME, the GIT_* variables the guard passes on), the git program
// itself, and every file git reads or would read (the system, global, local
// and worktree configuration, each file an include or a conditional include
// names, whether it exists or not, HEAD for `onbranch:`, the `.git` entry and
// `commondir`), each by its real path, device, inode, owner, mode, size,
// modification and change times. No process can set a change time back, so
// a file written since, even with its modification time put back, is a miss.
// The entry is written only when, around git's run, every one of those files
// read the same before and after it, and each was last changed two seconds
// or more before git started (a change within the clock's step would not
// show in its times). A missing file is judged by the folder it would be in,
// which a file made or removed there changes; for a configuration file in a
// folder changed lately (the home folder, which an agent writes its session
// in), the answer is read from git's listing of its configuration, which
// names the file each value came from, and kept where no value came from
// that file: one made and removed around git's run would have shown.
// Anything git could read that this does not follow (a `hasconfig:`
// condition, an include named from `~user/` or `%(prefix)`, a system
// configuration at a place the git program does not reveal, a file that
// cannot be looked at) leaves the entry unwritten, and git is asked as
// before. The git folder is the agent's to read only: the guard refuses
// writes there, as it does to the config itself.

const FORMAT = 2;
export const EMAIL_CACHE_FILE = path.join('pm-zone', 'guard-email.json');
/**
 * The command line's (`whoami`, `explain`, and every command that asks who the
 * user is one key at a time): a file of its own, as it keeps `git config
 * user.email`'s answer, which a worktree's own configuration counts in, where
 * the guard's leaves it out.
 */
export const CLI_EMAIL_CACHE_FILE = path.join('pm-zone', 'cli-email.json');
/** The command line's answers to a few keys at once (commandLineConfigKept): a file of its own. */
export const CLI_CONFIG_CACHE_FILE = path.join('pm-zone', 'cli-config.json');

interface Entry {
  format: number;
  /** The files git was found to include, beside the ones any run reads. */
  includes: string[];
  key: string;
  /** Git's answer; absent in an entry that only names the includes for the next run's first look. */
  answer?: unknown;
}

/**
 * The inputs every run of git reads, whatever the files say: undefined where
 * they cannot be named for sure (git is then asked each time). `systemListed`:
 * the system files a listing showed, for a git that does not otherwise reveal
 * where its system configuration is.
 */
export function baseInputs(location: RepositoryLocation, git: Pick<Git, 'gitPath' | 'env'>, platform: NodeJS.Platform = process.platform): { environment: string; files: string[]; configFiles: string[] } | undefined {
  if (platform === 'win32') return undefined;
  const env = git.env;
  const home = env.HOME;
  if (!home || !path.isAbsolute(home)) return undefined;
  const userConfig = userGitFile(env, 'config');
  if (userConfig === undefined) return undefined;
  const files: string[] = [];
  // Global: the variable's file where git honours it, and the default ones for a git that would not (watching more is only ever a miss).
  const global = env.GIT_CONFIG_GLOBAL;
  if (global !== undefined && (global === '' || !path.isAbsolute(global))) return undefined;
  if (global !== undefined) files.push(global);
  files.push(userConfig, path.join(home, '.gitconfig'));
  // System: skipped by GIT_CONFIG_NOSYSTEM, named by GIT_CONFIG_SYSTEM, else where a distribution's git keeps it.
  const skipped = gitFlag(env.GIT_CONFIG_NOSYSTEM);
  if (skipped === undefined) return undefined;
  const system = env.GIT_CONFIG_SYSTEM;
  if (system !== undefined && (system === '' || !path.isAbsolute(system))) return undefined;
  if (!skipped) {
    if (system !== undefined) files.push(system);
    else {
      const folder = systemGitFolder(git.gitPath, platform);
      if (folder === undefined) return undefined;
      files.push(path.join(folder, 'gitconfig'));
    }
  }
  // The repository: where git finds it from the top folder, its config, the worktree's config, HEAD (`onbranch:`), the common folder's pointer.
  // Only where the folders found are the ones git takes from the `.git` file and `commondir`, read as git reads them.
  const gitFolder = location.gitDir;
  let commonFolder = gitFolder;
  let configText: string;
  try {
    const dotGit = path.join(location.root, '.git');
    if (!statSync(dotGit).isDirectory() && path.resolve(location.root, /^gitdir: ([^\r\n\0]+)\n?$/.exec(textOf(dotGit, 'utf8'))?.[1] ?? '\0') !== gitFolder) return undefined;
    if (location.realGitFolders.length > 1) {
      const common = /^([^\r\n\0]+)\n?$/.exec(textOf(path.join(gitFolder, 'commondir'), 'utf8'))?.[1];
      if (common === undefined || realpathSync.native(path.resolve(gitFolder, common)) !== location.realGitFolders[1]) return undefined;
      commonFolder = path.resolve(gitFolder, common);
    }
    configText = textOf(path.join(commonFolder, 'config'), 'latin1');
  } catch {
    return undefined;
  }
  const config = path.join(commonFolder, 'config');
  // The files git reads configuration from, of those that any run reads: every value a listing shows names its file.
  const configFiles = [...files, config];
  // A reftable repository's HEAD file does not name the branch `onbranch:` reads: git is asked there.
  if (/refstorage/i.test(configText)) return undefined;
  // Git takes the folder as its repository only with a HEAD it reads as one, and objects and refs beside it; else it looks in the folders above, which are not followed.
  const head = regularFileBytes(path.join(gitFolder, 'HEAD'));
  if (!(head instanceof Buffer) || !headGitTakes(head)) return undefined;
  files.push(location.root, path.join(location.root, '.git'), gitFolder, path.join(gitFolder, 'commondir'), path.join(gitFolder, 'HEAD'), path.join(commonFolder, 'objects'), path.join(commonFolder, 'refs'), config, git.gitPath);
  // The worktree's own config is read only where the repository's turns it on (that config is followed too, so a change to it is a miss).
  if (/worktreeconfig/i.test(configText)) {
    files.push(path.join(gitFolder, 'config.worktree'));
    configFiles.push(path.join(gitFolder, 'config.worktree'));
  }
  const named = ['HOME', 'XDG_CONFIG_HOME', 'SUDO_UID', ...Object.keys(env).filter((name) => name.toUpperCase().startsWith('GIT_')).sort()];
  const environment = JSON.stringify([process.platform, process.geteuid?.(), location.realGitFolders, ...named.map((name) => [name, env[name] ?? null])]);
  return { environment, files, configFiles };
}

function keyOf(environment: string, files: readonly string[], states: Map<string, { state: string }>): string {
  return JSON.stringify([environment, [...new Set(files)].map((file) => states.get(file)?.state)]);
}

/** One entry of `git config -z --show-scope --show-origin --list`: where git read it, and the key and value (null: a key written without one). */
export interface ListedEntry {
  scope: string;
  origin: string;
  key: string;
  value: string | null;
}

/** The listing's entries; undefined when it is not the listing's shape. */
export function listedEntries(listing: string): ListedEntry[] | undefined {
  const fields = listing.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  if (fields.length % 3 !== 0) return undefined;
  const entries: ListedEntry[] = [];
  for (let at = 0; at < fields.length; at += 3) {
    const entry = fields[at + 2];
    const lineBreak = entry.indexOf('\n');
    entries.push({ scope: fields[at], origin: fields[at + 1], key: lineBreak < 0 ? entry : entry.slice(0, lineBreak), value: lineBreak < 0 ? null : entry.slice(lineBreak + 1) });
  }
  return entries;
}

/** The file a listed entry came from (as `cwd` resolves it), or undefined for one given on the command line. */
function originFile(entry: ListedEntry, cwd: string): string | undefined {
  return entry.origin.startsWith('file:') ? path.resolve(cwd, entry.origin.slice('file:'.length)) : undefined;
}

/**
 * The files a listing (run where `cwd` is) shows git included, resolved as
 * git resolves an include's path; undefined when any is one this does not
 * follow, or when a value came from a file not in `read` or its includes (a
 * configuration git read from somewhere not foreseen).
 */
export function includedFiles(entries: readonly ListedEntry[], cwd: string, home: string, read: readonly string[]): string[] | undefined {
  const includes: string[] = [];
  const origins = new Set<string>();
  for (const listed of entries) {
    const { scope, key, value } = listed;
    if (scope === 'command') {
      if (/^include(?:if\..*)?\.path$/i.test(key)) return undefined;
      continue;
    }
    const file = originFile(listed, cwd);
    if (file === undefined) return undefined;
    origins.add(file);
    const include = /^include(?:if\.(.*))?\.path$/i.exec(key);
    if (!include) continue;
    const condition = include[1];
    if (condition !== undefined && !/^(?:gitdir:|gitdir\/i:|onbranch:)/.test(condition)) return undefined;
    if (value === null || value === '') return undefined;
    let target: string;
    if (value.startsWith('~/')) target = path.join(home, value.slice(2));
    else if (value.startsWith('~') || value.startsWith('%(')) return undefined;
    else target = path.resolve(path.dirname(file), value);
    includes.push(target);
  }
  const known = new Set([...read, ...includes].map((file) => path.resolve(cwd, file)));
  for (const origin of origins) if (!known.has(origin)) return undefined;
  return includes;
}

/**
 * The last value of `key` (as the listing writes it: section and name in
 * lower case) among `entries`, as `git config --get` prints it: '' for a key
 * written without a value, null for none. Undefined for a value on more than
 * one line, which the ways of asking git one key at a time read apart.
 */
export function lastListedValue(entries: readonly ListedEntry[], key: string): string | null | undefined {
  let last: string | null = null;
  for (const entry of entries) if (entry.key === key) last = entry.value ?? '';
  return last !== null && /[\r\n]/.test(last) ? undefined : last;
}

/** user.email as the guard asks it (`userEmailOutsideWorktree`: a worktree's own configuration left out), read from a listing. */
export function listedEmailOutsideWorktree(entries: readonly ListedEntry[]): string | null | undefined {
  return lastListedValue(entries.filter((entry) => entry.scope !== 'worktree'), 'user.email');
}

/** A regular file's text; throws for anything else (a FIFO is never waited on). */
function textOf(file: string, encoding: BufferEncoding): string {
  const bytes = regularFileBytes(file);
  if (!(bytes instanceof Buffer)) throw new Error(`${file} is not a regular file that can be read`);
  return bytes.toString(encoding);
}

function readEntry(file: string): Entry | undefined {
  const entry = readCacheFile(file) as Entry | null | undefined;
  return entry && entry.format === FORMAT && typeof entry.key === 'string' && Array.isArray(entry.includes) && entry.includes.every((one) => typeof one === 'string') ? entry : undefined;
}

/**
 * `ask()`'s answer (git's, as `userEmailOutsideWorktree` gives it for the
 * guard, `userEmail` for the command line), from the git folder while every
 * input git read for it is as it was, else from git, kept for the next call
 * when it can be vouched for. `file`: where in the git folder (one file for
 * each way of asking). `now`: the clock the files' times are held against (a
 * test's, to stand for a wait).
 */
export function userEmailKept(location: RepositoryLocation, git: Git, ask: () => Promise<string | null>, options: KeptOptions<string | null> & { file?: string }): Promise<string | null> {
  return configAnswerKept(location, git, ask, (kept): kept is string | null => typeof kept === 'string' || kept === null, { ...options, file: options.file ?? EMAIL_CACHE_FILE });
}

/**
 * What `ask()` answers from git's configuration (and nothing else), kept as
 * userEmailKept keeps the e-mail: from the git folder's `file` while every
 * input git read is as it was. `isAnswer`: what a kept answer must be to be
 * taken. `asked`: what is asked, when one file could hold more than one
 * question's answer (an entry for another is a miss).
 */
export async function configAnswerKept<T>(location: RepositoryLocation, git: Git, ask: () => Promise<T>, isAnswer: (kept: unknown) => kept is T, options: KeptOptions<T> & { file: string; asked?: string }): Promise<T> {
  const base = baseInputs(location, git);
  if (!base) return ask();
  const environment = options.asked === undefined ? base.environment : JSON.stringify([base.environment, options.asked]);
  const cacheFile = path.join(location.gitDir, options.file);
  const entry = readEntry(cacheFile);
  const guessed = [...base.files, ...(entry?.includes ?? [])];
  const before = statesOf(guessed);
  if (!before) return ask();
  if (entry && entry.answer !== undefined && isAnswer(entry.answer) && entry.key === keyOf(environment, guessed, before)) return entry.answer;
  const started = (options.now ?? Date.now)();
  const settled = (file: string, state: FileState) => settledBefore(started, file, state);
  // A configuration file missing in a folder changed lately (the home folder, which an agent writes in during its session):
  // a file made and removed there around git's run could have given a value unseen, so it vouches for the answer only by
  // the listing that gives it, where every value names the file it came from (below).
  const configFiles = new Set([...base.configFiles, ...(entry?.includes ?? [])]);
  const missingConfig = (file: string, state: FileState) => state.stats === undefined && configFiles.has(file);
  // A file changed too lately for its times to vouch for what git reads: git is asked, and nothing is kept (nor listed).
  if (![...before].every(([file, state]) => settled(file, state) || missingConfig(file, state))) return ask();
  // The answer is read from the listing itself: one git process, and the very values the files are judged by. Run with the
  // hooks' path as set, which a key kept (core.hooksPath) reads; `git config` itself runs no hook.
  const listing = await git.exec(['config', '-z', '--show-scope', '--show-origin', '--list'], { keepHooksPath: true }).catch(() => undefined);
  const entries = listing?.exitCode === 0 ? listedEntries(listing.stdout.toString('utf8')) : undefined;
  const answer = entries && options.fromListing(entries);
  // Git's failure (a config it refuses), a git too old to list scopes, or an answer the listing cannot give: git is asked.
  if (!entries || answer === undefined) return ask();
  const includes = includedFiles(entries, git.cwd, git.env.HOME as string, base.files);
  if (!includes) return answer;
  const files = [...base.files, ...includes];
  const after = statesOf(files);
  if (!after) return answer;
  for (const include of includes) configFiles.add(include);
  const origins = new Set(entries.map((listed) => originFile(listed, git.cwd)));
  // Each file as it was before git ran, and settled by then (a missing one, by the folder it would be in, or: a configuration
  // file no value came from, where the answer is the listing's); an include not looked at before is named for the next run.
  const vouched = files.every((file) => {
    const was = before.get(file);
    const now = after.get(file);
    return was !== undefined && now !== undefined && was.state === now.state && (settled(file, now) || (missingConfig(file, now) && !origins.has(file)));
  });
  const kept: Entry = { format: FORMAT, includes: [...new Set(includes)], key: keyOf(environment, files, after), ...(vouched ? { answer } : {}) };
  await storeCacheFile(cacheFile, JSON.stringify(kept)).catch(() => undefined);
  return answer;
}

/**
 * How an answer is kept: `fromListing`, `ask()`'s answer read from git's
 * listing (undefined where it cannot be read there, and git is asked);
 * `now`, the clock the files' times are held against (a test's, to stand
 * for a wait).
 */
interface KeptOptions<T> {
  fromListing: (entries: readonly ListedEntry[]) => T | undefined;
  now?: () => number;
}

/**
 * `git config user.email` as the command line asks it (`userEmail`), run
 * where `git` runs (the repository's top folder), kept in the git folder as
 * the guard keeps its own, so that a command that answers in a fraction of a
 * second starts no git process for it. Where the folders do not show the
 * repository git takes from there, git is asked, as it always was.
 */
export async function commandLineUserEmail(git: Git): Promise<string | null> {
  const location = await findRepository(git.cwd);
  if (location?.root !== git.cwd) return userEmail(git);
  return userEmailKept(location, git, () => userEmail(git), { file: CLI_EMAIL_CACHE_FILE, fromListing: (entries) => lastListedValue(entries, 'user.email') });
}

/**
 * The configuration keys the commands that keep theirs read (check-config,
 * a review), in one entry, so that neither misses on the other's
 * (commandLineConfigKept):
 * - user.email: who the user is;
 * - core.hooksPath: where the hooks are (check-config);
 * - attr.tree, core.attributesFile, core.bigFileThreshold: whether a file is
 *   binary by its content (git/binaryByContent.ts);
 * - core.sparseCheckout, core.splitIndex: whether the index can be read as
 *   git reads it (git/binaryByContent.ts, git/indexTree.ts);
 * - diff.orderFile: whether the commits' difference is read from their
 *   trees (git/diffEntries.ts).
 * With them, the names of the filter drivers set. Any other key a command
 * asks lists the configuration, as before.
 */
export const KEPT_CONFIG_KEYS = ['user.email', 'core.hooksPath', 'attr.tree', 'core.attributesFile', 'core.bigFileThreshold', 'core.sparseCheckout', 'core.splitIndex', 'diff.orderFile'];

/** What git sets for the hooks of a commit, anew for each commit (pre-commit, commit-msg). */
const COMMIT_HOOK_VARIABLES = ['GIT_INDEX_FILE', 'GIT_AUTHOR_DATE'];

/**
 * Keys of which commandLineConfigKept keeps only whether they are set, never
 * their values: a remote's address may hold a token. Whether origin is a
 * remote at all decides whether a review asks it which branch is its
 * default (`remoteDefaultTip`): a repository with no origin, or none yet,
 * listed its whole configuration for that on every review.
 */
export const KEPT_SET_KEYS = ['remote.origin.url'];

/** What commandLineConfigKept keeps: each key's value, the names of the filter drivers the configuration sets, and whether each of KEPT_SET_KEYS is set. */
export interface KeptConfig {
  values: Record<string, string | null>;
  filters: string[];
  set: Record<string, boolean>;
}

/**
 * `git config --get <key>` for each of `keys` (core.hooksPath as it is set,
 * not as PM Zone's other git commands run with it), and the names of the
 * filter drivers set (which a command that may run them turns off), kept as
 * commandLineUserEmail keeps the e-mail: a command that reads only these
 * (check-config, a review) starts no git process for its configuration
 * while every file git reads it from is as it was. Only for keys whose
 * values are no secret, as the entry is a file in the git folder: never the
 * whole configuration, whose remotes' addresses and values may hold tokens
 * (of the filters, their names alone, not their commands). Undefined where
 * the folders do not show the repository git takes from there: the command
 * reads the configuration as before.
 */
export async function commandLineConfigKept(git: Git, keys: readonly string[], options: { now?: () => number } = {}): Promise<KeptConfig | undefined> {
  // A commit's hooks run with the commit's time and index in the environment, which the entry's key holds with every GIT_*
  // variable: an entry kept there would miss at the next commit, and push out the one the command's own runs take.
  if (COMMIT_HOOK_VARIABLES.some((name) => git.env[name] !== undefined)) return undefined;
  const location = await findRepository(git.cwd);
  if (location?.root !== git.cwd) return undefined;
  const isAnswer = (kept: unknown): kept is KeptConfig => {
    if (typeof kept !== 'object' || kept === null) return false;
    const { values, filters, set } = kept as Partial<Record<keyof KeptConfig, unknown>>;
    if (!isRecord(values) || !isRecord(set) || !Array.isArray(filters) || !filters.every((name) => typeof name === 'string')) return false;
    return Object.keys(values).length === keys.length && keys.every((key) => typeof values[key] === 'string' || values[key] === null) &&
      Object.keys(set).length === KEPT_SET_KEYS.length && KEPT_SET_KEYS.every((key) => typeof set[key] === 'boolean');
  };
  const ask = async (): Promise<KeptConfig> => ({
    values: Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await configValue(git, key, { keepHooksPath: true })] as const))),
    filters: await git.configuredFilters(),
    set: Object.fromEntries(await Promise.all(KEPT_SET_KEYS.map(async (key) => [key, await configKeySet(git, key)] as const))),
  });
  // The same, read from the listing (keys as it writes them: canonicalConfigKey).
  const fromListing = (entries: readonly ListedEntry[]): KeptConfig | undefined => {
    const values: Record<string, string | null> = {};
    for (const key of keys) {
      const canonical = canonicalConfigKey(key);
      const value = canonical === undefined ? undefined : lastListedValue(entries, canonical);
      if (value === undefined) return undefined;
      values[key] = value;
    }
    const filters = filterNames(entries.filter((entry) => entry.key.startsWith('filter.')).map((entry) => entry.key).join('\0'));
    return { values, filters, set: Object.fromEntries(KEPT_SET_KEYS.map((key) => [key, entries.some((entry) => entry.key === canonicalConfigKey(key))])) };
  };
  return configAnswerKept(location, git, ask, isAnswer, { now: options.now, fromListing, file: CLI_CONFIG_CACHE_FILE, asked: JSON.stringify([keys, KEPT_SET_KEYS]) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
