import * as assert from 'node:assert/strict';
import { openSession, type Session } from './session';
import { until } from './workbench';

describe('explorer on the sample repository', () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'explorer' });
    await session.workbench.waitForExplorer();
  });

  after(async () => {
    await session?.close();
  });

  it('lists the top-level files and folders', async () => {
    for (const path of ['CLAUDE.md', 'README.md', 'package.json', 'src', 'db', 'infra', '.github', '.claude']) {
      const row = await session.workbench.row(path);
      assert.equal(await row.locator.getAttribute('aria-label'), path);
    }
  });

  it('expands nested folders down to the files a PM works on', async () => {
    const { workbench } = session;
    await workbench.expand('src/features/checkout/i18n');
    await workbench.expand('src/auth');
    await workbench.expand('db/migrations');
    for (const path of [
      'src/features/checkout/i18n/en.json',
      'src/features/checkout/i18n/fr.json',
      'src/features/checkout/flags.yaml',
      'src/auth/session.ts',
      'db/migrations/001_init.sql',
    ]) {
      const row = await workbench.row(path);
      assert.equal(await row.locator.getAttribute('aria-label'), path.split('/').pop());
    }
    await workbench.screenshot('explorer');
  });

  it('badges every row as a PM sees it: PM-editable, locked, or nothing loud', async () => {
    const { workbench } = session;
    await workbench.expand('src/features/checkout/i18n');
    await workbench.expand('src/auth');
    await workbench.expand('src/components');
    const expectations: [string, string | undefined][] = [
      ['src/features/checkout/i18n/en.json', 'PM'],
      ['src/features/checkout/flags.yaml', 'PM'],
      ['src/auth/session.ts', '🔒'],
      ['src/auth', '🔒'],
      ['infra', '🔒'],
      ['CLAUDE.md', '🔒'],
      ['src/components/Button.tsx', undefined],
      ['src/features', undefined],
    ];
    for (const [path, badge] of expectations) {
      const row = await workbench.row(path);
      assert.equal(row.badgeText, badge, `${path}: badge ${row.badgeText ?? 'none'}, expected ${badge ?? 'none'}`);
    }
    const locked = await workbench.row('src/auth/session.ts');
    assert.match(locked.ariaLabel, /Engineering only: anything in a folder named auth \(rule `\*\*\/auth\/\*\*`, CLAUDE\.md:31\)\. Owners: @acme\/security/);
    const editable = await workbench.row('src/features/checkout/i18n/en.json');
    assert.notEqual(editable.color, locked.color, 'editable and locked files have the same colour');
    // A row with no badge reads so before its decoration comes as well as after: its label says when it came (a fresh-clone run read it first).
    await until('the outside decoration on src/components/Button.tsx', async () => /Outside the PM zone/.test((await workbench.row('src/components/Button.tsx')).ariaLabel), 10_000);
    assert.match(await locked.title(), /Engineering only/);
    await workbench.screenshot('explorer-badges');
  });

  it('warns once, without a modal, on the first edit of a locked file, with "Why?" and "Undo my changes"', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.expand('src/auth');
    await (await workbench.findRow('src/auth/login.ts')).dblclick();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// a PM was here');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'login.ts is engineering-only' });
    await toast.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'the warning must not be modal');
    assert.equal(await toast.getByRole('button', { name: 'Why?' }).count(), 1);
    await workbench.screenshot('locked-edit-warning');
    await toast.getByRole('button', { name: 'Undo my changes' }).click();
    // Undone means the edit left the editor and the file is saved again (no dirty dot on its tab).
    await until('the edit to be undone', async () => !(await editor.innerText()).includes('a PM was here'), 10_000);
    await page.locator('.tabs-container .tab.active:not(.dirty)').filter({ hasText: 'login.ts' }).waitFor({ timeout: 10_000 });
  });

  it('"Choose who I am" from the palette makes the other pilot\'s component folder PM-editable, and the first one not', async () => {
    const { workbench } = session;
    await workbench.expand('src/features/checkout/components');
    await workbench.expand('src/features/search/components');
    const checkout = 'src/features/checkout/components/CheckoutButton.tsx';
    const search = 'src/features/search/components/SearchBox.tsx';
    // git's user.email is Alice's: her folder is hers, Bob's is not. Badges of freshly expanded rows paint a moment later.
    await until(`the PM badge on ${checkout}`, async () => (await workbench.row(checkout)).badgeText === 'PM', 10_000);
    assert.equal((await workbench.row(search)).badgeText, undefined);
    await workbench.runCommand('PM Zone: Choose who I am');
    await workbench.screenshot('choose-who-i-am');
    await workbench.pick('@bob');
    await until(`the PM badge on ${search}`, async () => (await workbench.row(search)).badgeText === 'PM', 10_000);
    assert.equal((await workbench.row(checkout)).badgeText, undefined);
    await workbench.screenshot('chosen-bob');
  });

  it('has no row for a file the repository does not have', async () => {
    assert.equal(await session.workbench.rowLocator('src/features/checkout/i18n/de.json').count(), 0);
    // A folder that was never expanded shows no children either.
    assert.equal(await session.workbench.rowLocator('src/payments/stripe.ts').count(), 0);
  });
});
