// The options every command takes, as written before the command
// (`pm-zone --cwd repo explain x`). Free of imports: the process that keeps
// a review's time limit reads the command with it before loading the core.

/** The global options that take a value, as written before the command. */
const GLOBAL_VALUE_FLAGS = ['--cwd', '--policy-file', '--skill-file', '--planning-template', '--codeowners-flavor'];

/** Options every command takes, as they may be written before the command. */
const GLOBAL_FLAG = /^(?:--json|--(?:no-)?color|--(?:cwd|policy-file|skill-file|planning-template|codeowners-flavor)(?:=.*)?)$/;

/**
 * Global options written before the command, and the words from the command
 * on. The options are handed to the command's parser after its own arguments.
 */
export function splitLeadingGlobals(argv: readonly string[]): { leading: string[]; words: string[] } {
  let at = 0;
  while (at < argv.length && GLOBAL_FLAG.test(argv[at])) at += GLOBAL_VALUE_FLAGS.includes(argv[at]) ? 2 : 1;
  return { leading: argv.slice(0, Math.min(at, argv.length)), words: argv.slice(at) };
}

/**
 * The commands dist/cli.js runs from dist/zone.js (zoneCommands.ts), without
 * loading dist/core.js: they read the zone, CODEOWNERS and git, nothing else.
 */
export const ZONE_COMMANDS: readonly string[] = ['whoami', 'explain'];

/** Whether `argv` runs a command of ZONE_COMMANDS (help for it included, `pm-zone help whoami` not). */
export function runsZoneCommand(argv: readonly string[]): boolean {
  return ZONE_COMMANDS.includes(splitLeadingGlobals(argv).words[0]);
}

/** Whether `argv` runs `review` (its help included), which dist/cli.js runs from dist/review.js. */
export function runsReviewCommand(argv: readonly string[]): boolean {
  return splitLeadingGlobals(argv).words[0] === 'review';
}

/**
 * The commands dist/cli.js runs from dist/config.js (configCommands.ts),
 * without loading dist/core.js: the policy files' problems, which need the
 * YAML parser (a skill file's front matter) that dist/zone.js goes without.
 */
export const CONFIG_COMMANDS: readonly string[] = ['check-config'];

/** Whether `argv` runs a command of CONFIG_COMMANDS (help for it included). */
export function runsConfigCommand(argv: readonly string[]): boolean {
  return CONFIG_COMMANDS.includes(splitLeadingGlobals(argv).words[0]);
}
