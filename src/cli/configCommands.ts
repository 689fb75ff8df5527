// dist/config.js: `pm-zone check-config`, run by dist/cli.js without loading
// dist/core.js. The same command module and core modules as the full
// command line, bundled on their own: the policy reading and its cache (as
// dist/zone.js has them), the skill file read for its problems with the
// checks' names alone (core/repository/skillFileProblems.ts), and none of
// the review's checks (scripts/build.mjs fails the build on them). The YAML
// parser the skill file's front matter needs, and the markdown parser, come
// from dist/review-libraries.js, required only when the skill file or a
// policy file changed since the last run.
import type { CliCommand } from './commands';
import { runCommandLine } from './commandLine';
import { checkConfigCommand } from './commands/checkConfig';
import { CONFIG_COMMANDS } from './leadingGlobals';
import type { CliIo } from './run';

/** The commands of dist/config.js, in the order CONFIG_COMMANDS names them. */
export const CONFIG_COMMAND_TABLE: readonly CliCommand[] = CONFIG_COMMANDS.map((name) => {
  if (name !== checkConfigCommand.name) throw new Error(`CONFIG_COMMANDS names ${name}, which configCommands.ts does not bundle`);
  return checkConfigCommand;
});

/** One invocation of a command of CONFIG_COMMANDS, as runCli would run it. */
export function runConfigCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommandLine(CONFIG_COMMAND_TABLE, argv, io);
}
