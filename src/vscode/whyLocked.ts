import * as vscode from 'vscode';
import type { Reason } from '../core/types';
import { isOwnersReason, noteOfReason, reasonLocation, reasonWords, ZONE_TITLES } from '../core/repository/describe';
import { CommandId } from './commandIds';
import type { Repositories } from './repositories';
import { completingStep } from './shared/walkthroughSteps';
import { openAtLine } from './shared/openAtLine';
import { zoneOnDisk } from '../core/repository/linkedPath';

interface ReasonItem extends vscode.QuickPickItem {
  reason?: Reason;
}

/**
 * "Why is this file locked?": every reason behind a file's zone in a quick
 * pick; choosing one opens CLAUDE.md or CODEOWNERS at that exact line.
 */
export function registerWhyLocked(context: vscode.ExtensionContext, repositories: Repositories): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.WhyLocked, completingStep('zone', async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage('PM Zone: open a file (or right-click one in the explorer) to see why it is locked or editable.');
        return;
      }
      const located = await repositories.locate(uri);
      const policy = located?.repository.policy;
      if (!located || !policy) {
        void vscode.window.showInformationMessage('PM Zone: this folder has no PM zone (no "## PM zone" section in CLAUDE.md and no CODEOWNERS).');
        return;
      }
      const answer = await zoneOnDisk(policy, located.repository.root.fsPath, located.path);
      // The hover's plain words, never the glob: choosing a reason opens the line that holds it.
      const noteOf = noteOfReason(policy.zone);
      const items: ReasonItem[] = answer.reasons.map((reason) => ({
        label: `${reason.line === null ? '$(info)' : '$(go-to-file)'} ${isOwnersReason(reason, answer) ? reason.message : capitalized(reasonWords(reason, noteOf(reason)))}`,
        description: reasonLocation(reason),
        reason,
      }));
      if (answer.unenforced) {
        items.push({ label: '$(warning) Not enforced: no CODEOWNERS rule owns this file, so the boundary is convention only' });
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: `${located.path} — ${ZONE_TITLES[answer.zone]}`,
        placeHolder: 'Choose a reason to open the rule behind it',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (picked?.reason && picked.reason.line !== null) await openAtLine(located.repository.root, picked.reason.source, picked.reason.line);
    })),
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
