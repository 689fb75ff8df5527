import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GUARD_LAUNCHER, launcherDisagreementsIn, launcherHash } from '../../../src/core/agents';
import { LAUNCHER_HASH_FILE } from '../../../src/core/agents/launcherAgreement';
import { cli } from '../cli/support/cli';
import { git, sampleRepo } from '../cli/support/sampleRepo';

// The launcher's hash is kept in the git folder with the whole text it is the hash of
// (launcherAgreement.ts): check-config then loads no crypto module while the launcher
// reads the same. These hold that the entry answers only for that text.
describe('the launcher hash kept in the git folder', () => {
  let root: string;
  let launcher: string;
  let kept: string;

  before(async () => {
    root = await sampleRepo();
    await git(root, 'config', 'user.email', 'dana@acme.test');
    const init = await cli(['agents', 'init', '--cwd', root]);
    assert.equal(init.code, 0, init.stderr);
    launcher = path.join(root, ...GUARD_LAUNCHER.split('/'));
    kept = path.join(root, '.git', LAUNCHER_HASH_FILE);
  });

  it('is written with the text it hashed, and the lines agree with it', async () => {
    await fs.rm(kept, { force: true });
    assert.deepEqual(await launcherDisagreementsIn(root), []);
    const text = await fs.readFile(launcher, 'utf8');
    assert.deepEqual(JSON.parse(await fs.readFile(kept, 'utf8')), { text, hash: launcherHash(text) });
    assert.deepEqual(await launcherDisagreementsIn(root), []);
  });

  it('is not used for a launcher that changed since: the lines that expect the old hash are said', async () => {
    const text = await fs.readFile(launcher, 'utf8');
    try {
      await launcherDisagreementsIn(root);
      await fs.writeFile(launcher, `${text}// changed\n`);
      const found = await launcherDisagreementsIn(root);
      assert.equal(found.length, 5);
      assert.match(found[0].message, new RegExp(`the file hashes to ${launcherHash(`${text}// changed\n`).slice(0, 12)}…`));
      assert.equal(JSON.parse(await fs.readFile(kept, 'utf8')).text, `${text}// changed\n`);
    } finally {
      await fs.writeFile(launcher, text);
    }
    assert.deepEqual(await launcherDisagreementsIn(root), []);
  });

  it('is read for the text without carriage returns, as the lines hash it', async () => {
    const text = await fs.readFile(launcher, 'utf8');
    try {
      await fs.writeFile(launcher, text.replace(/\n/g, '\r\n'));
      assert.deepEqual(await launcherDisagreementsIn(root), []);
      assert.equal(JSON.parse(await fs.readFile(kept, 'utf8')).text, text);
    } finally {
      await fs.writeFile(launcher, text);
    }
  });

  it('a damaged entry, or one whose hash is not a hash, is taken anew', async () => {
    const text = await fs.readFile(launcher, 'utf8');
    for (const damaged of ['{"text":', JSON.stringify({ text, hash: 'not a hash' }), JSON.stringify({ text, hash: 42 }), JSON.stringify(null)]) {
      await fs.writeFile(kept, damaged);
      assert.deepEqual(await launcherDisagreementsIn(root), [], damaged);
      assert.deepEqual(JSON.parse(await fs.readFile(kept, 'utf8')), { text, hash: launcherHash(text) }, damaged);
    }
    // A FIFO in its place is not waited on: the hash is taken, and the FIFO replaced.
    await fs.rm(kept);
    execFileSync('mkfifo', [kept]);
    assert.deepEqual(await launcherDisagreementsIn(root), []);
    assert.deepEqual(JSON.parse(await fs.readFile(kept, 'utf8')), { text, hash: launcherHash(text) });
  });
});
