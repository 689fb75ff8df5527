// The sidebar and "PM Zone: Open pull request" as a PM uses them: the PM
// Zone activity-bar view on a branch with a finished change, the palette, the
// two questions answered in the real quick inputs, and the composed
// PULL_REQUEST.md with its "Send pull request" action. Nothing is sent.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './session';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';

const BRANCH = 'alice/checkout-copy';
const PLANNING = PLANNING_PATH;
const QUICK_INPUT = '.quick-input-widget';

describe('Open pull request, through the real sidebar and inputs', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    session = await openSession({ name: 'pull-request', sample: { branch: BRANCH, commit: true } });
    page = session.workbench.page;
    // A finished planning doc on the branch, committed as the PM would.
    writeFileSync(join(session.workspace, PLANNING), PLANNING_TEXT);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: session.workspace, encoding: 'utf8' });
    git('add', '--', PLANNING);
    git('commit', '--quiet', '--no-verify', '-m', 'Planning doc for the order button copy');
    await session.workbench.waitForExplorer();
  });

  after(async () => {
    await session?.close();
  });

  it('shows the change by zone and the checklist in the PM Zone sidebar', async () => {
    await session.workbench.openPmZoneSideBar();
    const myChange = session.workbench.viewRows('My change');
    // Opening the view reviews the change by itself.
    await myChange.filter({ hasText: 'PM-editable (2)' }).waitFor({ timeout: 30_000 });
    const labels = await myChange.allInnerTexts();
    assert.match(labels[0] ?? '', /No blockers — ready for review/);
    assert.ok(labels.some((label) => label.startsWith('Planning doc')), labels.join(' | '));
    const checklist = session.workbench.viewRows('Checklist');
    await checklist.filter({ hasText: 'Scope' }).waitFor({ timeout: 10_000 });

    // Wider, so the rows read whole; the changed copy file open; the view's title actions shown.
    await session.workbench.widenSideBar(470);
    // The file's own row (the code owners' note names the file too).
    await myChange.filter({ hasText: 'en.json' }).filter({ hasNotText: 'Code owners' }).click();
    await page.locator('.editor-group-container.active .tab.active').filter({ hasText: 'en.json' }).waitFor({ timeout: 10_000 });
    await page.locator('.pane-header', { hasText: 'My change' }).hover();
    await page.locator('.pane-header', { hasText: 'My change' }).locator('.action-label[aria-label="PM Zone: Open pull request"], .action-label[aria-label="Open pull request"]').first().waitFor({ timeout: 5_000 });
    await session.workbench.screenshot('sidebar');
  });

  it('composes the pull request from the palette, after the AI questions, into an editable PULL_REQUEST.md', async () => {
    const { workbench } = session;
    await workbench.runCommand('PM Zone: Open pull request');
    await session.workbench.waitForQuickInputTitle('Which files were written with AI assistance?');
    const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ visible: true });
    assert.deepEqual((await rows.allInnerTexts()).map((text) => text.trim()), [PLANNING, 'src/features/checkout/i18n/en.json']);
    // What to do is read whole: the placeholder fits its box, measured in the box's own font.
    const input = page.locator(`${QUICK_INPUT} .quick-input-box input`).filter({ visible: true });
    const fits = await input.evaluate((element) => {
      const box = element as unknown as { placeholder: string; clientWidth: number; ownerDocument: { createElement(tag: string): { getContext(kind: string): { font: string; measureText(text: string): { width: number } } } }; };
      const style = (element.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { font: string; paddingLeft: string; paddingRight: string } }).getComputedStyle(element);
      const context = box.ownerDocument.createElement('canvas').getContext('2d');
      context.font = style.font;
      return { text: box.placeholder, width: context.measureText(box.placeholder).width, room: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
    });
    assert.ok(fits.width <= fits.room, `the prompt is cut off: "${fits.text}" needs ${fits.width.toFixed(0)} px, the box has ${fits.room} px`);
    // No commit names an AI co-author, so nothing is ticked: accept as is.
    await page.keyboard.press('Enter');
    await session.workbench.waitForQuickInputTitle('Do you understand every line of this change?');
    await workbench.pick('Yes, I have read and understand every line');
    // The pilot's check-in, optional, written into the body for the readout.
    await session.workbench.waitForQuickInputTitle('How did shipping this feel, 1–5?');
    await workbench.screenshot('pull-request-energy');
    await workbench.pickExactly('4');

    const tab = page.locator('.editor-group-container.active .tab.active').filter({ hasText: 'PULL_REQUEST.md' });
    await tab.waitFor({ timeout: 20_000 });
    const lens = page.locator('.contentWidgets .codelens-decoration, .monaco-editor .codelens-decoration').filter({ hasText: 'Send pull request' }).first();
    await lens.waitFor({ timeout: 20_000 });
    await page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Your pull request is in PULL_REQUEST.md' }).waitFor({ timeout: 10_000 });
    await workbench.screenshot('pull-request');

    const text = readFileSync(join(session.workspace, '.git', 'pm-zone', 'PULL_REQUEST.md'), 'utf8');
    assert.match(text, /^---\n# The pull request PM Zone will open\./);
    assert.match(text, /\ntitle: Say "Confirm order" on the order button\nbase: main\nhead: alice\/checkout-copy\nlabels:\n {2}- pm-authored\nreviewers:\n {2}- "@dana"\ndraft: false\n---\n/);
    assert.match(text, /## AI assistance\n\nNo AI assistance detected or declared\.\n\n- \[x\] I have read and understand every line of this change\./);
    assert.match(text, /## Pilot check-in\n\n\*\*How did shipping this feel, 1–5\?\*\* 4\n/);
    // The draft lives in the git folder: the working tree stays clean.
    assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: session.workspace, encoding: 'utf8' }), '');
  });
});

describe('Open pull request in Restricted Mode', () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'pull-request-restricted', sample: { branch: BRANCH, commit: true }, workspaceTrust: true });
    await session.workbench.answerTrustDialog(false);
    await session.workbench.waitForExplorer();
  });

  after(async () => {
    await session?.close();
  });

  it('says why nothing runs, offers to trust the folder, and writes nothing', async () => {
    const { workbench } = session;
    await workbench.runCommand('PM Zone: Open pull request');
    const toast = workbench.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'Restricted Mode' }).first();
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /PM Zone opens a pull request with git .* which Restricted Mode does not allow\. Trust this folder to open a pull request\./);
    assert.ok(await toast.getByRole('button', { name: 'Manage Workspace Trust' }).isVisible());
    assert.equal(existsSync(join(session.workspace, '.git', 'pm-zone')), false);
  });
});
