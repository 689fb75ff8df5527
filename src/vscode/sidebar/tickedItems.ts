import * as vscode from 'vscode';

/**
 * The manual checklist items a PM ticked, kept per repository and branch in
 * workspace storage: ticking "I tested it on staging" on one branch says
 * nothing about the next one.
 */
export class TickedItems {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: vscode.Memento) {}

  get(root: vscode.Uri, branch: string | undefined): ReadonlySet<string> {
    return new Set(this.storage.get<string[]>(this.key(root, branch), []));
  }

  async set(root: vscode.Uri, branch: string | undefined, itemId: string, ticked: boolean): Promise<void> {
    const items = new Set(this.get(root, branch));
    if (ticked) items.add(itemId);
    else items.delete(itemId);
    await this.storage.update(this.key(root, branch), [...items].sort());
    this.changed.fire(root);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private key(root: vscode.Uri, branch: string | undefined): string {
    return `pmZone.ticked:${root.toString()}#${branch ?? '(detached)'}`;
  }
}
