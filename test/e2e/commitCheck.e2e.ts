import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './session';
import { until } from './workbench';

// A pilot PM opens a fresh clone: the commit check is offered once, in a
// PM's words, and its button turns it on.
describe('the commit check offered on a fresh clone', () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'commit-check' });
    await session.workbench.waitForExtension();
  });

  after(async () => {
    await session?.close();
  });

  it('asks "Check my changes before each commit?" and "Turn it on" installs the check', async () => {
    const { workbench } = session;
    const hook = join(session.workspace, '.git', 'hooks', 'pre-commit');
    assert.equal(existsSync(hook), false, 'a fresh clone has no pre-commit hook');
    const offer = workbench.toast('Check my changes before each commit?');
    await offer.waitFor({ timeout: 30_000 });
    assert.match(await offer.innerText(), /A commit the review would block later .* then stops and says why/);
    // The message itself: the toast's footer names the extension again ("Source: PM Zone").
    const message = await offer.locator('.notification-list-item-message').innerText();
    assert.equal(message.match(/PM Zone/g)?.length, 1, `PM Zone named once, by the notification: ${message}`);
    assert.doesNotMatch(await offer.innerText(), /\.git|hook|package\.json/);
    await workbench.screenshot('commit-check-offer');
    await offer.getByRole('button', { name: 'Turn it on' }).click();
    await workbench.toast('Done: your changes are checked before each commit').waitFor({ timeout: 20_000 });
    await until('the hook to be installed', () => existsSync(hook));
  });
});
