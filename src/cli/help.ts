// `--help`, read from the command table: the list of commands, a group's
// subcommands (`pm-zone hook --help`) and one command's options, each with
// its line of description. docs/cli.md is checked against the same table.
import { DEFAULT_PLANNING_TEMPLATE, DEFAULT_POLICY_FILE, DEFAULT_SKILL_FILE } from '../core/defaults';
import type { CliCommand } from './commands';
import { GLOBAL_OPTIONS, type CliOption, type CliOptions } from './options';

/** Exit statuses, as every help says them. */
export const EXIT_STATUSES = 'exit status: 0 ok, 1 a blocker or an error was found, 2 usage or internal error.';

/** `--name VALUE` (or `-h, --help`) as the help and the usage name the option. */
export function optionSynopsis(name: string, option: CliOption): string {
  const value = option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : '';
  return `${option.short ? `-${option.short}, ` : ''}--${name}${value}`;
}

function optionLines(options: CliOptions): string[] {
  const entries = Object.entries(options).map(([name, option]) => [optionSynopsis(name, option) + (option.multiple ? '…' : ''), option.description] as const);
  const width = Math.min(32, Math.max(...entries.map(([synopsis]) => synopsis.length)));
  return entries.map(([synopsis, description]) => (synopsis.length > width ? `  ${synopsis}\n  ${' '.repeat(width)}  ${description}` : `  ${synopsis.padEnd(width)}  ${description}`));
}

/** The words a group of commands starts with (`hook`, `planning`, `ci`, `agents`), with their subcommands. */
export function commandGroups(commands: readonly CliCommand[]): Map<string, CliCommand[]> {
  const groups = new Map<string, CliCommand[]>();
  for (const command of commands) {
    const [first, second] = command.name.split(' ');
    if (second !== undefined) groups.set(first, [...(groups.get(first) ?? []), command]);
  }
  return groups;
}

export function mainHelp(commands: readonly CliCommand[]): string {
  return [
    'usage: pm-zone <command> [options]',
    '',
    'PM Zone: which files a PM may edit, and the PM PR Review of a change, from the same engine as the editor.',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.usage}\n      ${command.summary}`),
    '',
    'options every command takes:',
    ...optionLines(GLOBAL_OPTIONS),
    '  -v, --version                     print the version',
    '',
    `the policy files: --policy-file (default ${DEFAULT_POLICY_FILE}), --skill-file (default`,
    `${DEFAULT_SKILL_FILE}) and --planning-template (default ${DEFAULT_PLANNING_TEMPLATE}),`,
    "like the editor's pmZone.* settings.",
    EXIT_STATUSES,
    "'pm-zone help COMMAND' or 'pm-zone COMMAND --help' for one command.",
    '',
  ].join('\n');
}

export function groupHelp(group: string, subcommands: readonly CliCommand[]): string {
  return [
    `usage: pm-zone ${group} <${subcommands.map((command) => command.name.split(' ')[1]).join('|')}> [options]`,
    '',
    ...subcommands.map((command) => `  ${command.usage}\n      ${command.summary}`),
    '',
    `'pm-zone ${group} SUBCOMMAND --help' for its options.`,
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const own = Object.keys(command.options).length > 0 ? ['', 'options:', ...optionLines(command.options)] : [];
  return [
    `usage: pm-zone ${command.usage}`,
    '',
    command.summary,
    ...own,
    '',
    'options every command takes:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    EXIT_STATUSES,
    '',
  ].join('\n');
}
