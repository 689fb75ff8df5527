// Drives `pm-zone` as a user would: in-process through runCli with captured
// streams (fast), or as the bundled program in a child process (for git hooks,
// a machine without git, and one smoke test per command).
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { build } from 'esbuild';
import { vegaApart, vegaWithoutCanvas } from '../../../../scripts/esbuild-plugins.mjs';
import { runCli } from '../../../../src/cli/run';
import { tempDir } from '../../helpers/tempRepo';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The process's current directory (default: the operating system's temporary folder, never a repository). */
  cwd?: string;
  /** Text on standard input; absent means no standard input at all. */
  stdin?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs one `pm-zone` invocation in this process and captures what it prints. */
export async function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? os.tmpdir(),
    env: options.env ?? process.env,
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(options.stdin, 'utf8')]) }),
  });
  return { code, stdout, stderr };
}

/** The parsed standard output of a `--json` run, after checking that nothing went to standard error. */
export function parsed<T = unknown>(run: CliRun): T {
  assertQuietStderr(run);
  return JSON.parse(run.stdout) as T;
}

export function assertQuietStderr(run: CliRun): void {
  if (run.stderr !== '') throw new Error(`expected nothing on stderr, got: ${run.stderr}`);
}

/** A usage or failure message: exactly one line on stderr, no stack trace, nothing on stdout. */
export function assertOneLineError(run: CliRun, code: number, pattern?: RegExp): void {
  const where = `(exit ${run.code}, stdout ${JSON.stringify(run.stdout)}, stderr ${JSON.stringify(run.stderr)})`;
  if (run.code !== code) throw new Error(`expected exit status ${code} ${where}`);
  if (run.stdout !== '') throw new Error(`expected nothing on stdout ${where}`);
  if (!/^pm-zone: [^\n]+\n$/.test(run.stderr)) throw new Error(`expected one line on stderr ${where}`);
  if (/\bat .+:\d+:\d+\)?$|internal error/m.test(run.stderr)) throw new Error(`expected no stack trace or internal error ${where}`);
  if (pattern && !pattern.test(run.stderr)) throw new Error(`expected stderr to match ${pattern} ${where}`);
}

/**
 * Git reads only the repository's own configuration during these tests, as
 * on a fresh machine: the developer's global settings (hooks path, e-mail)
 * must not change what the CLI answers.
 */
export function isolateGitConfig(): void {
  const saved: Record<string, string | undefined> = {};
  const isolated = { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' };
  before(() => {
    for (const [name, value] of Object.entries(isolated)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

const repositoryRoot = path.resolve(__dirname, '..', '..', '..', '..');
let bundled: Promise<string> | undefined;

/**
 * The command line bundled exactly as scripts/build.mjs bundles dist/cli.js
 * (same entry point and esbuild options), but into a scratch folder: tests
 * never race a developer's own build of dist/.
 */
export function builtCli(): Promise<string> {
  bundled ??= (async () => {
    const folder = await tempDir('cli-build');
    const outfile = path.join(folder, 'cli.js');
    const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' } as const;
    await Promise.all([
      build({ ...common, entryPoints: [path.join(repositoryRoot, 'src', 'cli', 'main.ts')], outfile, external: ['vscode'], banner: { js: '#!/usr/bin/env node' }, plugins: [vegaWithoutCanvas, vegaApart] }),
      // The charts load from dist/vega.js beside the program, as in the build.
      build({ ...common, entryPoints: [path.join(repositoryRoot, 'src', 'core', 'audit', 'vegaBundle.ts')], outfile: path.join(folder, 'vega.js'), plugins: [vegaWithoutCanvas] }),
    ]);
    return outfile;
  })();
  return bundled;
}

/** The environment a child CLI runs with: the machine's git configuration shut out. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toUpperCase().startsWith('GIT_')));
  return { ...env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Runs the bundled CLI with `node` (by absolute path) in a child process. */
export async function spawnCli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const script = await builtCli();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...argv],
      { cwd: options.cwd ?? os.tmpdir(), env: options.env ?? childEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 128) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin);
  });
}
