import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';

/** The `pmZone.savedCopyEdit` context key completes the walkthrough's copy-change step. */
const SAVED_COPY_EDIT = 'pmZone.savedCopyEdit';

/**
 * The "First week as a PM author" walkthrough: the command that opens it,
 * "Open the team's style guide", and the event that completes the copy step.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, repositories: Repositories): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.OpenWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#pmZone.firstWeek`, false),
    ),
    vscode.commands.registerCommand(CommandId.OpenStyleGuide, async () => {
      const all = await repositories.all();
      const withGuide = all.find((repository) => repository.policy?.zone.styleGuide);
      const guide = withGuide?.policy?.zone.styleGuide;
      if (!withGuide || !guide) {
        void vscode.window.showInformationMessage('PM Zone: CLAUDE.md names no style guide. Add a "Style guide: docs/style-guide.md" line to its ## PM zone section, or ask your engineering DRI where it is.');
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
    }),
    vscode.workspace.onDidSaveTextDocument(async (document) => {
      const located = await repositories.locate(document.uri);
      if (!located?.repository.policy) return;
      const { isStringsFile } = await import('../core/review/index.js');
      if (!isStringsFile(located.path)) return;
      if (located.repository.policy?.zoneOf(located.path).zone === 'editable') {
        await vscode.commands.executeCommand('setContext', SAVED_COPY_EDIT, true);
      }
    }),
  );
}
