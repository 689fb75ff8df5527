import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { repositoryFilePath, zoneOnDisk } from '../../core/repository';
import { RepositoryWriteRefused } from '../../core/git';
import { writeJson } from '../paths';
import { formatProblems, writeFormatted } from '../problems';
import { asking, openRepository } from '../repositoryContext';
import { checkPlanningDoc, featureFolderOf, isTier, loadPlanningTemplate, nodePlanningWriter, planNewPlanningDoc, planningFolderRefusal, suggestFeatureFolders, suggestFlags, writeNewPlanningDoc, TIERS } from '../../core/planning';
import { AS_OPTION } from '../options';

export const planningNewCommand: CliCommand = {
  name: 'planning new',
  usage: 'planning new --title T [--feature DIR] [--flag NAME|none] [--tier prototype|internal-tool|production] [--metric TEXT] [--as @handle]',
  summary: 'write <feature folder>/PLANNING.md from the template (never overwrites)',
  options: {
    title: { type: 'string', value: 'T', description: "the change's title (required)" },
    feature: { type: 'string', value: 'DIR', complete: 'folder', description: 'the feature folder the doc goes in (default: your own, from CLAUDE.md)' },
    flag: { type: 'string', value: 'NAME|none', description: 'the feature flag the change is gated behind, or none for a change that needs no flag (default: the first flag you own)' },
    tier: { type: 'string', value: TIERS.join('|'), choices: TIERS, description: 'the definition of done it is held to (default production)' },
    metric: { type: 'string', value: 'TEXT', description: 'the primary metric the change should move' },
    ...AS_OPTION,
  },
  async run(input) {
    const title = (input.values.title as string | undefined)?.trim();
    if (!title) throw new UsageError('--title is required');
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
    // Where the doc would really land: a feature folder that is a link is answered for the folder it leads to.
    const onDisk = await zoneOnDisk(context.policy, context.root, folder ? `${folder}/PLANNING.md` : 'PLANNING.md');
    const refusal = planningFolderRefusal(folder, () => onDisk, zone.file);
    if (refusal) throw new CliFailure(refusal, 1);
    const template = await loadPlanningTemplate(context.files, context.policy.settings.planningTemplate);
    const planned = planNewPlanningDoc(
      {
        title,
        feature,
        flag: (input.values.flag as string | undefined) ?? suggestFlags(zone, author)[0] ?? '',
        tier,
        metric: (input.values.metric as string | undefined) ?? '',
        created: new Date(),
        authorHandle: input.values.as as string | undefined,
        template: template.source === 'repository' ? template.text : undefined,
        templateFile: template.path,
      },
      zone,
      author,
    );
    const written = await writeNewPlanningDoc(nodePlanningWriter(context.root), planned.path, planned.text).catch((error: unknown) => {
      throw error instanceof RepositoryWriteRefused ? new CliFailure(error.message, 1) : error;
    });
    if (written.status !== 'created') throw new CliFailure(written.message, 1);
    if (input.global.json) writeJson(input, { path: planned.path, problems: planned.problems });
    else {
      input.io.stdout.write(`${written.message}\n`);
      if (planned.problems.length > 0) writeFormatted(input, formatProblems(planned.problems, { color: input.global.color }));
    }
    return 0;
  },
};

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
    const problems = checkPlanningDoc(text, { file, policy: context.policy.zone, author: context.policy.author, templateText: template.source === 'repository' ? template.text : undefined });
    if (input.global.json) writeJson(input, { problems: problems.map(({ file: f, line, column, severity, kind, message }) => ({ file: f, line, column, severity, kind, message })) });
    else writeFormatted(input, formatProblems(problems, { color: input.global.color }));
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};

function defaultPlanningDoc(folderGlob: string | undefined): string {
  const folder = folderGlob ? featureFolderOf(folderGlob) : '';
  return folder ? `${folder}/PLANNING.md` : 'PLANNING.md';
}
