import * as vscode from 'vscode';

/**
 * Redraws a tree view only when what it would show differs from what it
 * last showed. A redraw replaces every row, and VS Code lets go of the old
 * rows' commands as it does: a click that reaches a row just replaced runs
 * nothing ("Actual command not found"). Views that redrew on every editor
 * switch, tick and policy load lost clicks that way; now a redraw happens
 * only when a row's label, icon, command or anything else shown changed.
 */
export class TreeRedraws<T> {
  private shown: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly provider: vscode.TreeDataProvider<T>, private readonly redraw: () => void) {}

  /** Redraws if the rows differ from the last redraw's; requests run in turn, so the last one's rows are what is compared next. */
  request(): Promise<void> {
    this.queue = this.queue.then(async () => {
      // A tree that cannot be read through is redrawn: VS Code then shows what it can, as before.
      const now = await treeFingerprint(this.provider).catch(() => undefined);
      if (now !== undefined && now === this.shown) return;
      this.shown = now;
      this.redraw();
    });
    return this.queue;
  }
}

/** Every row of a tree, from the root down, as it would be shown: each row's item and its children's. */
export async function treeFingerprint<T>(provider: vscode.TreeDataProvider<T>): Promise<string> {
  const rows: unknown[] = [];
  const walk = async (node: T | undefined, depth: number): Promise<void> => {
    const children = (await provider.getChildren(node)) ?? [];
    for (const child of children) {
      rows.push([depth, shownOf(await provider.getTreeItem(child))]);
      await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return JSON.stringify(rows, shownValue);
}

/** What a row shows and does: every field of TreeItem VS Code reads. */
function shownOf(item: vscode.TreeItem): unknown {
  const { label, id, iconPath, description, resourceUri, tooltip, command, collapsibleState, contextValue, accessibilityInformation, checkboxState } = item;
  return { label, id, iconPath, description, resourceUri, tooltip, command, collapsibleState, contextValue, accessibilityInformation, checkboxState };
}

/** Uris by their text (JSON.stringify hands the replacer a Uri's toJSON, so the holder's own value is looked at), MarkdownStrings by theirs; icons and the rest as JSON writes them. */
function shownValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof vscode.Uri) return `uri:${original.toString()}`;
  if (value instanceof vscode.MarkdownString) return { markdown: value.value, trusted: value.isTrusted, theme: value.supportThemeIcons, html: value.supportHtml };
  return value;
}
