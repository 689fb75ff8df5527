import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as path from 'node:path';
import { DEFAULT_PLANNING_TEMPLATE, DEFAULT_POLICY_FILE, DEFAULT_SKILL_FILE } from '../core/defaults';
import { repositoryFilePath, type PolicySettings } from '../core/repository';
import { escapeControls, escapeJsonControls } from '../core/text';
import { COMMANDS, type CliCommand } from './commands';
import { UsageError, CliFailure } from './errors';
import { splitLeadingGlobals } from './leadingGlobals';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: AsyncIterable<string | Buffer>;
}

/** Options every command understands. */
export interface GlobalOptions {
  cwd: string;
  json: boolean;
  /** `--policy-file`, `--skill-file`, `--codeowners-flavor`: where the repository keeps its policy, as the editor's settings say. */
  settings: Partial<Pick<PolicySettings, 'policyFile' | 'skillFile' | 'planningTemplate' | 'codeownersFlavor'>>;
}

export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  global: GlobalOptions;
  io: CliIo;
}

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  cwd: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'policy-file': { type: 'string' },
  'skill-file': { type: 'string' },
  'planning-template': { type: 'string' },
  'codeowners-flavor': { type: 'string' },
};


export const USAGE = `usage: pm-zone <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}

every command takes --cwd DIR (default: the current directory) and --json;
--policy-file FILE (default ${DEFAULT_POLICY_FILE}), --skill-file FILE (default
${DEFAULT_SKILL_FILE}), --planning-template FILE (default
${DEFAULT_PLANNING_TEMPLATE}) and --codeowners-flavor github|gitlab (default
github) say where the repository keeps its policy, like the editor's pmZone.*
settings.
exit status: 0 ok, 1 a blocker or an error was found, 2 usage or internal error.
`;

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], given: CliIo): Promise<number> {
  // Nothing a repository or GitHub holds acts on the terminal: see terminalIo.
  let io = terminalIo(given, false);
  try {
    const { leading, words } = splitLeadingGlobals(argv);
    if (HELP.has(words[0])) {
      // `pm-zone help`, or `pm-zone help review` for one command.
      io.stdout.write(words.length === 1 ? USAGE : commandHelp(findCommand(words.slice(1)).command));
      return 0;
    }
    const { command, rest: commandArgs } = findCommand(words);
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
    io = terminalIo(given, parsed.values.json === true || format === 'json' || format === 'sarif');
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      global: { cwd, json: parsed.values.json === true, settings: policySettings(parsed.values) },
      io,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pm-zone: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`pm-zone: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    // An unexpected failure still gets one readable line, not a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`pm-zone: internal error: ${oneLine(message)}\n`);
    if (io.env.PM_ZONE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

/**
 * The streams with every character that would act on a terminal (escape
 * sequences, carriage returns, bidirectional marks) escaped as git escapes
 * names; JSON keeps its own `\u` escapes, valid inside its strings.
 */
function terminalIo(io: CliIo, json: boolean): CliIo {
  return {
    ...io,
    stdout: { write: (text: string) => io.stdout.write(json ? escapeJsonControls(text) : escapeControls(text)) },
    stderr: { write: (text: string) => io.stderr.write(escapeControls(text)) },
  };
}

/** The command named by the first words, and the arguments left for it. */
function findCommand(words: string[]): { command: CliCommand; rest: string[] } {
  // Two-word commands ("hook install", "planning new") win over one-word ones.
  const command = [...COMMANDS]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => words[i] === word));
  if (command) return { command, rest: words.slice(command.name.split(' ').length) };
  if (words.length === 0) throw new UsageError(`give a command: ${commandNames().join(', ')} (run 'pm-zone --help')`);
  const group = COMMANDS.filter((c) => c.name.startsWith(`${words[0]} `)).map((c) => c.name.split(' ')[1]);
  if (group.length > 0) {
    const given = words[1] === undefined || words[1].startsWith('-') ? '' : `, not '${words[1]}'`;
    throw new UsageError(`'${words[0]}' takes a subcommand: ${group.join(' or ')}${given} (run 'pm-zone --help')`);
  }
  throw new UsageError(`unknown command '${words[0]}' (run 'pm-zone --help')`);
}

const HELP = new Set(['--help', '-h', 'help']);

function commandHelp(command: CliCommand): string {
  return `usage: pm-zone ${command.usage}\n${command.summary}\n`;
}

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

function commandNames(): string[] {
  return [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]))];
}

function parseCommandArgs(command: CliCommand, rest: string[]) {
  try {
    return parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (usage: pm-zone ${command.usage})`);
  }
}
