import * as vscode from 'vscode';

const MANAGE_TRUST = 'Manage Workspace Trust';
export const RESTRICTED_MODE_REASON =
  'PM Zone opens a pull request with git (it reviews the change and pushes the branch), which Restricted Mode does not allow. Trust this folder to open a pull request.';

/** True in a trusted workspace; otherwise says why, with a button to the trust editor, without waiting for it. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(RESTRICTED_MODE_REASON, MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
