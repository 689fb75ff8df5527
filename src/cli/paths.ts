import type { CommandInput } from './run';
import { UsageError } from './errors';

/** The paths a command was given: positionals, or one per line on stdin with `--stdin`. */
export async function inputPaths(input: CommandInput): Promise<string[]> {
  const paths = [...input.positionals];
  if (input.values.stdin === true) {
    if (!input.io.stdin) throw new UsageError('--stdin given but no standard input is available');
    let text = '';
    for await (const chunk of input.io.stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    paths.push(...text.split(/\r?\n/).filter((line) => line.length > 0));
  }
  if (paths.length === 0) throw new UsageError('give at least one repository-relative path (or --stdin)');
  // Repository-relative with `/`: a Windows-style `\` or a leading `./` means the same file.
  return paths.map((p) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
}

export function writeJson(input: CommandInput, value: unknown): void {
  input.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
