import * as assert from 'node:assert/strict';
import { openSession, type Session } from './session';

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

  it('has no row for a file the repository does not have', async () => {
    assert.equal(await session.workbench.rowLocator('src/features/checkout/i18n/de.json').count(), 0);
    // A folder that was never expanded shows no children either.
    assert.equal(await session.workbench.rowLocator('src/payments/stripe.ts').count(), 0);
  });
});
