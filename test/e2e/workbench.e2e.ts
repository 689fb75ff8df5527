// The page object itself, checked against a fixture extension whose
// decorations and questions are known, so that tests built on it can trust
// what it reads.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWERS_FILE, FIXTURE_COMMAND_TITLE, FIXTURE_DECORATIONS, writeDecoratingExtension } from './fixtures/decoratingExtension';
import { openSession, type Session } from './session';
import { contentText, until } from './workbench';

/** The JSON in `file` once the fixture has written all of it (it may be seen half written). */
function waitForJson(file: string, timeoutMs: number): Promise<unknown> {
  return until(`${file} to be written`, () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }, timeoutMs);
}

describe('workbench page object', () => {
  describe('contentText', () => {
    it('reads a CSS string, escapes included', () => {
      assert.equal(contentText('"🔒"'), '🔒');
      assert.equal(contentText('"a\\"b"'), 'a"b');
    });
    it('reads none, normal and the empty string as no badge', () => {
      assert.equal(contentText('none'), undefined);
      assert.equal(contentText('normal'), undefined);
      assert.equal(contentText('""'), undefined);
    });
  });

  describe('against a fixture extension', () => {
    let session: Session;
    let extensionDir: string;

    before(async () => {
      extensionDir = writeDecoratingExtension(mkdtempSync(join(tmpdir(), 'pm-zone-fixture-extension-')));
      session = await openSession({ name: 'page-object', extensionDir });
      await session.workbench.waitForExplorer();
      await session.workbench.expand('src/auth');
      await session.workbench.expand('src/features/checkout/i18n');
    });

    after(async () => {
      await session?.close();
      if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
    });

    it('reads the badge, colour and tooltip of a decorated row', async () => {
      const expected = FIXTURE_DECORATIONS['src/auth/session.ts'];
      const { workbench } = session;
      // Decorations arrive after the rows; wait for the badge class before reading.
      await workbench.rowLocator('src/auth/session.ts').locator('[class*="monaco-decoration-itemBadge"]').waitFor({ timeout: 20_000 });
      const row = await workbench.row('src/auth/session.ts');
      const plain = await workbench.row('src/auth/login.ts');
      assert.equal(row.badgeText, expected.badge);
      assert.ok(row.classes.some((name) => name.startsWith('monaco-decoration-itemColor-')), `classes: ${row.classes.join(' ')}`);
      assert.notEqual(row.color, plain.color, 'a decoration colour changes the colour of the name');
      assert.ok(row.ariaLabel.endsWith(` • ${expected.tooltip}`), row.ariaLabel);
      const title = await row.title();
      assert.ok(title.includes(`${session.workspace}/src/auth/session.ts`), title);
      assert.ok(title.includes(expected.tooltip), title);
      await workbench.screenshot('page-object-decorations');
    });

    it('reads a letter badge that keeps the default colour', async () => {
      const row = await session.workbench.row('src/features/checkout/i18n/en.json');
      const plain = await session.workbench.row('src/features/checkout/i18n/fr.json');
      assert.equal(row.badgeText, FIXTURE_DECORATIONS['src/features/checkout/i18n/en.json'].badge);
      // VS Code adds an itemColor class to every decorated row, coloured or not: compare the colour itself.
      assert.equal(row.color, plain.color);
    });

    it('reads no badge on an undecorated row', async () => {
      const row = await session.workbench.row('src/auth/login.ts');
      assert.equal(row.badgeText, undefined);
      assert.deepEqual(row.classes, []);
      assert.equal(row.ariaLabel, `${session.workspace}/src/auth/login.ts`);
      assert.equal(await row.title(), `${session.workspace}/src/auth/login.ts`);
    });

    it('runs a command from the palette and answers its input box and quick pick', async () => {
      const { workbench, workspace } = session;
      await workbench.runCommand(FIXTURE_COMMAND_TITLE);
      await workbench.answerInput('Alice');
      await workbench.pick('locked');
      const answers = await waitForJson(join(workspace, ANSWERS_FILE), 10_000);
      assert.deepEqual(answers, { name: 'Alice', zone: 'locked' });
    });

    it('opens the palette again when it closes before the command is chosen, as a user presses F1 again', async () => {
      const { workbench, workspace } = session;
      // Closes the palette once, the moment the title is typed into it: what a view taking focus did to it once.
      // A string, not a function: the test runner's compiler would name the listener with a helper the page lacks.
      await workbench.page.evaluate(`{
        const closeOnce = (event) => {
          if (!event.target.value?.startsWith(${JSON.stringify(`>${FIXTURE_COMMAND_TITLE}`)})) return;
          document.removeEventListener('input', closeOnce, true);
          event.target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true }));
        };
        document.addEventListener('input', closeOnce, true);
      }`);
      rmSync(join(workspace, ANSWERS_FILE), { force: true });
      await workbench.runCommand(FIXTURE_COMMAND_TITLE);
      await workbench.answerInput('Bob');
      await workbench.pick('editable');
      assert.deepEqual(await waitForJson(join(workspace, ANSWERS_FILE), 10_000), { name: 'Bob', zone: 'editable' });
    });

    it('opens the folder trusted when workspace trust is off (the default)', async () => {
      assert.equal(await session.workbench.inRestrictedMode(), false);
      assert.equal(await session.workbench.page.locator('.monaco-dialog-box').count(), 0);
    });

    it('says so when no command has the title', async () => {
      await assert.rejects(session.workbench.runCommand('Fixture: No Such Command'), /No command titled/);
      await session.workbench.page.keyboard.press('Escape');
    });
  });

  describe('with workspace trust on', () => {
    let session: Session;
    let extensionDir: string;

    before(async () => {
      extensionDir = writeDecoratingExtension(mkdtempSync(join(tmpdir(), 'pm-zone-fixture-extension-')));
      session = await openSession({ name: 'restricted-mode', extensionDir, workspaceTrust: true });
    });

    after(async () => {
      await session?.close();
      if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
    });

    it('opens the sample repository untrusted, and stays in Restricted Mode when the user says no', async () => {
      const { workbench } = session;
      await workbench.answerTrustDialog(false);
      await workbench.waitForExplorer();
      assert.equal(await workbench.inRestrictedMode(), true);
    });
  });
});
