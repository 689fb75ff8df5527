import type { CliCommand } from '../commands';
import { completionScript, SHELLS, type Shell } from '../completion';
import { UsageError } from '../errors';

/** `pm-zone completion SHELL`, written from `table()`: the command table it is itself part of. */
export function completionCommand(table: () => readonly CliCommand[]): CliCommand {
  const command: CliCommand = {
    name: 'completion',
    usage: `completion ${SHELLS.join('|')}`,
    summary: 'print the shell completion script, written from the command table: source <(pm-zone completion bash) in ~/.bashrc, the same with zsh in ~/.zshrc (after compinit); for fish, save it as ~/.config/fish/completions/pm-zone.fish',
    operands: SHELLS.join('|'),
    options: {},
    async run(input) {
      const shell = input.positionals[0];
      if (input.positionals.length !== 1 || !SHELLS.includes(shell as Shell)) throw new UsageError(`completion takes one shell: ${SHELLS.join(', ')}${shell ? `, not '${input.positionals.join(' ')}'` : ''}`);
      input.io.stdout.write(completionScript(shell as Shell, table().filter((other) => other !== command), command));
      return 0;
    },
  };
  return command;
}
