import * as vscode from 'vscode';
import { DEFAULT_POLICY_FILE } from '../core/defaults';
import { CommandId, ContextKey } from './commandIds';
import type { Repositories } from './repositories';
import { askEngineering } from './shared/askEngineering';
import { setContext } from './shared/contextKeys';
import { completeStep, markStepsOf, walkthroughArgument } from './shared/walkthroughSteps';

/**
 * The "First week as a PM author" walkthrough: the command that opens it,
 * "Open the team's style guide", and the events that complete the copy and
 * style guide steps. Without a style guide in CLAUDE.md, the walkthrough
 * shows "Ask for the team's style guide" instead of "Read…": a guide that is
 * not there cannot be read, and the step is not ticked as if it had been.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, repositories: Repositories): void {
  markStepsOf(context.extension.id);
  const styleGuideState = async () => {
    const zoned = (await repositories.all()).filter((repository) => repository.policy?.zone.defined);
    await setContext(ContextKey.StyleGuideMissing, zoned.length > 0 && !zoned.some((repository) => repository.policy?.zone.styleGuide));
  };
  void styleGuideState();
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.OpenWalkthrough, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughArgument(), false)),
    vscode.commands.registerCommand(CommandId.OpenStyleGuide, async (): Promise<StyleGuideOutcome> => {
      // Ticked only for what happened: the guide read, or (when there is none) the request for one copied.
      const outcome = await openStyleGuide(repositories);
      if (outcome === 'opened') {
        completeStep('styleGuide');
        await setContext(ContextKey.StyleGuideRead, true);
      } else if (outcome === 'asked') {
        completeStep('styleGuideMissing');
        await setContext(ContextKey.StyleGuideAsked, true);
      }
      return outcome;
    }),
    repositories.onDidChange(() => void styleGuideState()),
    vscode.workspace.onDidSaveTextDocument(async (document) => {
      const located = await repositories.locate(document.uri);
      if (!located?.repository.policy) return;
      const { isStringsFile } = await import('../core/review/index.js');
      if (!isStringsFile(located.path)) return;
      if (located.repository.policy?.zoneOf(located.path).zone === 'editable') {
        completeStep('copyChange');
        await setContext(ContextKey.SavedCopyEdit, true);
      }
    }),
  );
}

/** What "Open the team's style guide" did: opened it, asked engineering for one (request copied), or neither. */
type StyleGuideOutcome = 'opened' | 'asked' | 'not-asked' | 'not-found';

async function openStyleGuide(repositories: Repositories): Promise<StyleGuideOutcome> {
  const all = await repositories.all();
  const withGuide = all.find((repository) => repository.policy?.zone.styleGuide);
  const guide = withGuide?.policy?.zone.styleGuide;
  if (!withGuide || !guide) {
    const policy = all.find((repository) => repository.policy?.zone.defined)?.policy;
    const dri = policy?.author?.engineeringDri;
    const file = policy?.zone.file ?? DEFAULT_POLICY_FILE;
    const line = 'Style guide: docs/style-guide.md';
    const copied = await askEngineering(
      `PM Zone: ${file} names no style guide, and PMs do not edit ${file}. Ask your engineering DRI${dri ? ` (${dri})` : ''} where it is, and to add a "${line}" line to its ## PM zone section.`,
      `Could you add the style guide to the ## PM zone section of ${file}? One line, with the guide's path:\n\n${line}`,
    );
    return copied ? 'asked' : 'not-asked';
  }
  if (/^https?:\/\//i.test(guide)) {
    return (await vscode.env.openExternal(vscode.Uri.parse(guide))) ? 'opened' : 'not-found';
  }
  const uri = vscode.Uri.joinPath(withGuide.root, ...guide.replace(/^\.?\//, '').split('/'));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showWarningMessage(`PM Zone: CLAUDE.md names the style guide ${guide}, but there is no such file.`);
    return 'not-found';
  }
  // Markdown opens rendered: it is for reading, not editing.
  if (uri.path.endsWith('.md')) await vscode.commands.executeCommand('markdown.showPreview', uri);
  else await vscode.window.showTextDocument(uri);
  return 'opened';
}
