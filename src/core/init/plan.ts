// `pm-zone init` and the editor's "Set up PM Zone in this repository": the
// engineer's first hour as one plan of steps, each asked before it is done.
// The PM zone section in the file the team already uses, the CODEOWNERS
// lines that enforce every engineering-only glob, then, optionally, the
// pre-commit review by the route that reaches every clone, the CI gate and
// the coding agents' guard. Nothing is written while planning; the same plan
// is checked as check-config would check it once written.
import { AGENTS } from '../agents/model';
import { agentsInitFiles, agentsInitWrites } from '../agents/agentsInit';
import { AgentConfigError } from '../agents/hookConfig';
import { usualOwners, withLinesAtTop } from '../codeowners/suggest';
import { workflowWrite, WORKFLOW_PATH } from '../ci/workflow';
import { committedHookManager, hookWiringProblems } from '../git/hooks';
import { committedReviewLine } from '../git/hookManagers';
import type { Git } from '../git/runGit';
import type { Mode } from '../policy/model';
import { enforceLines } from '../repository/enforceLines';
import { listsPmZone, type PackageManager } from '../repository/packageManager';
import { resolvePolicyFiles } from '../repository/policyFiles';
import { configProblems, loadRepositoryPolicy, type RepositoryPolicy } from '../repository/repositoryPolicy';
import type { PolicySettings } from '../repository/settings';
import { zoneLocation } from '../repository/zoneLocation';
import { stagedReviewArgs } from '../review/hookCommand';
import type { FileSource, Problem } from '../types';
import { draftZoneSection, withZoneSection, type DraftPilot } from './draft';
import { installScriptRoute, managerRoute } from './hookRoute';
import { scanRepository, type RepositoryScan } from './scan';

export type InitStepId = 'section' | 'codeowners' | 'hook' | 'gate' | 'agents';

/** The steps in the order they are asked; the first two are what `init` is for, the rest are offered. */
export const INIT_STEPS: readonly InitStepId[] = ['section', 'codeowners', 'hook', 'gate', 'agents'];

export interface PlannedWrite {
  file: string;
  text: string;
  action: 'create' | 'update';
}

export interface InitStep {
  id: InitStepId;
  /** The question asked before it: "Add the PM zone section to CLAUDE.md?" */
  question: string;
  /** What it writes or does, a line each. */
  summary: string[];
  writes: PlannedWrite[];
  /** Also install the native hook in this clone (.git/hooks). */
  nativeHook?: { reviewArgs: string[] };
  /** Why the step has nothing to do; such a step is not asked. */
  nothing?: string;
}

export interface InitInputs {
  git: Git;
  files: FileSource;
  /** Every file of the repository, as git lists it. */
  paths: readonly string[];
  /** The policy locations; `policyFile` is only taken as given when `policyFileGiven`. */
  settings: PolicySettings;
  policyFileGiven: boolean;
  pilots: readonly DraftPilot[];
  /** Owners for a CODEOWNERS line no nearer rule gives owners to. */
  owners: readonly string[];
  mode: Mode;
  packageManager: PackageManager;
}

export interface InitPlan {
  scan: RepositoryScan;
  /** The file the zone is read from (and the section goes into). */
  policyFile: string;
  /** The policy as it is now: whether a zone is there already. */
  before: RepositoryPolicy;
  steps: InitStep[];
  /** The pre-commit line a committed hook runs: `pnpm exec pm-zone review --staged …`. */
  hookLine: string;
}

/** The plan; writes nothing. */
export async function planInit(inputs: InitInputs): Promise<InitPlan> {
  const scan = scanRepository(inputs.paths);
  // Where every command will read it: the file named, else the instruction file that holds a zone, else the one the repository keeps.
  const settings: PolicySettings = { ...inputs.settings, policyFile: givenPolicyFile(inputs), handle: undefined, email: undefined };
  const policyFile = (await zoneLocation(inputs.files, settings)).file;
  const before = await loadRepositoryPolicy(inputs.files, settings);
  const reviewArgs = stagedReviewArgs({ policyFile: settings.policyFile, skillFile: settings.skillFile, codeownersFlavor: settings.codeownersFlavor });
  const hookLine = committedReviewLine(inputs.packageManager, reviewArgs);
  const steps: InitStep[] = [];
  const written = new Map<string, string>();
  const overlay = overlayFiles(inputs.files, written);

  // 1. The section, in the file the team already keeps (written through a link to where it leads).
  const section = await sectionStep(inputs, scan, before, settings);
  steps.push(section);
  for (const write of section.writes) written.set(write.file, write.text);

  // 2. CODEOWNERS lines for every engineering-only glob left without an owner, computed on the zone as it will be.
  const drafted = await loadRepositoryPolicy(overlay, settings);
  steps.push(await codeownersStep(overlay, drafted, [...inputs.paths, ...written.keys()], inputs.owners));
  for (const write of steps[1].writes) written.set(write.file, write.text);

  steps.push(await hookStep(inputs, hookLine, reviewArgs));
  steps.push(await gateStep(inputs.files, settings));
  steps.push(await agentsStep(inputs.files, settings));
  return { scan, policyFile, before, steps, hookLine };
}

/** `--policy-file` as given; without it, the zone goes where zoneLocation looks, so no command needs the flag afterwards. */
function givenPolicyFile(inputs: InitInputs): string | undefined {
  return inputs.policyFileGiven ? inputs.settings.policyFile : undefined;
}

async function sectionStep(inputs: InitInputs, scan: RepositoryScan, before: RepositoryPolicy, settings: PolicySettings): Promise<InitStep> {
  const file = before.zone.file;
  const question = `Add the ## PM zone section to ${file}?`;
  if (before.zone.defined) {
    return { id: 'section', question, summary: [], writes: [], nothing: `${file} already has a ## PM zone section (line ${before.zone.line ?? 1}): init never overwrites it; the steps below follow it.` };
  }
  const codeownersFile = before.codeowners?.file ?? '.github/CODEOWNERS';
  // The engineering DRI of a pilot: whoever CODEOWNERS makes the owner of their feature folder.
  const pilots = inputs.pilots.map((pilot) => ({ ...pilot, dri: pilot.dri ?? (pilot.folders[0] ? before.owners?.ownersOf(`${pilot.folders[0]}/PLANNING.md`).owners[0] : undefined) }));
  const draft = draftZoneSection(scan, { mode: inputs.mode, pilots, policyFile: file, codeownersFile });
  // Written where the file really is: CLAUDE.md that links to AGENTS.md gets the section in AGENTS.md.
  const real = (await resolvePolicyFiles(inputs.files, settings, file)).zonePath ?? file;
  const existing = await inputs.files.readText(real);
  const text = withZoneSection(existing, draft.text, 'Working agreement');
  const where = real === file ? file : `${file} (a link to ${real})`;
  return {
    id: 'section',
    question,
    summary: [
      `${existing === undefined ? 'Creates' : 'Adds to the end of'} ${where}: the ## PM zone section below, drafted from this repository${scan.instructionFiles.length > 0 ? '' : ' (no agent instruction file yet: CLAUDE.md, which Claude Code reads too)'}.`,
      ...draft.drawnFrom.map((line) => `  ${line}`),
      ...(pilots.length === 0 ? ['  No pilot PMs yet (--pilot @handle,FOLDER,E-MAIL): until a row lists one, the zone restricts nobody.'] : pilots.filter((pilot) => !pilot.email).map((pilot) => `  ${pilot.handle} has no e-mail: whoever git cannot tell apart from them is held to the zone too.`)),
    ],
    writes: [{ file: real, text, action: existing === undefined ? 'create' : 'update' }],
  };
}

async function codeownersStep(files: FileSource, policy: RepositoryPolicy, paths: readonly string[], owners: readonly string[]): Promise<InitStep> {
  const rules = (policy.codeowners?.rules ?? []).filter((rule) => rule.owners.length > 0);
  const fallback = owners.length > 0 ? owners : usualOwners(rules);
  const planned = policy.zone.defined ? enforceLines(policy, paths, fallback) : undefined;
  const question = `Add the CODEOWNERS lines that give every engineering-only glob an owner to ${planned?.file ?? '.github/CODEOWNERS'}?`;
  if (!planned) return { id: 'codeowners', question, summary: [], writes: [], nothing: 'No PM zone to enforce.' };
  if (planned.lines.length === 0) return { id: 'codeowners', question, summary: [], writes: [], nothing: `${planned.file} already gives every engineering-only glob an owner.` };
  const existing = await files.readText(planned.file);
  const text = withLinesAtTop(existing, planned.lines.map((line) => line.text), `Engineering-only paths of the PM zone (${policy.zone.file}), added by pm-zone init: owned here only where no rule below owns them.`);
  return {
    id: 'codeowners',
    question,
    summary: [
      `${existing === undefined ? 'Creates' : 'Adds above the first rule of'} ${planned.file} (the last matching rule wins, so no existing owner changes):`,
      ...planned.lines.map((line) => `  ${line.text}${line.from ? `    (owners as in ${line.from})` : line.owners.length > 0 ? `    (${owners.length > 0 ? 'the owners given' : 'the owners of the most rules: check them'})` : '    (commented out: name the owners with --owner @team)'}`),
    ],
    writes: [{ file: planned.file, text, action: existing === undefined ? 'create' : 'update' }],
  };
}

async function hookStep(inputs: InitInputs, line: string, reviewArgs: string[]): Promise<InitStep> {
  const question = 'Add the pre-commit review (it binds only pilot PMs), committed so that it reaches every clone?';
  const packageJson = await inputs.files.readText('package.json');
  const manager = await committedHookManager(inputs.git, line);
  // A committed line runs the project's own PM Zone: until package.json lists it, no clone has it, and the line would stop
  // every engineer's commit (and the install script every install). This clone gets the native hook meanwhile, unless a
  // hook manager runs the hooks (it would refuse, or overwrite it).
  if (packageJson !== undefined && !listsPmZone(packageJson)) {
    const later = `Commits nothing yet: the committed line runs the project's own PM Zone, which package.json does not list, so it would stop every engineer's commit. Add it (${inputs.packageManager.addDev}), then run pm-zone init --hook again.`;
    if (manager) return { id: 'hook', question, summary: [`Installs no hook in this clone: ${manager.name} runs this repository's hooks, so the review goes in ${manager.file}.`, later], writes: [] };
    return {
      id: 'hook',
      question,
      summary: ['Installs the native pre-commit hook in this clone now (.git/hooks, which no other clone gets).', later],
      writes: [],
      nativeHook: { reviewArgs },
    };
  }
  if (manager) {
    const existing = await inputs.files.readText(manager.file);
    const huskyV8 = manager.name === 'husky' && (await inputs.files.readText('.husky/_/husky.sh')) !== undefined;
    const route = managerRoute(manager, existing, line, { huskyV8 });
    if (route.unchanged) return { id: 'hook', question, summary: [], writes: [], nothing: route.note };
    if (route.text === undefined) return { id: 'hook', question, summary: [`Not written: ${route.note}`], writes: [] };
    return { id: 'hook', question, summary: [`${existing === undefined ? 'Creates' : 'Adds to'} ${route.file}: ${line}`, route.note], writes: [{ file: route.file, text: route.text, action: existing === undefined ? 'create' : 'update' }] };
  }
  if (packageJson === undefined) {
    return { id: 'hook', question, summary: ['Installs the native pre-commit hook in this clone (.git/hooks, which no other clone gets: each runs pm-zone hook install).'], writes: [], nativeHook: { reviewArgs } };
  }
  const route = installScriptRoute(packageJson, inputs.packageManager);
  if (route.unchanged || route.text === undefined) return { id: 'hook', question, summary: [route.note, 'Installs the native pre-commit hook in this clone now.'], writes: [], nativeHook: { reviewArgs } };
  return {
    id: 'hook',
    question,
    summary: [`Adds to package.json: "${inputs.packageManager.installScript}": "pm-zone hook install --prepare"`, route.note, 'Installs the native pre-commit hook in this clone now.'],
    writes: [{ file: 'package.json', text: route.text, action: 'update' }],
    nativeHook: { reviewArgs },
  };
}

async function gateStep(files: FileSource, settings: PolicySettings): Promise<InitStep> {
  const question = `Add the CI gate (${WORKFLOW_PATH}: the PM PR Review on every pull request)?`;
  const write = workflowWrite(await files.readText(WORKFLOW_PATH), { policyFile: settings.policyFile, skillFile: settings.skillFile, codeownersFlavor: settings.codeownersFlavor });
  if (write.action === 'unchanged') return { id: 'gate', question, summary: [], writes: [], nothing: `${WORKFLOW_PATH} is already there and current.` };
  if (write.action !== 'create') return { id: 'gate', question, summary: [], writes: [], nothing: `${WORKFLOW_PATH} exists and differs from the one PM Zone writes: pm-zone ci init --update or --force decides.` };
  return { id: 'gate', question, summary: [`Creates ${WORKFLOW_PATH}; then require its "PM PR Review" check on the default branch.`], writes: [{ file: WORKFLOW_PATH, text: write.text, action: 'create' }] };
}

async function agentsStep(files: FileSource, settings: PolicySettings): Promise<InitStep> {
  const question = "Add the coding agents' guard (Claude Code, Copilot, Cursor, Gemini CLI refuse a PM's edit of an engineering-only file)?";
  const names = agentsInitFiles(AGENTS);
  const existing = Object.fromEntries(await Promise.all(names.map(async (file) => [file, await files.readText(file)] as const)));
  let planned: ReturnType<typeof agentsInitWrites>;
  try {
    planned = agentsInitWrites(existing, AGENTS, { policyFile: settings.policyFile, codeownersFlavor: settings.codeownersFlavor });
  } catch (error) {
    // An agent's settings file that does not parse: this step cannot merge into it, the other steps go on.
    if (error instanceof AgentConfigError) return { id: 'agents', question, summary: [], writes: [], nothing: `Not possible yet: ${error.message}` };
    throw error;
  }
  const writes = planned.filter((write) => write.action !== 'unchanged');
  if (writes.length === 0) return { id: 'agents', question, summary: [], writes: [], nothing: "The coding agents' hooks are already there and current." };
  return {
    id: 'agents',
    question,
    summary: [`Writes ${writes.map((write) => write.file).join(', ')} (merged into what is there).`],
    writes: writes.map((write) => ({ file: write.file, text: write.text, action: write.action === 'create' ? 'create' : 'update' })),
  };
}

/** The working files with the plan's writes in place: what check-config reads once they are written. */
export function overlayFiles(base: FileSource, written: ReadonlyMap<string, string>): FileSource {
  return {
    readText: async (path) => (written.has(path) ? written.get(path) : base.readText(path)),
    size: async (path) => (written.has(path) ? Buffer.byteLength(written.get(path) as string) : base.size ? base.size(path) : (await base.readText(path))?.length),
    linkTarget: async (path) => (written.has(path) ? undefined : base.linkTarget?.(path)),
  };
}

/** What check-config says once the chosen steps are written: the problems, and the engineering-only globs still unowned. */
export async function checkPlanned(inputs: InitInputs, plan: InitPlan, chosen: ReadonlySet<InitStepId>): Promise<{ problems: Problem[]; unenforced: number }> {
  const written = new Map(plan.steps.filter((step) => chosen.has(step.id)).flatMap((step) => step.writes.map((write) => [write.file, write.text] as const)));
  const files = overlayFiles(inputs.files, written);
  const policy = await loadRepositoryPolicy(files, { ...inputs.settings, policyFile: givenPolicyFile(inputs), handle: undefined, email: undefined });
  // As check-config says it: a hook manager no install wires runs PM Zone's line in no fresh clone.
  const wiring = policy.zone.defined ? await hookWiringProblems(inputs.git, inputs.packageManager, { packageJson: () => files.readText('package.json') }) : [];
  const problems = [...configProblems(policy, [...inputs.paths, ...written.keys()]), ...wiring];
  return { problems, unenforced: problems.filter((problem) => problem.kind === 'unenforced' || problem.kind === 'no-codeowners').length };
}
