import type { CliCommand } from '../commands';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { checkCarried, UNIGNORE_OPTION } from '../carried';
import { terminalPrompt, type Prompt } from '../prompt';
import { isValidOwner } from '../../core/codeowners';
import { listFiles, RepositoryWriteRefused } from '../../core/git';
import { applyInit, checkPlanned, followsZone, initNextSteps, planInit, readPilotSpec, type DraftPilot, type InitInputs, type InitPlan, type InitStep, type InitStepId } from '../../core/init';
import { detectPackageManager, type PackageManager } from '../../core/repository';
import { formatProblems, writeFormatted } from '../problems';

const OPTIONAL: readonly InitStepId[] = ['hook', 'gate', 'agents'];

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'init [--dry-run] [--yes] [--pilot @HANDLE,FOLDER,E-MAIL]... [--owner @OWNER]... [--mode standard|regulated] [--hook] [--gate] [--agents] [--unignore]',
  summary: "set PM Zone up in this repository, an engineer's first hour: drafts the ## PM zone section from the repository into the instruction file it already keeps (never over an existing one) and the CODEOWNERS lines that enforce it, then offers the pre-commit review, the CI gate and the agents' guard; asks before each step on a terminal; ends with check-config and the next steps",
  options: {
    'dry-run': { type: 'boolean', description: 'print what init would write, and what check-config would then say; write nothing' },
    yes: { type: 'boolean', short: 'y', description: 'ask nothing: the section and the CODEOWNERS lines, plus the steps named by --hook, --gate and --agents (what happens without a terminal)' },
    pilot: { type: 'string', multiple: true, value: '@HANDLE,FOLDER,E-MAIL', description: "a pilot PM: their GitHub handle, feature folder and git e-mail, comma-separated (repeatable; asked on a terminal)" },
    owner: { type: 'string', multiple: true, value: '@OWNER', description: 'owners of the engineering-only paths no CODEOWNERS rule covers (repeatable; default: those of the nearest rule, else of the most rules)' },
    mode: { type: 'string', value: 'standard|regulated', choices: ['standard', 'regulated'], description: 'the mode of the zone (default standard)' },
    hook: { type: 'boolean', description: 'add the pre-commit review, committed through the hook manager or a package.json script' },
    gate: { type: 'boolean', description: 'add the CI gate workflow' },
    agents: { type: 'boolean', description: "add the coding agents' guard" },
    ...UNIGNORE_OPTION,
  },
  async run(input) {
    const mode = (input.values.mode as string | undefined) ?? 'standard';
    if (mode !== 'standard' && mode !== 'regulated') throw new UsageError(`--mode takes standard or regulated, not '${mode}'`);
    const pilots = listOf(input.values.pilot).map((spec) => {
      const pilot = readPilotSpec(spec);
      if (typeof pilot === 'string') throw new UsageError(`--pilot takes ${pilot}`);
      return pilot;
    });
    const context = await openRepository(input.global, { ...asking(input), requireGit: true });
    // The owners as CODEOWNERS reads them, in the repository's flavour (GitLab's nested groups included).
    const owners = listOf(input.values.owner).map((owner) => {
      if (!isValidOwner(owner, context.policy.settings.codeownersFlavor)) throw new UsageError(`--owner takes @user, @org/team or an e-mail, not '${owner}'`);
      return owner;
    });
    const git = context.git;
    if (!git) throw new CliFailure('not a git repository');
    if (context.policy.identity.known) {
      throw new CliFailure(`${context.policy.identity.message} Setting PM Zone up is an engineer's act (the zone, CODEOWNERS, the hooks): ask your engineering DRI to run pm-zone init.`, 1);
    }
    const manager = await detectPackageManager(context.files);
    const dryRun = input.values['dry-run'] === true;
    const prompt = input.global.interactive && !dryRun && input.values.yes !== true ? terminalPrompt(input.io) : undefined;
    const paths = await listFiles(git);
    const text = (line = '') => !input.global.json && input.io.stdout.write(`${line}\n`);

    const base: InitInputs = { git, files: context.files, paths, settings: context.policy.settings, policyFileGiven: input.global.settings.policyFile !== undefined, pilots, owners, mode, packageManager: manager };
    const scanned = await planInit(base);
    describeScan(scanned, manager, text);
    // On a terminal the pilots are asked, once the engineer has seen the feature folders.
    const asked = prompt && pilots.length === 0 ? await askPilots(prompt, scanned, text) : [];
    const inputs: InitInputs = asked.length > 0 ? { ...base, pilots: asked } : base;
    const plan = asked.length > 0 ? await planInit(inputs) : scanned;

    const chosen = new Set<InitStepId>();
    for (const [index, step] of plan.steps.entries()) {
      text();
      text(`${index + 1}. ${step.question}`);
      if (step.nothing) {
        text(`   ${step.nothing}`);
        continue;
      }
      for (const line of step.summary) text(`   ${line}`);
      if (step.id === 'section' && (dryRun || prompt)) for (const line of sectionText(step)) text(`   | ${line}`);
      if (step.writes.length === 0 && !step.nativeHook) continue;
      if (!followsZone(step.id, plan, chosen)) {
        text('   Skipped: no PM zone section to follow.');
        continue;
      }
      const wanted = OPTIONAL.includes(step.id) ? input.values[step.id] === true : true;
      if (prompt ? await prompt.confirm('  ', true) : wanted) chosen.add(step.id);
      else text(prompt ? '   Not done.' : `   ${dryRun ? 'Not planned' : 'Not done'}: --${step.id} ${dryRun ? 'adds' : 'does'} it.`);
    }

    const applied = dryRun ? { written: [], notDone: [] } : await applyInit(plan, chosen, context.root, git, manager, 'the pm-zone command line').catch((error: unknown) => {
      throw error instanceof RepositoryWriteRefused ? new CliFailure(error.message, 1) : error;
    });
    const { written, notDone } = applied;
    if (notDone.length > 0) text();
    for (const { message } of notDone) text(message);
    const carried = dryRun ? { ignored: [], unignored: [] } : await checkCarried(input, git, context.root, written);
    const check = await checkPlanned(inputs, plan, chosen);
    const planned = dryRun ? plan.steps.filter((step) => chosen.has(step.id)).flatMap((step) => step.writes.map((write) => write.file)) : written;
    const next = initNextSteps(plan, chosen, planned, manager, await context.files.readText('package.json'), { dryRun, ignored: carried.ignored.map((entry) => entry.file) });
    if (input.global.json) {
      writeJson(input, {
        dryRun,
        policyFile: plan.policyFile,
        packageManager: { name: manager.name, from: manager.from, workspace: manager.workspace },
        scan: plan.scan,
        steps: plan.steps.map((step) => ({ id: step.id, done: chosen.has(step.id) && !dryRun && !(notDone.some((refused) => refused.step === step.id) && step.writes.length === 0), planned: chosen.has(step.id), nothing: step.nothing ?? null, files: step.writes.map((write) => write.file) })),
        notDone: notDone.map(({ step, message }) => ({ step, message })),
        check: { problems: check.problems.map(({ file, line, severity, kind, message }) => ({ file, line, severity, kind, message })), unenforced: check.unenforced },
        ...carried,
        next,
      });
    } else {
      text();
      text(`check-config${dryRun ? ', once written' : ''}: ${check.problems.some((problem) => problem.severity === 'error') ? 'errors below' : 'no errors'}, ${check.unenforced === 0 ? 'no unenforced glob' : `${check.unenforced} unenforced ${check.unenforced === 1 ? 'glob' : 'globs'}`}.`);
      if (check.problems.length > 0) writeFormatted(input, formatProblems(check.problems, { color: input.global.color }));
      text();
      text('Next steps:');
      next.forEach((step, index) => text(`${index + 1}. ${step}`));
    }
    return check.problems.some((problem) => problem.severity === 'error') || carried.ignored.length > 0 ? 1 : 0;
  },
};

function describeScan(plan: InitPlan, manager: PackageManager, text: (line?: string) => unknown): void {
  const { scan } = plan;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'none found');
  text('PM Zone init: what this repository holds');
  text(`  package manager: ${manager.name}${manager.workspace ? ' (a workspace)' : ''}, from ${manager.from}`);
  text(`  agent instructions: ${list(scan.instructionFiles)}; the zone goes in ${plan.policyFile}`);
  text(`  CODEOWNERS: ${plan.before.codeowners ? `${plan.before.codeowners.file} (${plan.before.codeowners.rules.length} rules)` : 'none'}`);
  text(`  strings: ${list(scan.strings.map((entry) => `${entry.glob} (${entry.files} ${entry.format})`))}${scan.otherTranslations.length > 0 ? `; not reviewed by PM Zone: ${scan.otherTranslations.map((entry) => `${entry.files} .${entry.format}`).join(', ')}` : ''}`);
  text(`  feature folders: ${list(scan.featureFolders)}`);
  text(`  engineering-only: ${list(scan.engineering.map((entry) => entry.glob))}`);
  text(`  CI: ${list(scan.ci)}`);
}

/** The section as it will read, for the engineer to check before saying yes. */
function sectionText(step: InitStep): string[] {
  const text = step.writes[0]?.text ?? '';
  const at = text.indexOf('## PM zone');
  return (at < 0 ? text : text.slice(at)).replace(/\s+$/, '').split('\n');
}

async function askPilots(prompt: Prompt, plan: InitPlan, text: (line?: string) => unknown): Promise<DraftPilot[]> {
  if (plan.before.zone.defined) return [];
  text(`Pilot PMs: one a line, "@handle folder e-mail" (feature folders found: ${plan.scan.featureFolders.slice(0, 5).join(', ') || 'none'}); an empty line ends the list.`);
  const pilots: DraftPilot[] = [];
  for (;;) {
    const answer = await prompt.line('  pilot: ');
    if (answer === '') return pilots;
    const pilot = readPilotSpec(answer);
    if (typeof pilot === 'string') text(`  Write ${pilot}.`);
    else pilots.push(pilot);
  }
}

function listOf(value: unknown): string[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
}
