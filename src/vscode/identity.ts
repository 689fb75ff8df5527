import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Repositories, Repository } from './repositories';

/**
 * "PM Zone: Choose who I am": the pilot PMs of CLAUDE.md to pick from, saved
 * as `pmZone.identity` in the user's settings (never the workspace's: a
 * committed `.vscode/settings.json` would make everyone that PM). Offered
 * wherever PM Zone cannot tell who the user is.
 */
export function registerIdentity(context: vscode.ExtensionContext, repositories: Repositories): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.ChooseIdentity, async (target?: unknown) => chooseIdentity(repositories, target)),
    ...followGitIdentity(repositories),
  );
}

/** How long git's configuration must stay quiet before it is read again (an editor saves in steps). */
const IDENTITY_DELAY_MS = 300;

/**
 * Identity follows git: `user.email` is read again when the window regains
 * the focus (the PM ran `git config` in a terminal), and when a repository's
 * `.git/config` or the global git configuration changes. "PM Zone: Refresh"
 * reads it too. Only what changed is reloaded; the sidebar and the badges
 * follow the reload.
 */
function followGitIdentity(repositories: Repositories): vscode.Disposable[] {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reread = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void repositories.refreshIdentity().catch(() => false), IDENTITY_DELAY_MS);
  };
  const watchers = gitConfigFiles().map((file) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    return vscode.Disposable.from(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), watcher.onDidDelete(reread));
  });
  // Each repository's own configuration; a worktree's `.git` is a file, and its config is the main repository's.
  const local = vscode.workspace.createFileSystemWatcher('**/.git/config');
  return [
    ...watchers,
    local, local.onDidChange(reread), local.onDidCreate(reread),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) reread();
    }),
    { dispose: () => clearTimeout(timer) },
  ];
}

/** The global git configuration files git reads: `GIT_CONFIG_GLOBAL`, else `~/.gitconfig` and the XDG one. */
function gitConfigFiles(): string[] {
  if (process.env.GIT_CONFIG_GLOBAL) return process.env.GIT_CONFIG_GLOBAL === '/dev/null' ? [] : [process.env.GIT_CONFIG_GLOBAL];
  const xdg = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return [path.join(os.homedir(), '.gitconfig'), path.join(xdg, 'git', 'config')];
}

interface IdentityPick extends vscode.QuickPickItem {
  handle: string;
}

async function chooseIdentity(repositories: Repositories, target: unknown): Promise<string | undefined> {
  const repository = await repositoryWithZone(repositories, target);
  const policy = repository?.policy;
  if (!repository || !policy?.zone.defined) {
    void vscode.window.showInformationMessage('PM Zone: no PM zone is defined here, so there is no pilot PM to be.');
    return undefined;
  }
  const current = policy.author?.handle;
  const items: IdentityPick[] = policy.zone.pilots.map((pilot) => ({
    handle: pilot.handle,
    label: pilot.handle,
    description: [pilot.email, pilot.handle === current ? '(you now)' : undefined].filter(Boolean).join(' '),
    detail: pilot.featureFolders.length > 0 ? `Feature folders: ${pilot.featureFolders.join(', ')}` : 'No feature folders listed',
  }));
  items.push({ handle: '', label: "$(git-commit) Use my git e-mail", description: 'clear the choice', detail: "Match git's user.email against the pilots, as when nothing is chosen" });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'PM Zone: Choose who I am',
    placeHolder: policy.zone.pilots.length > 0 ? `Which pilot PM of ${policy.zone.file} are you?` : `${policy.zone.file} lists no pilot PMs`,
  });
  if (!picked) return undefined;
  await vscode.workspace.getConfiguration('pmZone').update('identity', picked.handle, vscode.ConfigurationTarget.Global);
  await repositories.whenIdle();
  return picked.handle;
}

async function repositoryWithZone(repositories: Repositories, target: unknown): Promise<Repository | undefined> {
  const all = await repositories.all();
  if (target instanceof vscode.Uri) return repositories.knownForUri(target);
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active?.scheme === 'file' ? repositories.knownForUri(active) : undefined;
  return fromEditor?.policy?.zone.defined ? fromEditor : all.find((repository) => repository.policy?.zone.defined);
}
