import type * as ChildProcess from 'node:child_process';
import type * as FsPromises from 'node:fs/promises';
import { withoutCertificates } from '../core/git/certificatesAside';
import { REVIEW_TIMED_OUT, TIMED_OUT_VERDICT, VERDICT_FILE_VARIABLE } from '../core/git/reviewVerdict';
import { splitLeadingGlobals } from './leadingGlobals';

// `review --time-limit N` is kept by a parent process that does nothing else
// and loads nothing of the core: the review runs again as a child without
// the flag, and is stopped when the limit passes. Synchronous work in the
// review (a parser deep in a hostile file) cannot hold this process's timer up.

/** Exit status when the limit passed, the hook's verdict file and what is written there then: the core's own (a file of constants the build copies, so dist/core.js is not loaded here). */
export const TIMED_OUT = REVIEW_TIMED_OUT;
export const VERDICT_FILE = VERDICT_FILE_VARIABLE;
export const TIMED_OUT_WORD = TIMED_OUT_VERDICT;

export interface WatchedIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** How to start the program again: node, its options, and the script. */
export interface Relaunch {
  command: string;
  args: readonly string[];
}

/** The seconds of a `review … --time-limit N` invocation, or undefined (another command, or a value the review itself refuses). */
export function reviewTimeLimit(argv: readonly string[]): number | undefined {
  const { words } = splitLeadingGlobals(argv);
  if (words[0] !== 'review') return undefined;
  const at = words.findIndex((word) => word === '--time-limit' || word.startsWith('--time-limit='));
  if (at < 0) return undefined;
  const value = words[at] === '--time-limit' ? words[at + 1] : words[at].slice('--time-limit='.length);
  const seconds = Number(value);
  return seconds > 0 ? seconds : undefined;
}

export function runWithTimeLimit(argv: readonly string[], seconds: number, io: WatchedIo, relaunch: Relaunch): Promise<number> {
  // Required here: dist/cli.js is this file and main.ts, and every other command (`--version` first) would
  // load node's child process and stream modules at its start for nothing (about 2 ms of CPU).
  /* eslint-disable @typescript-eslint/no-require-imports -- node's own modules, loaded only for a review under a time limit */
  const { spawn } = require('node:child_process') as typeof ChildProcess;
  const { writeFile } = require('node:fs/promises') as typeof FsPromises;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const child = spawn(relaunch.command, [...relaunch.args, ...withoutTimeLimit(argv)], { cwd: io.cwd, env: withoutCertificates(io.env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (text: string) => io.stdout.write(text));
  child.stderr.on('data', (text: string) => io.stderr.write(text));
  return new Promise<number>((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      io.stderr.write(`pm-zone: the review did not finish within ${seconds} s, so it was stopped (exit ${TIMED_OUT}).\n`);
      // The hook tells the time limit from an error that also exits 3 by this word; only into the file the hook made.
      const verdict = io.env[VERDICT_FILE];
      const said = verdict ? writeFile(verdict, TIMED_OUT_WORD, { flag: 'r+' }).catch(() => undefined) : Promise.resolve();
      void said.then(() => resolve(TIMED_OUT));
    }, seconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      io.stderr.write(`pm-zone: internal error: the review could not be started (${error.message})\n`);
      resolve(2);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Killed at the limit: the answer is TIMED_OUT, once the verdict is written (the close may come first).
      if (timedOut) return;
      // Killed by a signal (out of memory, say): a shell's status for it, which the hook names.
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
}

/** The arguments without `--time-limit N` or `--time-limit=N`. */
function withoutTimeLimit(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--time-limit') index++;
    else if (!argv[index].startsWith('--time-limit=')) kept.push(argv[index]);
  }
  return kept;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 0;
}
