// Nothing of the core is loaded before it is needed: a review under a time limit only watches the child that runs it.
// Each command's bundle, and those it requires beside it, compiled with the code cache kept beside them
// (bundleCodeCache.ts says where, and why that opens no door).
import * as path from 'node:path';
import { requireBundle } from './bundleCodeCache';
import { runsConfigCommand, runsReviewCommand, runsZoneCommand } from './leadingGlobals';
import { commandOutput } from './standardOutput';
import { reviewTimeLimit, runWithTimeLimit, TIMED_OUT } from './timeLimit';
import { CLI_VERSION } from './version';
import type * as ConfigCommands from './configCommands';
import type * as ReviewCommand from './reviewCommand';
import type * as Run from './run';
import type * as ZoneCommands from './zoneCommands';

const argv = process.argv.slice(2);
// `pm-zone … | head`: the reader closed the pipe, which is not an error worth a word. The command
// still runs to its end and exits with its own status: `set -o pipefail` must see a blocked review fail.
const quiet = (stream: NodeJS.WriteStream) =>
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
// A command that writes its answer and ends writes it without node's streams where it can (standardOutput.ts);
// every command of dist/run.js keeps them: mcp reads standard input while it writes.
const endsOnAnswer = isVersion(argv) || runsZoneCommand(argv) || runsReviewCommand(argv) || runsConfigCommand(argv);
const stdout = endsOnAnswer ? commandOutput(1, () => quiet(process.stdout)) : quiet(process.stdout);
const stderr = endsOnAnswer ? commandOutput(2, () => quiet(process.stderr)) : quiet(process.stderr);

// A failure nothing caught is still one line and exit 2: exit 1 means "something blocks", and the hook says so.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    stderr.write(`pm-zone: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}

// Standard input is made only for a command that reads it (`--stdin`, a prompt, guard, mcp): node builds a stream for
// it on first use, which `whoami`, `explain` and a review would pay for nothing (0.99x their CPU without it, 61 pairs).
const io = { stdout, stderr, cwd: process.cwd(), env: process.env, get stdin() { return process.stdin; } };
// `pm-zone --version` answers before anything else loads: scripts and bug reports ask it first.
const seconds = reviewTimeLimit(argv);
const finished = isVersion(argv)
  ? Promise.resolve(stdout.write(`${CLI_VERSION}\n`)).then(() => 0)
  : seconds !== undefined
    ? runWithTimeLimit(argv, seconds, io, { command: process.execPath, args: [...process.execArgv, process.argv[1]] })
    // dist/cli.js is this file alone; the build points each require at a bundle beside it. `whoami` and `explain` run from
    // dist/zone.js, `review` from dist/review.js and `check-config` from dist/config.js, so dist/core.js, a megabyte
    // and a half to compile, is not loaded; every other command from dist/run.js. Run from its sources (no bundle
    // beside this file), each is required as it is.
    /* eslint-disable @typescript-eslint/no-require-imports -- the bundles beside this one, each loaded only for its commands */
    : runsZoneCommand(argv)
      ? Promise.resolve().then(() => requireBundle(path.join(__dirname, 'zone.js'), () => require('./zoneCommands') as typeof ZoneCommands).runZoneCommand(argv, io))
      : runsReviewCommand(argv)
        ? Promise.resolve().then(() => requireBundle(path.join(__dirname, 'review.js'), () => require('./reviewCommand') as typeof ReviewCommand).runReviewCommand(argv, io))
        : runsConfigCommand(argv)
          ? Promise.resolve().then(() => requireBundle(path.join(__dirname, 'config.js'), () => require('./configCommands') as typeof ConfigCommands).runConfigCommand(argv, io))
          : Promise.resolve().then(() => requireBundle(path.join(__dirname, 'run.js'), () => require('./run') as typeof Run).runCli(argv, io));
/* eslint-enable @typescript-eslint/no-require-imports */
finished.then((code) => {
  process.exitCode = code;
  // Out of time: the git processes still running must not keep the commit waiting.
  if (code === TIMED_OUT) process.exit(code);
});

function isVersion(args: readonly string[]): boolean {
  return args.length === 1 && (args[0] === '--version' || args[0] === '-v');
}
