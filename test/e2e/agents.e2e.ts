// "PM Zone: Guard coding agents" as its two users meet it: an engineer picks
// the agents the team uses and gets their hook settings written, each then
// locked in the explorer; a pilot PM is told the settings are an engineer's
// and gets the request to send, and nothing is written.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentsInitRequest, agentsInitWrites, AGENTS } from '../../src/core/agents';
import { until } from '../support/until';
import { openSession, type Session } from './session';

const COMMAND = 'PM Zone: Guard coding agents';

describe('Guard coding agents, through the workbench', () => {
  let session: Session;

  before(async () => {
    // Dana is an engineer: not a pilot PM of the sample's CLAUDE.md.
    session = await openSession({ name: 'agents', settings: { 'pmZone.identity': '@dana' } });
    await session.workbench.waitForExtension();
  });

  after(async () => {
    await session?.close();
  });

  it('asks an engineer which agents the team uses, writes their hooks, and the explorer locks each file', async () => {
    const { workbench } = session;
    const { page } = workbench;
    await workbench.runCommand(COMMAND);
    await workbench.waitForQuickInputTitle('which agents does the team use?');
    await page.waitForTimeout(300);
    await workbench.screenshot('agents-pick');
    await page.keyboard.press('Enter');
    await workbench.toast('wrote .pmzone/guard.cjs').waitFor({ timeout: 20_000 });
    for (const { file, text } of agentsInitWrites({}, AGENTS)) assert.equal(readFileSync(join(session.workspace, file), 'utf8'), text, file);

    await workbench.expand('.claude');
    await workbench.expand('.pmzone');
    // Git's own badge (U, untracked) comes first, and can be drawn before
    // PM Zone's decoration of the new file arrives.
    const locked = (path: string) => until(`the lock on ${path}`, async () => {
      const row = await workbench.row(path);
      return /🔒$/.test(row.badgeText ?? '') && row;
    }, 15_000, 250);
    const settings = await locked('.claude/settings.json');
    assert.match(await settings.title(), /Policy files are not edited by those they bind/);
    await locked('.pmzone/guard.cjs');
    await page.waitForTimeout(300);
    await workbench.screenshot('agents-engineer');
  });

  it('writes nothing for a pilot PM, says an engineer adds them, and copies the request to send', async () => {
    const { workbench } = session;
    const { page } = workbench;
    const fresh = join(session.workspace, '.cursor', 'hooks.json');
    const before = readFileSync(fresh, 'utf8');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.chooseIdentity('@alice');

    await workbench.runCommand(COMMAND);
    const asked = workbench.toast('an engineer adds them');
    await asked.waitFor({ timeout: 20_000 });
    assert.match(await asked.innerText(), /hook settings are policy files \(Engineering only — Policy files are not edited by those they bind and 1 more; owners @acme\/eng-leads \(\.github\/CODEOWNERS:\d+\)\): an engineer adds them\. Ask your engineering DRI \(@dana\)/);
    await page.waitForTimeout(500);
    await workbench.screenshot('agents-pm');
    await asked.getByRole('button', { name: 'Copy the request' }).click();
    await workbench.toast('the request is on the clipboard').waitFor({ timeout: 10_000 });
    assert.equal(await workbench.clipboardText(), agentsInitRequest(AGENTS));
    assert.equal(readFileSync(fresh, 'utf8'), before, 'a PM changed the hook settings');
    assert.ok(existsSync(fresh));
  });
});
