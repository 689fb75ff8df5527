// The options of the command table (commands.ts), each with what `--help`,
// the shell completions and docs/cli.md say about it: one declaration that
// the parser, the help and the completions all read, so they cannot differ.
import type { ParseArgsConfig } from 'node:util';

export interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** One line for `--help`. */
  description: string;
  /** What a string option takes, as the help names it (`REF`, `N`). */
  value?: string;
  /** The values it takes, when they are a fixed few: offered by shell completion. */
  choices?: readonly string[];
  /** Completed as a file or a folder name. */
  complete?: 'file' | 'folder';
}

export type CliOptions = Record<string, CliOption>;

/** The options as node:util's parseArgs takes them. */
export function parserOptions(options: CliOptions): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.multiple ? { multiple: true } : {}), ...(option.short ? { short: option.short } : {}) }]));
}

export const AS_OPTION = {
  as: { type: 'string', value: '@handle', description: 'answer as this pilot PM of CLAUDE.md, instead of the one git user.email names' },
} as const satisfies CliOptions;

export const STDIN_OPTION = {
  stdin: { type: 'boolean', description: 'read the paths from standard input too, one a line' },
} as const satisfies CliOptions;

/** Where a command that reads GitHub asks, and where the token may go. */
export const GITHUB_OPTIONS = {
  repo: { type: 'string', value: 'OWNER/NAME', description: "the repository on GitHub (default: the origin remote's)" },
  'api-url': { type: 'string', value: 'URL', description: 'the GitHub API the token is sent to (default: GITHUB_API_URL, else api.github.com)' },
} as const satisfies CliOptions;

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export function formatOption(formats: readonly string[], what: string): CliOptions {
  return { format: { type: 'string', value: formats.join('|'), choices: formats, description: `how to print ${what}: ${formats.join(', ')} (default ${formats[0]}; --json is --format json)` } };
}

/** Options every command takes, before or after its own. */
export const GLOBAL_OPTIONS = {
  cwd: { type: 'string', value: 'DIR', complete: 'folder', description: 'run in DIR (default: the current directory)' },
  json: { type: 'boolean', description: 'print JSON; a failure is {"error": {"message", "exitCode"}} on standard output, with the same exit status' },
  'policy-file': { type: 'string', value: 'FILE', complete: 'file', description: 'the markdown file with the ## PM zone section, relative to the repository root (default CLAUDE.md)' },
  'skill-file': { type: 'string', value: 'FILE', complete: 'file', description: 'the PM PR Review skill file (default .claude/skills/pm-pr-review/SKILL.md)' },
  'planning-template': { type: 'string', value: 'FILE', complete: 'file', description: "the team's PLANNING.md template (default .pmzone/PLANNING.template.md)" },
  'codeowners-flavor': { type: 'string', value: 'github|gitlab', choices: ['github', 'gitlab'], description: 'which rules CODEOWNERS is read with (default github)' },
  color: { type: 'boolean', description: 'colour blockers, warnings and notes even when standard output is not a terminal' },
  'no-color': { type: 'boolean', description: 'no colour, even on a terminal (as NO_COLOR does)' },
  help: { type: 'boolean', short: 'h', description: 'show the help of the command' },
} as const satisfies CliOptions;
