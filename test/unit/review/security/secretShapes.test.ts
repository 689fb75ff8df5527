// Provider shapes and the mechanisms that tell a credential from a sample:
// every token here is built while the test runs, so the repository holds no
// secret-shaped literal.
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { secretCheck } from '../../../../src/core/review/checks/security/secrets';
import { isCounting, isSpelledOut } from '../../../../src/core/review/checks/security/placeholders';
import { randomBody } from '../e2e/fakeSecrets';
import { added, makeContext } from './context';

const HEX = '0123456789abcdef';
const hex = (length: number, seed: number): string => [...randomBody(length, seed)].map((ch) => HEX[ch.charCodeAt(0) % 16]).join('');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');

/** The blocking findings' messages for `text` added in `file`; and that none of them holds `secret`. */
async function blocks(text: string, file = 'config/app.env', secret?: string): Promise<string[]> {
  const findings = await secretCheck.run(makeContext([added(file, `${text}\n`)]));
  if (secret) assert.ok(!JSON.stringify(findings).includes(secret.slice(-8)), 'the finding echoes the secret');
  return findings.filter((finding) => finding.blocking).map((finding) => finding.message);
}

describe('security.secret: provider shapes', () => {
  it('blocks Vercel tokens of every kind, and passes an identifier with the same prefix', async () => {
    for (const [i, kind] of ['vcp', 'vci', 'vca', 'vcr', 'vck'].entries()) {
      const value = `${kind}_${randomBody(24, 40 + i)}`;
      assert.match((await blocks(`VERCEL_TOKEN=${value}`, 'config/app.env', value))[0] ?? '', /^Possible Vercel token /, value);
    }
    assert.deepEqual(await blocks('const vcr_initializeConnectionPool = true;', 'src/pool.ts'), []);
  });

  it('blocks SonarQube user, project and analysis tokens', async () => {
    for (const [i, kind] of ['squ', 'sqp', 'sqa'].entries()) {
      const value = `${kind}_${hex(40, 60 + i)}`;
      assert.match((await blocks(`sonar.token=${value}`, 'sonar-project.properties', value))[0] ?? '', /^Possible SonarQube token /);
    }
  });

  it('blocks a long-lived Amazon Bedrock API key', async () => {
    const value = `ABSK${Buffer.from(`BedrockAPIKey-${randomBody(10, 70)}-at-${randomBody(90, 71)}`).toString('base64')}`;
    assert.match((await blocks(`AWS_BEARER_TOKEN_BEDROCK=${value}`, 'config/app.env', value))[0] ?? '', /^Possible Amazon Bedrock API key /);
  });

  it('blocks an OpenAI key only with the `T3BlbkFJ` every OpenAI key holds', async () => {
    const key = `sk-proj-${randomBody(40, 80)}T3BlbkFJ${randomBody(40, 81)}`;
    assert.match((await blocks(`OPENAI_API_KEY=${key}`, 'config/app.env', key))[0] ?? '', /^Possible OpenAI API key /);
    assert.deepEqual(await blocks(`const id = "sk-proj-${randomBody(60, 82)}";`, 'src/ids.ts'), []);
  });

  it('blocks a PyPI token that carries its signature, not one cut before it', async () => {
    const signature = Buffer.concat([Buffer.from([0x00, 0x06, 0x20]), Buffer.from(randomBody(32, 90))]);
    const macaroon = Buffer.concat([Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'), Buffer.from([0x02, 0x3c]), Buffer.from(randomBody(60, 91)), signature]);
    const token = `pypi-${macaroon.toString('base64url')}`;
    assert.match((await blocks(`password = ${token}`, '.pypirc', token))[0] ?? '', /^Possible PyPI token /);
    assert.deepEqual(await blocks(`password = ${token.slice(0, 90)}`, '.pypirc'), []);
  });

  it('blocks a Discord bot token, whose first part is a numeric id in base64, and not a dotted value beginning otherwise', async () => {
    const id = `${b64url(`1${randomBody(18, 100).replace(/\D/g, '7').slice(0, 17)}`)}`;
    const bot = `${id}.${randomBody(6, 101)}.${randomBody(38, 102)}`;
    assert.match((await blocks(`DISCORD_BOT=${bot}`, 'config/app.env', bot))[0] ?? '', /^Possible Discord bot token /);
    assert.deepEqual(await blocks(`build: A${bot.slice(1)}`, 'config/ci.txt'), []);
  });

  it('blocks a 2026 GitHub App installation token: `ghs_`, the app id, a signed JWT', async () => {
    const jwt = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url(`{"iss":"${randomBody(8, 110)}","exp":1900000000}`)}.${randomBody(43, 111)}`;
    const token = `ghs_123456_${jwt}`;
    assert.match((await blocks(`GH_TOKEN=${token}`, 'config/app.env', token))[0] ?? '', /^Possible GitHub App installation token /);
  });

  it('blocks a Sourcegraph token from before `sgp_` by the name it is set under, not the commit or URL beside it', async () => {
    const value = hex(40, 120);
    assert.equal((await blocks(`{ "sourcegraph": "${value}" }`, 'config/tools.json', value)).length, 1);
    assert.deepEqual(await blocks(`{ "sourcegraph_commit": "${value}" }`, 'config/tools.json'), []);
  });
});

describe('security.secret: a credential or a sample', () => {
  it('passes a token body a person spelled out, and still blocks a generated one', async () => {
    assert.equal(isSpelledOut('PREfix_helloworld380_testin_pretty_long_token'), true);
    assert.equal(isSpelledOut(`${randomBody(20, 130)}_${randomBody(20, 131)}-${randomBody(20, 132)}`), false);
    assert.deepEqual(await blocks('GITLAB_TOKEN=glpat-this_value_should_never_match'), []);
    const real = `glpat-${randomBody(20, 133)}`;
    assert.equal((await blocks(`GITLAB_TOKEN=${real}`, 'config/app.env', real)).length, 1);
  });

  it('takes counting for typing: a run of seven, or most characters following the one before', () => {
    for (const typed of ['1234567', 'klmnopqrstuvwx', 'aBcDeFgHiJ', 'AbCeFG123']) assert.equal(isCounting(typed), true, typed);
    for (const seed of [140, 141, 142]) assert.equal(isCounting(randomBody(40, seed)), false);
  });

  it('passes a long body that is one character typed again and again, even with a random-looking tail', async () => {
    assert.deepEqual(await blocks(`SLACK_TOKEN=xoxb-511111111-31111111111-${hex(16, 150)}`), []);
  });

  it('reads the default of an environment lookup, and a header set in code', async () => {
    const value = randomBody(24, 160);
    assert.equal((await blocks(`API_TOKEN = os.getenv("API_TOKEN", "${value}")`, 'app/settings.py', value)).length, 1);
    assert.equal((await blocks(`req.set('X-Api-Key', '${value}');`, 'src/client.ts', value)).length, 1);
    assert.deepEqual(await blocks('API_TOKEN = os.getenv("API_TOKEN", "development")', 'app/settings.py'), []);
  });

  it('takes lower-case hex under a secret name for a key, and passes a name that says the value is public', async () => {
    const value = `d${hex(31, 170)}`;
    assert.equal((await blocks(`SESSION_SECRET=${value}`, 'config/app.env', value)).length, 1);
    assert.deepEqual(await blocks(`NEXT_PUBLIC_MAPS_API_KEY=${randomBody(32, 172)}`), []);
    assert.equal((await blocks(`NEXT_PUBLIC_STRIPE_SECRET_KEY=${value}`)).length, 1, 'public and secret: a leak');
    assert.deepEqual(await blocks(`<meta name="csrf-token" content="${randomBody(40, 171)}">`, 'public/index.html'), []);
  });

  it('takes `auth` for a credential as the last word of a name, and for a setting before another word', async () => {
    const value = Buffer.from(`deploy:${randomBody(20, 175)}`).toString('base64');
    assert.equal((await blocks(`_auth=${value}`, '.npmrc', value)).length, 1);
    assert.deepEqual(await blocks('const provider = { authMode: "PKCE_S256" };', 'src/auth.ts'), []);
    assert.deepEqual(await blocks(`const authHash = "sha256-${Buffer.from(randomBody(32, 176)).toString('base64')}";`, 'src/auth.ts'), []);
  });

  it('reads a key given to curl as the user with no password, not a user name', async () => {
    const key = randomBody(24, 180);
    assert.equal((await blocks(`curl https://api.acme.io/v1/charges -u ${key}:`, 'docs/api.sh', key)).length, 1);
    assert.deepEqual(await blocks('curl https://api.acme.io/v1/charges -u browser:', 'docs/api.sh'), []);
  });

  it('reads an Authorization header with any scheme, not an expression', async () => {
    const value = randomBody(30, 190);
    assert.equal((await blocks(`Authorization: SSWS ${value}`, 'docs/okta.http', value)).length, 1);
    assert.deepEqual(await blocks('headers: { Authorization: session.accessTokenForTheCurrentUser }', 'src/client.ts'), []);
  });

  it('passes a sample JWT by who it is for, and blocks a token signed for a test account', async () => {
    const sign = (claims: object): string => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(claims))}.${randomBody(43, 200)}`;
    assert.deepEqual(await blocks(`TOKEN=${sign({ sub: '1234567890', name: 'Jane Roe', iat: 1516239022 })}`), []);
    const real = sign({ sub: randomBody(12, 201), email: 'admin@example.com', exp: 1900000000 });
    assert.equal((await blocks(`TOKEN=${real}`, 'config/app.env', real)).length, 1);
    const johnDoe = sign({ sub: randomBody(12, 202), name: 'John Doe', exp: 1900000000 });
    assert.equal((await blocks(`TOKEN=${johnDoe}`, 'config/app.env', johnDoe)).length, 1, "jwt.io's sample name on a real subject, signed with an unknown key");
  });

  it('passes a JWT signed with a published key (jwt.io’s, the Supabase CLI’s), whatever it claims; the same claims signed otherwise block', async () => {
    const hmac = (claims: object, key: string, alg = 'HS256'): string => {
      const unsigned = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
      return `${unsigned}.${createHmac(`sha${alg.slice(2)}`, key).update(unsigned).digest('base64url')}`;
    };
    const serviceRole = { iss: 'supabase-demo', role: 'service_role', exp: 1983812996 };
    assert.deepEqual(await blocks(`SUPABASE_SERVICE_ROLE_KEY=${hmac(serviceRole, 'super-secret-jwt-token-with-at-least-32-characters-long')}`), []);
    const admin = { sub: randomBody(12, 203), admin: true, iat: 1516239022 };
    assert.deepEqual(await blocks(`TOKEN=${hmac(admin, 'your-256-bit-secret')}`), []);
    assert.deepEqual(await blocks(`TOKEN=${hmac(admin, 'a-string-secret-at-least-256-bits-long', 'HS384')}`), []);
    for (const token of [hmac(serviceRole, randomBody(40, 204)), hmac(admin, randomBody(40, 205), 'HS512')]) {
      assert.equal((await blocks(`TOKEN=${token}`, 'config/app.env', token)).length, 1, token.slice(0, 40));
    }
  });
});
