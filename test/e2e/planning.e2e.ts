// "PM Zone: New planning doc" as a PM runs it: the command palette, each
// question of the multi-step input answered by typing and clicking, Back and
// Esc, and the doc that opens. Files are checked on disk from this process.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './session';
import { until } from './workbench';

const COMMAND = 'PM Zone: New planning doc';
const DOC = 'src/features/checkout/PLANNING.md';
const TITLE = 'Clearer copy on the order button';
const QUICK_INPUT = '.quick-input-widget';

/** The text of the active editor as rendered, line by line (the lines in view). */
async function editorLines(page: Page): Promise<string[]> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  await lines.first().waitFor({ timeout: 10_000 });
  const rendered = await lines.evaluateAll((elements) =>
    elements.map((element) => ({ top: Number(/top:\s*([\d.]+)px/.exec(element.getAttribute('style') ?? '')?.[1] ?? 0), text: element.textContent ?? '' })),
  );
  return rendered.sort((a, b) => a.top - b.top).map((line) => line.text.replace(/\u00a0/g, ' '));
}

async function activeTabName(page: Page): Promise<string> {
  // The tab's accessible name: newer tabs show the extension in an element of its own ("PLANNING" ".md").
  const name = (await page.locator('.editor-group-container.active .tab.active').first().getAttribute('aria-label')) ?? '';
  return name.split(', ')[0].trim();
}

describe('New planning doc, through the real inputs', () => {
  let session: Session;
  let page: Page;
  const onDisk = (relPath: string) => join(session.workspace, relPath);
  const gitStatus = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: session.workspace, encoding: 'utf8' });

  before(async () => {
    session = await openSession({ name: 'planning' });
    page = session.workbench.page;
    await session.workbench.waitForExtension();
  });

  after(async () => {
    await session?.close();
  });

  it('writes nothing when the PM presses Esc in the middle', async () => {
    const { workbench } = session;
    await workbench.runCommand(COMMAND);
    await session.workbench.waitForQuickInputTitle('New planning doc (1/5)', 10_000);
    await workbench.answerUntilTitle(TITLE, 'New planning doc (2/5)');
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
    // The command says it has finished: only then is "nothing on disk" a result.
    await page.locator('.statusbar').getByText('New planning doc cancelled, nothing was written').waitFor({ timeout: 10_000 });
    assert.equal(existsSync(onDisk(DOC)), false);
    assert.equal(gitStatus(), '');
  });

  it('creates the doc from the answers, Back included, and opens it with the cursor in the Problem section', async () => {
    const { workbench } = session;
    await workbench.runCommand(COMMAND);
    await workbench.answerUntilTitle(TITLE, '(2/5)');
    await session.workbench.pickUntilTitle('src/features/checkout', '(3/5)');
    // Back returns to the folder question, which remembers the answer.
    await page.locator(`${QUICK_INPUT} .codicon-quick-input-back`).click();
    await session.workbench.waitForQuickInputTitle('(2/5)', 10_000);
    await session.workbench.pickUntilTitle('src/features/checkout', '(3/5)');
    await workbench.screenshot('planning-tier-step');
    await session.workbench.pickUntilTitle('Production', '(4/5)');
    await session.workbench.pickUntilTitle('checkout_copy_v2', '(5/5)');
    await workbench.answerInput('Checkout completion rate');

    await page.locator('.editor-group-container.active .tab.active').filter({ hasText: 'PLANNING.md' }).waitFor({ timeout: 15_000 });
    assert.equal(await activeTabName(page), 'PLANNING.md');
    const text = readFileSync(onDisk(DOC), 'utf8');
    assert.ok(text.startsWith(`---\ntitle: ${TITLE}\nauthor: "@alice"\nfeature: src/features/checkout\nflag: checkout_copy_v2\ntier: production\n`), text.slice(0, 300));
    const lines = await editorLines(page);
    assert.deepEqual(lines.slice(0, 3), ['---', `title: ${TITLE}`, 'author: "@alice"']);
    assert.ok(lines.includes(`# ${TITLE}`), lines.join('\n'));

    // The status bar shows where the cursor is: the blank line after the Problem section's guidance.
    const problemLine = text.split('\n').indexOf('## Problem') + 1;
    const selection = page.locator('#status\\.editor\\.selection');
    await selection.filter({ hasText: `Ln ${problemLine + 3}, Col 1` }).waitFor({ timeout: 5_000 });
    // Typing goes straight into that section, and its "still to write" warning goes as the PM types.
    const problems = page.locator('#status\\.problems');
    const warnings = async () => Number(/Warnings: (\d+)/.exec((await problems.getAttribute('aria-label')) ?? '')?.[1] ?? NaN);
    await until('the unwritten sections to be reported', async () => (await warnings()) > 0, 10_000);
    const unwritten = await warnings();
    await page.keyboard.type('Shoppers are unsure whether "Place order" charges them now.');
    await until('one warning fewer', async () => (await warnings()) === unwritten - 1, 5_000);
    await workbench.screenshot('planning-new');
    assert.ok((await editorLines(page)).includes('Shoppers are unsure whether "Place order" charges them now.'));
    await page.keyboard.press('Control+s');
    await until('the doc to be saved', async () => readFileSync(onDisk(DOC), 'utf8').includes('Shoppers are unsure'), 5_000);
    const saved = readFileSync(onDisk(DOC), 'utf8').split('\n');
    assert.equal(saved[problemLine + 2], 'Shoppers are unsure whether "Place order" charges them now.');
    // The sections still to write, as the Problems panel lists them.
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'The "Intent" section is empty' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await rows.filter({ hasText: 'The "Problem" section' }).count(), 0, 'the written Problem section is no longer listed');
    await workbench.screenshot('planning-problems');
  });

  it('offers to open the doc a folder already has, and leaves it unchanged', async () => {
    const { workbench } = session;
    const before = readFileSync(onDisk(DOC));
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand(COMMAND);
    await workbench.answerUntilTitle('Another change', '(2/5)');
    await session.workbench.pickExactly('src/features/checkout');
    const placeholder = page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await page.locator(QUICK_INPUT).filter({ hasText: 'Choose another folder' }).waitFor({ timeout: 10_000 });
    assert.match((await placeholder.getAttribute('placeholder')) ?? '', /src\/features\/checkout\/PLANNING\.md already exists/);
    await session.workbench.pickExactly('Open it');
    await page.locator('.editor-group-container.active .tab.active').filter({ hasText: 'PLANNING.md' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(readFileSync(onDisk(DOC)), before);
  });

  it('checks a typed folder and a new flag as they are typed, and writes nothing on Esc at the last step', async () => {
    const { workbench } = session;
    await workbench.runCommand(COMMAND);
    await workbench.answerInput('Holiday banner');
    await session.workbench.pickExactly('Other folder…');
    const input = page.locator(`${QUICK_INPUT} .quick-input-box input`).filter({ visible: true });
    const message = page.locator(`${QUICK_INPUT} .quick-input-message`);
    // The input box replaces the pick in the same widget: its prompt says when it is there.
    await message.filter({ hasText: 'relative to the repository root' }).waitFor({ timeout: 5_000 });
    await input.fill('../elsewhere');
    await message.filter({ hasText: 'inside the repository' }).waitFor({ timeout: 5_000 });
    await input.press('Enter');
    // Refused: still the folder question, its value and its message kept (an accepted answer would move on to 3/5).
    await message.filter({ hasText: 'inside the repository' }).waitFor({ timeout: 5_000 });
    assert.equal(await input.inputValue(), '../elsewhere');
    assert.equal(await page.locator(QUICK_INPUT).filter({ hasText: '(3/5)' }).count(), 0);
    await workbench.answerUntilTitle('src/features/checkout/banner', '(3/5)');
    await session.workbench.pickUntilTitle('Prototype', '(4/5)');
    await session.workbench.pickExactly('New flag…');
    await message.filter({ hasText: 'name of the new feature flag' }).waitFor({ timeout: 5_000 });
    await input.fill('3d banner');
    await message.filter({ hasText: 'starts with a letter' }).waitFor({ timeout: 5_000 });
    await workbench.answerUntilTitle('checkout_banner_v1', '(5/5)');
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
    // The command says it has finished: only then is "nothing on disk" a result.
    await page.locator('.statusbar').getByText('New planning doc cancelled, nothing was written').waitFor({ timeout: 10_000 });
    assert.equal(existsSync(onDisk('src/features/checkout/banner')), false);
    assert.deepEqual(gitStatus().trim().split('\n'), [`?? ${DOC}`]);
  });
});
