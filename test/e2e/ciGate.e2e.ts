// "PM Zone: Add the CI gate" as its two users meet it: an engineer gets the
// workflow written and opened (and is asked before a different one is
// replaced); a pilot PM is told the workflow is an engineer's file and gets
// the request to send, and nothing is written.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ciGateRequest, ciWorkflow, WORKFLOW_PATH } from '../../src/core/ci';
import { openSession, type Session } from './session';

const COMMAND = 'PM Zone: Add the CI gate';

describe('Add the CI gate, through the workbench', () => {
  let session: Session;
  const workflow = () => join(session.workspace, WORKFLOW_PATH);

  before(async () => {
    // Dana is an engineer: not a pilot PM of the sample's CLAUDE.md.
    session = await openSession({ name: 'ci-gate', settings: { 'pmZone.identity': '@dana' } });
    await session.workbench.waitForExtension();
  });

  after(async () => {
    await session?.close();
  });

  it("writes the workflow for an engineer, opens it, and asks before replacing one that differs", async () => {
    const { workbench } = session;
    const { page } = workbench;
    await workbench.runCommand(COMMAND);
    await workbench.toast(`wrote ${WORKFLOW_PATH}`).waitFor({ timeout: 20_000 });
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'pm-zone-review.yml' }).waitFor({ timeout: 10_000 });
    assert.equal(readFileSync(workflow(), 'utf8'), ciWorkflow());
    await workbench.screenshot('ci-gate-engineer');

    writeFileSync(workflow(), 'name: ours\n');
    const differs = workbench.dialog(`${WORKFLOW_PATH} already exists and differs`);
    await workbench.runCommand(COMMAND);
    await differs.waitFor({ timeout: 10_000 });
    await workbench.screenshot('ci-gate-differs');
    await differs.getByRole('button', { name: 'Open the existing one' }).click();
    await differs.waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(readFileSync(workflow(), 'utf8'), 'name: ours\n', 'the workflow was replaced without a yes');
    await page.locator('.monaco-editor .view-line').filter({ hasText: 'name: ours' }).waitFor({ timeout: 10_000 });

    await workbench.runCommand(COMMAND);
    await differs.getByRole('button', { name: 'Replace' }).click();
    // The command opens the replaced file last: wait for it, so it takes no focus from what follows.
    await page.locator('.monaco-editor .view-line').filter({ hasText: 'name: PM PR Review' }).first().waitFor({ timeout: 10_000 });
    assert.equal(readFileSync(workflow(), 'utf8'), ciWorkflow());
  });

  it('writes nothing for a pilot PM, says an engineer adds it, and copies the request to send', async () => {
    const { workbench } = session;
    const { page } = workbench;
    rmSync(workflow());
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.runCommand('PM Zone: Choose who I am');
    await workbench.pickExactly('@alice');
    // The side bar names who PM Zone takes the user to be.
    await workbench.openPmZoneSideBar();
    await workbench.viewHeader('My change').filter({ hasText: '@alice' }).waitFor({ timeout: 20_000 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

    await workbench.runCommand(COMMAND);
    const asked = workbench.toast('an engineer adds it');
    await asked.waitFor({ timeout: 20_000 });
    const text = await asked.innerText();
    assert.match(text, /the CI gate is a GitHub workflow, \.github\/workflows\/pm-zone-review\.yml, which is engineering-only for PMs \(CLAUDE\.md:\d+, owned by @acme\/platform\): an engineer adds it/);
    assert.match(text, /Ask your engineering DRI \(@dana\) to add it/);
    await page.waitForTimeout(500);
    await workbench.screenshot('ci-gate-pm');
    await asked.getByRole('button', { name: 'Copy the request' }).click();
    await workbench.toast('the request is on the clipboard').waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()), ciGateRequest());
    assert.equal(existsSync(workflow()), false, 'a PM wrote the workflow');
  });
});
