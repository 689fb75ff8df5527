import type { CliCommand } from '../commands';
import { UsageError, CliFailure } from '../errors';
import { asking, committedPolicyOf, openRepository } from '../repositoryContext';
import { gitCommitHistory, gitTextSearch, headSha, indexHeldHead, readChange, isGitError, savedFixes, savedFixesWords, stagingState, untrackedWhenChangeRead, type Git } from '../../core/git';
import { formatJson, formatSarif, formatText, heapForChangeOf, reviewChange, summarize } from '../../core/review';
import { cachedChecklist } from '../checklistCache';
import { zoneBinding } from '../../core/policy';
import type { CommandInput } from '../run';
import { CLI_VERSION } from '../version';
import { REVIEW_TIMED_OUT, VERDICT_FILE_VARIABLE } from '../../core/git/reviewVerdict';
import { promises as fs } from 'node:fs';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_LINES } from '../../core/defaults';
import { annotationsOf, workflowCommands } from '../../core/ci';
import { AS_OPTION } from '../options';
import { writeFormatted } from '../problems';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

export const reviewCommand: CliCommand = {
  name: 'review',
  usage: 'review [--staged | --base REF] [--as @handle] [--format text|json|sarif|github] [--max-files N] [--max-lines N] [--source-locale LOCALE] [--time-limit SECONDS] [--deepen]',
  summary: `run the PM PR Review checklist on the change (exit 1 when something blocks; ${REVIEW_TIMED_OUT} when --time-limit ran out first)`,
  options: {
    staged: { type: 'boolean', description: 'review the staged changes against HEAD, as the pre-commit hook does' },
    base: { type: 'string', value: 'REF', description: "compare the branch with REF (default: the remote's default branch, else main)" },
    ...AS_OPTION,
    format: { type: 'string', value: FORMATS.join('|'), choices: FORMATS, description: 'how to print the findings: text, json, sarif (for code scanning) or github (workflow commands: annotations in a GitHub Actions log)' },
    'max-files': { type: 'string', value: 'N', description: `more changed files than N is more than "one thing", a warning (default ${DEFAULT_MAX_FILES})` },
    'max-lines': { type: 'string', value: 'N', description: `more changed lines than N is more than "one thing", a warning (default ${DEFAULT_MAX_LINES}); in a strings file, each changed string is a line` },
    'source-locale': { type: 'string', value: 'LOCALE', description: "the locale translations are compared with (default: CLAUDE.md's Source locale line, else English)" },
    'time-limit': { type: 'string', value: 'SECONDS', description: `stop a review that has not finished in SECONDS, exit ${REVIEW_TIMED_OUT} (the pre-commit hook gives 120)` },
    deepen: { type: 'boolean', description: 'in a shallow clone without the merge base, fetch more history from origin (CI)' },
  },
  async run(input) {
    const limit = input.values['time-limit'];
    if (limit === undefined) return review(input);
    const seconds = Number(limit);
    if (!(seconds > 0)) throw new UsageError(`--time-limit takes a number of seconds above 0, not '${String(limit)}'`);
    // Only inside another program (tests): the command line keeps the limit in a process of its own (main.ts, timeLimit.ts).
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        input.io.stderr.write(`pm-zone: the review did not finish within ${seconds} s, so it was stopped (exit ${REVIEW_TIMED_OUT}).\n`);
        resolve(REVIEW_TIMED_OUT);
      }, seconds * 1000);
    });
    try {
      return await Promise.race([review(input), outOfTime]);
    } finally {
      clearTimeout(timer);
    }
  },
};

async function review(input: CommandInput): Promise<number> {
  const format = (input.values.format as string | undefined) ?? (input.global.json ? 'json' : 'text');
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new UsageError(`--format takes text, json, sarif or github, not '${format}'`);
  if (input.values.staged && input.values.base) throw new UsageError('--staged and --base cannot be combined: staged changes are reviewed against HEAD');
  const sourceLocale = input.values['source-locale'] as string | undefined;
  const options = {
    maxFiles: positive(input.values['max-files'], '--max-files', DEFAULT_MAX_FILES),
    maxLines: positive(input.values['max-lines'], '--max-lines', DEFAULT_MAX_LINES),
    ...(sourceLocale ? { sourceLocale } : {}),
  };
  // The warning about an --as nobody has waits: a commit the zone does not bind gets one line, not two.
  const warnings: string[] = [];
  // The working tree's policy stands in only where the commit defines no PM zone: read from the cache the command line keeps.
  const context = await openRepository(input.global, { ...asking(input), warn: (text) => warnings.push(text), requireGit: true, cached: true, readsConfigOnce: true, keepsConfig: true });
  const git = context.git;
  if (!git) throw new CliFailure('not a git repository');
  const staged = input.values.staged === true;
  // A commit is held to the rules of HEAD: the same rules decide whom they bind, before anything is read.
  const atHead = staged ? await committedPolicyOf(context, await headSha(git)) : undefined;
  const binding = atHead ? zoneBinding(atHead.policy.identity) : undefined;
  if (binding && !binding.bound) return notBound(input, format, binding.message);
  for (const warning of warnings) input.io.stderr.write(warning);
  const change = await readChange(git, {
    mode: input.values.staged ? 'staged' : 'branch',
    base: input.values.base as string | undefined,
    deepen: input.values.deepen === true,
    onListed: heapForChangeOf,
  }).catch((error: unknown) => {
    throw new CliFailure(isGitError(error) ? error.message : String(error));
  });
  // A file rewritten while it was read is reviewed as git then had it: said on stderr, where every format leaves room.
  for (const note of change.notes ?? []) input.io.stderr.write(`PM Zone: ${note}\n`);
  // Read while the rules and the checklist load: every commit of the branch goes with the push, so the secret check reads each one.
  const history = gitCommitHistory(git, change);
  const rules = atHead ?? (await committedPolicyOf(context, change.mergeBase));
  const checklist = await cachedChecklist(context.root, rules.files, rules.policy.settings.skillFile);
  const { result } = await reviewChange({ change, policy: rules.policy, checklist, files: context.files, options, search: gitTextSearch(git), ...(history ? { history } : {}) });
  if (format === 'json') input.io.stdout.write(`${formatJson(result)}\n`);
  else if (format === 'sarif') input.io.stdout.write(`${formatSarif(result, CLI_VERSION)}\n`);
  // Workflow commands: in a GitHub Actions log, each finding becomes an annotation on its line of the diff.
  else if (format === 'github') input.io.stdout.write(workflowCommands(annotationsOf(result.findings)));
  else {
    // Run by the pre-commit hook (it names the verdict file): the first line is all an editor's dialog shows.
    const commit = input.values.staged === true && Boolean(input.io.env[VERDICT_FILE_VARIABLE]);
    const blocked = result.summary.blockers > 0;
    const unstaged = input.values.staged && blocked ? await savedButNotStaged(git) : [];
    writeFormatted(input, formatText(result, { color: input.global.color, commit, unstaged }));
    // The branch's review reads what is saved; a commit takes what is staged: a fix saved and not staged is said, as the editor says it.
    if (!staged) {
      // Nothing staged when the change was read (its index held HEAD's commit): what stagingState answers then, without asking git again.
      const state = indexHeldHead(change) ? { staged: [], notStaged: [] } : await stagingState(git, { onlyWhenStaged: true, untracked: untrackedWhenChangeRead(change) }).catch(() => undefined);
      const fixes = state && savedFixes(state, change.files.map((file) => file.path), (path) => rules.policy.zoneOf(path).zone === 'editable');
      const said = fixes && savedFixesWords(fixes, (paths) => `Stage ${paths.length === 1 ? 'it' : 'them'} (git add ${paths.map(shellWord).join(' ')}), then commit.`);
      if (said) input.io.stdout.write(`\n${said}\n`);
    }
  }
  const blocked = result.summary.blockers > 0;
  await recordVerdict(input.io.env, blocked ? 'blocked' : 'passed');
  return blocked ? 1 : 0;
}

/**
 * What a staged review cannot see: staged files edited again since, and a
 * planning doc written but never staged. A PM who fixed a blocked commit in
 * the editor has usually saved, not staged. Unknown (an empty list) when git
 * cannot say.
 */
async function savedButNotStaged(git: Git): Promise<string[]> {
  const state = await stagingState(git).catch(() => ({ staged: [], notStaged: [] }));
  const staged = new Set(state.staged);
  return state.notStaged.filter((path) => staged.has(path) || path === 'PLANNING.md' || path.endsWith('/PLANNING.md'));
}

/**
 * A commit by someone the PM zone does not bind (see zoneBinding): it passes
 * with one quiet line, as the Action passes their pull request and the guard
 * their agent. `--as @handle` reviews it as that pilot PM would be reviewed.
 */
async function notBound(input: CommandInput, format: string, message: string): Promise<number> {
  const empty = summarize([], [], { addedLines: 0, removedLines: 0 });
  const result = { findings: [], files: [], summary: empty };
  if (format === 'json') input.io.stdout.write(`${JSON.stringify({ reviewed: false, message, ...JSON.parse(formatJson(result)) }, null, 2)}\n`);
  else if (format === 'sarif') input.io.stdout.write(`${formatSarif(result, CLI_VERSION)}\n`);
  else if (format === 'text') input.io.stderr.write(`PM Zone: ${message.replace(/^Not/, 'not')} Not reviewed (pm-zone review --staged --as @handle reviews it as that pilot PM's).\n`);
  await recordVerdict(input.io.env, 'passed');
  return 0;
}

/**
 * The review's verdict, for the pre-commit hook, which names the file in
 * PM_ZONE_VERDICT_FILE: exit status 1 is "blockers" only when the review
 * says so here; node exits 1 too when it cannot even load the program.
 */
async function recordVerdict(env: NodeJS.ProcessEnv, verdict: 'blocked' | 'passed'): Promise<void> {
  const file = env[VERDICT_FILE_VARIABLE];
  // Only into the file the hook made: never a file this creates.
  if (file) await fs.writeFile(file, verdict, { flag: 'r+' }).catch(() => undefined);
}

function positive(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not '${String(value)}'`);
  return n;
}

/** A path as sh reads it: quoted only when it has to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
