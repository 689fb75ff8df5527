import { promises as fs } from 'node:fs';
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
  const disk = diskOf(root);
  return {
    async readText(relPath) {
      const uri = uriOf(relPath);
      // An unsaved buffer wins; a clean one says what the disk says, and the
      // disk also knows when the file was deleted while its document lingers.
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      if (open?.isDirty) return open.getText();
      try {
        const stat = await disk.stat(uri);
        if (stat.directory) return undefined;
        // The command line's decoding: UTF-16 with a byte order mark is text, a NUL byte makes a file binary (no text).
        return decodeText(await disk.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async listFiles() {
      // Git's list, as the command line reads it (loaded on first use: most zones never ask); a folder git does not know is not listed.
      if (root.scheme !== 'file') return undefined;
      const { Git, listFiles } = await import('../core/git/index.js');
      return listFiles(new Git(root.fsPath)).catch(() => undefined);
    },
    async listDirectory(relDir) {
      try {
        return (await disk.readDirectory(relDir === '' ? root : uriOf(relDir))).sort();
      } catch {
        return undefined;
      }
    },
    async size(relPath) {
      try {
        const stat = await disk.stat(uriOf(relPath));
        return stat.directory ? undefined : stat.size;
      } catch {
        return undefined;
      }
    },
    // Only local folders are read by path; a virtual file system's links are its own business.
    linkTarget: root.scheme === 'file' ? (relPath) => fs.readlink(uriOf(relPath).fsPath).catch(() => undefined) : undefined,
  };
}

interface Disk {
  stat(uri: vscode.Uri): Promise<{ directory: boolean; size: number }>;
  readFile(uri: vscode.Uri): Promise<Uint8Array>;
  readDirectory(uri: vscode.Uri): Promise<string[]>;
}

/**
 * Local files are read with Node directly: at start-up each call through
 * `vscode.workspace.fs` is a round trip to the workbench, and the first
 * badge waited about 0.75 s on a handful of them. Other schemes (a virtual
 * or remote file system) go through VS Code.
 */
function diskOf(root: vscode.Uri): Disk {
  if (root.scheme === 'file') {
    return {
      stat: async (uri) => {
        const stat = await fs.stat(uri.fsPath);
        return { directory: stat.isDirectory(), size: stat.size };
      },
      readFile: (uri) => fs.readFile(uri.fsPath),
      readDirectory: (uri) => fs.readdir(uri.fsPath),
    };
  }
  return {
    stat: async (uri) => {
      const stat = await vscode.workspace.fs.stat(uri);
      return { directory: (stat.type & vscode.FileType.Directory) !== 0, size: stat.size };
    },
    readFile: (uri) => Promise.resolve(vscode.workspace.fs.readFile(uri)),
    readDirectory: async (uri) => (await vscode.workspace.fs.readDirectory(uri)).map(([name]) => name),
  };
}

/** Repository-relative path with `/`, or undefined when the uri is not under root. */
export function relativePath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (!uri.path.startsWith(base)) return undefined;
  return uri.path.slice(base.length);
}
