import type { CliCommand } from '../commands';
import { UsageError, CliFailure } from '../errors';
import { asking, openRepository } from '../repositoryContext';
import { gitTextSearch, readChange, isGitError } from '../../core/git';
import { formatJson, formatSarif, formatText, loadChecklist, reviewChange } from '../../core/review';
import { CLI_VERSION } from '../version';

const FORMATS = ['text', 'json', 'sarif'] as const;

export const reviewCommand: CliCommand = {
  name: 'review',
  usage: 'review [--staged | --base REF] [--as @handle] [--format text|json|sarif] [--max-files N] [--max-lines N] [--source-locale LOCALE]',
  summary: 'run the PM PR Review checklist on the change (exit 1 when something blocks)',
  options: {
    staged: { type: 'boolean' },
    base: { type: 'string' },
    as: { type: 'string' },
    format: { type: 'string' },
    'max-files': { type: 'string' },
    'max-lines': { type: 'string' },
    'source-locale': { type: 'string' },
  },
  async run(input) {
    const format = (input.values.format as string | undefined) ?? (input.global.json ? 'json' : 'text');
    if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new UsageError(`--format takes text, json or sarif, not '${format}'`);
    if (input.values.staged && input.values.base) throw new UsageError('--staged and --base cannot be combined: staged changes are reviewed against HEAD');
    const sourceLocale = input.values['source-locale'] as string | undefined;
    const options = {
      maxFiles: positive(input.values['max-files'], '--max-files', 10),
      maxLines: positive(input.values['max-lines'], '--max-lines', 300),
      ...(sourceLocale ? { sourceLocale } : {}),
    };
    const context = await openRepository(input.global, { ...asking(input), requireGit: true });
    const git = context.git;
    if (!git) throw new CliFailure('not a git repository');
    const change = await readChange(git, {
      mode: input.values.staged ? 'staged' : 'branch',
      base: input.values.base as string | undefined,
    }).catch((error: unknown) => {
      throw new CliFailure(isGitError(error) ? error.message : String(error));
    });
    const checklist = await loadChecklist(context.files, context.policy.settings.skillFile);
    const { result } = await reviewChange({ change, policy: context.policy, checklist, files: context.files, options, search: gitTextSearch(git) });
    if (format === 'json') input.io.stdout.write(`${formatJson(result)}\n`);
    else if (format === 'sarif') input.io.stdout.write(`${formatSarif(result, CLI_VERSION)}\n`);
    else input.io.stdout.write(formatText(result));
    return result.summary.blockers > 0 ? 1 : 0;
  },
};

function positive(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not '${String(value)}'`);
  return n;
}
