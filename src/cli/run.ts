import type { PolicySettings } from '../core/repository';
import { COMMANDS } from './commands';
import { runCommandLine } from './commandLine';
import { mainHelp } from './help';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: AsyncIterable<string | Buffer>;
  /**
   * Writes text whose every part from a repository or GitHub its formatter
   * already escaped (formatText, formatProblems), so that its colours reach
   * the terminal; everything else goes through `stdout`, escaped.
   */
  formatted?: (text: string) => unknown;
}

/** Options every command understands. */
export interface GlobalOptions {
  cwd: string;
  json: boolean;
  /** Colour blockers, warnings and notes (see color.ts). */
  color: boolean;
  /** Standard input and output are a terminal: a command may ask before it acts (see prompt.ts). */
  interactive: boolean;
  /** `--policy-file`, `--skill-file`, `--codeowners-flavor`: where the repository keeps its policy, as the editor's settings say. */
  settings: Partial<Pick<PolicySettings, 'policyFile' | 'skillFile' | 'planningTemplate' | 'codeownersFlavor'>>;
}

export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  global: GlobalOptions;
  io: CliIo;
}

export const USAGE = mainHelp(COMMANDS);

/** Runs one CLI invocation and returns its exit status; never throws. */
export function runCli(argv: string[], given: CliIo): Promise<number> {
  return runCommandLine(COMMANDS, argv, given);
}
