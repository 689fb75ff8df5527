import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { askEngineering } from './shared/askEngineering';

const WALKTHROUGH_ID = 'pmZone.firstWeek';

/** The steps of the walkthrough, as package.json names them. */
export type WalkthroughStep = 'zone' | 'branch' | 'styleGuide' | 'planning' | 'copyChange' | 'review' | 'pullRequest';

/** The `pmZone.savedCopyEdit` context key completes the walkthrough's copy-change step. */
const SAVED_COPY_EDIT = 'pmZone.savedCopyEdit';

/** `<publisher>.<name>`, known once the walkthrough is registered. */
let extensionId: string | undefined;

/**
 * Marks a step done. VS Code records a step's `completionEvents` only while
 * its walkthrough service is alive, and that service starts with the Welcome
 * page or the walkthrough itself: a PM who asks why a file is locked before
 * ever opening the walkthrough would find the step still open. Marking the
 * step directly keeps it, across windows too. The command is VS Code's own
 * ("Mark Step Complete"); where it is missing the completion events remain.
 */
export function completeStep(step: WalkthroughStep): void {
  if (!extensionId) return;
  void Promise.resolve(vscode.commands.executeCommand('welcome.markStepComplete', `${extensionId}#${WALKTHROUGH_ID}#${step}`)).catch(() => undefined);
}

/** Set once a pull request was really opened on GitHub: only then is the walkthrough's last step done. */
export const PULL_REQUEST_SENT = 'pmZone.pullRequestSent';

/** The shakedown pull request is done when it is open on GitHub, not when the command ran. */
export function pullRequestSent(): void {
  completeStep('pullRequest');
  void vscode.commands.executeCommand('setContext', PULL_REQUEST_SENT, true);
}

/** Wraps a command handler so that running it completes `step`, as its `onCommand:` event says. */
export function completingStep<Args extends unknown[], Result>(step: WalkthroughStep, handler: (...args: Args) => Result): (...args: Args) => Result {
  return (...args: Args) => {
    completeStep(step);
    return handler(...args);
  };
}

/**
 * The "First week as a PM author" walkthrough: the command that opens it,
 * "Open the team's style guide", and the event that completes the copy step.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, repositories: Repositories): void {
  extensionId = context.extension.id;
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.OpenWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false),
    ),
    vscode.commands.registerCommand(CommandId.OpenStyleGuide, completingStep('styleGuide', () => openStyleGuide(repositories))),
    vscode.workspace.onDidSaveTextDocument(async (document) => {
      const located = await repositories.locate(document.uri);
      if (!located?.repository.policy) return;
      const { isStringsFile } = await import('../core/review/index.js');
      if (!isStringsFile(located.path)) return;
      if (located.repository.policy?.zoneOf(located.path).zone === 'editable') {
        completeStep('copyChange');
        await vscode.commands.executeCommand('setContext', SAVED_COPY_EDIT, true);
      }
    }),
  );
}

async function openStyleGuide(repositories: Repositories): Promise<void> {
  const all = await repositories.all();
  const withGuide = all.find((repository) => repository.policy?.zone.styleGuide);
  const guide = withGuide?.policy?.zone.styleGuide;
  if (!withGuide || !guide) {
    const policy = all.find((repository) => repository.policy?.zone.defined)?.policy;
    const dri = policy?.author?.engineeringDri;
    const file = policy?.zone.file ?? 'CLAUDE.md';
    const line = 'Style guide: docs/style-guide.md';
    void askEngineering(
      `PM Zone: ${file} names no style guide, and PMs do not edit ${file}. Ask your engineering DRI${dri ? ` (${dri})` : ''} where it is, and to add a "${line}" line to its ## PM zone section.`,
      `Could you add the style guide to the ## PM zone section of ${file}? One line, with the guide's path:\n\n${line}`,
    );
    return;
  }
  if (/^https?:\/\//i.test(guide)) {
    await vscode.env.openExternal(vscode.Uri.parse(guide));
    return;
  }
  const uri = vscode.Uri.joinPath(withGuide.root, ...guide.replace(/^\.?\//, '').split('/'));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showWarningMessage(`PM Zone: CLAUDE.md names the style guide ${guide}, but there is no such file.`);
    return;
  }
  // Markdown opens rendered: it is for reading, not editing.
  if (uri.path.endsWith('.md')) await vscode.commands.executeCommand('markdown.showPreview', uri);
  else await vscode.window.showTextDocument(uri);
}
