import * as assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReviewRun } from '../../src/vscode/review';
import { closeAllEditors, fileUri, pmZone, resetWorkspace, treeChildren, until, workspaceGit } from './support';

// The PM Zone sidebar in the real host: "My change" and "Checklist" after a
// review of a PM branch with the one-word copy change.

const BRANCH = 'alice/sidebar-test';
const COPY = 'src/features/checkout/i18n/en.json';

const labels = treeChildren;

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? item.resourceUri?.path.split('/').pop() ?? '';
}

describe('The PM Zone sidebar', () => {
  let run: ReviewRun;

  before(async () => {
    await pmZone();
    workspaceGit('checkout', '--quiet', '-b', BRANCH);
    const path = fileUri(COPY).fsPath;
    writeFileSync(path, readFileSync(path, 'utf8').replace('"placeOrder": "Place order"', '"placeOrder": "Confirm order"'));
    workspaceGit('commit', '--quiet', '-am', 'Checkout: say "Confirm order"');
    await vscode.window.showTextDocument(fileUri(COPY));
    const result = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', fileUri(COPY));
    assert.ok(result, 'the review returned nothing');
    run = result;
  });

  after(async () => {
    await closeAllEditors();
    resetWorkspace();
  });

  it('lists the review summary, the missing planning doc, and the changed file under its zone with its owner finding hidden', async () => {
    const api = await pmZone();
    const top = await labels(api.sidebar.myChange);
    const names = top.map(({ item }) => labelOf(item));
    assert.equal(names[0], '1 blocker');
    assert.equal(names[1], 'Create the planning doc');
    assert.equal(top[1].item.command?.command, 'pmZone.newPlanningDoc');
    const planningRow = top.find(({ item }) => labelOf(item).startsWith('Blocker: No PLANNING.md'));
    assert.ok(planningRow, `no planning.missing row in ${names.join(' | ')}`);
    // What the check is and what to do about it come from the core's registry of checks.
    const tooltip = (planningRow.item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Create PLANNING\\\.md from the template/);
    assert.match(tooltip, /\n\nNo PLANNING\\\.md — blocks the pull request$/);
    assert.doesNotMatch(tooltip, /planning\.missing/, 'the rule id is the engineers\', not the PM\'s');
    const zone = top.find(({ item }) => labelOf(item) === 'PM-editable (1)');
    assert.ok(zone, `no PM-editable group in ${names.join(' | ')}`);
    const files = await labels(api.sidebar.myChange, zone.node);
    assert.equal(files.length, 1);
    assert.equal(files[0].item.resourceUri?.toString(), fileUri(COPY).toString(), 'the row carries the file, so the explorer badge shows on it');
    assert.equal(files[0].item.description, 'src/features/checkout/i18n M');
    assert.equal(run.outcome.result.files[0].zone, 'editable');
  });

  it('shows each checklist item with its result, and manual items as checkboxes kept per branch', async () => {
    const api = await pmZone();
    const sections = await labels(api.sidebar.checklist);
    assert.ok(sections.length >= 5, `only ${sections.length} sections`);
    const security = sections.find(({ item }) => labelOf(item).startsWith('Security and privacy'));
    assert.ok(security, `no security section in ${sections.map(({ item }) => labelOf(item)).join(' | ')}`);
    assert.equal(security.item.description, 'blocks the pull request');
    const planningSection = sections.find(({ item }) => labelOf(item) === 'Planning');
    assert.ok(planningSection);
    const planningItems = await labels(api.sidebar.checklist, planningSection.node);
    const missing = planningItems.find(({ item }) => labelOf(item).startsWith('A PLANNING.md'));
    assert.ok(missing);
    assert.match(String(missing.item.description), /^failed: 1 finding$/);
    assert.match((missing.item.tooltip as vscode.MarkdownString).value, /^Checked by PM Zone: No PLANNING\\\.md(?: — blocks the pull request)?$/m);

    const everything = (await Promise.all(sections.map(({ node }) => labels(api.sidebar.checklist, node)))).flat();
    const manual = everything.find(({ item }) => item.checkboxState !== undefined);
    assert.ok(manual, 'no manual item');
    assert.equal(manual.item.checkboxState, vscode.TreeItemCheckboxState.Unchecked);
    const itemId = String(manual.item.id).split('#').pop() as string;
    await vscode.commands.executeCommand('pmZone.toggleChecklistItem', itemId, true);
    const after = (await Promise.all((await labels(api.sidebar.checklist)).map(({ node }) => labels(api.sidebar.checklist, node)))).flat();
    const ticked = after.find(({ item }) => item.id === manual.item.id);
    assert.equal(ticked?.item.checkboxState, vscode.TreeItemCheckboxState.Checked);
    assert.ok(api.sidebar.ticked.get(run.root, BRANCH).has(itemId), 'the tick is not stored for the branch');
    assert.equal(api.sidebar.ticked.get(run.root, 'some/other-branch').has(itemId), false, 'a tick leaked to another branch');
    await vscode.commands.executeCommand('pmZone.toggleChecklistItem', itemId, false);
  });

  it('redraws a view only when one of its rows changed: not on switching editors, once for a tick, once for a pull request sent', async () => {
    const api = await pmZone();
    const { myChange, checklist } = api.sidebar;
    const settled = () => Promise.all([myChange.refresh(), checklist.refresh()]);
    // The commit of before() moved git's status: an automatic review follows it (a new run, a new row). Counting starts after.
    let lastReview = Date.now();
    const reviews = api.review.onDidReview(() => (lastReview = Date.now()));
    await until('the automatic reviews to go quiet', () => Date.now() - lastReview > 4_000, 30_000).finally(() => reviews.dispose());
    // Each status git's extension reports starts an automatic review; none runs while redraws are counted, so each
    // count below has one cause. A review run again on request is counted on its own.
    const settings = vscode.workspace.getConfiguration('pmZone');
    await settings.update('review.runOnChange', false, vscode.ConfigurationTarget.Global);
    const redraws = { myChange: 0, checklist: 0 };
    const listening: vscode.Disposable[] = [];
    const manualId = async () => {
      const items = (await Promise.all((await labels(checklist)).map(({ node }) => labels(checklist, node)))).flat();
      const manual = items.find(({ item }) => item.checkboxState !== undefined);
      assert.ok(manual, 'no manual item');
      return String(manual.item.id).split('#').pop() as string;
    };
    try {
      await api.review.whenIdle();
      await settled();
      listening.push(myChange.onDidChangeTreeData(() => redraws.myChange++), checklist.onDidChangeTreeData(() => redraws.checklist++));
      // Each switch asks both views to refresh; the rows are those of the same change.
      for (const path of ['src/features/checkout/api.ts', 'README.md', COPY]) {
        await vscode.window.showTextDocument(fileUri(path));
        await until(`${path} to be the active editor`, () => vscode.window.activeTextEditor?.document.uri.toString() === fileUri(path).toString());
        await settled();
      }
      assert.deepEqual(redraws, { myChange: 0, checklist: 0 }, 'a view redrew though none of its rows changed');

      // A new run of the same change finds the same rows: a click on one must not land on a row just replaced.
      const again = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', fileUri(COPY));
      assert.ok(again && again !== run && again.finishedAt >= run.finishedAt, 'the review did not run again');
      await settled();
      assert.deepEqual(redraws, { myChange: 0, checklist: 0 }, 'a review that found the same rows redrew them');

      const itemId = await manualId();
      await vscode.commands.executeCommand('pmZone.toggleChecklistItem', itemId, true);
      await settled();
      assert.deepEqual(redraws, { myChange: 0, checklist: 1 }, 'a tick changes one checklist row, and My change not at all');

      api.sidebar.showPullRequest(run.root, { number: 7, url: 'https://github.com/acme/shop/pull/7', head: BRANCH });
      await settled();
      assert.equal(redraws.myChange, 1, 'the pull request sent is a row of My change');
      const rows = await labels(myChange);
      assert.ok(rows.some(({ item }) => labelOf(item) === 'Pull request #7'), `no pull request row in ${rows.map(({ item }) => labelOf(item)).join(' | ')}`);
      api.sidebar.showPullRequest(run.root, undefined);
      await settled();
      assert.equal(redraws.myChange, 2, 'the pull request row gone is a redraw too');
      await vscode.commands.executeCommand('pmZone.toggleChecklistItem', itemId, false);
      await settled();
      assert.equal(redraws.checklist, 2, 'the tick undone is a redraw');
    } finally {
      listening.forEach((listener) => listener.dispose());
      await settings.update('review.runOnChange', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refreshes when the change does: a new review after a planning doc is added drops the blocker', async () => {
    const api = await pmZone();
    const planning = fileUri('src/features/checkout/PLANNING.md');
    await vscode.commands.executeCommand('pmZone.newPlanningDoc', { title: 'Confirm order wording', feature: 'src/features/checkout', tier: 'production', flag: 'checkout_copy_v2', metric: 'checkout conversion' });
    await until('the planning doc to exist', async () => vscode.workspace.fs.stat(planning).then(() => true, () => false));
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('pmZone.reviewChange', fileUri(COPY));
    const top = await until('the sidebar to show the planning doc', async () => {
      const rows = await labels(api.sidebar.myChange);
      return rows.some(({ item }) => labelOf(item) === 'Planning doc') ? rows : undefined;
    });
    const doc = top.find(({ item }) => labelOf(item) === 'Planning doc');
    assert.equal(doc?.item.resourceUri?.toString(), planning.toString());
    assert.ok(!top.some(({ item }) => labelOf(item).startsWith('Blocker: No PLANNING.md')));
    // A copy change behind the flag its planning doc names: the flag item says what it found, not "not applicable".
    const everything = (await Promise.all((await labels(api.sidebar.checklist)).map(({ node }) => labels(api.sidebar.checklist, node)))).flat();
    const flagItem = everything.find(({ item }) => labelOf(item) === 'The change is gated behind a feature flag');
    assert.equal(flagItem?.item.description, 'passed: the flag checkout_copy_v2, named in PLANNING.md');
  });
});
