import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { repositoryFilePath, zoneOnDisk } from '../../core/repository';
import { COMMIT_CHECK_EXPLAINED, COMMIT_CHECK_NOT_ASKED_AGAIN, COMMIT_CHECK_OFF, COMMIT_CHECK_QUESTION, commitCheckOutcome, commitCheckWanted, currentBranch, declineCommitCheck, defaultBaseBranch, installPreCommitHook, listFiles, RepositoryWriteRefused, userName, type Git } from '../../core/git';
import { terminalPrompt } from '../prompt';
import { hookOptions } from './hook';
import { writeJson } from '../paths';
import { formatProblems, writeFormatted } from '../problems';
import { asking, openRepository, type RepositoryContext } from '../repositoryContext';
import { changeBranch, checkPlanningDoc, copyFilesIn, featureFolderOf, loadPlanningTemplate, nodePlanningWriter, planNewPlanningDoc, planningFolderRefusal, startChangeWithDoc, suggestFeatureFolders, planningDefaults, writeNewPlanningDoc, type StartRequest, type WriteResult } from '../../core/planning';
import { isTier, TIERS } from '../../core/planning/tiers';
import { loadChecklist, settlePlanningProblems } from '../../core/review';
import type { Problem } from '../../core/types';
import { AS_OPTION, type CliOptions } from '../options';
import { checkCarried, UNIGNORE_OPTION } from '../carried';

/** The options a new planning doc is described with, for `planning new` and `start`. */
const DOC_OPTIONS = {
  feature: { type: 'string', value: 'DIR', complete: 'folder', description: 'the feature folder the doc goes in (default: your own, from CLAUDE.md)' },
  flag: { type: 'string', value: 'NAME|none', description: 'the feature flag the change is gated behind, or none for a change that needs no flag (no rollout section then; default: the first flag you own)' },
  tier: { type: 'string', value: TIERS.join('|'), choices: TIERS, description: 'the definition of done it is held to (default production)' },
  metric: { type: 'string', value: 'TEXT', description: 'the primary metric the change should move' },
  ...AS_OPTION,
  ...UNIGNORE_OPTION,
} as const satisfies CliOptions;

interface DocPlan {
  context: RepositoryContext;
  request: Omit<StartRequest, 'paths'>;
  /** Where the doc goes: `<feature folder>/PLANNING.md`. */
  path: string;
}

/** The doc `planning new` and `start` write: the feature folder (the PM's own by default), checked, and the values of the template. */
async function planDoc(input: CommandInput, title: string): Promise<DocPlan> {
  const tier = (input.values.tier as string | undefined) ?? 'production';
  if (!isTier(tier)) throw new UsageError(`--tier takes ${TIERS.join(', ')}, not '${tier}'`);
  // The warning about a wrong --as waits: without a feature folder the error below says the same.
  const warnings: string[] = [];
  const context = await openRepository(input.global, { ...asking(input), warn: (text) => warnings.push(text) });
  const { zone, author } = context.policy;
  // Only the PM's own folder is a default: another pilot's folder would be a wrong guess.
  const given = input.values.feature as string | undefined;
  if (given !== undefined && repositoryFilePath(given) === undefined) {
    throw new UsageError(`--feature takes a folder inside the repository, relative to its root, not '${given}'`);
  }
  const feature = given ?? (author ? suggestFeatureFolders(zone, author).find((s) => s.pilot === author.handle)?.folder : undefined);
  if (!feature) {
    throw new UsageError(author
      ? `give --feature DIR: no feature folder of ${author.handle} is listed among the pilot PMs in ${zone.file}`
      : `give --feature DIR: ${context.policy.identity.message}`);
  }
  for (const warning of warnings) input.io.stderr.write(warning);
  const folder = featureFolderOf(feature);
  const path = folder ? `${folder}/PLANNING.md` : 'PLANNING.md';
  // Where the doc would really land: a feature folder that is a link is answered for the folder it leads to.
  const onDisk = await zoneOnDisk(context.policy, context.root, path);
  const refusal = planningFolderRefusal(folder, () => onDisk, zone.file);
  if (refusal) throw new CliFailure(refusal, 1);
  const template = await loadPlanningTemplate(context.files, context.policy.settings.planningTemplate);
  const name = context.git ? ((await userName(context.git).catch(() => null)) ?? undefined) : undefined;
  const defaults = planningDefaults(zone, author ?? (input.values.as as string | undefined), name);
  return {
    context,
    path,
    request: {
      title,
      feature,
      flag: (input.values.flag as string | undefined) ?? defaults.flag,
      tier,
      metric: (input.values.metric as string | undefined) ?? '',
      created: new Date(),
      authorHandle: input.values.as as string | undefined,
      ...(name ? { userName: name } : {}),
      template: template.source === 'repository' ? template.text : undefined,
      templateFile: template.path,
    },
  };
}

/** What the doc's write said, its problems, and whether git carries it (exit 1 when not). */
async function reportDoc(input: CommandInput, context: RepositoryContext, doc: WriteResult & { problems: Problem[] }, extra: Record<string, unknown> = {}): Promise<number> {
  const carried = doc.status === 'created' ? await checkCarried(input, context.git, context.root, [doc.path]) : { ignored: [], unignored: [] };
  if (input.global.json) writeJson(input, { ...extra, path: doc.path, status: doc.status, problems: doc.problems, ...carried });
  else {
    input.io.stdout.write(`${doc.message}\n`);
    if (doc.problems.length > 0) writeFormatted(input, formatProblems(doc.problems, { color: input.global.color }));
  }
  return carried.ignored.length > 0 ? 1 : 0;
}

export const planningNewCommand: CliCommand = {
  name: 'planning new',
  usage: 'planning new --title T [--feature DIR] [--flag NAME|none] [--tier prototype|internal-tool|production] [--metric TEXT] [--as @handle] [--unignore]',
  summary: 'write <feature folder>/PLANNING.md from the template (never overwrites); on the base branch it points at pm-zone start, which gives the change a branch of its own first',
  options: {
    title: { type: 'string', value: 'T', description: "the change's title (required)" },
    ...DOC_OPTIONS,
  },
  async run(input) {
    const title = (input.values.title as string | undefined)?.trim();
    if (!title) throw new UsageError('--title is required');
    const { context, request, path } = await planDoc(input, title);
    const paths = context.git ? await listFiles(context.git) : [];
    const folder = featureFolderOf(request.feature);
    const planned = planNewPlanningDoc({ ...request, copyFiles: copyFilesIn(paths, folder, (file) => context.policy.zoneOf(file).zone === 'editable') }, context.policy.zone, context.policy.author);
    const written = await writeNewPlanningDoc(nodePlanningWriter(context.root), planned.path, planned.text).catch((error: unknown) => {
      throw error instanceof RepositoryWriteRefused ? new CliFailure(error.message, 1) : error;
    });
    if (written.status !== 'created') throw new CliFailure(written.message, 1);
    // Written on the base branch, the change would be committed there: the command that starts a branch for it is named.
    const branch = context.git ? await currentBranch(context.git) : null;
    const base = context.git ? await defaultBaseBranch(context.git) : null;
    if (branch !== null && branch === (base ?? 'main') && !input.global.json) {
      input.io.stderr.write(`pm-zone: you are on ${branch}, the base branch: a change goes on a branch of its own. Next time, pm-zone start ${JSON.stringify(title)} creates ${changeBranch(context.policy, title)} and writes ${path} in one step; now, git switch -c ${changeBranch(context.policy, title)} takes this doc along.\n`);
    }
    return reportDoc(input, context, { ...written, problems: planned.problems });
  },
};

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start TITLE [--branch NAME] [--feature DIR] [--flag NAME|none] [--tier prototype|internal-tool|production] [--metric TEXT] [--as @handle] [--unignore]',
  operands: 'TITLE',
  summary: "start a change as \"Start a change\" in the editor does: a branch of its own named from the title (your edits come with you), and PLANNING.md in your feature folder (never overwritten)",
  options: {
    branch: { type: 'string', value: 'NAME', description: 'the branch to create (default: from the title and your handle, such as alice/clearer-order-button)' },
    ...DOC_OPTIONS,
  },
  async run(input) {
    if (input.positionals.length !== 1) throw new UsageError('give the change\'s title as one argument, in quotes: pm-zone start "Clearer order button"');
    const title = input.positionals[0].trim();
    if (!title) throw new UsageError('the title is empty');
    const { context, request } = await planDoc(input, title);
    if (!context.git) throw new CliFailure('not a git repository: a change starts on a branch of its own');
    const started = await startChangeWithDoc(context.git, nodePlanningWriter(context.root), context.policy, {
      ...request,
      ...(typeof input.values.branch === 'string' ? { branch: input.values.branch } : {}),
      paths: await listFiles(context.git),
    }).catch((error: unknown) => {
      throw error instanceof RepositoryWriteRefused ? new CliFailure(error.message, 1) : error;
    });
    if (started.branch.kind !== 'started') throw new CliFailure(started.branch.message, 1);
    if (!input.global.json) input.io.stdout.write(`On ${started.branch.branch} now${started.branch.from ? `, from ${started.branch.from}` : ''}: your edits came with you. Commit here; pm-zone pr sends this branch for review.\n`);
    const doc = started.doc!;
    let code = 0;
    if (doc.status === 'exists' && !input.global.json) {
      input.io.stdout.write(`${doc.path} is already there (an earlier change's?): it was left as it is; write this change's plan into it.\n`);
    } else code = await reportDoc(input, context, doc, { branch: started.branch.branch, from: started.branch.from });
    if (!input.global.json && context.policy.author) await offerCommitCheck(input, context.git, context.root);
    return code;
  },
};

/**
 * A pilot PM's clone without the commit check gets it offered, as the editor
 * offers it: a question on a terminal (a "no" is remembered for the
 * repository), one line for a script.
 */
async function offerCommitCheck(input: CommandInput, git: Git, top: string): Promise<void> {
  if (!(await commitCheckWanted(git))) return;
  if (!input.global.interactive) {
    input.io.stdout.write(`${COMMIT_CHECK_OFF}\n`);
    return;
  }
  input.io.stdout.write(`${COMMIT_CHECK_EXPLAINED}\n`);
  if (!(await terminalPrompt(input.io).confirm(COMMIT_CHECK_QUESTION, true))) {
    await declineCommitCheck(git);
    input.io.stdout.write(`${COMMIT_CHECK_NOT_ASKED_AGAIN}\n`);
    return;
  }
  input.io.stdout.write(`${commitCheckOutcome(await installPreCommitHook(git, await hookOptions(input, top)))}\n`);
}

export const planningCheckCommand: CliCommand = {
  name: 'planning check',
  usage: 'planning check [FILE] [--as @handle]',
  operands: 'FILE',
  summary: 'the problems of a PLANNING.md, as the editor shows them (exit 1 on errors)',
  options: AS_OPTION,
  async run(input) {
    if (input.positionals.length > 1) throw new UsageError('give one planning doc at a time');
    const context = await openRepository(input.global, asking(input));
    const file = (input.positionals[0] ?? defaultPlanningDoc(context.policy.author?.featureFolders[0])).replace(/\\/g, '/').replace(/^\.\//, '');
    const text = await context.files.readText(file);
    if (text === undefined) throw new CliFailure(`no planning doc at ${file}`, 1);
    const template = await loadPlanningTemplate(context.files, context.policy.settings.planningTemplate);
    const found = checkPlanningDoc(text, { file, policy: context.policy.zone, author: context.policy.author, templateText: template.source === 'repository' ? template.text : undefined });
    // A gap has the review's severity (an error when the team's checklist blocks on it), as the editor shows it.
    const problems = settlePlanningProblems(found, await loadChecklist(context.files, context.policy.settings.skillFile));
    if (input.global.json) writeJson(input, { problems: problems.map(({ file: f, line, column, severity, kind, message }) => ({ file: f, line, column, severity, kind, message })) });
    else writeFormatted(input, formatProblems(problems, { color: input.global.color }));
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};

function defaultPlanningDoc(folderGlob: string | undefined): string {
  const folder = folderGlob ? featureFolderOf(folderGlob) : '';
  return folder ? `${folder}/PLANNING.md` : 'PLANNING.md';
}
