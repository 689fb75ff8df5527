// Drives `pm-zone` as a user would, in-process through runCli with captured
// streams. The built program in a child process (git hooks, a machine
// without git, one smoke test per command) is the bundle tier's:
// test/bundle/support/program.ts.
import * as os from 'node:os';
import { Readable } from 'node:stream';
import { runCli } from '../../../../src/cli/run';

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

/**
 * A usage or failure message: exactly one line on stderr, no stack trace,
 * and on stdout nothing, or (the command asked for JSON) the same message as
 * `{"error": {"message", "exitCode"}}`.
 */
export function assertOneLineError(run: CliRun, code: number, pattern?: RegExp): void {
  const where = `(exit ${run.code}, stdout ${JSON.stringify(run.stdout)}, stderr ${JSON.stringify(run.stderr)})`;
  if (run.code !== code) throw new Error(`expected exit status ${code} ${where}`);
  if (run.stdout !== '' && JSON.stringify(JSON.parse(run.stdout)) !== JSON.stringify({ error: { message: run.stderr.replace(/^pm-zone: |\n$/g, ''), exitCode: code } })) {
    throw new Error(`expected nothing on stdout, or the JSON error object of the line on stderr ${where}`);
  }
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
