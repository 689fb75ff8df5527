// `pm-zone readout` through the built program: the charts' libraries load
// from dist/vega.js beside dist/cli.js, as in the package.
import * as assert from 'node:assert/strict';
import { FakeGitHub } from '../../support/fakeGitHub';
import { readoutHistory } from '../../unit/audit/support/readoutHistory';
import { childEnv, spawnCli } from '../support/program';

describe('pm-zone readout (the built program)', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let root: string;

  before(async () => {
    fake = await FakeGitHub.start({ login: 'auditor' });
    ({ root } = await readoutHistory(fake));
  });

  after(async () => fake?.close());

  it('draws the same charts from the built program, whose chart libraries load from vega.js beside it', async function () {
    this.timeout(120_000);
    const run = await spawnCli(['readout', '--repo', 'acme/shop', '--api-url', fake.apiUrl, '--start', '2026-03-02', '--format', 'markdown', '--no-cache'], { cwd: root, env: childEnv({ GITHUB_TOKEN: fake.token }) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((run.stdout.match(/<svg[\s\S]*?<\/svg>/g) ?? []).length, 2);
  });
});
