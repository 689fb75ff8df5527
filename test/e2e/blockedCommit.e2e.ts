// A PM's blocked commit, walked through the workbench as a PM new to git
// walks it: the pre-commit hook installed from the palette, a commit from
// Source Control that the hook blocks (the dialog's first line names the
// blocker), the fix typed and saved, "Not staged" in My change, Stage my
// fixes, and Commit again, which goes through. Along the way: one list of
// problems, whose counts agree in the Problems panel, the status bar and
// the sidebar, and no whole-change finding on a line of an unrelated file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './session';
import { until } from './workbench';
import { PLANNING_PATH, PLANNING_TEXT } from '../support/finishedPlanning';

const EVENTS = 'src/features/checkout/analytics/events.ts';
const EMAIL_EVENT = "  | { name: 'checkout_email_entered'; email: string }";
const MESSAGE = 'Checkout: a welcome e-mail event';

/** Errors, warnings and infos as the status bar counts them. */
async function statusBarCounts(page: Page): Promise<number[]> {
  // VS Code labels its Problems item "Errors: 1, Warnings: 2, Infos: 3".
  const label = await page.locator('[id="status.problems"]').first().evaluate((element) =>
    [element, ...element.querySelectorAll('[aria-label]')].map((node) => node.getAttribute('aria-label') ?? '').join(' '));
  const count = (word: string) => Number(new RegExp(`${word}: (\\d+)`, 'i').exec(label)?.[1] ?? 0);
  return [count('Errors'), count('Warnings'), count('Infos')];
}

describe("A PM's blocked commit, through the workbench", () => {
  let session: Session;
  let page: Page;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: session.workspace, encoding: 'utf8' });

  before(async () => {
    session = await openSession({ name: 'blocked-commit', sample: { branch: 'alice/welcome-event' } });
    page = session.workbench.page;
    // The planning doc, with one section left to write; an event that sends an e-mail address.
    writeFileSync(join(session.workspace, PLANNING_PATH), PLANNING_TEXT.replace(/## Rollback\n\n.*\n/, '## Rollback\n\n'));
    const events = join(session.workspace, EVENTS);
    writeFileSync(events, readFileSync(events, 'utf8').replace("  | { name: 'checkout_viewed'; itemCount: number }\n", `  | { name: 'checkout_viewed'; itemCount: number }\n${EMAIL_EVENT}\n`));
    await session.workbench.waitForExtension();
  });

  after(async () => {
    await session?.close();
  });

  it('lists each planning gap once, with one severity the status bar and the sidebar count alike, and nothing on an unrelated line', async () => {
    const { workbench } = session;
    await workbench.runCommand('PM Zone: Install the pre-commit hook');
    await workbench.toast('your changes are checked before each commit').waitFor({ timeout: 20_000 });
    await workbench.quickOpen(PLANNING_PATH);
    await workbench.runCommand('PM Zone: Review my change');
    await workbench.toast(/PM Zone: 1 blocker/).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.getByText('The "Rollback" section', { exact: false }).first().waitFor({ timeout: 10_000 });
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    const all = rows.join('\n');
    assert.equal(all.split('The "Rollback" section').length - 1, 1, `a planning gap is listed more than once:\n${all}`);
    // The Problems panel heads each file's findings with its name: the copy file has none of its own.
    assert.ok(!rows.some((row) => row.startsWith('en.json')), `a finding on the copy file, which has none of its own:\n${all}`);
    assert.match(all, /Whole change: Code owners who must review: @dana/, 'the code owners, once, for the whole change');
    assert.equal(all.split('Code owners who must review').length - 1, 1, `one note per set of owners:\n${all}`);

    // The sidebar's count is the Problems panel's and the status bar's.
    await workbench.openPmZoneSideBar();
    const summary = workbench.viewRows('My change').filter({ hasText: /blocker/ }).first();
    await summary.waitFor({ timeout: 20_000 });
    const words = await summary.innerText();
    const [blockers, warnings] = [/(\d+) blockers?/, /(\d+) warnings?/].map((pattern) => Number(pattern.exec(words)?.[1] ?? 0));
    const [errors, statusWarnings] = await until('the status bar to count the problems', async () => {
      const counts = await statusBarCounts(page);
      return counts[0] > 0 ? counts : undefined;
    }, 10_000);
    assert.deepEqual([errors, statusWarnings], [blockers, warnings], `the status bar counts ${errors} errors, ${statusWarnings} warnings; My change says "${words}"`);
    await workbench.screenshot('blocked-1-one-list');
  });

  it("is blocked in Source Control, and the dialog's first line names the blocker", async () => {
    const { workbench } = session;
    await workbench.writeCommitMessage(MESSAGE);
    // Nothing is staged: VS Code offers to stage everything and commit, as a PM new to git accepts.
    const dialog = page.locator('.monaco-dialog-box');
    await workbench.commitWithKey(async () => (await dialog.count()) > 0);
    await dialog.filter({ hasText: 'no staged changes' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Yes' }).click();
    const blocked = dialog.filter({ hasText: 'PM Zone blocked this commit' });
    await blocked.waitFor({ timeout: 60_000 });
    const text = await blocked.innerText();
    assert.match(text, /Git: PM Zone blocked this commit: event captures personal data \(events\.ts:6\)\. See the Problems panel\./);
    assert.doesNotMatch(text, /zone\.owners|Code owners/, 'a note heads the dialog');
    await workbench.screenshot('blocked-2-dialog');
    await blocked.getByRole('button', { name: 'Cancel' }).click();
    assert.match(git('status', '--porcelain', '--', EVENTS), /^M /, 'VS Code staged the file for the commit');
  });

  it('fixed and saved, says the fix is not staged; Stage my fixes, then Commit, commits it', async () => {
    const { workbench } = session;
    const before = git('rev-parse', 'HEAD').trim();
    // The PM deletes the event's line in the editor and saves.
    await workbench.quickOpen(EVENTS);
    await workbench.goToLine(6);
    await page.keyboard.press('Control+Shift+K');
    await workbench.saveActiveEditor('the fix to be saved', () => !readFileSync(join(session.workspace, EVENTS), 'utf8').includes('checkout_email_entered'));
    assert.match(git('status', '--porcelain', '--', EVENTS), /^MM /, 'the fix is saved, not staged');

    await workbench.openPmZoneSideBar();
    const notStaged = workbench.viewRows('My change').filter({ hasText: 'Not staged: events.ts' });
    await notStaged.waitFor({ timeout: 30_000 });
    // The blocker stands in the staged copy the commit would take: said so, not drawn on the saved file's line 6, which is fine.
    const panel = page.locator('.markers-panel');
    await panel.getByText('in the staged copy (line 6), not your saved file', { exact: false }).first().waitFor({ timeout: 10_000 });
    assert.doesNotMatch(await panel.innerText(), /Ln 6, Col/, 'the staged blocker is drawn on a line of the saved file');
    await workbench.screenshot('blocked-3-not-staged');
    await notStaged.click();
    await workbench.toast('staged your fixes to events.ts').waitFor({ timeout: 60_000 });
    assert.equal(git('diff', '--name-only', '--', EVENTS), '', 'the fix is staged');

    // The message of the blocked commit may still be there: written afresh, as a PM would check it.
    await workbench.writeCommitMessage(MESSAGE);
    // Started: committed, a dialog up, or git at work (it holds the index's lock while it commits and its hook reviews).
    // A fresh-clone run on 1.90 lost the one press this step made.
    const dialog = page.locator('.monaco-dialog-box');
    await workbench.commitWithKey(async () => git('rev-parse', 'HEAD').trim() !== before || existsSync(join(session.workspace, '.git', 'index.lock')) || (await dialog.count()) > 0);
    await until('the commit', () => git('rev-parse', 'HEAD').trim() !== before, 60_000, 500).catch(async (error) => {
      throw new Error(`${error}: ${(await dialog.count()) > 0 ? await dialog.innerText() : 'no dialog'}`);
    });
    assert.equal(git('log', '-1', '--format=%s').trim(), MESSAGE);
    assert.ok(!git('show', '--format=', 'HEAD', '--', EVENTS).includes('checkout_email_entered'), 'the staged blocker was committed');
    await workbench.screenshot('blocked-4-committed');
  });
});
