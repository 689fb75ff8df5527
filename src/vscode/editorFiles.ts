import * as vscode from 'vscode';
import { decodeText } from '../core/git/textContent';
import type { FileSource } from '../core/types';

/**
 * The repository as the user sees it in the editor: an unsaved document's
 * text wins over the file on disk, so badges, diagnostics and reviews follow
 * what is typed, not what was last saved.
 */
export function editorFiles(root: vscode.Uri): FileSource {
  const uriOf = (relPath: string) => vscode.Uri.joinPath(root, ...relPath.split('/'));
  return {
    async readText(relPath) {
      const uri = uriOf(relPath);
      // An unsaved buffer wins; a clean one says what the disk says, and the
      // disk also knows when the file was deleted while its document lingers.
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      if (open?.isDirty) return open.getText();
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory) return undefined;
        // The command line's decoding: UTF-16 with a byte order mark is text, a NUL byte makes a file binary (no text).
        return decodeText(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async listDirectory(relDir) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(relDir === '' ? root : uriOf(relDir));
        return entries.map(([name]) => name).sort();
      } catch {
        return undefined;
      }
    },
    async size(relPath) {
      try {
        const stat = await vscode.workspace.fs.stat(uriOf(relPath));
        return stat.type & vscode.FileType.Directory ? undefined : stat.size;
      } catch {
        return undefined;
      }
    },
  };
}

/** Repository-relative path with `/`, or undefined when the uri is not under root. */
export function relativePath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (!uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}
