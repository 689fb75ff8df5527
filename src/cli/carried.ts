// After a command wrote files every clone needs: which of them git will not
// carry, said on standard error with the lines to add, or added with
// --unignore. The command then exits 1: a guard or a gate that never
// reaches another clone is not installed.
import { ignoredAdvice, ignoredFiles, unignore, type Git, type IgnoredFile } from '../core/git';
import type { CliOptions } from './options';
import type { CommandInput } from './run';

export const UNIGNORE_OPTION = {
  unignore: { type: 'boolean', description: 'add the lines to .gitignore that let git carry the files this command writes, where an ignore rule would leave them out' },
} as const satisfies CliOptions;

export interface Carried {
  /** The files git still will not carry (none: everything is carried). */
  ignored: IgnoredFile[];
  /** The ignore files --unignore added lines to. */
  unignored: string[];
}

export async function checkCarried(input: CommandInput, git: Git | undefined, root: string, files: readonly string[]): Promise<Carried> {
  if (!git) return { ignored: [], unignored: [] };
  const found = await ignoredFiles(git, files);
  if (found.length === 0) return { ignored: [], unignored: [] };
  if (input.values.unignore === true) {
    const left = await unignore(git, root, found);
    const unignored = [...new Set(found.map((entry) => entry.gitignore))];
    if (!input.global.json) input.io.stdout.write(`${unignored.join(', ')}: added the lines that let git carry ${found.map((entry) => entry.file).join(', ')}; commit ${unignored.length === 1 ? 'it' : 'them'} too.\n`);
    if (left.length > 0 && !input.global.json) input.io.stderr.write(`pm-zone: ${ignoredAdvice(left)}\n`);
    return { ignored: left, unignored };
  }
  if (!input.global.json) input.io.stderr.write(`pm-zone: ${ignoredAdvice(found)}\n`);
  return { ignored: found, unignored: [] };
}
