import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { StartChangeResult } from '../../src/vscode/planning';
import type { ReviewRun } from '../../src/vscode/review';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';
import { answeringQuickInput, closeAllEditors, fileUri, pmZone, resetWorkspace, until, workspaceGit } from './support';

// The traps between the surfaces in a PM's first week, in the real host:
// the change's own branch, ticks that survive it, a checklist that claims
// only what it earned.

const COPY = 'src/features/checkout/i18n/en.json';

async function review(): Promise<ReviewRun> {
  const run = await vscode.commands.executeCommand<ReviewRun | undefined>('pmZone.reviewChange', fileUri(COPY));
  assert.ok(run, 'the review returned nothing');
  return run;
}

function statusOf(run: ReviewRun, id: string): string | undefined {
  return run.outcome.checklist.find((entry) => entry.item.id === id)?.status;
}

describe("A PM's first week", function () {
  this.timeout(60_000);

  before(async () => {
    await pmZone();
    resetWorkspace();
  });

  afterEach(async () => {
    await closeAllEditors();
    resetWorkspace();
  });

  it('claims nothing before a change exists: no item passed on a clean base branch', async () => {
    const run = await review();
    assert.equal(run.change.files.length, 0);
    const passed = run.outcome.checklist.filter((entry) => entry.status === 'passed').map((entry) => entry.item.id);
    assert.deepEqual(passed, []);
  });

  it('"Start a change" moves the edit, and the ticks made on the base branch, to a branch of its own', async () => {
    const api = await pmZone();
    const path = fileUri(COPY).fsPath;
    writeFileSync(path, readFileSync(path, 'utf8').replace('"placeOrder": "Place order"', '"placeOrder": "Confirm order"'));
    const onMain = await review();
    assert.equal(onMain.change.head, 'main');
    const manual = onMain.outcome.checklist.find((entry) => entry.status === 'manual-open');
    assert.ok(manual, 'no manual item to tick');
    const item = manual.item.id;
    await vscode.commands.executeCommand('pmZone.toggleChecklistItem', item, true);
    assert.ok(api.sidebar.ticked.get(onMain.root, 'main').has(item));

    // The branch name is asked, filled in from the planning title: Enter takes it.
    const started = await answeringQuickInput(vscode.commands.executeCommand<StartChangeResult>('pmZone.startChange', { repository: onMain.root, title: 'Clearer order button' }));
    assert.deepEqual(started, { kind: 'started', branch: 'alice/clearer-order-button', from: 'main' });
    assert.equal(workspaceGit('branch', '--show-current').trim(), 'alice/clearer-order-button');
    assert.equal(workspaceGit('status', '--porcelain'), ` M ${COPY}\n`, 'the edit came along, unstaged');

    const onBranch = await review();
    assert.equal(onBranch.change.head, 'alice/clearer-order-button');
    // The tick moves: on the new branch, and no longer on main, where it would leak into the next change.
    await until('the tick to follow the PM', () => api.sidebar.ticked.get(onBranch.root, 'alice/clearer-order-button').has(item) && !api.sidebar.ticked.get(onBranch.root, 'main').has(item));
    assert.equal(statusOf(await review(), item), 'manual-ticked');
  });

  it('names the branch from the title of the PM\'s planning doc, as the front matter gives it', async () => {
    const root = (await review()).root;
    writeFileSync(fileUri(PLANNING_PATH).fsPath, PLANNING_TEXT);
    const started = await answeringQuickInput(vscode.commands.executeCommand<StartChangeResult>('pmZone.startChange', { repository: root }));
    assert.deepEqual(started, { kind: 'started', branch: 'alice/say-confirm-order-on-the-order-button', from: 'main' });
  });

  it('refuses a branch name git would not take, or one that exists, and stays on the branch', async () => {
    const root = (await review()).root;
    const bad = await vscode.commands.executeCommand<StartChangeResult>('pmZone.startChange', { repository: root, branch: 'two words' });
    assert.equal(bad.kind, 'invalid');
    workspaceGit('branch', 'alice/taken');
    const taken = await vscode.commands.executeCommand<StartChangeResult>('pmZone.startChange', { repository: root, branch: 'alice/taken' });
    assert.equal(taken.kind, 'exists');
    assert.equal(workspaceGit('branch', '--show-current').trim(), 'main');
  });
});
