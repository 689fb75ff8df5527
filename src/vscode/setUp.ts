import * as vscode from 'vscode';
import type { InitStepId } from '../core/init';
import { CommandId } from './commandIds';
import { editorFiles } from './editorFiles';
import type { Repositories } from './repositories';
import { chooseRepository } from './shared/chooseRepository';
import { requireTrust } from './shared/trust';

/** Answers given in advance (tests, other commands): a question whose answer is given is not asked. */
export interface SetUpArgs {
  repository?: vscode.Uri;
  /** `@handle,FOLDER,E-MAIL` per pilot PM. */
  pilots?: string[];
  steps?: InitStepId[];
}

export interface SetUpResult {
  written: string[];
  errors: number;
  unenforced: number;
  /** check-config's warnings once set up, in its words (a hook manager no install wires…), each shown to the engineer; the unenforced globs are counted instead. */
  warnings: string[];
  /** Files git will not carry, with the lines that let it. */
  ignored: string[];
  next: string[];
}

const SHOW_NEXT = 'Show the next steps';
const ADD_LINES = 'Add the lines to .gitignore';

/**
 * "PM Zone: Set up PM Zone in this repository": what `pm-zone init` does,
 * for the engineer who adopts PM Zone from the editor. The same plan (the
 * section drafted from the repository, the CODEOWNERS lines, the committed
 * hook, the gate, the guard), one pick of the steps, the same check after.
 * Trusted workspaces only: it reads the repository with git and writes files.
 */
export function registerSetUp(context: vscode.ExtensionContext, repositories: Repositories): void {
  context.subscriptions.push(vscode.commands.registerCommand(CommandId.SetUpRepository, (argument?: SetUpArgs | vscode.Uri) => setUp(repositories, argument instanceof vscode.Uri ? { repository: argument } : (argument ?? {}))));
}

async function setUp(repositories: Repositories, args: SetUpArgs): Promise<SetUpResult | undefined> {
  if (!requireTrust('setUp')) return undefined;
  const repository = await chooseRepository(repositories, args.repository, 'set up PM Zone');
  if (!repository) return undefined;
  await repositories.whenIdle();
  const [git, init, repo] = await Promise.all([import('../core/git/index.js'), import('../core/init/index.js'), import('../core/repository/index.js')]);
  const root = repository.root.fsPath;
  const policy = repository.policy;
  if (policy?.identity.known) {
    void vscode.window.showInformationMessage(`PM Zone: ${policy.identity.message} Setting PM Zone up is an engineer's act (the zone, CODEOWNERS, the hooks): ask your engineering DRI.`);
    return undefined;
  }
  const runner = new git.Git(root);
  const files = editorFiles(repository.root);
  const manager = await repo.detectPackageManager(files);
  const base = { git: runner, files, paths: await git.listFiles(runner), settings: policy?.settings ?? { ...repo.DEFAULT_SETTINGS }, policyFileGiven: false, pilots: [], owners: [], mode: 'standard' as const, packageManager: manager };
  const spec = args.pilots ?? (policy?.zone.defined ? [] : await askPilots());
  if (spec === undefined) return undefined;
  const pilots = spec.map(init.readPilotSpec).filter((pilot): pilot is Exclude<typeof pilot, string> => typeof pilot !== 'string');
  const plan = await init.planInit({ ...base, pilots });
  const offered = plan.steps.filter((step) => !step.nothing && (step.writes.length > 0 || step.nativeHook));
  const picked = args.steps ?? (await vscode.window.showQuickPick(
    offered.map((step) => ({ label: step.question, detail: step.summary.filter((line) => !line.startsWith('  ')).join(' '), picked: true, id: step.id })),
    { title: `PM Zone: Set up PM Zone (the zone goes in ${plan.policyFile}) — each step writes the files it names`, canPickMany: true, ignoreFocusOut: true },
  ))?.map((item) => ('id' in item ? item.id : item));
  if (picked === undefined) return undefined;
  const chosen = new Set<InitStepId>();
  for (const step of plan.steps) if (picked.includes(step.id) && offered.includes(step) && init.followsZone(step.id, plan, chosen)) chosen.add(step.id);
  let written: string[];
  try {
    const applied = await init.applyInit(plan, chosen, root, runner, manager, 'the PM Zone extension');
    written = applied.written;
    for (const { message } of applied.notDone) void vscode.window.showWarningMessage(`PM Zone: ${message}`);
  } catch (error) {
    void vscode.window.showErrorMessage(`PM Zone: could not set PM Zone up: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const ignored = await git.ignoredFiles(runner, written);
  const check = await init.checkPlanned({ ...base, pilots }, plan, chosen);
  const next = init.initNextSteps(plan, chosen, written, manager, await files.readText('package.json'), { ignored: ignored.map((entry) => entry.file) });
  const errors = check.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = check.problems.filter((problem) => problem.severity === 'warning' && problem.kind !== 'unenforced' && problem.kind !== 'no-codeowners').map((problem) => problem.message);
  if (chosen.has('section')) await openSection(repository.root, plan.steps[0].writes[0]?.file ?? plan.policyFile);
  if (ignored.length > 0) {
    void vscode.window.showWarningMessage(`PM Zone: ${git.ignoredAdvice(ignored, '"Add the lines to .gitignore"')}`, ADD_LINES).then(async (choice) => {
      if (choice === ADD_LINES) await git.unignore(runner, root, ignored);
    });
  }
  const counted = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  const checked = `check-config: ${errors === 0 ? 'no errors' : counted(errors, 'error')}${warnings.length === 0 ? '' : `, ${counted(warnings.length, 'warning')} (below)`}, ${check.unenforced === 0 ? 'no unenforced glob' : `${check.unenforced} unenforced`}`;
  void vscode.window.showInformationMessage(`PM Zone: ${written.length === 0 ? 'nothing to write' : `wrote ${written.join(', ')}`}. ${checked}.`, SHOW_NEXT).then(async (choice) => {
    const warned = warnings.length === 0 ? '' : `\n## check-config's warnings\n\n${warnings.map((warning) => `- ${warning}`).join('\n')}\n`;
    if (choice === SHOW_NEXT) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: `# PM Zone: next steps\n\n${next.map((step, index) => `${index + 1}. ${step}`).join('\n')}\n${warned}` }));
  });
  // As pm-zone init prints them: a hook manager no install wires is not in the Problems view, which reads only the policy.
  for (const warning of warnings) void vscode.window.showWarningMessage(`PM Zone: ${warning}`);
  return { written, errors, unenforced: check.unenforced, warnings, ignored: ignored.map((entry) => entry.file), next };
}

async function askPilots(): Promise<string[] | undefined> {
  const answer = await vscode.window.showInputBox({
    title: 'PM Zone: Set up PM Zone — the pilot PMs',
    prompt: 'One per pilot PM, separated by ";": their @handle, feature folder and the e-mail git knows them by. Empty: add them to the section later.',
    placeHolder: '@alice src/features/checkout alice@acme.test; @bob src/features/search bob@acme.test',
    ignoreFocusOut: true,
  });
  return answer === undefined ? undefined : answer.split(';').map((spec) => spec.trim()).filter(Boolean);
}

/** The policy file, at its new section, for the engineer to read. */
async function openSection(root: vscode.Uri, file: string): Promise<void> {
  const uri = vscode.Uri.joinPath(root, ...file.split('/'));
  // The file as written: an editor that already had it open may not have read the new text from disk yet.
  const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const line = Math.max(0, written.split('\n').findIndex((text) => /^##\s+PM zone/i.test(text)));
  const document = await vscode.workspace.openTextDocument(uri);
  // A selection past the end of the stale text would be clamped there and stay put once the new text arrives.
  if (!document.isDirty && document.getText() !== written) await textFromDisk(document, written);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  // Still the old text, unedited (a file watcher that has not caught up): read it again from disk, losing nothing.
  if (!document.isDirty && document.getText() !== written) await vscode.commands.executeCommand('workbench.action.files.revert');
  const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
}

/** Resolves once the open document holds the text written to disk, or after a few seconds. */
function textFromDisk(document: vscode.TextDocument, written: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      listener.dispose();
      clearTimeout(timer);
      resolve();
    };
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && document.getText() === written) done();
    });
    const timer = setTimeout(done, 3000);
  });
}
