import * as vscode from 'vscode';

/** Opens a file of the repository at `root` with the cursor at the start of `line` (1-based). */
export async function openAtLine(root: vscode.Uri, relPath: string, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, ...relPath.split('/')));
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  return vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
