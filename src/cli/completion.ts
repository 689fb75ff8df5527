// Shell completion for bash, zsh and fish, written from the command table:
// the commands and subcommands, each command's options and the global ones,
// the values an option takes (formats, agents, tiers) and file or folder
// names where an option or an operand is one. `pm-zone completion bash`.
import type { CliCommand } from './commands';
import { GLOBAL_OPTIONS, type CliOption, type CliOptions } from './options';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface Entry {
  /** `review`, `hook install`; `''` for the words before a command. */
  path: string;
  /** The words that may come next: subcommands, or the command's options as `--name`. */
  words: string[];
  /** The command takes operands that are file names (`explain PATH...`). */
  files: boolean;
}

/** What may follow each command path, and what each option's value completes to. */
function table(commands: readonly CliCommand[], completionCommand: CliCommand): { entries: Entry[]; values: { path: string; option: string; choices?: readonly string[]; complete?: 'file' | 'folder' }[]; valueOptions: string[] } {
  const all = [...commands, completionCommand];
  const flags = (options: CliOptions) => Object.keys(options).map((name) => `--${name}`);
  const globals = flags(GLOBAL_OPTIONS);
  const firstWords = [...new Set(all.map((command) => command.name.split(' ')[0]))];
  const entries: Entry[] = [{ path: '', words: [...firstWords, ...globals, '--version'], files: false }];
  for (const first of firstWords) {
    const subcommands = all.filter((command) => command.name.startsWith(`${first} `)).map((command) => command.name.split(' ')[1]);
    if (subcommands.length > 0) entries.push({ path: first, words: subcommands, files: false });
  }
  for (const command of all) {
    const operands = command === completionCommand ? [...SHELLS] : [];
    entries.push({ path: command.name, words: [...operands, ...flags(command.options), ...globals], files: command.operands !== undefined && command !== completionCommand });
  }
  const values: { path: string; option: string; choices?: readonly string[]; complete?: 'file' | 'folder' }[] = [];
  const valueOf = (path: string, name: string, option: CliOption) => {
    if (option.choices || option.complete) values.push({ path, option: `--${name}`, choices: option.choices, complete: option.complete });
  };
  for (const [name, option] of Object.entries(GLOBAL_OPTIONS)) valueOf('*', name, option);
  for (const command of all) for (const [name, option] of Object.entries(command.options)) valueOf(command.name, name, option);
  const valueOptions = [...new Set([...Object.entries(GLOBAL_OPTIONS), ...all.flatMap((command) => Object.entries(command.options))].filter(([, option]) => option.type === 'string').map(([name]) => `--${name}`))];
  return { entries, values, valueOptions };
}

const words = (list: readonly string[]) => list.join(' ');

export function completionScript(shell: Shell, commands: readonly CliCommand[], completionCommand: CliCommand): string {
  const { entries, values, valueOptions } = table(commands, completionCommand);
  if (shell === 'fish') return fishScript(commands, completionCommand);
  // bash and zsh walk the words the same way: the command path is the words that are not options or their values.
  const walk = [
    `  local cur=$1 prev=$2 cmdpath="" skip="" w`,
    `  shift 2`,
    `  for w in "$@"; do`,
    `    if [ -n "$skip" ]; then skip=""; continue; fi`,
    `    case $w in`,
    `      ${valueOptions.join('|')}) skip=1 ;;`,
    `      -*) ;;`,
    `      *) cmdpath="\${cmdpath:+$cmdpath }$w" ;;`,
    `    esac`,
    `  done`,
  ];
  const valueCases = values.map((value) => `    ${value.path === '*' ? '*' : `"${value.path}"`}\\ ${value.option}) ${value.choices ? `_pm_zone_reply words "${words(value.choices)}"` : `_pm_zone_reply ${value.complete === 'folder' ? 'folders' : 'files'}`} ;;`);
  const wordCases = entries.map((entry) => `    "${entry.path}") ${entry.files ? `case $cur in -*) _pm_zone_reply words "${words(entry.words)}" ;; *) _pm_zone_reply files ;; esac` : `_pm_zone_reply words "${words(entry.words)}"`} ;;`);
  const core = [
    `_pm_zone_complete() {`,
    ...walk,
    `  case "$cmdpath $prev" in`,
    ...valueCases,
    `    *) case $cmdpath in`,
    ...wordCases.map((line) => `  ${line}`),
    `      esac ;;`,
    `  esac`,
    `}`,
  ];
  if (shell === 'bash') {
    return [
      '# pm-zone completion for bash, written by `pm-zone completion bash`.',
      '# Load it in ~/.bashrc: source <(pm-zone completion bash)',
      `_pm_zone_reply() {`,
      `  case $1 in`,
      `    words) COMPREPLY=($(compgen -W "$2" -- "$_pm_zone_cur")) ;;`,
      `    files) COMPREPLY=($(compgen -f -- "$_pm_zone_cur")) ;;`,
      `    folders) COMPREPLY=($(compgen -d -- "$_pm_zone_cur")) ;;`,
      `  esac`,
      `}`,
      ...core,
      `_pm_zone() {`,
      `  local _pm_zone_cur=\${COMP_WORDS[COMP_CWORD]}`,
      `  COMPREPLY=()`,
      `  _pm_zone_complete "$_pm_zone_cur" "\${COMP_WORDS[COMP_CWORD-1]}" "\${COMP_WORDS[@]:1:COMP_CWORD-1}"`,
      `}`,
      `complete -o filenames -F _pm_zone pm-zone`,
      '',
    ].join('\n');
  }
  return [
    '#compdef pm-zone',
    '# pm-zone completion for zsh, written by `pm-zone completion zsh`.',
    '# Load it in ~/.zshrc, after compinit: source <(pm-zone completion zsh)',
    `_pm_zone_reply() {`,
    `  case $1 in`,
    `    words) compadd -- \${=2} ;;`,
    `    files) _files ;;`,
    `    folders) _files -/ ;;`,
    `  esac`,
    `}`,
    ...core,
    `_pm_zone() {`,
    `  _pm_zone_complete "\${words[CURRENT]}" "\${words[CURRENT-1]}" "\${(@)words[2,CURRENT-1]}"`,
    `}`,
    `compdef _pm_zone pm-zone`,
    '',
  ].join('\n');
}

function fishScript(commands: readonly CliCommand[], completionCommand: CliCommand): string {
  const all = [...commands, completionCommand];
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const firstWords = [...new Set(all.map((command) => command.name.split(' ')[0]))];
  const lines = ['# pm-zone completion for fish, written by `pm-zone completion fish`.', '# Save it as ~/.config/fish/completions/pm-zone.fish', 'complete -c pm-zone -f'];
  const option = (condition: string, name: string, spec: CliOption) => {
    const value = spec.type === 'string' ? (spec.choices ? ` -x -a ${quote(spec.choices.join(' '))}` : spec.complete === 'folder' ? " -x -a '(__fish_complete_directories)'" : spec.complete === 'file' ? ' -r -F' : ' -x') : '';
    lines.push(`complete -c pm-zone${condition ? ` -n ${quote(condition)}` : ''}${spec.short ? ` -s ${spec.short}` : ''} -l ${name}${value} -d ${quote(spec.description)}`);
  };
  for (const first of firstWords) {
    const summary = all.find((command) => command.name === first)?.summary ?? `${all.filter((command) => command.name.startsWith(`${first} `)).map((command) => command.name).join(', ')}`;
    lines.push(`complete -c pm-zone -n __fish_use_subcommand -a ${first} -d ${quote(summary)}`);
  }
  lines.push(`complete -c pm-zone -n __fish_use_subcommand -s v -l version -d 'print the version'`);
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) option('', name, spec);
  for (const command of all) {
    const [first, second] = command.name.split(' ');
    const others = all.filter((other) => other.name.startsWith(`${first} `)).map((other) => other.name.split(' ')[1]);
    if (second !== undefined) lines.push(`complete -c pm-zone -n ${quote(`__fish_seen_subcommand_from ${first}; and not __fish_seen_subcommand_from ${others.join(' ')}`)} -a ${second} -d ${quote(command.summary)}`);
    const condition = second === undefined ? `__fish_seen_subcommand_from ${first}` : `__fish_seen_subcommand_from ${first}; and __fish_seen_subcommand_from ${second}`;
    for (const [name, spec] of Object.entries(command.options)) option(condition, name, spec);
    if (command === completionCommand) lines.push(`complete -c pm-zone -n ${quote(condition)} -a ${quote(SHELLS.join(' '))}`);
    else if (command.operands !== undefined) lines.push(`complete -c pm-zone -n ${quote(condition)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
