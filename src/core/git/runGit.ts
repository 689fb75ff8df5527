import type * as ChildProcesses from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { gitProgram } from './gitProgram';
import { GitError, classifyGitFailure } from './gitError';
import { KeptProcess } from './keptProcess';
import { diffSafetySwitches, filterNames, gitEnvironment, overridesOfFilters, safetyConfig } from './gitEnvironment';

let loadedChildProcesses: typeof ChildProcesses | undefined;

/**
 * node's child_process, loaded with the first git process: a guard decision
 * that starts none (HEAD and the user's e-mail read from the git folder) does
 * not load it, nor the net and dgram modules it loads.
 */
function childProcesses(): typeof ChildProcesses {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedChildProcesses ??= require('node:child_process') as typeof ChildProcesses);
}

export interface GitOptions {
  /** The git program; by default an absolute path found on PATH, never one inside the repository. */
  gitPath?: string;
  /** Extra environment for every command (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /**
   * Read the configuration once (`git config -z --list`) and answer each
   * `configValue` and the filter drivers from it, for a Git that lives for
   * one command: a command that asks several keys then starts one git
   * process for them instead of one each. A `config` this Git runs drops
   * what was read.
   */
  readConfigOnce?: boolean;
}

/** The configuration as `git config -z --list` printed it: each entry in order, and each key's values. */
export interface ConfigListing {
  entries: readonly (readonly [key: string, value: string | null])[];
  values: ReadonlyMap<string, readonly (string | null)[]>;
}

/**
 * A key as git compares it (section and variable in lower case, the
 * subsection as written), or undefined for one git would refuse or read
 * as an option, or that this reading does not vouch for: then git is asked.
 */
export function canonicalConfigKey(key: string): string | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:\.([^\n\0]*))?\.([A-Za-z][A-Za-z0-9-]*)$/.exec(key);
  if (!match) return undefined;
  const [, section, subsection, name] = match;
  return `${section.toLowerCase()}${subsection === undefined ? '' : `.${subsection}`}.${name.toLowerCase()}`;
}

/** `git config -z --list`'s output read: `key\nvalue\0`, or `key\0` for a key written without a value. */
export function parseConfigListing(output: string): ConfigListing {
  const entries: (readonly [string, string | null])[] = [];
  const values = new Map<string, (string | null)[]>();
  for (const entry of output.split('\0')) {
    if (entry === '') continue;
    const at = entry.indexOf('\n');
    const key = at < 0 ? entry : entry.slice(0, at);
    const value = at < 0 ? null : entry.slice(at + 1);
    entries.push([key, value]);
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return { entries, values };
}

export interface RunOptions {
  /** Bytes written to git's standard input. */
  input?: string | Buffer;
  /** Exit codes that are answers rather than failures (such as 1 for "not found"). */
  okExitCodes?: readonly number[];
  /** Leave core.hooksPath as configured: only for commands that read it. */
  keepHooksPath?: boolean;
  /**
   * Stop git once its output passes this many bytes and answer with what
   * came, `truncated`, instead of failing: for a reader that can use a part
   * and say what it left unread.
   */
  maxOutputBytes?: number;
  /** Stop git after this many milliseconds (a remote that does not answer): it then exits as killed, with status 128. */
  timeoutMs?: number;
  /**
   * Each piece of git's output as it comes, instead of the answer's `stdout`
   * (then empty): for a reader that keeps less than the whole output; only
   * the first `maxOutputBytes` are given. A reader that throws stops git,
   * and the command fails with its error.
   */
  onStdout?: (chunk: Buffer) => void;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
  /** Set when `maxOutputBytes` stopped git: `stdout` is its first that many bytes. */
  truncated?: true;
}

/** Large enough for the biggest change anyone would review, small enough to fail cleanly. */
export const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const MAX_STDERR_BYTES = 64 * 1024;

/**
 * Subcommands that read or write only objects, refs and config, never a
 * working-tree file, so no clean or smudge filter can run and the filter
 * drivers need not be read first (one git process fewer for each Git that
 * only asks these). Any other subcommand is assumed to run filters.
 */
const FILTER_FREE = new Set([
  'cat-file', 'check-ref-format', 'config', 'diff-tree', 'for-each-ref', 'init', 'log', 'ls-tree',
  'ls-remote', 'merge-base', 'remote', 'rev-list', 'rev-parse', 'show-ref', 'symbolic-ref', 'update-ref',
]);

/** A command's output past MAX_OUTPUT_BYTES: it stops, and says so. */
function tooMuchOutput(args: readonly string[]): GitError {
  return new GitError('failed', `git ${args[0]} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB; the change is too large to read.`, { args });
}

/** The switches of `git config` that only read. */
const CONFIG_READS = new Set(['--get', '--get-all', '--get-regexp', '--list', '-l']);

/**
 * The switches of `git ls-files` that list names from the index and the
 * folders, never a file's content: git compares a working-tree file with the
 * index, and may run its clean filter to do so, only for --modified,
 * --deleted and the like, which are not here. The unit tier holds it on the
 * git it runs with, against a filter that logs every call.
 */
const LS_FILES_NAMES_ONLY = new Set(['-z', '-t', '-v', '-c', '--cached', '-o', '--others', '-i', '--ignored', '--exclude-standard', '--full-name', '-s', '--stage', '--error-unmatch']);

/** `ls-files` with only LS_FILES_NAMES_ONLY's switches before its `--`; a pathspec before it, or any other switch, may be anything. */
function listsNamesOnly(args: readonly string[]): boolean {
  for (const arg of args.slice(1)) {
    if (arg === '--') return true;
    if (!LS_FILES_NAMES_ONLY.has(arg)) return false;
  }
  return true;
}

/** `cat-file --filters` and `--textconv` do run the working tree's conversions. */
function mayRunFilters(args: readonly string[]): boolean {
  if (args[0] === 'ls-files') return !listsNamesOnly(args);
  return !FILTER_FREE.has(args[0] ?? '') || args.some((arg) => arg.startsWith('--filters') || arg.startsWith('--textconv'));
}

/**
 * Runs git without a shell, with options that keep a hostile repository's
 * configuration from running any of its programs.
 */
export class Git {
  readonly gitPath: string;
  private readonly envOverrides: Record<string, string | undefined> | undefined;
  private madeEnv: NodeJS.ProcessEnv | undefined;
  private filterOverridesPromise: Promise<string[]> | undefined;
  /** See GitOptions.readConfigOnce: the command writes no configuration, so what git says of it holds for this Git's life. */
  readonly readConfigOnce: boolean;
  private configListing: Promise<ConfigListing | undefined> | undefined;
  /** Keys whose values were kept between runs (knowConfig), by canonical name. */
  private knownConfig: Map<string, string | null> | undefined;
  /** Keys of which only whether they are set was kept between runs (knowConfig), by canonical name. */
  private knownSet: Map<string, boolean> | undefined;
  private readonly kept = new Map<string, KeptProcess>();

  constructor(readonly cwd: string, options: GitOptions = {}) {
    this.readConfigOnce = options.readConfigOnce ?? false;
    // No git on PATH: a path that cannot exist, so spawning fails as "not installed" instead of finding one in the folder.
    this.gitPath = options.gitPath ?? gitProgram(cwd) ?? path.join(path.sep, 'nonexistent', 'git');
    this.envOverrides = options.env;
  }

  /**
   * The environment every command runs with (`gitEnvironment`), made when first asked: a copy of node's whole
   * environment, about a millisecond of a guard decision that runs no git.
   */
  get env(): NodeJS.ProcessEnv {
    return (this.madeEnv ??= gitEnvironment(process.env, this.envOverrides));
  }

  /** Runs git and returns its standard output as UTF-8 text. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<string> {
    return (await this.exec(args, options)).stdout.toString('utf8');
  }

  /** Runs git; throws a GitError unless it exits with 0 or one of `okExitCodes`. */
  async exec(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    // A config this Git runs may write: what was read before is not vouched for after it.
    if (args[0] === 'config' && !args.some((arg) => CONFIG_READS.has(arg))) {
      this.configListing = undefined;
      this.knownConfig = undefined;
      this.knownSet = undefined;
      this.filterOverridesPromise = undefined;
    }
    const filters = mayRunFilters(args) ? await (this.filterOverridesPromise ??= this.readFilterOverrides()) : [];
    const prefix = [...safetyConfig({ keepHooksPath: options.keepHooksPath ?? false }), ...filters];
    const [subcommand, ...rest] = args;
    const fullArgs = [...prefix, ...(subcommand === undefined ? [] : [subcommand]), ...diffSafetySwitches(subcommand), ...rest];
    const result = await this.spawnGit(fullArgs, args, options.input, options.maxOutputBytes, options.timeoutMs, options.onStdout);
    if (result.truncated) return result;
    if (result.exitCode !== 0 && !(options.okExitCodes ?? []).includes(result.exitCode)) {
      throw classifyGitFailure(args, result.stderr, result.exitCode);
    }
    return result;
  }

  /**
   * The value `git config --get key` would print (the last of its values;
   * an empty string for a key written without one) and null where it would
   * find none, from the configuration read once; undefined when this Git
   * does not read it once, or for a key or a reading it does not vouch for
   * (core.hooksPath, which every other command runs with set to nothing,
   * unless `keepHooksPath`; a listing git failed to print): the caller asks
   * git for it.
   */
  async listedConfigValue(key: string, options: { keepHooksPath?: boolean } = {}): Promise<string | null | undefined> {
    if (!this.readConfigOnce) return undefined;
    const canonical = canonicalConfigKey(key);
    if (canonical === undefined || (canonical === 'core.hookspath' && !options.keepHooksPath)) return undefined;
    const known = this.knownConfig?.get(canonical);
    if (known !== undefined) return known;
    const listing = await this.listedConfig();
    if (!listing) return undefined;
    const values = listing.values.get(canonical);
    return values === undefined ? null : values[values.length - 1] ?? '';
  }

  /**
   * Values git gave for some keys (as `git config --get` prints them, null for
   * none), kept between runs while every file git reads its configuration
   * from is as it was (agents/emailCache.ts): listedConfigValue answers those
   * keys from here, and lists the configuration only for another. For a Git
   * that reads its configuration once; a configuration it writes forgets them.
   */
  knowConfig(values: Readonly<Record<string, string | null>>, filters?: readonly string[], set: Readonly<Record<string, boolean>> = {}): void {
    if (!this.readConfigOnce) return;
    this.knownConfig = byCanonicalKey(values);
    this.knownSet = byCanonicalKey(set);
    // The filter drivers configured (configuredFilters), kept with them: a command that may run filters turns those off.
    if (filters) this.filterOverridesPromise = Promise.resolve(overridesOfFilters(filters));
  }

  /**
   * Whether `git config --get key` would find a value, for a Git that reads
   * its configuration once: from what knowConfig was told, else from the
   * listing; undefined where listedConfigValue would be (the caller asks git).
   */
  async configKeySet(key: string): Promise<boolean | undefined> {
    if (!this.readConfigOnce) return undefined;
    const canonical = canonicalConfigKey(key);
    const known = canonical === undefined ? undefined : this.knownSet?.get(canonical);
    if (known !== undefined) return known;
    const value = await this.listedConfigValue(key);
    return value === undefined ? undefined : value !== null;
  }

  /** The names of the filter drivers the configuration sets (`filter.<name>.clean` and the like), which git would run on working-tree files. */
  async configuredFilters(): Promise<string[]> {
    const listing = this.readConfigOnce ? await this.listedConfig() : undefined;
    // As --get-regexp prints its matches: `key\nvalue\0` each, in the listing's order.
    if (listing) return filterNames(listing.entries.filter(([key]) => key.startsWith('filter.')).map(([key, value]) => `${key}${value === null ? '' : `\n${value}`}\0`).join(''));
    const args = ['config', '-z', '--get-regexp', '^filter\\.'];
    const result = await this.spawnGit([...safetyConfig({ keepHooksPath: true }), ...args], args, undefined);
    return result.exitCode === 0 ? filterNames(result.stdout.toString('utf8')) : [];
  }

  /** Whether this Git keeps a process for batches (keptProcess): one that lives for one command. */
  get keepsProcesses(): boolean {
    return this.readConfigOnce;
  }

  /**
   * A `git <args>` process this Git keeps, answering a batch of input lines
   * at a time (keptProcess.ts), for a Git that lives for one command (it
   * reads its configuration once); undefined for any other, which starts a
   * process for each batch. Only for subcommands that run no filters.
   */
  keptProcess(args: readonly string[]): KeptProcess | undefined {
    if (!this.keepsProcesses || mayRunFilters(args)) return undefined;
    const key = args.join('\0');
    let running = this.kept.get(key);
    if (!running) {
      const fullArgs = [...safetyConfig({ keepHooksPath: false }), ...args];
      const child = childProcesses().spawn(this.gitPath, fullArgs, { cwd: this.cwd, env: this.env, shell: false, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'] });
      const failure = (exit: number | NodeJS.ErrnoException, stderr: string) =>
        typeof exit === 'number' ? (exit === 0 ? new GitError('failed', `git ${args[0]} ended early.`, { args }) : classifyGitFailure(args, stderr, exit)) : this.spawnError(exit, args);
      running = new KeptProcess(child, failure, () => this.kept.delete(key), { bytes: MAX_OUTPUT_BYTES, error: () => tooMuchOutput(args) });
      this.kept.set(key, running);
    }
    return running;
  }

  /** `git config -z --list`, once, run as `--get` with `keepHooksPath` is; undefined when git fails it. */
  private listedConfig(): Promise<ConfigListing | undefined> {
    this.configListing ??= (async () => {
      const args = ['config', '-z', '--list'];
      const result = await this.spawnGit([...safetyConfig({ keepHooksPath: true }), ...args], args, undefined).catch(() => undefined);
      return result?.exitCode === 0 ? parseConfigListing(result.stdout.toString('utf8')) : undefined;
    })();
    return this.configListing;
  }

  private async readFilterOverrides(): Promise<string[]> {
    return overridesOfFilters(await this.configuredFilters());
  }

  private spawnGit(fullArgs: string[], args: readonly string[], input: string | Buffer | undefined, cut?: number, timeoutMs?: number, onStdout?: (chunk: Buffer) => void): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = childProcesses().spawn(this.gitPath, fullArgs, {
        cwd: this.cwd,
        env: this.env,
        shell: false,
        windowsHide: true,
        // Without input, git's standard input is the null device: it reads the same end of input as from a closed pipe, and
        // node makes no stream for it (a millisecond of each command that runs git once).
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill(), timeoutMs);
      const stdout: Buffer[] = [];
      let failed: { error: unknown } | undefined;
      const take = !onStdout ? (chunk: Buffer) => stdout.push(chunk) : (chunk: Buffer) => {
        if (failed) return;
        try {
          onStdout(chunk);
        } catch (error) {
          failed = { error };
          child.kill();
        }
      };
      let stdoutBytes = 0;
      let stderr = '';
      let tooLarge = false;
      let truncated = false;
      // Piped above, whatever the input: never null.
      child.stdout!.on('data', (chunk: Buffer) => {
        if (truncated) return;
        if (cut !== undefined && stdoutBytes + chunk.length > cut) {
          take(chunk.subarray(0, cut - stdoutBytes));
          truncated = true;
          child.kill();
          return;
        }
        stdoutBytes += chunk.length;
        if (stdoutBytes > MAX_OUTPUT_BYTES) {
          tooLarge = true;
          child.kill();
          return;
        }
        take(chunk);
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8');
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(this.spawnError(error, args));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (failed) {
          reject(failed.error);
          return;
        }
        if (tooLarge) {
          reject(tooMuchOutput(args));
          return;
        }
        resolve({ stdout: Buffer.concat(stdout), stderr, exitCode: code ?? (signal ? 128 : 1), ...(truncated ? { truncated: true as const } : {}) });
      });
      // git may exit before reading all its input (a bad revision); that is reported by its exit status.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    });
  }

  private spawnError(error: NodeJS.ErrnoException, args: readonly string[]): GitError {
    if (error.code === 'ENOENT' && !existsSync(this.cwd)) {
      return new GitError('not-a-repository', 'The folder to read does not exist.', { args });
    }
    if (error.code === 'ENOENT' || error.code === 'EACCES') {
      return new GitError('not-installed', 'git is not installed or not on PATH', { args });
    }
    return new GitError('failed', `git could not be started: ${error.message}`, { args });
  }
}

/** Values by their keys' canonical names (canonicalConfigKey); a key that has none is left out. */
function byCanonicalKey<T>(values: Readonly<Record<string, T>>): Map<string, T> {
  const known = new Map<string, T>();
  for (const [key, value] of Object.entries(values)) {
    const canonical = canonicalConfigKey(key);
    if (canonical !== undefined) known.set(canonical, value);
  }
  return known;
}
