import * as vscode from 'vscode';

/**
 * The manual checklist items a PM ticked, kept per repository and branch in
 * workspace storage: ticking "I tested it on staging" on one branch says
 * nothing about the next one. Ticks made on the base branch move to the
 * branch the PM goes to next (PM Zone's own advice: "start a change on a
 * branch"), instead of being lost there or leaking into later changes.
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

  /** Whether anything was ever stored for the branch (an empty list counts: the PM unticked everything). */
  known(root: vscode.Uri, branch: string | undefined): boolean {
    return this.storage.get<string[]>(this.key(root, branch)) !== undefined;
  }

  /**
   * Moves the ticks made on the base branch to the branch the change moved
   * to: they were about this change, made before it had a branch of its own.
   * A branch with ticks of its own keeps them. Returns how many moved.
   */
  async move(root: vscode.Uri, from: string | undefined, to: string | undefined): Promise<number> {
    if (from === to || this.known(root, to)) return 0;
    const items = [...this.get(root, from)];
    if (items.length === 0) return 0;
    await this.storage.update(this.key(root, to), items.sort());
    await this.storage.update(this.key(root, from), []);
    this.changed.fire(root);
    return items.length;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private key(root: vscode.Uri, branch: string | undefined): string {
    return `pmZone.ticked:${root.toString()}#${branch ?? '(detached)'}`;
  }
}
