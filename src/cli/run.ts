import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as path from 'node:path';
import { COMMANDS, type CliCommand } from './commands';
import { UsageError, CliFailure } from './errors';

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
};

export const USAGE = `usage: pm-zone <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`).join('\n')}

every command takes --cwd DIR (default: the current directory) and --json.
exit status: 0 ok, 1 a blocker or an error was found, 2 usage or internal error.
`;

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = findCommand(argv);
    if (!command) {
      if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
        io.stdout.write(USAGE);
        return argv.length === 0 ? 2 : 0;
      }
      throw new UsageError(`unknown command '${argv[0]}' (run 'pm-zone --help')`);
    }
    const rest = argv.slice(command.name.split(' ').length);
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help) {
      io.stdout.write(`usage: pm-zone ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const cwd = path.resolve(io.cwd, typeof parsed.values.cwd === 'string' ? parsed.values.cwd : '.');
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      global: { cwd, json: parsed.values.json === true },
      io,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pm-zone: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`pm-zone: ${error.message}\n`);
      return error.exitCode;
    }
    // An unexpected failure still gets one readable line, not a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`pm-zone: internal error: ${message}\n`);
    if (io.env.PM_ZONE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

function findCommand(argv: string[]): CliCommand | undefined {
  // Two-word commands ("hook install", "planning new") win over one-word ones.
  return COMMANDS.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
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
