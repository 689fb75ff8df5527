import { escapeControls, quoteName } from '../core/text/terminal';
import type { Problem } from '../core/types';
import type { CommandInput } from './run';

const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';
const COLOUR_OF: Record<string, string> = { error: RED, warning: YELLOW, info: CYAN };

/**
 * `file:line:column  severity  kind  message`, then a count; the shape
 * editors and CI logs link. Every part a repository holds is escaped here,
 * so the severities' colours can go to the terminal as they are.
 */
export function formatProblems(problems: Problem[], options: { color?: boolean } = {}): string {
  const paint = (severity: string) => (options.color && COLOUR_OF[severity] ? `${COLOUR_OF[severity]}${severity}${RESET}` : severity);
  const lines = problems.map((p) => `${quoteName(p.file)}:${p.line}:${p.column}  ${paint(p.severity)}  ${escapeControls(p.kind, { oneLine: true })}  ${escapeControls(p.message, { oneLine: true })}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  lines.push(problems.length === 0 ? 'No problems.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** Text a formatter escaped itself (formatText, formatProblems): with colour, written as it is; without, through the escaping stream like the rest. */
export function writeFormatted(input: CommandInput, text: string): void {
  if (input.global.color && input.io.formatted) input.io.formatted(text);
  else input.io.stdout.write(text);
}
