// "PM Zone: Set up PM Zone in this repository" as the engineer who adopts PM
// Zone meets it: the pilots asked, the steps picked, the drafted section
// opened, and check-config's verdict.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './session';

const QUICK_INPUT = '.quick-input-widget';

describe('Set up PM Zone in this repository, through the workbench', () => {
  let session: Session;

  before(async () => {
    // Dana is an engineer; the sample as it was before the pilot: CLAUDE.md without its zone, auth/ without an owner.
    session = await openSession({ name: 'set-up', settings: { 'pmZone.identity': '@dana' } });
    // The extension is there once CLAUDE.md has its badge; then the zone goes.
    await session.workbench.waitForExtension();
    const file = (relPath: string) => join(session.workspace, relPath);
    const claude = readFileSync(file('CLAUDE.md'), 'utf8');
    writeFileSync(file('CLAUDE.md'), claude.slice(0, claude.indexOf('## PM zone')));
    writeFileSync(file('.github/CODEOWNERS'), readFileSync(file('.github/CODEOWNERS'), 'utf8').replace(/^auth\/.*\n/m, ''));
    execFileSync('git', ['commit', '--quiet', '--no-verify', '-am', 'Before the pilot'], { cwd: session.workspace });
  });

  after(async () => {
    await session?.close();
  });

  it('asks for the pilots, offers the steps, writes the section and the CODEOWNERS lines, and says check-config is clean', async () => {
    const { workbench } = session;
    const { page } = workbench;
    await workbench.runCommand('PM Zone: Set up PM Zone in this repository (for engineers)');
    await workbench.answerInput('@alice src/features/checkout alice@acme.test');
    const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ visible: true });
    await rows.filter({ hasText: 'Add the ## PM zone section to CLAUDE.md?' }).waitFor({ timeout: 20_000 });
    await workbench.screenshot('set-up-steps');
    // Only the section and the CODEOWNERS lines this time: the hook, the gate and the guard are unticked.
    for (const step of ['pre-commit review', 'CI gate', "coding agents' guard"]) await rows.filter({ hasText: step }).locator('.monaco-checkbox, input[type=checkbox]').first().click();
    await page.locator(`${QUICK_INPUT} .quick-input-action, ${QUICK_INPUT} .monaco-button`).filter({ hasText: /OK/ }).first().click();
    await workbench.toast(/wrote CLAUDE\.md, \.github\/CODEOWNERS\. check-config: no errors, no unenforced glob\./).waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'CLAUDE.md' }).waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor .view-line').filter({ hasText: '## PM zone' }).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('set-up-done');
    assert.match(readFileSync(join(session.workspace, 'CLAUDE.md'), 'utf8'), /\| @alice \| `src\/features\/checkout\/\*\*` \| @dana \| alice@acme\.test \|/);
    assert.match(readFileSync(join(session.workspace, '.github/CODEOWNERS'), 'utf8'), /^\*\*\/auth\/\*\* @acme\/platform$/m);
    assert.equal(readFileSync(join(session.workspace, 'package.json'), 'utf8').includes('pm-zone hook install'), false, 'the hook step was unticked');
  });
});
