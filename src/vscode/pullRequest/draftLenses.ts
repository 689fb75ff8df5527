import * as vscode from 'vscode';
import { CommandId, ContextKey } from '../commandIds';
import { setContext } from '../shared/contextKeys';
import { DRAFT_FILE_NAME, DRAFT_FOLDER, isDraftUri } from './draftFile';

/**
 * The actions on the first line of PULL_REQUEST.md: send it, or open it as a
 * compare link; once sent, the link to the pull request instead.
 */
export class DraftLenses implements vscode.CodeLensProvider {
  static readonly selector: vscode.DocumentSelector = { scheme: 'file', pattern: `**/${DRAFT_FOLDER}/${DRAFT_FILE_NAME}` };

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!isDraftUri(document.uri)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const { parseDraft } = await import('../../core/pr/index.js');
    const reading = parseDraft(document.getText());
    if (reading.ok && reading.draft.sent) {
      return [new vscode.CodeLens(top, { title: '$(link-external) Sent: open the pull request', command: 'vscode.open', arguments: [vscode.Uri.parse(reading.draft.sent, true)] })];
    }
    return [
      new vscode.CodeLens(top, { title: '$(git-pull-request-create) Send pull request', command: CommandId.SendPullRequest, arguments: [{ uri: document.uri }] }),
      new vscode.CodeLens(top, { title: 'Open as a compare link instead', command: CommandId.SendPullRequest, arguments: [{ uri: document.uri, compare: true }] }),
    ];
  }
}

/** Keeps the context key in step with the active editor. */
export function trackActiveDraft(): vscode.Disposable {
  const update = () => void setContext(ContextKey.PullRequestDraftActive, isDraftUri(vscode.window.activeTextEditor?.document.uri));
  update();
  return vscode.window.onDidChangeActiveTextEditor(update);
}
