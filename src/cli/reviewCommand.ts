// dist/review.js: `pm-zone review`, run by dist/cli.js without loading
// dist/core.js or dist/run.js. The same command module and core modules as
// the full command line, bundled on their own with only what a review
// reaches: the policy, git, the checks and their formats, none of the
// audit's, the controls' or the pull request's code and no GitHub client
// (scripts/build.mjs fails the build on them). Compiling a megabyte and a
// half of core for a one-line change was a third of the review's CPU.
import type { CliCommand } from './commands';
import { runCommandLine } from './commandLine';
import { reviewCommand } from './commands/review';
import type { CliIo } from './run';

/** The one command of dist/review.js. */
export const REVIEW_COMMAND_TABLE: readonly CliCommand[] = [reviewCommand];

/** One `pm-zone review` invocation, as runCli would run it. */
export function runReviewCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommandLine(REVIEW_COMMAND_TABLE, argv, io);
}
