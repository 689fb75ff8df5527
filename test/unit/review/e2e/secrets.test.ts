// A review that finds secrets must never print them: not in the terminal, not
// in JSON a CI job stores, not in SARIF uploaded to code scanning (the built
// program's streams: test/bundle/cli/secrets.test.ts).
import * as assert from 'node:assert/strict';
import { cli, isolateGitConfig } from '../../cli/support/cli';
import { commitAll, editFile } from '../../cli/support/sampleRepo';
import { assertNoSecret, SECRETS } from './printedSecrets';
import { cleanPmBranch, places } from './pmBranch';
import { cpuBound } from '../../helpers/cpuBound';

describe('pm-zone review never prints a secret it finds', function () {
  this.timeout(cpuBound(30_000));
  isolateGitConfig();

  const secrets = SECRETS;
  let root: string;

  before(async () => {
    root = await cleanPmBranch();
    await editFile(root, 'src/features/checkout/components/CheckoutButton.tsx', '/** The primary action', `const analyticsToken = '${secrets.github}';\n/** The primary action`);
    await commitAll(root, 'Keys', {
      'src/features/checkout/docs/setup.md': `# Setup\n\nAWS key: ${secrets.aws}\nStripe: ${secrets.stripe}\n`,
      'src/features/checkout/notify.yaml': `slack_token: "${secrets.slack}"\n`,
    });
  });

  it('finds each secret, on its line, and blocks', async () => {
    const run = await cli(['review', '--cwd', root, '--json']);
    assert.equal(run.code, 1);
    const review = JSON.parse(run.stdout);
    const secretPlaces = places(review).filter((place) => place.startsWith('security.secret'));
    assert.deepEqual(secretPlaces, [
      'security.secret src/features/checkout/components/CheckoutButton.tsx:12',
      'security.secret src/features/checkout/docs/setup.md:3',
      'security.secret src/features/checkout/docs/setup.md:4',
      'security.secret src/features/checkout/notify.yaml:1',
    ]);
    assert.match(run.stdout, /ghp_…\(40\)/, 'the GitHub token is shown redacted, with its kind and length');
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints none of them as ${format}`, async () => {
      const run = await cli(['review', '--cwd', root, '--format', format]);
      assert.equal(run.code, 1);
      assert.ok(run.stdout.length > 0);
      assertNoSecret(run.stdout + run.stderr, format);
    });
  }
});
