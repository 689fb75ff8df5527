import * as vscode from 'vscode';
import type { Zone } from '../core/types';
import { noteOfReason, ZONE_TITLES, zoneHover } from '../core/repository/describe';
import { CommandId } from './commandIds';
import { escapeMarkdown, identityMarkdown } from './shared/identityText';
import type { Repositories } from './repositories';
import { zoneOnDisk } from '../core/repository/linkedPath';
import { LatestRuns } from '../core/latestRun';

const ICONS: Record<Zone, string> = { editable: '$(pass)', locked: '$(lock)', outside: '$(circle-slash)' };

/** The active file's zone and owners; clicking it explains why. */
export class ZoneStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pmZone.zone', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly updates = new LatestRuns();

  constructor(private readonly repositories: Repositories) {
    this.item.name = 'PM Zone';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      repositories.onDidChange(() => void this.update()),
    );
    void this.update();
  }

  async update(): Promise<void> {
    // Updates overlap when the PM switches files quickly: only the latest may paint.
    const isLatest = this.updates.start('active editor');
    const uri = vscode.window.activeTextEditor?.document.uri;
    const located = uri && uri.scheme === 'file' ? await this.repositories.locate(uri) : undefined;
    if (!isLatest()) return;
    const policy = located?.repository.policy;
    if (!located || !policy?.zone.defined || located.path === '.git' || located.path.startsWith('.git/')) {
      this.item.hide();
      return;
    }
    const answer = await zoneOnDisk(policy, located.repository.root.fsPath, located.path);
    if (!isLatest()) return;
    const owners = answer.owners.length > 0 ? ` · ${answer.owners.join(' ')}` : '';
    this.item.text = `${ICONS[answer.zone]} ${ZONE_TITLES[answer.zone]}${owners}`;
    // The answer first, for the file as the explorer names it: its path in the repository, then the rule in words.
    const hover = `${located.path} — ${zoneHover(answer, noteOfReason(policy.zone))}`;
    const tooltip = new vscode.MarkdownString(`${escapeMarkdown(hover)}\n\nClick to see every reason.\n\n---\n\n${identityMarkdown(policy.identity)}`, true);
    tooltip.isTrusted = { enabledCommands: [CommandId.ChooseIdentity] };
    this.item.tooltip = tooltip;
    this.item.command = { command: CommandId.WhyLocked, title: 'Why is this file locked?', arguments: [uri] };
    this.item.backgroundColor = answer.zone === 'locked' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

export function registerStatusBar(context: vscode.ExtensionContext, repositories: Repositories): ZoneStatusBar {
  const statusBar = new ZoneStatusBar(repositories);
  context.subscriptions.push(statusBar);
  return statusBar;
}

