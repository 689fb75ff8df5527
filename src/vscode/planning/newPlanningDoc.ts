import * as vscode from 'vscode';
import type { Problem } from '../../core/types';
import { isTier } from '../../core/planning/tiers';
import { CommandId } from '../commandIds';
import { editorFiles, relativePath } from '../editorFiles';
import type { Repositories } from '../repositories';
import { openAtLine } from '../shared/openAtLine';
import { chooseZonedRepository, type ZonedRepository } from '../shared/chooseRepository';
import { BACK, type Answer, type StepPosition } from './multiStepInput';
import {
  askAboutExisting, askFeatureFolder, askFlag, askMetric, askTier, askTitle, normaliseFolder,
  STEPS, validateFlag, validateFolder, validateTitle, type PlanningAnswers, type QuestionContext, type StepId,
} from './planningQuestions';
import { zoneOnDisk } from '../../core/repository/linkedPath';
import { baseBranchOf } from '../shared/baseBranch';

const TITLE = 'New planning doc';

/**
 * Answers given in advance (by a caller, or by the tests); any step not given,
 * or given a value that does not validate, is asked.
 */
export interface NewPlanningDocArgs {
  title?: string;
  feature?: string;
  tier?: string;
  flag?: string;
  /** An empty string is an answer: the doc says TBD. */
  metric?: string;
  /** A file or folder inside the repository the doc is for. */
  repository?: vscode.Uri;
}

export type NewPlanningDocResult =
  | { status: 'created'; uri: vscode.Uri; path: string; templateProblems: Problem[] }
  | { status: 'exists'; uri: vscode.Uri; path: string }
  | { status: 'failed'; path: string; error: string }
  /** `no-zone`: no repository of the workspace (or none holding the given uri) has a PM zone. */
  | { status: 'cancelled' | 'no-zone' };

type Given = Partial<PlanningAnswers>;

/**
 * "PM Zone: New planning doc": five questions, then `<feature folder>/PLANNING.md`
 * from the repository's template (or the built-in one), opened with the cursor
 * in the first section to write. Never overwrites; Esc at any step writes nothing.
 * From the explorer, the folder clicked answers the feature-folder question.
 */
export async function newPlanningDoc(repositories: Repositories, argument?: NewPlanningDocArgs | vscode.Uri): Promise<NewPlanningDocResult> {
  const args: NewPlanningDocArgs = argument instanceof vscode.Uri ? { repository: argument } : (argument ?? {});
  const repository = await chooseZonedRepository(repositories, args.repository, TITLE);
  if (typeof repository === 'string') return { status: repository };
  const planning = await import('../../core/planning/index.js');
  const { zone, author } = repository.policy;
  const folders = planning.suggestFeatureFolders(zone, author);
  const writer = planning.nodePlanningWriter(repository.root.fsPath);
  const planned = new Set<string>();
  await Promise.all(folders.map(async ({ folder }) => (await writer.exists(`${folder}/PLANNING.md`)) && planned.add(folder)));
  const context: QuestionContext = { policy: repository.policy, folders, flags: planning.suggestFlags(zone, author), planned };

  const given = validGiven(args, await clickedFolder(repository, args), context);
  const answers = await askTheRest(given, context, writer.exists);
  if (answers === undefined) {
    // Said where the PM looks next, so "did Esc leave half a doc?" has an answer.
    vscode.window.setStatusBarMessage('PM Zone: New planning doc cancelled, nothing was written', 5_000);
    return { status: 'cancelled' };
  }
  if ('existing' in answers) return openExisting(repository, answers.existing, answers.chosen);

  const template = await planning.loadPlanningTemplate(editorFiles(repository.root), repository.policy.settings.planningTemplate);
  // The Scope names the folder's strings files, as `pm-zone planning new` does (git runs in a trusted workspace only).
  const gitCore = await import('../../core/git/index.js');
  const paths = vscode.workspace.isTrusted ? await gitCore.listFiles(new gitCore.Git(repository.root.fsPath)).catch((): string[] => []) : [];
  const copyFiles = planning.copyFilesIn(paths, planning.featureFolderOf(answers.feature), (path) => repository.policy.zoneOf(path).zone === 'editable');
  // The product DRI falls back to git's user.name, as `pm-zone planning new` does.
  const userName = vscode.workspace.isTrusted ? ((await gitCore.userName(new gitCore.Git(repository.root.fsPath)).catch(() => null)) ?? undefined) : undefined;
  const doc = planning.planNewPlanningDoc(
    { ...answers, created: new Date(), authorHandle: repository.policy.settings.handle, ...(userName ? { userName } : {}), template: template.source === 'repository' ? template.text : undefined, templateFile: template.path, copyFiles },
    zone,
    author,
  );
  let written;
  try {
    // Where the doc would really land: a feature folder that is a link is answered for the folder it leads to.
    const onDisk = await zoneOnDisk(repository.policy, repository.root.fsPath, doc.path);
    const refusal = planning.planningFolderRefusal(planning.featureFolderOf(answers.feature), () => onDisk, zone.file);
    if (refusal) throw new Error(refusal);
    written = await planning.writeNewPlanningDoc(writer, doc.path, doc.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`PM Zone: could not create ${doc.path}: ${reason}`);
    return { status: 'failed', path: doc.path, error: reason };
  }
  // Someone (or something) wrote the file while the questions were open.
  if (written.status === 'exists') return openExisting(repository, doc.path, false);

  const uri = vscode.Uri.joinPath(repository.root, ...doc.path.split('/'));
  await showAtWritingPosition(uri, doc.text);
  const from = template.source === 'repository' ? ` from ${template.path}` : '';
  void offerBranch(repository, answers.title, `PM Zone: created ${doc.path}${from}. Start with the Problem; each section still to write is marked until it is written.`);
  if (doc.problems.length > 0) reportTemplateProblems(repository, doc.problems);
  return { status: 'created', uri, path: doc.path, templateProblems: doc.problems };
}

/** The arguments that validate; the others are asked. */
function validGiven(args: NewPlanningDocArgs, folderClicked: string | undefined, context: QuestionContext): Given {
  const { Error: ERROR } = vscode.InputBoxValidationSeverity;
  const given: Given = {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const title = text(args.title);
  if (title !== undefined && !validateTitle(title)) given.title = title.trim();
  const feature = text(args.feature) ?? folderClicked;
  if (feature !== undefined && validateFolder(feature, context)?.severity !== ERROR) given.feature = normaliseFolder(feature);
  if (isTier(args.tier)) given.tier = args.tier;
  const flag = text(args.flag);
  if (flag !== undefined && validateFlag(flag, context)?.severity !== ERROR) given.flag = flag.trim();
  const metric = text(args.metric);
  if (metric !== undefined) given.metric = metric.trim();
  return given;
}

/** A folder inside the repository, right-clicked in the explorer, answers the feature-folder question; a file does not. */
async function clickedFolder(repository: ZonedRepository, args: NewPlanningDocArgs): Promise<string | undefined> {
  const folder = args.repository && relativePath(repository.root, args.repository);
  if (!folder || args.feature !== undefined) return undefined;
  const stat = await vscode.workspace.fs.stat(args.repository!).then(undefined, () => undefined);
  return stat && stat.type & vscode.FileType.Directory ? folder : undefined;
}

/**
 * Asks every step not answered in advance, with Back to the previous asked
 * step. Undefined when the PM cancels; `existing` when the chosen folder
 * already holds a planning doc and the PM asked to open it (or could not be asked).
 */
async function askTheRest(given: Given, context: QuestionContext, exists: (path: string) => Promise<boolean>): Promise<PlanningAnswers | { existing: string; chosen: boolean } | undefined> {
  const answers: Given = { ...given };
  const asked = new Set<StepId>(STEPS.filter((step) => answers[step] === undefined));
  const interactive = asked.size > 0;
  const previousAsked = (index: number) => {
    for (let earlier = index - 1; earlier >= 0; earlier--) if (asked.has(STEPS[earlier])) return earlier;
    return -1;
  };
  let index = 0;
  while (index < STEPS.length) {
    const step = STEPS[index];
    const position: StepPosition = { title: TITLE, step: index + 1, totalSteps: STEPS.length, back: previousAsked(index) >= 0 };
    const answer = asked.has(step) ? await ask(step, position, context, answers) : answers[step];
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      index = previousAsked(index);
      continue;
    }
    Object.assign(answers, { [step]: answer });
    if (step === 'feature' && (await exists(planningPath(answer as string)))) {
      const path = planningPath(answer as string);
      if (!interactive) return { existing: path, chosen: false };
      const choice = await askAboutExisting({ ...position, back: asked.has('feature') || position.back }, path);
      if (choice === undefined) return undefined;
      if (choice === 'open') return { existing: path, chosen: true };
      // Back to the folder question when it was asked, else to the step before it.
      if (choice === BACK && !asked.has('feature')) index = previousAsked(index);
      // "Choose another folder": the folder question, asked from now on.
      if (choice === 'other') asked.add('feature');
      continue;
    }
    index += 1;
  }
  return answers as PlanningAnswers;
}

function ask(step: StepId, position: StepPosition, context: QuestionContext, answers: Given): Promise<Answer<unknown>> {
  switch (step) {
    case 'title':
      return askTitle(position, answers.title);
    case 'feature':
      return askFeatureFolder(position, context, answers.feature);
    case 'tier':
      return askTier(position, answers.tier);
    case 'flag':
      return askFlag(position, context, answers.flag);
    case 'metric':
      return askMetric(position, answers.metric);
  }
}

function planningPath(folder: string): string {
  return `${folder}/PLANNING.md`;
}

/** An existing doc is never touched: open it when the PM chose to, else say so and offer to. */
async function openExisting(repository: ZonedRepository, path: string, chosen: boolean): Promise<NewPlanningDocResult> {
  const uri = vscode.Uri.joinPath(repository.root, ...path.split('/'));
  if (chosen) {
    await vscode.window.showTextDocument(uri, { preview: false });
  } else {
    const message = `PM Zone: ${path} already exists. It was left unchanged: PM Zone never overwrites a planning doc.`;
    void vscode.window.showWarningMessage(message, 'Open it').then(async (choice) => {
      if (choice) await vscode.window.showTextDocument(uri, { preview: false });
    });
  }
  return { status: 'exists', uri, path };
}

async function showAtWritingPosition(uri: vscode.Uri, text: string): Promise<void> {
  const { writingPosition } = await import('./writingPosition.js');
  const at = await writingPosition(text);
  const editor = await vscode.window.showTextDocument(uri, { preview: false, selection: new vscode.Range(at, at) });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function reportTemplateProblems(repository: ZonedRepository, problems: Problem[]): void {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  void vscode.window.showWarningMessage(`PM Zone: the planning template ${first.file} line ${first.line}: ${first.message}${more}`, 'Open the template').then(async (choice) => {
    if (choice) await openAtLine(repository.root, first.file, first.line);
  });
}

const START_A_CHANGE = 'Start a change';

/**
 * On the base branch, the PM learns it now rather than at "Open pull
 * request": the message offers the change's own branch, named from the
 * planning title. Elsewhere (or untrusted, where git does not run) it is
 * the plain message.
 */
async function offerBranch(repository: ZonedRepository, title: string, message: string): Promise<void> {
  const base = vscode.workspace.isTrusted ? await onBaseBranch(repository.root).catch(() => undefined) : undefined;
  if (!base) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const choice = await vscode.window.showInformationMessage(`${message} You are on ${base}, the base branch: start the change on a branch of its own.`, START_A_CHANGE);
  if (choice === START_A_CHANGE) await vscode.commands.executeCommand(CommandId.StartChange, { repository: repository.root, title });
}

/** The branch's name when it is the base branch pull requests go into. */
async function onBaseBranch(root: vscode.Uri): Promise<string | undefined> {
  const git = await import('../../core/git/index.js');
  const runner = new git.Git(root.fsPath);
  const branch = await git.currentBranch(runner);
  const base = await baseBranchOf(root, runner);
  return branch !== null && branch === base ? branch : undefined;
}
