import * as vscode from 'vscode';
import { CommandId, ContextKey, ViewId } from '../commandIds';
import { setContext } from '../shared/contextKeys';
import type { ReviewRun, ReviewService } from '../review';
import type { Repositories, Repository } from '../repositories';
import type { LockedEdits } from '../lockedEditGuard';
import { ChecklistView, branchOf } from './checklistView';
import { MyChangeView, type ShownPullRequest } from './myChangeView';
import { sidebarRepository } from './sidebarModel';
import { TickedItems } from './tickedItems';

export { branchOf } from './checklistView';
export type { ShownPullRequest } from './myChangeView';

export interface Sidebar {
  myChange: MyChangeView;
  checklist: ChecklistView;
  ticked: TickedItems;
  myChangeView: vscode.TreeView<unknown>;
  checklistView: vscode.TreeView<unknown>;
  /** Shows (or, undefined, removes) the pull request sent from the repository's branch. */
  showPullRequest(root: vscode.Uri, shown: ShownPullRequest | undefined): void;
  pullRequestOf(root: vscode.Uri): ShownPullRequest | undefined;
  /** Fires when the PM asks for "PM Zone: Refresh". */
  onDidRefresh: vscode.Event<void>;
}

/**
 * The PM Zone activity-bar container: "My change" and "Checklist", their
 * welcome views (driven by context keys) and the manual-item ticks that the
 * review and the pull request read.
 */
export function registerSidebar(context: vscode.ExtensionContext, repositories: Repositories, review: ReviewService, lockedEdits?: LockedEdits): Sidebar {
  const ticked = new TickedItems(context.workspaceState);
  const myChange = new MyChangeView(repositories, review, lockedEdits);
  const checklist = new ChecklistView(() => myChange.currentRun(), ticked);
  const myChangeView = vscode.window.createTreeView(ViewId.MyChange, { treeDataProvider: myChange, showCollapseAll: true });
  const checklistView = vscode.window.createTreeView(ViewId.Checklist, { treeDataProvider: checklist });

  const branches = new Map<string, string | undefined>();
  const refreshed = new vscode.EventEmitter<void>();
  review.setTickedProvider((root) => ticked.get(root, branches.get(root.toString())));
  review.setPullRequestProvider((root) => myChange.pullRequestOf(root)?.number);

  const refresh = () => {
    void myChange.refresh();
    void checklist.refresh();
    showWhoYouAre(myChangeView, sidebarRepository(repositories));
    void updateContext(repositories, review);
  };
  const reviewWhenFirstShown = async () => {
    const repository = sidebarRepository(repositories);
    if (!myChangeView.visible || !repository?.policy?.zone.defined || review.latest(repository.root) || !vscode.workspace.isTrusted) return;
    await review.review(repository, 'auto').catch(() => undefined);
  };

  context.subscriptions.push(
    ticked, myChange, checklist, myChangeView, checklistView, refreshed,
    review.onDidReview(async (run) => {
      const previous = branches.get(run.root.toString());
      branches.set(run.root.toString(), branchOf(run));
      // Leaving the base branch for a branch of the change's own: the ticks made on the base go along.
      if (previous !== undefined && previous === run.change.base) await ticked.move(run.root, previous, branchOf(run));
      refresh();
    }),
    review.onDidForget(refresh),
    ...(lockedEdits ? [lockedEdits.onDidChange(refresh)] : []),
    ticked.onDidChange(refresh),
    repositories.onDidChange(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    checklistView.onDidChangeCheckboxState((event) => void checklist.tick(event as never)),
    myChangeView.onDidChangeVisibility(() => void reviewWhenFirstShown()),
    vscode.commands.registerCommand(CommandId.Refresh, async () => {
      // Who the user is may have changed in git since (`git config user.email`, as the sidebar advises).
      await repositories.refreshIdentity();
      const repository = sidebarRepository(repositories);
      if (repository) await vscode.commands.executeCommand(CommandId.ReviewChange, repository.root);
      refreshed.fire();
      refresh();
    }),
    vscode.commands.registerCommand(CommandId.ToggleChecklistItem, async (itemId?: string, value?: boolean) => {
      const run = myChange.currentRun();
      if (!run) {
        void vscode.window.showInformationMessage('PM Zone: the checklist appears after a review of your change. Run "PM Zone: Review my change" first.');
        return;
      }
      if (typeof itemId === 'string') {
        const now = ticked.get(run.root, branchOf(run)).has(itemId);
        await ticked.set(run.root, branchOf(run), itemId, value ?? !now);
        return;
      }
      await tickFromPalette(run, ticked);
    }),
  );
  void repositories.all().then(() => updateContext(repositories, review));
  void reviewWhenFirstShown();
  return {
    myChange, checklist, ticked, myChangeView, checklistView,
    showPullRequest: (root, shown) => myChange.showPullRequest(root, shown),
    pullRequestOf: (root) => myChange.pullRequestOf(root),
    onDidRefresh: refreshed.event,
  };
}

/** Context keys the welcome views and menus read. */
async function updateContext(repositories: Repositories, review: ReviewService): Promise<void> {
  const repository = sidebarRepository(repositories);
  const run = repository && review.latest(repository.root);
  const state = !run ? 'none' : run.change.files.length === 0 ? 'empty' : run.outcome.result.summary.blockers > 0 ? 'blocked' : 'clean';
  await setContext(ContextKey.HasZone, repositories.known().some((r) => r.policy?.zone.defined));
  await setContext(ContextKey.ReviewState, state);
  await setContext(ContextKey.IdentityUnknown, repository?.policy?.zone.defined === true && repository.policy.identity?.known === false);
}

/** The sidebar's header says who PM Zone takes the user to be; when it cannot tell, why, and what to run. */
function showWhoYouAre(view: vscode.TreeView<unknown>, repository: Repository | undefined): void {
  const identity = repository?.policy?.zone.defined ? repository.policy.identity : undefined;
  view.description = identity?.known ? identity.pilot.handle : undefined;
  // The way out is a row of My change ("Choose who I am"), or the welcome's button: never an icon shown only on hover.
  view.message = identity && !identity.known ? `${identity.message.replace(/ Choose who you are:.*$/, '')} Fix git's user.email, or choose who you are below.` : undefined;
}

/** From the palette, where no item was clicked: the manual items, ticked as they stand, to tick or untick together. */
async function tickFromPalette(run: ReviewRun, ticked: TickedItems): Promise<void> {
  const branch = branchOf(run);
  const now = ticked.get(run.root, branch);
  const manual = run.checklist.sections.flatMap((section) => section.items.filter((item) => item.manual).map((item) => ({ item, section })));
  if (manual.length === 0) {
    void vscode.window.showInformationMessage('PM Zone: this checklist has no items to tick by hand: every item is checked by the review.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    manual.map(({ item, section }) => ({ label: item.text, description: section.title, picked: now.has(item.id), id: item.id })),
    { title: 'PM Zone: Tick or untick checklist items', placeHolder: 'Tick what you have done yourself, then press Enter.', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) return;
  const chosen = new Set(picked.map((entry) => entry.id));
  for (const { item } of manual) if (chosen.has(item.id) !== now.has(item.id)) await ticked.set(run.root, branch, item.id, chosen.has(item.id));
}
