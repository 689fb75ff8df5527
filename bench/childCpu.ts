// CPU seconds of a whole command and every process it waited for, as the
// operating system accounts them. A shell runs the command, then its `times`
// prints the user and system time of the children it waited for. bash's
// `times` reads them to the millisecond (getrusage); dash's, Debian's `sh`,
// to the clock tick (10 ms: a fifth of node's own start on this kind of
// machine), so bash is used where there is one, and the benches say which.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Variables that make every node process pay for something at its start,
 * PM Zone's and the peer's alike: NODE_EXTRA_CA_CERTS has node 20 read and
 * parse a certificate bundle before any code runs (about 30 ms of CPU on a
 * machine whose node otherwise starts in 20), which adds the same to both
 * sides and squeezes every ratio toward 1×. The benches measure without them.
 */
const START_COST_VARIABLES = ['NODE_EXTRA_CA_CERTS'];

/**
 * `env` without the variables that add to every node start, and a line naming those it held, for the bench's header.
 * With `--keep-start-variables` on the bench's command line, `env` as it is, said the same way: the figures of a
 * machine that sets them (PM Zone's hook lines start node without NODE_EXTRA_CA_CERTS; its peer does not).
 */
export function measuringEnvironment(env: NodeJS.ProcessEnv, argv: readonly string[] = process.argv): { env: NodeJS.ProcessEnv; note: string } {
  if (argv.includes('--keep-start-variables')) {
    const kept = START_COST_VARIABLES.filter((name) => env[name] !== undefined);
    return { env, note: kept.length === 0 ? '' : `; with ${kept.join(', ')} as set (it adds to every node start but the hook lines')` };
  }
  const dropped = START_COST_VARIABLES.filter((name) => env[name] !== undefined);
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !dropped.includes(name)));
  return { env: kept, note: dropped.length === 0 ? '' : `; without ${dropped.join(', ')} (it adds to every node start)` };
}

/** The shell that measures, and how finely. */
export const MEASURING_SHELL: { program: string; resolution: string } = ['/bin/bash', '/usr/bin/bash'].some((file) => existsSync(file))
  ? { program: 'bash', resolution: '1 ms (bash)' }
  : { program: 'sh', resolution: '10 ms (sh: no bash here)' };

export interface ChildRun {
  /** User + system CPU seconds of the command and what it waited for. */
  cpu: number;
  /** The command's exit status. */
  exit: number;
}

/**
 * Runs `command` (words, quoted for the shell here) with stdin from `$IN`
 * and stdout to `$OUT` when the environment names them, stderr dropped.
 */
export function childCpu(command: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: boolean }): ChildRun {
  const quoted = command.map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const redirects = `>"$OUT"${options.input ? ' <"$IN"' : ''} 2>/dev/null`;
  const result = spawnSync(MEASURING_SHELL.program, ['-c', `${quoted} ${redirects}; echo "exit $?" >&2; times >&2`], { cwd: options.cwd, env: options.env, encoding: 'utf8' });
  const lines = result.stderr.trim().split('\n');
  const children = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines[lines.length - 1] ?? '');
  const exit = /exit (\d+)/.exec(result.stderr);
  if (!children || !exit) throw new Error(`${MEASURING_SHELL.program}'s times printed ${result.stderr}`);
  return { cpu: Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4]), exit: Number(exit[1]) };
}
