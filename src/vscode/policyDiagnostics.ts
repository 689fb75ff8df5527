import * as vscode from 'vscode';
import type { Problem } from '../core/types';
import { editorFiles } from './editorFiles';
import { startupSettled } from './shared/gitApi';
import { ProblemFixes, problemDiagnostic } from './shared/problemDiagnostics';
import type { Repositories, Repository } from './repositories';

const MAX_LISTED_FILES = 20000;

/**
 * CODEOWNERS syntax errors and CLAUDE.md zone problems (the same list as
 * `pm-zone check-config`) in the Problems panel, on their lines, with quick
 * fixes where the edit is obvious. Recomputed whenever a policy reloads,
 * which includes unsaved edits.
 */
export function registerPolicyDiagnostics(context: vscode.ExtensionContext, repositories: Repositories): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('pmZone.policy');
  const fixes = new ProblemFixes();
  const published = new Map<string, vscode.Uri[]>();

  const publish = async (repository: Repository) => {
    // Checking the rules against every path (a quarter of a second on 6,500 files) waits for git's first decorations.
    await startupSettled();
    const key = repository.root.toString();
    for (const uri of published.get(key) ?? []) {
      collection.delete(uri);
      fixes.clear(uri);
    }
    const policy = repository.policy;
    if (!policy) {
      published.delete(key);
      return;
    }
    const { configProblems, problemsFor } = await import('../core/repository/index.js');
    const listed = await listPaths(repository.root);
    const problems = [...problemsFor(policy, configProblems(policy, listed.paths, { complete: listed.complete })), ...(await untracked(repository))];
    const byFile = new Map<string, Problem[]>();
    for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    const uris: vscode.Uri[] = [];
    for (const [file, fileProblems] of byFile) {
      const uri = vscode.Uri.joinPath(repository.root, ...file.split('/'));
      const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      const entries = fileProblems.map((problem) => ({ problem, diagnostic: problemDiagnostic(problem, document) }));
      collection.set(uri, entries.map((entry) => entry.diagnostic));
      fixes.set(uri, entries);
      uris.push(uri);
    }
    published.set(key, uris);
  };

  context.subscriptions.push(
    collection,
    repositories.onDidChange(({ repository }) => void publish(repository)),
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file', pattern: '**/CLAUDE.md' }, { scheme: 'file', pattern: '**/CODEOWNERS' }, { scheme: 'file', language: 'markdown' }],
      fixes,
      ProblemFixes.metadata,
    ),
  );
  void repositories.all().then((all) => all.forEach((repository) => void publish(repository)));
  return collection;
}

/** Policy files git does not track: running git needs a trusted workspace, so Restricted Mode says nothing. */
async function untracked(repository: Repository): Promise<Problem[]> {
  const policy = repository.policy;
  if (!policy || !vscode.workspace.isTrusted) return [];
  try {
    const [{ untrackedPolicyProblems }, { Git }] = await Promise.all([import('../core/repository/index.js'), import('../core/git/index.js')]);
    const exists = async (file: string) => vscode.workspace.fs.stat(vscode.Uri.joinPath(repository.root, ...file.split('/'))).then(() => true, () => false);
    return await untrackedPolicyProblems(policy, new Git(repository.root.fsPath), exists);
  } catch {
    // Not a git repository, or git is missing: the other surfaces say so.
    return [];
  }
}

/**
 * The repository's files, to tell which engineering-only globs CODEOWNERS
 * leaves unowned and which globs match nothing: git's list, as the command
 * line reads it, else the editor's search (complete only under its cap).
 */
async function listPaths(root: vscode.Uri): Promise<{ paths: string[]; complete: boolean }> {
  const fromGit = await editorFiles(root).listFiles?.();
  if (fromGit) return { paths: fromGit, complete: true };
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), '**/{node_modules,.git}/**', MAX_LISTED_FILES);
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return { paths: uris.filter((uri) => uri.path.startsWith(base)).map((uri) => uri.path.slice(base.length)), complete: uris.length < MAX_LISTED_FILES };
}
