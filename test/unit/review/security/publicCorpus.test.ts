// The secret scan on the rule test cases of gitleaks, secretlint and
// detect-secrets (test/support/secretCorpus/public.json): values nobody here
// wrote, each with its source.
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { secretCheck } from '../../../../src/core/review/checks/security/secrets';
import { carriesNoSecret, contradictedNegatives, isPlaceholderShaped, publicSamples, scorePublic, type PublicSample } from '../../../support/secretCorpus/public';
import { added, makeContext } from './context';
import { cpuBound } from '../../helpers/cpuBound';

const scan = async (file: string, text: string) => (await secretCheck.run(makeContext([added(file, text)]))).filter((finding) => finding.blocking).map((finding) => finding.line ?? 0);

describe('security.secret on the public scanners’ test cases', function () {
  this.timeout(cpuBound(60_000));

  it('keeps its recall and false positives: 293 of 401 positives, 263 of the 275 credentials (95.6%); 24 of 407 negatives blocked (3 are an npm token under a registry npm would not read), 18 of the 390 uncontradicted (4.6%)', async () => {
    const score = await scorePublic('PM Zone', scan);
    const total = { found: 0, credentials: 0, credentialsFound: 0, falsePositives: 0, scoredNegatives: 0, scoredFalsePositives: 0 };
    for (const row of score.bySource.values()) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
    assert.ok(total.found >= 293, `${total.found} found`);
    assert.ok(total.falsePositives <= 24, `${total.falsePositives} false positives`);
    assert.ok(total.credentialsFound / total.credentials >= 0.95, `${total.credentialsFound} of ${total.credentials} credentials found`);
    assert.ok(total.scoredFalsePositives / total.scoredNegatives <= 0.05, `${total.scoredFalsePositives} of ${total.scoredNegatives} uncontradicted negatives blocked`);
  });

  describe('what the score counts as a credential', () => {
    const hs256 = (claims: object, key: string, alg = 'HS256'): string => {
      const unsigned = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
    };
    const positive = (text: string): PublicSample => ({ source: 'test@0:case', positive: true, text });

    it('a JWT carries no secret unsigned, or signed with a published key; signed with any other key it does', () => {
      const claims = { sub: 'u_8f3k2', role: 'service_role' };
      assert.equal(carriesNoSecret(positive(`TOKEN=${hs256(claims, 'super-secret-jwt-token-with-at-least-32-characters-long')}`)), true);
      assert.equal(carriesNoSecret(positive(`TOKEN=${hs256(claims, 'your-256-bit-secret').split('.').slice(0, 2).join('.')}.`)), true);
      assert.equal(carriesNoSecret(positive(`TOKEN=${hs256(claims, 'Zq3!vT9#pL2@wX8$')}`)), false);
      assert.equal(carriesNoSecret(positive(`TOKEN=${hs256(claims, 'your-256-bit-secret', 'none')}`)), true);
    });

    it('a credential beside an open token still counts; so does a URL password that is not the word', () => {
      const open = hs256({ sub: 'x' }, 'your-256-bit-secret');
      assert.equal(carriesNoSecret(positive(`curl "http://admin:password@127.0.0.1/token"\n{"access_token":"${hs256({ sub: 'x' }, 'k9#Lm2$Qp')}"}`)), false);
      assert.equal(carriesNoSecret(positive(`curl "http://admin:password@127.0.0.1/token" -H "X: ${open}"`)), true);
      assert.equal(carriesNoSecret(positive('https://username:password@yelp.com')), true);
      assert.equal(carriesNoSecret(positive('https://username:pQ9wTxu4Fg@yelp.com')), false);
      assert.equal(carriesNoSecret(positive(`curl -H 'Authorization: Basic ${Buffer.from('browser:').toString('base64')}'`)), true);
      assert.equal(carriesNoSecret(positive(`curl -H 'Authorization: Basic ${Buffer.from('browser:pQ9wTxu4Fg').toString('base64')}'`)), false);
    });

    it('eight letters of the alphabet in a row, in either case, are a placeholder; seven inside a URL are not', () => {
      assert.equal(isPlaceholderShaped(positive('glpat-aBcDeFgHiJkLmNoPqRsT')), true);
      assert.equal(isPlaceholderShaped(positive('sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456')), true);
      assert.equal(isPlaceholderShaped(positive('curl --user roger23@gmail.com:pQ9wTxu4Fg https://www.dropbox.com/cli_link?host_id=abcdefg')), false);
    });

    it('a negative whose value another case calls a secret counts neither way, and only that one', () => {
      const samples = publicSamples();
      const contradicted = [...contradictedNegatives(samples)].map((sample) => sample.text);
      assert.ok(contradicted.some((text) => text.startsWith('ghp_')), 'the GitHub token among detect-secrets\' GitLab negatives');
      assert.ok(contradicted.includes('_authToken=743b294a-cd03-11ec-9d64-0242ac120002'));
      assert.ok(!contradicted.some((text) => text.startsWith('AIzaSy')), 'firebase-android-sdk\'s example keys stay negatives');
      assert.equal(contradicted.length, 17);
    });

    it('reads gitleaks\' `// False Negative` mark: the Mailchimp key it lists among its false positives is a positive', () => {
      const mailchimp = publicSamples().filter((sample) => sample.text.startsWith('MailchimpSDK.initialize'));
      assert.deepEqual(mailchimp.map((sample) => sample.positive), [true]);
    });
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

  it('reads an npm token in an .npmrc line npm itself would not read: the token is in the file all the same', async () => {
    const blocks = async (line: string) => (await scan('.npmrc', `${line}\n`)).length > 0;
    for (const line of ['//registry.npmjs.org/:_authToken=3a16750d-d363-41a4-8ebd-035408f7730f', '//registry.npmjs.org:_authToken=3a16750d-d363-41a4-8ebd-035408f7730f', 'registry.npmjs.org/:_authToken=3a16750d-d363-41a4-8ebd-035408f7730f', '_authToken = "3a16750d-d363-41a4-8ebd-035408f7730f"']) {
      assert.equal(await blocks(line), true, line);
    }
    assert.equal(await blocks('//registry.npmjs.org/:_authToken=${NPM_TOKEN}'), false);
  });
});
