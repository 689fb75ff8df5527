import * as vscode from 'vscode';

/**
 * `git config user.email` of the repository, to recognise the pilot PM. Only
 * in a trusted workspace: spawning git is running a program, and Restricted
 * Mode promises not to (the `pmZone.identity` setting still works there).
 */
export async function gitUserEmail(root: vscode.Uri): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted || root.scheme !== 'file') return undefined;
  try {
    // From the first badges' own bundle, which the policy is read with anyway (src/core/editorPolicy.ts).
    const { Git, userEmail } = await import('../core/editorPolicy.js');
    return (await userEmail(new Git(root.fsPath))) ?? undefined;
  } catch {
    return undefined;
  }
}
