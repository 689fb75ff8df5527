import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_POLICY_FILE } from '../../core/defaults';
import type { RepositoryPolicy } from '../../core/repository';
import { policyFileSetting } from '../config';
import { relativePath } from '../editorFiles';
import type { Repositories, Repository } from '../repositories';
import { openAtLine } from './openAtLine';

// The repository a command acts on. Two questions, two names: any git
// repository of the workspace (review, hook, pull request), or one with a
// PM zone (planning, starting a change), which says why when there is none.

/**
 * The repository a command acts on: the one of the file or SCM provider it
 * was invoked on, else the active editor's, else the only one, else the
 * user's pick. Undefined (after saying why) when there is none.
 */
export async function chooseRepository(repositories: Repositories, target: unknown, purpose: string): Promise<Repository | undefined> {
  const all = await repositories.all();
  const uri = targetUri(target) ?? vscode.window.activeTextEditor?.document.uri;
  const located = uri && uri.scheme === 'file' ? await repositories.forUri(uri) : undefined;
  if (located) return located;
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    void vscode.window.showInformationMessage(`PM Zone: open the folder of a git repository to ${purpose}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((repository) => ({ label: path.basename(repository.root.fsPath), description: repository.root.fsPath, repository })),
    { title: `Which repository? (${purpose})` },
  );
  return picked?.repository;
}

/** A file uri, or the root of a source control (`scm/title` menus pass the SourceControl). */
function targetUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  const rootUri = (target as { rootUri?: unknown } | undefined)?.rootUri;
  return rootUri instanceof vscode.Uri ? rootUri : undefined;
}

/** A repository whose CLAUDE.md defines a PM zone. */
export interface ZonedRepository extends Repository {
  policy: RepositoryPolicy;
}

interface RepositoryItem extends vscode.QuickPickItem {
  repository: ZonedRepository;
}

/**
 * The repository with a PM zone a planning command works in: the one holding `hint` (an
 * explorer folder, a document), the only one with a PM zone, or the one the
 * PM picks when several have one; `no-zone` when there is none (after saying
 * why), `cancelled` when the PM closes the pick.
 */
export async function chooseZonedRepository(repositories: Repositories, hint: vscode.Uri | undefined, title: string): Promise<ZonedRepository | 'no-zone' | 'cancelled'> {
  await repositories.whenIdle();
  if (hint) {
    const repository = repositories.knownForUri(hint);
    if (hasZone(repository)) return repository;
    explainNoZone(repository);
    return 'no-zone';
  }
  const zoned = repositories.known().filter(hasZone);
  if (zoned.length === 1) return zoned[0];
  if (zoned.length === 0) {
    explainNoZone(repositories.known()[0]);
    return 'no-zone';
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const holdsActive = (repository: Repository) => active !== undefined && relativePath(repository.root, active) !== undefined;
  // The repository of the file being edited comes first; nested repositories before the folder holding them.
  const ordered = [...zoned].sort((a, b) => Number(holdsActive(b)) - Number(holdsActive(a)) || b.root.path.length - a.root.path.length);
  const items: RepositoryItem[] = ordered.map((repository) => ({
    label: `$(repo) ${repository.root.path.slice(repository.root.path.lastIndexOf('/') + 1)}`,
    description: vscode.workspace.asRelativePath(repository.root, true),
    detail: pilotsLine(repository.policy),
    repository,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which repository is this change for?', ignoreFocusOut: true });
  return picked?.repository ?? 'cancelled';
}

function hasZone(repository: Repository | undefined): repository is ZonedRepository {
  return repository?.policy?.zone.defined === true;
}

function pilotsLine(policy: RepositoryPolicy): string {
  const you = policy.author ? `You are ${policy.author.handle}. ` : '';
  return `${you}Pilot PMs: ${policy.zone.pilots.map((pilot) => pilot.handle).join(', ') || 'none listed'}`;
}

/** Says why nothing can be planned here, with a way to the file that would define the zone. */
function explainNoZone(repository: Repository | undefined): void {
  if (!repository) {
    const why = vscode.workspace.workspaceFolders?.length
      ? 'this file is not inside a repository of the workspace.'
      : 'open the repository’s folder first.';
    void vscode.window.showInformationMessage(`PM Zone: nothing to plan here: ${why}`);
    return;
  }
  // Where the zone would be read from: the file the setting names, else the instruction file the repository keeps.
  const policyFile = repository.policy?.zone.file ?? policyFileSetting(repository.root) ?? DEFAULT_POLICY_FILE;
  const message = `PM Zone: this repository has no PM zone yet: ${policyFile} has no "## PM zone" section listing what PMs may edit. An engineer adds it; then planning docs can be created here.`;
  void vscode.workspace.fs.stat(vscode.Uri.joinPath(repository.root, ...policyFile.split('/'))).then(
    async () => {
      const choice = await vscode.window.showInformationMessage(message, `Open ${policyFile}`);
      if (choice) await openAtLine(repository.root, policyFile, 1);
    },
    () => vscode.window.showInformationMessage(message),
  );
}
