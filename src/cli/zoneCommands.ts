// dist/zone.js: the commands that only read the zone (`whoami`, `explain`),
// run by dist/cli.js without loading dist/core.js. The same command modules
// and core modules as the full command line, bundled on their own: the
// policy, CODEOWNERS and git reading they need and the policy cache the
// guard keeps too, none of the review's or the pull request's code, and no
// YAML parser (scripts/build.mjs fails the build on them). The markdown
// parser CLAUDE.md is read with comes from dist/review-libraries.js, required
// only when a policy file changed since the last run (a miss of the policy
// cache). What they answer is what `pm-zone` answers with every command
// loaded (a test compares).
import type { CliCommand } from './commands';
import { runCommandLine } from './commandLine';
import { explainCommand } from './commands/explain';
import { whoamiCommand } from './commands/whoami';
import { ZONE_COMMANDS } from './leadingGlobals';
import type { CliIo } from './run';

/** The commands of dist/zone.js, in the order ZONE_COMMANDS names them. */
export const ZONE_COMMAND_TABLE: readonly CliCommand[] = ZONE_COMMANDS.map((name) => {
  const command = [whoamiCommand, explainCommand].find((candidate) => candidate.name === name);
  if (!command) throw new Error(`ZONE_COMMANDS names ${name}, which zoneCommands.ts does not bundle`);
  return command;
});

/** One invocation of a command of ZONE_COMMANDS, as runCli would run it. */
export function runZoneCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommandLine(ZONE_COMMAND_TABLE, argv, io);
}
