// Real, throw-away git repositories for tests. Every repository lives under
// one temporary folder removed when the process exits, and git runs with the
// machine's own configuration shut out, so tests see only what they set up.
//
//   const repo = await tempRepo({
//     commits: [
//       { message: 'base', files: { 'README.md': '# hi\n' } },
//       { branch: 'feature', message: 'copy', files: { 'i18n/en.json': '{}\n' } },
//     ],
//     files: { 'notes.md': 'not committed\n' },
//   });
//   await repo.commit('more', { 'README.md': null }); // null deletes

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, promises as fs, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { literalPathspec } from '../../../src/core/git/pathspec';
import { Git, type GitOptions } from '../../../src/core/git/runGit';

/** Content of one file: text or bytes, `null` to delete it, a symbolic link, or an executable file. */
export type FileSpec = string | Buffer | null | { symlink: string } | { content: string | Buffer; executable: true };
export type FileTree = Record<string, FileSpec>;

export interface CommitSpec {
  message: string;
  files?: FileTree;
  /** Switch to this branch first, creating it at the current commit when it does not exist. */
  branch?: string;
}

export interface TempRepoOptions {
  /** The first branch (default `main`). */
  initialBranch?: string;
  /** `sha1` (default) or `sha256`. */
  objectFormat?: 'sha1' | 'sha256';
  /** Made in order; each one stages exactly its own files. */
  commits?: CommitSpec[];
  /** Checked out after the commits (created when missing). */
  branch?: string;
  /** Written and staged after the commits, not committed. */
  staged?: FileTree;
  /** Written to the working tree last, neither staged nor committed. */
  files?: FileTree;
  /** Repository config, set after `user.name` (Test Author) and `user.email` (author@example.com). */
  config?: Record<string, string>;
}

export interface TempRepo {
  /** Absolute, real path of the working tree. */
  root: string;
  /** The core's git runner for this repository, isolated from the machine's config. */
  git: Git;
  /** Runs plain git (no safety options) in the repository; throws with git's stderr on failure. */
  run(...args: string[]): Promise<string>;
  write(files: FileTree): Promise<void>;
  /** Writes the files (when given) and stages exactly those paths. */
  stage(files: FileTree): Promise<void>;
  /** Writes and stages `files`, then commits everything staged; returns the new commit id. */
  commit(message: string, files?: FileTree): Promise<string>;
  /** `git mv`, creating the destination's folder first. */
  move(from: string, to: string): Promise<void>;
  /** Switches to a branch, creating it at HEAD when missing. */
  switchTo(branch: string): Promise<void>;
  path(relPath: string): string;
  read(relPath: string): Promise<string>;
}

/** The environment plain git runs with in tests: no global or system config. */
export const isolatedGitEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toUpperCase().startsWith('GIT_'))),
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

/** The core's Git with the same isolation, for any folder (a repository or not). */
export function isolatedGit(cwd: string, options: GitOptions = {}): Git {
  // GIT_INDEX_FILE is cleared too: tests run from inside a git hook must not read that hook's index.
  const env = { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_INDEX_FILE: undefined, ...options.env };
  return new Git(cwd, { ...options, env });
}

/**
 * The core's Git for `cwd` through a wrapper that logs each command git is
 * asked to run; `commands()` gives their subcommands, in order, without the
 * safety `-c` options before them. For tests of how many processes a read costs.
 */
export async function loggingGit(cwd: string, options: GitOptions = {}): Promise<{ git: Git; commands(): Promise<string[]> }> {
  const folder = await tempDir('git-log');
  const log = path.join(folder, 'commands');
  const wrapper = path.join(folder, 'git');
  await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
  const commands = async () => (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => line.replace(/^(-c \S+ )+/, '').split(' ')[0]);
  return { git: isolatedGit(cwd, { ...options, gitPath: wrapper }), commands };
}

let scratchRoot: string | undefined;

/** A new empty folder (not a repository), removed when the process exits. */
export async function tempDir(prefix = 'dir'): Promise<string> {
  if (scratchRoot === undefined) {
    scratchRoot = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'pm-zone-test-'));
    const created = scratchRoot;
    process.on('exit', () => removeAfterExit(created));
  }
  return fs.mkdtemp(path.join(scratchRoot, `${prefix}-`));
}

/**
 * Removes the run's scratch folder once this process has ended: a detached
 * node deletes its tens of thousands of small files, so the run ends when its
 * tests do (on some disks deleting them takes a third as long as the tests).
 * Where no process can be started, it is removed here.
 */
function removeAfterExit(folder: string): void {
  try {
    const script = `require('node:fs').rmSync(${JSON.stringify(folder)}, { recursive: true, force: true, maxRetries: 3 })`;
    spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Copies a folder: files, folders and symbolic links as they are (modes
 * kept), everything in a folder at once. Three times as fast as `fs.cp`,
 * which looks at every entry several times; tests copy sample repositories
 * of a few hundred files dozens of times a run. `skip` leaves a path out.
 */
export async function copyTree(from: string, to: string, skip: (source: string) => boolean = () => false): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  const entries = await fs.readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (skip(source)) return;
      if (entry.isDirectory()) await copyTree(source, target, skip);
      else if (entry.isSymbolicLink()) await fs.symlink(await fs.readlink(source), target);
      else await fs.copyFile(source, target);
    }),
  );
}

/** Runs plain git in `cwd` with the isolated environment. */
export function runGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = isolatedGitEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

export async function tempRepo(options: TempRepoOptions = {}): Promise<TempRepo> {
  const root = await tempDir('repo');
  await runGit(root, ['init', '--quiet', '--initial-branch', options.initialBranch ?? 'main', `--object-format=${options.objectFormat ?? 'sha1'}`]);
  // Written directly: one git process per key would make every repository slower to build.
  await fs.appendFile(path.join(root, '.git', 'config'), '[user]\n\tname = Test Author\n\temail = author@example.com\n');
  for (const [key, value] of Object.entries(options.config ?? {})) await runGit(root, ['config', key, value]);

  const repo: TempRepo = {
    root,
    git: isolatedGit(root),
    run: (...args) => runGit(root, args),
    write: (files) => writeTree(root, files),
    async stage(files) {
      await writeTree(root, files);
      const paths = Object.keys(files);
      if (paths.length > 0) await runGit(root, ['add', '--all', '--', ...paths.map(literalPathspec)]);
    },
    async commit(message, files = {}) {
      await repo.stage(files);
      await runGit(root, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message]);
      return headCommit(root);
    },
    async move(from, to) {
      await fs.mkdir(path.dirname(repo.path(to)), { recursive: true });
      await runGit(root, ['mv', '--', from, to]);
    },
    async switchTo(branch) {
      // Creating is the common case; switching to an existing branch is the fallback.
      await runGit(root, ['switch', '--quiet', '-c', branch]).catch(() => runGit(root, ['switch', '--quiet', branch]));
    },
    path: (relPath) => path.join(root, ...relPath.split('/')),
    read: (relPath) => fs.readFile(path.join(root, ...relPath.split('/')), 'utf8'),
  };

  for (const commit of options.commits ?? []) {
    if (commit.branch) await repo.switchTo(commit.branch);
    await repo.commit(commit.message, commit.files);
  }
  if (options.branch) await repo.switchTo(options.branch);
  if (options.staged) await repo.stage(options.staged);
  if (options.files) await repo.write(options.files);
  return repo;
}

/** The commit just made, read from the loose ref git writes, which saves a git process per commit. */
async function headCommit(root: string): Promise<string> {
  const head = (await fs.readFile(path.join(root, '.git', 'HEAD'), 'utf8')).trim();
  const ref = /^ref: (refs\/heads\/.+)$/.exec(head)?.[1];
  const sha = ref ? await fs.readFile(path.join(root, '.git', ...ref.split('/')), 'utf8').catch(() => '') : head;
  return /^[0-9a-f]{40,64}$/.test(sha.trim()) ? sha.trim() : (await runGit(root, ['rev-parse', 'HEAD'])).trim();
}

async function writeTree(root: string, files: FileTree): Promise<void> {
  for (const [relPath, spec] of Object.entries(files)) {
    const target = path.join(root, ...relPath.split('/'));
    if (spec === null) {
      await fs.rm(target, { recursive: true, force: true });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rm(target, { force: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) {
      await fs.writeFile(target, spec);
    } else if ('symlink' in spec) {
      await fs.symlink(spec.symlink, target);
    } else {
      await fs.writeFile(target, spec.content, { mode: 0o755 });
      await fs.chmod(target, 0o755);
    }
  }
}
