// A review that finds secrets prints none of them on either stream of the
// built program, as a pre-commit hook shows them.
import * as assert from 'node:assert/strict';
import { isolateGitConfig } from '../../unit/cli/support/cli';
import { git, writeFiles } from '../../unit/cli/support/sampleRepo';
import { assertNoSecret, SECRETS } from '../../unit/review/e2e/printedSecrets';
import { cleanPmBranch } from '../../unit/review/e2e/pmBranch';
import { spawnCli } from '../support/program';

describe('pm-zone review never prints a secret it finds (the built program)', function () {
  this.timeout(30_000);
  isolateGitConfig();

  const secrets = SECRETS;

  it('prints none of them through the built program, staged, on either stream', async () => {
    const staged = await cleanPmBranch();
    await writeFiles(staged, { 'src/features/checkout/docs/setup.md': `AWS key: ${secrets.aws}\nStripe: ${secrets.stripe}\nGitHub: ${secrets.github}\nSlack: ${secrets.slack}\n` });
    await git(staged, 'add', '--all');
    const run = await spawnCli(['review', '--staged', '--cwd', staged]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout.match(/security\.secret/g)?.length, 4);
    assertNoSecret(run.stdout + run.stderr, 'spawned text');
  });
});
