import type { ParseArgsConfig } from 'node:util';
import type { CommandInput } from './run';

export interface CliCommand {
  /** One or two words, such as `explain` or `hook install`. */
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<number>;
}

export const COMMANDS: CliCommand[] = [];
