import * as vscode from 'vscode';

const COPY_REQUEST = 'Copy the request';

/**
 * A change only engineering may make (CLAUDE.md is locked to PMs): the PM is
 * told whom to ask, and one button copies the exact request to send, so
 * nothing is retyped or lost in a chat message. Resolves with whether the
 * PM copied it.
 */
export async function askEngineering(message: string, request: string): Promise<boolean> {
  const choice = await vscode.window.showInformationMessage(message, COPY_REQUEST);
  if (choice !== COPY_REQUEST) return false;
  await vscode.env.clipboard.writeText(request);
  void vscode.window.showInformationMessage('PM Zone: the request is on the clipboard: paste it to your engineering DRI.');
  return true;
}
