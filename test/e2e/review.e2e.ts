// "Review my change" as a user sees it: the explanation in Restricted Mode,
// and the Problems panel after a review of a PM branch with problems.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './session';
import { toastOn as toast, until } from './workbench';

const REVIEW_COMMAND = 'PM Zone: Review my change';
// Built at run time, so this file holds no key-shaped literal.
const AWS_KEY = ['AKIA', 'Q7XW3M9K2LZP4R8T'].join('');


/** Opens a file through Quick Open and waits for its error squiggle. */
async function openWithSquiggle(session: Session, relPath: string): Promise<void> {
  const { page } = session.workbench;
  await session.workbench.quickOpen(relPath);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
}

function edit(workspace: string, relPath: string, change: (text: string) => string): void {
  const file = join(workspace, relPath);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${relPath} changed nothing`);
  writeFileSync(file, after);
}

describe('Review my change in the workbench', () => {
  describe('in Restricted Mode', () => {
    let session: Session;

    before(async () => {
      session = await openSession({ name: 'review-restricted', workspaceTrust: true });
      await session.workbench.answerTrustDialog(false);
      await session.workbench.waitForExplorer();
    });

    after(async () => {
      await session?.close();
    });

    it('still shows the lock badges: they only read text', async () => {
      const { workbench } = session;
      await workbench.expand('src/auth');
      await workbench.rowLocator('src/auth/session.ts').locator('[class*="monaco-decoration-itemBadge"]').waitFor({ timeout: 30_000 });
      const row = await workbench.row('src/auth/session.ts');
      assert.equal(row.badgeText, '🔒');
      assert.match(row.ariaLabel, /Engineering only/);
    });

    it('explains why the review does not run, with a way to trust the folder', async () => {
      const { workbench } = session;
      await workbench.runCommand(REVIEW_COMMAND);
      const message = toast(workbench.page, 'Restricted Mode');
      await message.waitFor({ timeout: 15_000 });
      const text = await message.innerText();
      assert.match(text, /PM Zone reviews the change with git, which Restricted Mode does not allow\. Trust this folder to review\./);
      assert.ok(await message.getByRole('button', { name: 'Manage Workspace Trust' }).isVisible());
      await workbench.screenshot('review-restricted');
      // Nothing was reviewed: the Problems panel stays free of review findings.
      await workbench.page.keyboard.press('Control+Shift+M');
      const panel = workbench.page.locator('.markers-panel');
      await panel.waitFor({ timeout: 10_000 });
      assert.ok(!(await panel.innerText()).includes('Blocker:'));
    });
  });

  describe('on a PM branch with problems', () => {
    let session: Session;

    before(async () => {
      session = await openSession({ name: 'review-problems', sample: { branch: 'alice/longer-sessions' } });
      const { workspace } = session;
      edit(workspace, 'src/features/checkout/i18n/en.json', (text) => text.replace('"title": "Checkout",', `"title": "Checkout",\n    "supportKey": "${AWS_KEY}",`));
      edit(workspace, 'src/auth/session.ts', (text) => text.replace('30 * 60 * 1000', '60 * 60 * 1000'));
      edit(workspace, 'src/features/checkout/analytics/events.ts', (text) =>
        text.replace("  | { name: 'checkout_payment_failed'; reason: 'declined' | 'network' | 'unknown' }\n", ''));
      await session.workbench.waitForExtension();
    });

    after(async () => {
      await session?.close();
    });

    it('sums the review up in a notification whose button opens the Problems panel, each finding on its line', async () => {
      const { workbench } = session;
      const { page } = workbench;
      await workbench.runCommand(REVIEW_COMMAND);
      const summary = toast(page, /PM Zone: \d+ blockers?/);
      await summary.waitFor({ timeout: 30_000 });
      const text = await summary.innerText();
      assert.match(text, /PM Zone: 4 blockers\./);
      // A finding about the whole change is on the PM's feature folder, never on a line of one of its files.
      assert.match(text, /Whole change: no PLANNING\.md \(shown on the checkout folder\)/);
      await summary.getByRole('button', { name: 'Show Problems' }).click();

      const panel = page.locator('.markers-panel');
      await panel.waitFor({ timeout: 10_000 });
      await panel.getByText('Possible AWS access key id', { exact: false }).first().waitFor({ timeout: 10_000 });
      const rows = await panel.locator('.monaco-list-row').allInnerTexts();
      const all = rows.join('\n');
      for (const expected of ['en.json', 'session.ts', 'events.ts', 'Blocker: Possible AWS access key id', 'Blocker: Whole change: No PLANNING.md', 'security.secret', 'zone.locked', 'analytics.removal']) {
        assert.ok(all.includes(expected), `the Problems panel does not show "${expected}":\n${all}`);
      }
      assert.ok(!all.includes(AWS_KEY), 'the Problems panel shows the secret');
      // The secret's row says where it is: line 4 of en.json.
      const secretRow = await panel.locator('.monaco-list-row').filter({ hasText: 'Possible AWS access key id' }).first().innerText();
      assert.match(secretRow, /Ln 4, Col \d+/);

      // Open the copy file too, so the screenshot shows the squiggle beside the panel.
      await openWithSquiggle(session, 'checkout/i18n/en.json');
      await workbench.screenshot('review-problems');

      // A folder with problems inside shows only VS Code's "Contains emphasized items" dot: the
      // workbench then drops every other badge of the folder, ours included (no API keeps it). What
      // stays: the lock on each file inside, and on a locked folder with no problems.
      await workbench.expand('src');
      const folder = await workbench.row('src/auth');
      assert.equal(folder.ariaLabel.split(' • ').slice(1).join(' • '), 'Contains emphasized items', folder.ariaLabel);
      assert.ok(folder.classes.some((name) => name.startsWith('monaco-decoration-bubbleBadge')), folder.classes.join(' '));
      // Decorations arrive one provider at a time after the row is drawn: wait for the lock.
      await until('the lock on src/payments', async () => (await workbench.row('src/payments')).badgeText === '🔒', 10_000)
        .catch(async (error) => assert.fail(`${error}: src/payments shows ${JSON.stringify(await workbench.row('src/payments'))}`));
      const quiet = await workbench.row('src/payments');
      assert.equal(quiet.badgeText, '🔒');
      assert.match(quiet.ariaLabel, /Engineering only: everything in this folder/);
      await workbench.expand('src/auth');
      // The row's own badges arrive one provider at a time: wait for ours beside the problem's.
      await until('the lock on src/auth/session.ts', async () => (await workbench.row('src/auth/session.ts')).badgeText?.includes('🔒') === true, 10_000)
        .catch(async (error) => assert.fail(`${error}: session.ts shows ${JSON.stringify(await workbench.row('src/auth/session.ts'))}`));
      const file = await workbench.row('src/auth/session.ts');
      assert.match(file.badgeText ?? '', /^1, .*🔒/);
      assert.match(file.ariaLabel, /1 problem in this file .*Engineering only/);
      await workbench.screenshot('review-locked-folder-with-problems');

      // The check id is a link to the checklist item: the skill file opens at that item's line.
      const skill = readFileSync(join(session.workspace, '.claude/skills/pm-pr-review/SKILL.md'), 'utf8').split('\n');
      const itemLine = skill.findIndex((line) => line.includes('No secrets, tokens or keys')) + 1;
      await panel.locator('.monaco-list-row').filter({ hasText: 'Possible AWS access key id' }).first().getByText('security.secret').click();
      await page.locator('.tabs-container .tab.active').filter({ hasText: 'SKILL.md' }).waitFor({ timeout: 10_000 });
      await page.locator('.statusbar').getByText(`Ln ${itemLine}, Col 1`).waitFor({ timeout: 10_000 });
    });

    it('undoes the locked edit through the shipped command, only once the PM confirms in a dialog that names the file', async () => {
      const { workbench, workspace } = session;
      const { page } = workbench;
      const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
      const locked = 'src/auth/session.ts';
      git('add', '--', locked);
      const edited = readFileSync(join(workspace, locked), 'utf8');
      await openWithSquiggle(session, 'auth/session.ts');
      const dialog = page.locator('.monaco-dialog-box');
      const undo = async (button: string) => {
        await workbench.runCommand("PM Zone: Undo this branch's change to this file");
        await dialog.filter({ hasText: `Undo your change to ${locked}?` }).waitFor({ timeout: 10_000 });
        if (button === 'Cancel') await workbench.screenshot('review-undo-locked');
        await dialog.getByRole('button', { name: button }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
      };

      await undo('Cancel');
      assert.equal(readFileSync(join(workspace, locked), 'utf8'), edited, 'a refused undo changed the file');
      assert.match(git('status', '--porcelain', '--', locked), /^M/);

      await undo('Undo my change');
      await toast(page, `your change to ${locked} is undone`).waitFor({ timeout: 10_000 });
      assert.equal(readFileSync(join(workspace, locked), 'utf8'), git('show', `main:${locked}`));
      assert.doesNotMatch(git('status', '--porcelain', '--', locked), /^M/, 'the staged edit survived the undo');

      // Asked again, there is nothing to undo: said, and no dialog.
      await workbench.runCommand("PM Zone: Undo this branch's change to this file");
      await toast(page, `${locked} is already as on main`).waitFor({ timeout: 10_000 });
      assert.equal(await dialog.count(), 0);

      // A file the change added goes to the trash (or, where the host has none, is deleted once asked again).
      const added = 'src/auth/remember-me.ts';
      writeFileSync(join(workspace, added), 'export const REMEMBER_ME_DAYS = 30;\n');
      await workbench.quickOpen(added);
      await workbench.runCommand("PM Zone: Undo this branch's change to this file");
      await dialog.filter({ hasText: `Delete ${added}?` }).waitFor({ timeout: 10_000 });
      await dialog.getByRole('button', { name: 'Move to Trash' }).click();
      await until(`${added} to be deleted`, async () => {
        const permanently = dialog.filter({ hasText: `Delete ${added} permanently?` });
        if (await permanently.count()) await permanently.getByRole('button', { name: 'Delete Permanently' }).click();
        return !existsSync(join(workspace, added));
      }, 10_000);
    });

    it("with another tool's problems in the workspace, the review's button shows PM Zone's findings only, in My change", async () => {
      const { workbench } = session;
      const { page } = workbench;
      // Another tool's problem: JSON's own "Value expected" in a scratch file that is not part of the change.
      await workbench.runCommand('File: New Untitled Text File');
      await page.locator('.monaco-editor textarea').first().waitFor();
      await page.keyboard.type('{ "draft": }');
      await workbench.runCommand('Change Language Mode');
      await workbench.answerInput('json');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });

      await workbench.runCommand(REVIEW_COMMAND);
      const summary = toast(page, /PM Zone: \d+ blockers?/);
      await summary.waitFor({ timeout: 30_000 });
      assert.equal(await summary.getByRole('button', { name: 'Show Problems' }).count(), 0, 'the button still opens the unfiltered Problems panel');
      await summary.getByRole('button', { name: 'Show Findings' }).click();

      const myChange = workbench.viewRows('My change');
      await myChange.filter({ hasText: 'Possible AWS access key id' }).first().waitFor({ timeout: 10_000 });
      const shown = (await myChange.allInnerTexts()).join('\n');
      assert.ok(shown.includes('en.json'), shown);
      assert.ok(!/Value expected/i.test(shown), `My change shows another tool's problem:\n${shown}`);
      await workbench.screenshot('review-findings-only');
    });
  });

  describe('on a PM branch whose translation breaks a placeholder', () => {
    let session: Session;

    before(async () => {
      session = await openSession({ name: 'review-translation', sample: { branch: 'alice/pay-now' } });
      const { workspace } = session;
      edit(workspace, 'src/features/checkout/i18n/en.json', (text) => text.replace('"Pay {total}"', '"Pay {total} now"'));
      edit(workspace, 'src/features/checkout/i18n/fr.json', (text) => text.replace('"Payer {total}"', '"Payer {totl}"'));
      await session.workbench.waitForExtension();
    });

    after(async () => {
      await session?.close();
    });

    it('shows one blocker on the translated key, naming the locale and the placeholders, and none on the copy edit', async () => {
      const { workbench } = session;
      const { page } = workbench;
      await workbench.runCommand(REVIEW_COMMAND);
      const summary = toast(page, /PM Zone: \d+ blockers?/);
      await summary.waitFor({ timeout: 30_000 });
      await summary.getByRole('button', { name: 'Show Problems' }).click();
      const panel = page.locator('.markers-panel');
      const message = 'Blocker: `checkout.button.payAmount` differs from the source (en) in fr: new {totl}; missing {total}.';
      await panel.getByText('differs from the source (en) in fr', { exact: false }).first().waitFor({ timeout: 10_000 });
      const row = await panel.locator('.monaco-list-row').filter({ hasText: 'differs from the source' }).first().innerText();
      assert.ok(row.includes(message.replace(/`/g, '')) || row.includes(message), row);
      const frLine = readFileSync(join(session.workspace, 'src/features/checkout/i18n/fr.json'), 'utf8').split('\n').findIndex((line) => line.includes('"payAmount"')) + 1;
      assert.match(row, new RegExp(`Ln ${frLine}, Col \\d+`));
      const all = (await panel.locator('.monaco-list-row').allInnerTexts()).join('\n');
      assert.equal(all.split('differs from the source').length - 1, 1, `the translation problem is shown more than once:\n${all}`);

      await openWithSquiggle(session, 'checkout/i18n/fr.json');
      await workbench.screenshot('review-translation');
    });
  });
  describe('on a PM branch that adds a key store', () => {
    let session: Session;
    const store = 'docs/keys/service-account.p12';

    before(async () => {
      session = await openSession({ name: 'review-key-store', sample: { branch: 'alice/pay-now' } });
      const { workspace } = session;
      mkdirSync(join(workspace, 'docs/keys'), { recursive: true });
      // A PKCS#12 header, then bytes with no printable run long enough to read as a token: git calls it binary.
      writeFileSync(join(workspace, store), Buffer.concat([Buffer.from([0x30, 0x82, 0x09, 0x7c, 0x02, 0x01, 0x03, 0x00]), Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256))]));
      execFileSync('git', ['add', '--', store], { cwd: workspace });
      await session.workbench.waitForExtension();
    });

    after(async () => {
      await session?.close();
    });

    it('warns on the key store in the Problems panel, on the file itself, without a blocker from the secret check', async () => {
      const { workbench } = session;
      const { page } = workbench;
      await workbench.runCommand(REVIEW_COMMAND);
      const summary = toast(page, /PM Zone: .*warning/);
      await summary.waitFor({ timeout: 30_000 });
      await summary.getByRole('button', { name: 'Show Problems' }).click();
      const panel = page.locator('.markers-panel');
      await panel.getByText('A key store', { exact: false }).first().waitFor({ timeout: 10_000 });
      const keyStoreRow = panel.locator('.monaco-list-row').filter({ hasText: 'A key store' }).first();
      const row = await keyStoreRow.innerText();
      assert.match(row, /^A key store: /m, row);
      // A warning's icon, not an error's: the row's severity is shown by its codicon.
      assert.equal(await keyStoreRow.locator('[class*="codicon-warning"]').count(), 1, await keyStoreRow.innerHTML());
      assert.match(row, /notasecret/);
      assert.match(row, /security\.secret/);
      assert.match(row, /Ln 1, Col 1/);
      const all = (await panel.locator('.monaco-list-row').allInnerTexts()).join('\n');
      assert.ok(all.includes('service-account.p12'), all);
      assert.doesNotMatch(all, /Blocker: [^\n]*(key store|security\.secret)/, all);
      await page.waitForTimeout(300);
      await workbench.screenshot('review-key-store');
    });
  });
});
