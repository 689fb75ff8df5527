import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistSection, EvaluatedItem } from '../../core/review';
import type { ReviewRun } from '../review';
import { CommandId } from '../commandIds';
import { TreeRedraws } from '../shared/treeRedraw';
import type { TickedItems } from './tickedItems';
import { openAt } from './sidebarModel';
import { escapeMarkdown } from '../shared/identityText';

const TICK_ANYWAY = 'Tick here anyway';
const START_A_CHANGE = 'Start a change';

type Node = { kind: 'section'; section: ChecklistSection; run: ReviewRun } | { kind: 'item'; item: ChecklistItem; run: ReviewRun };

const STATUS: Record<'passed' | 'failed' | 'not-applicable', { icon: vscode.ThemeIcon; words: string }> = {
  passed: { icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')), words: 'passed' },
  failed: { icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')), words: 'failed' },
  'not-applicable': { icon: new vscode.ThemeIcon('circle-slash'), words: 'not applicable' },
};

/**
 * The PM PR Review checklist: each automated item with its result, each
 * manual item as a checkbox the PM ticks (kept per branch).
 */
export class ChecklistView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  // A redraw only when a row changed: one under the pointer loses the click (see TreeRedraws).
  private readonly redraws = new TreeRedraws(this, () => this.changed.fire(undefined));
  /** Repositories whose PM chose to tick on the base branch in this session. */
  private readonly agreedOnBase = new Set<string>();

  constructor(private readonly currentRun: () => ReviewRun | undefined, private readonly ticked: TickedItems) {}

  /** Shows the rows as they now are; resolves once compared (and redrawn, when they differ). */
  refresh(): Promise<void> {
    return this.redraws.request();
  }

  getChildren(node?: Node): Node[] {
    const run = node?.run ?? this.currentRun();
    if (!run) return [];
    if (!node) return run.checklist.sections.filter((section) => section.items.length > 0).map((section) => ({ kind: 'section', section, run }));
    if (node.kind === 'section') return node.section.items.map((item) => ({ kind: 'item', item, run }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'section') {
      const item = new vscode.TreeItem(node.section.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.section.blocking ? 'blocks the pull request' : undefined;
      item.iconPath = new vscode.ThemeIcon(node.section.blocking ? 'shield' : 'checklist');
      return item;
    }
    const { item: checklistItem, run } = node;
    const item = new vscode.TreeItem(checklistItem.text);
    item.id = `${run.root.toString()}#${checklistItem.id}`;
    const skillFile = run.checklist.file === 'built-in' ? undefined : vscode.Uri.joinPath(run.root, ...run.checklist.file.split('/'));
    const notApplicable = checklistItem.manual && evaluationOf(run, checklistItem)?.status === 'not-applicable';
    if (notApplicable) {
      item.iconPath = STATUS['not-applicable'].icon;
      item.description = 'not applicable to this change';
      item.tooltip = 'Nothing in this change concerns it (its section\'s checks had nothing to look at): it is not asked for.';
      item.contextValue = 'manualItem.not-applicable';
    } else if (checklistItem.manual) {
      const ticked = this.ticked.get(run.root, branchOf(run)).has(checklistItem.id);
      item.checkboxState = ticked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
      item.description = ticked ? 'ticked' : 'tick when done';
      item.tooltip = 'No automated check: tick it when it is true. The pull request records what you ticked.';
      item.contextValue = 'manualItem';
    } else {
      const evaluated = evaluationOf(run, checklistItem);
      const status = STATUS[(evaluated?.status as keyof typeof STATUS) ?? 'not-applicable'] ?? STATUS['not-applicable'];
      item.iconPath = status.icon;
      const count = evaluated?.findings.length ?? 0;
      // A pass says what answered the item when its check knows (the flag the planning doc names).
      item.description = count > 0 ? `${status.words}: ${count} finding${count === 1 ? '' : 's'}` : evaluated?.found ? `${status.words}: ${evaluated.found}` : status.words;
      item.tooltip = new vscode.MarkdownString()
        .appendText(checklistItem.text)
        // What PM Zone checks, by its title: rule ids are the engineers' words (they stay in the Problems panel's codes).
        .appendMarkdown(`\n\nChecked by PM Zone: ${checklistItem.checks.map((id) => escapeMarkdown(run.aboutCheck(id)?.title ?? id)).join('; ')}${checklistItem.blocking ? ' — blocks the pull request' : ''}`);
      item.contextValue = `automatedItem.${evaluated?.status ?? 'not-applicable'}`;
    }
    if (skillFile && checklistItem.line) item.command = openAt(skillFile, checklistItem.line);
    return item;
  }

  /** Ticks from the view's checkboxes, stored for the reviewed branch; on the base branch, only once the PM agrees. */
  async tick(event: vscode.TreeCheckboxChangeEvent<Node>): Promise<void> {
    for (const [node, state] of event.items) {
      if (node.kind !== 'item' || !node.item.manual || evaluationOf(node.run, node.item)?.status === 'not-applicable') continue;
      const checked = state === vscode.TreeItemCheckboxState.Checked;
      if (checked && !(await this.tickingOnBaseAgreed(node.run))) {
        this.changed.fire(undefined);
        continue;
      }
      await this.ticked.set(node.run.root, branchOf(node.run), node.item.id, checked);
    }
  }

  /**
   * Ticks belong to a change, and a change belongs on its own branch. On the
   * base branch the PM is asked once per session: start a change (the ticks
   * move with them to the new branch) or tick here anyway.
   */
  private async tickingOnBaseAgreed(run: ReviewRun): Promise<boolean> {
    const branch = branchOf(run);
    if (branch === undefined || branch !== run.change.base || this.agreedOnBase.has(run.root.toString())) return true;
    const choice = await vscode.window.showWarningMessage(
      `You are on ${branch}, the base branch: a change, and its ticks, belong on a branch of their own. Start a change first, or tick here anyway (the ticks move with you to the branch you create next).`,
      { modal: true },
      TICK_ANYWAY,
      START_A_CHANGE,
    );
    if (choice === START_A_CHANGE) await vscode.commands.executeCommand(CommandId.StartChange, run.root);
    if (choice !== TICK_ANYWAY) return false;
    this.agreedOnBase.add(run.root.toString());
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function branchOf(run: ReviewRun): string | undefined {
  return run.change.head;
}

function evaluationOf(run: ReviewRun, item: ChecklistItem): EvaluatedItem | undefined {
  return run.outcome.checklist.find((evaluated) => evaluated.item.id === item.id);
}
