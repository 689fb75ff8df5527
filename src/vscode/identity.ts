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
  );
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
