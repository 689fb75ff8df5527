// "PM Zone: Add the CI gate" as its two users meet it: an engineer gets the
// workflow written and opened (and is asked before a different one is
// replaced); a pilot PM is told the workflow is an engineer's file and gets
// the request to send, and nothing is written.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ciGateRequest, ciWorkflow, WORKFLOW_PATH } from '../../src/core/ci';
import { pullRequestEvent, runnerEnv, runnerFiles } from '../support/actionRunner';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';
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

  it('offers to move only the pins of a workflow an earlier version wrote, keeping the engineer\'s own lines', async () => {
    const { workbench } = session;
    const { page } = workbench;
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Notifications: Clear All Notifications');
    // What an earlier `ci init` wrote (actions/checkout v4.2.2, on Node 20), with the engineer's longer timeout.
    const earlier = readFileSync(join(__dirname, '../fixtures/ci/pm-zone-review.v4.yml'), 'utf8').replace('    timeout-minutes: 10\n', '    timeout-minutes: 20\n');
    writeFileSync(workflow(), earlier);
    const outdated = workbench.dialog('pins an older release than PM Zone writes');
    await workbench.runCommand(COMMAND);
    await outdated.waitFor({ timeout: 10_000 });
    assert.match(await outdated.innerText(), /actions\/checkout 11bd719… # v4\.2\.2 → v7\.0\.1 \(line 25\)/);
    await workbench.screenshot('ci-gate-update-pins');
    await outdated.getByRole('button', { name: 'Update the pins' }).click();
    await workbench.toast(`moved the pins of ${WORKFLOW_PATH}`).waitFor({ timeout: 20_000 });
    // PM Zone's own action keeps the release the engineer pinned (a floating major is the team's choice); the other pins move.
    const ownPin = /uses: pm-zone\/pm-zone@\S+/.exec(earlier)![0];
    assert.equal(readFileSync(workflow(), 'utf8'), ciWorkflow().replace('    timeout-minutes: 10\n', '    timeout-minutes: 20\n').replace(/uses: pm-zone\/pm-zone@\S+/, ownPin));
    await page.locator('.monaco-editor .view-line').filter({ hasText: 'timeout-minutes: 20' }).first().waitFor({ timeout: 10_000 });
  });

  it('writes nothing for a pilot PM, says an engineer adds it, and copies the request to send', async () => {
    const { workbench } = session;
    rmSync(workflow());
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.chooseIdentity('@alice');

    await workbench.runCommand(COMMAND);
    const asked = workbench.toast('an engineer adds it');
    await asked.waitFor({ timeout: 20_000 });
    const text = await asked.innerText();
    assert.match(text, /the CI gate is a GitHub workflow, \.github\/workflows\/pm-zone-review\.yml, which is engineering-only for PMs \(CLAUDE\.md:\d+, owned by @acme\/platform\): an engineer adds it/);
    assert.match(text, /Ask your engineering DRI \(@dana\) to add it/);
    await workbench.screenshot('ci-gate-pm');
    await asked.getByRole('button', { name: 'Copy the request' }).click();
    await workbench.toast('the request is on the clipboard').waitFor({ timeout: 10_000 });
    assert.equal(await workbench.clipboardText(), ciGateRequest());
    assert.equal(existsSync(workflow()), false, 'a PM wrote the workflow');
  });

  it("shows what the action reports on a PM's pull request that edits a locked file: the job summary and the annotations", async () => {
    const { workbench, workspace } = session;
    const { page } = workbench;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
    git('checkout', '--quiet', '-b', 'alice/remember-me');
    const locked = join(workspace, 'src/auth/session.ts');
    writeFileSync(locked, `${readFileSync(locked, 'utf8')}export const REMEMBER_ME_DAYS = 30;\n`);
    writeFileSync(join(workspace, PLANNING_PATH), PLANNING_TEXT);
    git('add', '--all');
    git('commit', '--quiet', '--no-verify', '-m', 'Checkout: remember me for 30 days');

    // The action as the runner starts it; with comment: false it needs no GitHub.
    const scratch = mkdtempSync(join(tmpdir(), 'pm-zone-e2e-action-'));
    try {
      const files = runnerFiles(scratch, pullRequestEvent({ branch: 'alice/remember-me', body: `## Planning doc\n\n[PLANNING.md](${PLANNING_PATH})\n` }));
      const env = runnerEnv({ PATH: process.env.PATH, HOME: scratch }, { workspace, files, apiUrl: 'http://127.0.0.1:9', token: 'unused', inputs: { comment: 'false' } });
      const run = spawnSync(process.execPath, [join(__dirname, '../../dist/action.js')], { cwd: workspace, env, encoding: 'utf8' });
      assert.equal(run.status, 1, run.stdout);
      const annotations = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
      assert.ok(annotations.some((line) => line.startsWith('::error title=PM PR Review%3A zone.locked (blocker),file=src/auth/session.ts::')), annotations.join('\n'));
      const summary = readFileSync(files.summaryPath, 'utf8');
      assert.match(summary, /^## ❌ PM PR Review/m);

      // The summary as GitHub renders Markdown, here in VS Code's preview; the annotations below it as the log shows them.
      writeFileSync(join(workspace, 'job-summary.md'), `${summary}\n---\n\nAnnotations (the job log; GitHub shows each on its line of the diff):\n\n\`\`\`text\n${annotations.join('\n')}\n\`\`\`\n`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.quickOpen('job-summary.md');
    // Ctrl+Shift+V: the palette lists several "Open Preview" commands, in an order of its own.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+V');
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.getByText('PM PR Review', { exact: false }).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('ci-gate-summary');
  });
});
