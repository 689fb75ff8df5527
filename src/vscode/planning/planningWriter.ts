import * as vscode from 'vscode';
import type { PlanningWriter } from '../../core/planning';

const encoder = new TextEncoder();

/**
 * Creates planning docs through the editor's file system (local, remote or
 * virtual workspaces alike), never over an existing file. The editor's file
 * API has no create-only write, so the target is checked when asked, and
 * again right before writing.
 */
export function workspacePlanningWriter(root: vscode.Uri): PlanningWriter {
  const exists = (relPath: string) => pathExists(uriInside(root, relPath));
  return {
    exists,
    async createExclusive(relPath, text) {
      const target = uriInside(root, relPath);
      if (await pathExists(target)) return 'exists';
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
      if (await pathExists(target)) return 'exists';
      await vscode.workspace.fs.writeFile(target, encoder.encode(text));
      return 'created';
    },
  };
}

/** A repository-relative path under `root`; anything that would point outside it is refused. */
export function uriInside(root: vscode.Uri, relPath: string): vscode.Uri {
  const segments = relPath.replace(/\\/g, '/').split('/').filter((segment) => segment.length > 0 && segment !== '.');
  if (/^([/\\]|[A-Za-z]:)/.test(relPath) || segments.includes('..')) {
    throw new Error(`${relPath} is not a path inside the repository.`);
  }
  return vscode.Uri.joinPath(root, ...segments);
}

async function pathExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}
