// The secret scan on the rule test cases of gitleaks, secretlint and
// detect-secrets (test/support/secretCorpus/public.json): values nobody here
// wrote, each with its source.
import * as assert from 'node:assert/strict';
import { secretCheck } from '../../../../src/core/review/checks/security/secrets';
import { isPlaceholderShaped, publicSamples, scorePublic } from '../../../support/secretCorpus/public';
import { added, makeContext } from './context';

const scan = async (file: string, text: string) => (await secretCheck.run(makeContext([added(file, text)]))).filter((finding) => finding.blocking).map((finding) => finding.line ?? 0);

describe('security.secret on the public scanners’ test cases', function () {
  this.timeout(60_000);

  it('keeps its recall and false positives: 292 of 400 positives (286 before these rules), 22 of 408 negatives blocked (36 before)', async () => {
    const score = await scorePublic('PM Zone', scan);
    const total = [...score.bySource.values()].reduce((sum, row) => ({ found: sum.found + row.found, falsePositives: sum.falsePositives + row.falsePositives }), { found: 0, falsePositives: 0 });
    assert.ok(total.found >= 292, `${total.found} found`);
    assert.ok(total.falsePositives <= 22, `${total.falsePositives} false positives`);
  });

  // Rules added for credentials these cases showed missing: every one of their cases not written as a placeholder is found.
  const covered = ['openshift-user-token', 'intra42-client-secret', '1password-secret-key', 'flyio-access-token', 'cloudflare-origin-ca-key', 'facebook-page-access-token', 'facebook-access-token', 'slack-legacy-token', 'azure_storage_key_test.py', 'npm_test.py'];
  for (const rule of covered) {
    it(`finds ${rule}'s cases`, async () => {
      const cases = publicSamples().filter((sample) => sample.positive && sample.source.includes(rule) && !isPlaceholderShaped(sample));
      assert.ok(cases.length > 0, rule);
      const missed = (await scorePublic('PM Zone', scan, cases)).missed.map((sample) => sample.text.slice(0, 60));
      assert.deepEqual(missed, []);
    });
  }

  it('reads credentials written into a request: curl -u, Authorization: Basic, a token header; never a slot to fill', async () => {
    const blocks = async (line: string) => (await scan('docs/api.sh', `${line}\n`)).length > 0;
    assert.equal(await blocks("curl --user kevin:'pRf7vG2h1L8nQkW9' -iX PATCH https://api.acme.io/v1/items"), true);
    assert.equal(await blocks('curl -k -X POST --header "Authorization: Basic djJlNEpYa0NJUHZ5a2FWT0VRXzRqZmZUdDkwYTp2emNBZGFzZWpmbFdaaVVQNzZVQmM0M01UMTFyVWE=" https://api.acme.io'), true);
    assert.equal(await blocks('curl -X GET https://octopus.acme.io/ -H "X-Octopus-ApiKey: 3a16750d-d363-41a4-8ebd-035408f7730f"'), true);
    assert.equal(await blocks('curl -u <user:password> https://test.com/endpoint'), false);
    assert.equal(await blocks('curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/'), false);
    assert.equal(await blocks('curl -H "Authorization: Bearer $TOKEN" https://api.acme.io'), false);
    assert.equal(await blocks('curl -H "Authorization: Basic eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb25maWRlbmNlIjowLjh9.kvRPs"'), false, 'a JWT is not user:password');
    assert.equal(await blocks('export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=a1b2c3d4:e5f60718'), true);
  });
});
