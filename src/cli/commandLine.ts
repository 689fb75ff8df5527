// One invocation of the command line, read against a table of commands:
// the options every command takes, help, the command's own options, and one
// line and an exit status for whatever goes wrong. Free of the command table
// itself, so a bundle of a few commands (dist/zone.js) runs them the same way.
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { repositoryFilePath } from '../core/repository';
import { escapeControls, escapeJsonControls } from '../core/text/terminal';
import { colorWanted } from './color';
import type { CliCommand } from './commands';
import { UsageError, CliFailure } from './errors';
import { commandGroups, commandHelp, groupHelp, mainHelp } from './help';
import { splitLeadingGlobals } from './leadingGlobals';
import { GLOBAL_OPTIONS, parserOptions } from './options';
import type { CliIo, GlobalOptions } from './run';
import { CLI_VERSION } from './version';

/**
 * Runs one CLI invocation with `commands` as the command table and returns
 * its exit status; never throws. dist/cli.js runs it with every command
 * (run.ts), dist/zone.js with the commands that only read the zone
 * (zoneCommands.ts).
 */
export async function runCommandLine(commands: readonly CliCommand[], argv: string[], given: CliIo): Promise<number> {
  // Nothing a repository or GitHub holds acts on the terminal: see terminalIo.
  let io = terminalIo(given, false);
  try {
    const { leading, words } = splitLeadingGlobals(argv);
    if (words.length === 1 && (words[0] === '--version' || words[0] === '-v')) {
      io.stdout.write(`${CLI_VERSION}\n`);
      return 0;
    }
    const help = helpAsked(commands, words);
    if (help !== undefined) {
      io.stdout.write(help);
      return 0;
    }
    const { command, rest: commandArgs } = findCommand(commands, words);
    const rest = [...leading, ...commandArgs];
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    if (!command.operands && parsed.positionals.length > 0) {
      throw new UsageError(`${command.name} takes no ${parsed.positionals.length === 1 ? 'argument' : 'arguments'} besides its options, not '${parsed.positionals[0]}' (usage: pm-zone ${command.usage})`);
    }
    const cwd = path.resolve(io.cwd, typeof parsed.values.cwd === 'string' ? parsed.values.cwd : '.');
    const format = parsed.values.format;
    const json = parsed.values.json === true || format === 'json' || format === 'sarif';
    io = terminalIo(given, json);
    const color = !json && colorWanted(parsed.values, io.env, given.stdout);
    const interactive = !json && given.stdout.isTTY === true && (given.stdin as { isTTY?: boolean } | undefined)?.isTTY === true;
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      global: { cwd, json: parsed.values.json === true, color, interactive, settings: policySettings(parsed.values) },
      io,
    });
  } catch (error) {
    const [message, exitCode] =
      error instanceof UsageError ? [oneLine(error.message), 2]
        : error instanceof CliFailure ? [oneLine(error.message), error.exitCode]
          // An unexpected failure still gets one readable line, not a stack trace.
          : [`internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`, 2];
    io.stderr.write(`pm-zone: ${message}\n`);
    if (exitCode === 2 && !(error instanceof UsageError || error instanceof CliFailure) && io.env.PM_ZONE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    // A script that asked for JSON gets JSON on standard output, whatever went wrong.
    if (wantsJson(argv)) terminalIo(given, true).stdout.write(`${JSON.stringify({ error: { message, exitCode } }, null, 2)}\n`);
    return exitCode;
  }
}

/** `--json` (or `--format json`) among the arguments, even when they did not parse. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  return args.some((arg, i) => arg === '--json' || arg === '--format=json' || (arg === '--format' && args[i + 1] === 'json'));
}

/**
 * The help a command line asks for, or undefined: `pm-zone`, `pm-zone help
 * [COMMAND…]`, `--help` or `-h` alone, or after a group's word (`pm-zone hook
 * --help`). A command's own `--help` is read with its options.
 */
function helpAsked(commands: readonly CliCommand[], words: readonly string[]): string | undefined {
  const groups = commandGroups(commands);
  const helpFor = (named: readonly string[]): string => {
    if (named.length === 0) return mainHelp(commands);
    if (named.length === 1 && groups.has(named[0])) return groupHelp(named[0], groups.get(named[0])!);
    return commandHelp(findCommand(commands, [...named]).command);
  };
  if (words[0] === 'help') return helpFor(words.slice(1));
  if (HELP.has(words[0])) return mainHelp(commands);
  if (groups.has(words[0]) && (words[1] === undefined ? false : HELP.has(words[1]))) return groupHelp(words[0], groups.get(words[0])!);
  return undefined;
}

/**
 * The streams with every character that would act on a terminal (escape
 * sequences, carriage returns, bidirectional marks) escaped as git escapes
 * names; JSON keeps its own `\u` escapes, valid inside its strings.
 */
function terminalIo(io: CliIo, json: boolean): CliIo {
  return {
    cwd: io.cwd,
    env: io.env,
    // Asked of the caller's streams only when a command reads it (main.ts makes process.stdin no sooner).
    get stdin() {
      return io.stdin;
    },
    stdout: { write: (text: string) => io.stdout.write(json ? escapeJsonControls(text) : escapeControls(text)) },
    stderr: { write: (text: string) => io.stderr.write(escapeControls(text)) },
    formatted: (text: string) => io.stdout.write(text),
  };
}

/** The command named by the first words, and the arguments left for it. */
function findCommand(commands: readonly CliCommand[], words: string[]): { command: CliCommand; rest: string[] } {
  // Two-word commands ("hook install", "planning new") win over one-word ones.
  const command = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => words[i] === word));
  if (command) return { command, rest: words.slice(command.name.split(' ').length) };
  if (words.length === 0) throw new UsageError(`give a command: ${commandNames(commands).join(', ')} (run 'pm-zone --help')`);
  const group = commands.filter((c) => c.name.startsWith(`${words[0]} `)).map((c) => c.name.split(' ')[1]);
  if (group.length > 0) {
    const given = words[1] === undefined || words[1].startsWith('-') ? '' : `, not '${words[1]}'`;
    throw new UsageError(`'${words[0]}' takes a subcommand: ${group.join(' or ')}${given} (run 'pm-zone --help')`);
  }
  throw new UsageError(`unknown command '${words[0]}' (run 'pm-zone --help')`);
}

const HELP = new Set(['--help', '-h']);

/** Messages quoted from git or the file system can span lines; scripts and hooks read one. */
function oneLine(message: string): string {
  return message.trim().replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The policy locations given on the command line, checked like the editor's settings. */
function policySettings(values: Record<string, unknown>): GlobalOptions['settings'] {
  const settings: GlobalOptions['settings'] = {};
  for (const [flag, key] of [['policy-file', 'policyFile'], ['skill-file', 'skillFile'], ['planning-template', 'planningTemplate']] as const) {
    const value = values[flag];
    if (typeof value !== 'string') continue;
    const file = repositoryFilePath(value);
    if (!file) {
      throw new UsageError(`--${flag} takes a file inside the repository, relative to its root, not '${value}'`);
    }
    settings[key] = file;
  }
  const flavor = values['codeowners-flavor'];
  if (flavor !== undefined) {
    if (flavor !== 'github' && flavor !== 'gitlab') throw new UsageError(`--codeowners-flavor takes github or gitlab, not '${String(flavor)}'`);
    settings.codeownersFlavor = flavor;
  }
  return settings;
}

function commandNames(commands: readonly CliCommand[]): string[] {
  return [...new Set(commands.map((c) => c.name.split(' ')[0]))];
}

function parseCommandArgs(command: CliCommand, rest: string[]) {
  try {
    return parseArgs({
      args: rest,
      options: parserOptions({ ...GLOBAL_OPTIONS, ...command.options }),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (usage: pm-zone ${command.usage})`);
  }
}
