import { spawn } from 'node:child_process';
import { REVIEW_TIMED_OUT } from '../core/git';
import type { CommandInput } from './run';

/**
 * Runs the same command again in a child process, without its
 * `--time-limit`, and stops it when the limit passes. The limit is kept
 * here, in a process that does nothing else: the review's own synchronous
 * work (a parser deep in a hostile file) cannot hold the timer up.
 */
export function runWithTimeLimit(input: CommandInput, seconds: number, relaunch: NonNullable<CommandInput['io']['relaunch']>): Promise<number> {
  const child = spawn(relaunch.command, [...relaunch.args, ...withoutTimeLimit(input.argv)], {
    cwd: input.io.cwd,
    env: input.io.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => input.io.stdout.write(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => input.io.stderr.write(chunk.toString('utf8')));
  return new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      input.io.stderr.write(`pm-zone: the review did not finish within ${seconds} s, so it was stopped (exit ${REVIEW_TIMED_OUT}).\n`);
      resolve(REVIEW_TIMED_OUT);
    }, seconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      input.io.stderr.write(`pm-zone: internal error: the review could not be started (${error.message})\n`);
      resolve(2);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
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
