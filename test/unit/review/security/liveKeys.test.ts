// A key with a vendor's live prefix and format blocks even where a stretch of
// it counts or repeats (a real token holds `1234567` or `aaaaaaa` now and
// then); only a plain placeholder is excused. JWTs and PyPI upload tokens are
// caught; Google API keys and npm tokens follow the documented table (a
// Google key blocks everywhere; an npm token blocks when its checksum holds
// and warns when it fails, like GitHub's).
import * as assert from 'node:assert/strict';
import { base62, crc32 } from '../../../../src/core/review/checks/security/checksums';
import { scanAddedLines, textSource } from '../../../../src/core/review/checks/security/secretScan';

function verdict(path: string, line: string): string {
  const hits = scanAddedLines(path, [{ line: 1, text: line }], textSource(() => [line], () => line));
  return hits.map((hit) => `${hit.finding.severity} ${hit.what}`).join('; ') || 'none';
}

/** A token of GitHub's and npm's format whose CRC-32 holds: as the vendor issues it. */
function checksummed(prefix: string, body30: string): string {
  return `${prefix}${body30}${base62(crc32(body30), 6)}`;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('security.secret: live keys with a stretch that counts or repeats', () => {
  it('true violations: a live key blocks though part of it counts or repeats', () => {
    assert.equal(verdict('src/billing.ts', 'const stripe = "sk_live_51Hq8xYabcdefgQ2Lm9Rz3Kp7Vt5Wn1Xc4Bj6Fh8Gd0";'), 'error Stripe live key');
    assert.equal(verdict('prompts/support.md', 'Refund with rk_live_51MzQ8Lt1234567Hx2Vb9Nc4Rw6Yp3Ks8Df1Gh5Jm7'), 'error Stripe live key');
    assert.equal(verdict('.env', 'AWS_ACCESS_KEY_ID=AKIA2QX7TNM4567890KP'), 'error AWS access key id');
    assert.equal(verdict('src/slack.ts', 'const bot = "xoxb-2741234567-5309876543210-Qm8Zt3Lp9Vx2Wn6Kc4Hb1Jd7";'), 'error Slack token');
    const gh = checksummed('ghp_', 'Q8mZt3Lp9Vx2Wn6Kc4Hb1Jd7aaaaaa');
    assert.equal(verdict('src/ci.ts', `const token = "${gh}";`), 'error GitHub token');
  });

  it('benign: plain placeholders with a live prefix pass', () => {
    for (const line of [
      'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'STRIPE_KEY=sk_live_000000000000000000000000',
      'STRIPE_KEY=sk_live_<your-key-here>',
      'STRIPE_KEY=sk_live_your_key_here_please',
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ]) {
      assert.equal(verdict('.env.example', line), 'none', line);
    }
  });

  it('JWTs: a signed token with a real-looking subject blocks, though its subject counts', () => {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url({ sub: 'user_1234567', role: 'admin', iat: 1_700_000_000, exp: 1_731_536_000 });
    const jwt = `${header}.${payload}.k3Zp9Qw7xR2mN8vL5tY1uH4jG6fD0sA3bC9eW2qX7zY`;
    assert.equal(verdict('src/api.ts', `const token = "${jwt}";`), 'error JWT');
    assert.equal(verdict('prompts/agent.md', `Authorization: Bearer ${jwt}`), 'error JWT');
    const placeholder = `${header}.${base64url({ sub: '<user-id>', iat: 1_700_000_000 })}.k3Zp9Qw7xR2mN8vL5tY1uH4jG6fD0sA3bC9eW2qX7zY`;
    assert.equal(verdict('docs/auth.md', `Bearer ${placeholder}`), 'none');
  });

  it('PyPI upload tokens block in .pypirc, a workflow and code', () => {
    const macaroon = Buffer.concat([
      Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'), Buffer.from([0x02, 0x24]), Buffer.from('b8bca005-89f6-4572-ab8a-34769245d58e'),
      Buffer.from([0x00, 0x02, 0x2a]), Buffer.from('[3,"a24ebbeb-fa27-4a39-b28c-afa0e34f37c6"]'), Buffer.from([0x00, 0x00, 0x06, 0x20]), Buffer.from('k3Zp9Qw7xR2mN8vL5tY1uH4jG6fD0sA3', 'utf8'),
    ]);
    const token = `pypi-${macaroon.toString('base64url')}`;
    assert.match(token, /^pypi-AgEIcHlwaS5vcmc/);
    assert.equal(verdict('.pypirc', `password = ${token}`), 'error PyPI token');
    assert.equal(verdict('.github/workflows/release.yml', `          password: ${token}`), 'error PyPI token');
    assert.equal(verdict('scripts/publish.py', `TOKEN = "${token}"`), 'error PyPI token');
  });

  it('the documented table: a Google API key blocks everywhere, an npm token blocks when its checksum holds and warns when it fails', () => {
    const google = 'AIzaSyD4kP9qLm2Xv8RtY6wZ1bN3cJ5hG7fE0aQ';
    for (const [path, line] of [['src/maps.ts', `const key = "${google}";`], ['.env', `NEXT_PUBLIC_MAPS_KEY=${google}`], ['locales/en.json', `  "maps": "${google}"`], ['prompts/system.md', `Use ${google}`], ['src/maps.test.ts', `key: "${google}"`]]) {
      assert.equal(verdict(path, line), 'error Google API key', path);
    }
    const issued = checksummed('npm_', 'q8Zr4Lk2Vx9Tn6Ws3Hb7Yc1Pd5Mf0G');
    const typed = 'npm_q8Zr4Lk2Vx9Tn6Ws3Hb7Yc1Pd5Mf0Gj8Ku2E';
    for (const path of ['.npmrc', 'src/publish.ts', '.github/workflows/release.yml']) {
      assert.equal(verdict(path, `//registry.npmjs.org/:_authToken=${issued}`), 'error npm token', path);
      assert.equal(verdict(path, `//registry.npmjs.org/:_authToken=${typed}`), 'warning npm token', path);
    }
  });
});

describe('security.secret: translated copy of every strings format is prose', () => {
  it("the generic rules stay out of Android's, Spring's, gettext's, Fluent's and Apple's strings as out of JSON locales; a provider's token still blocks", () => {
    const line = 'login.password=Xk29vB7qLm4pZ8rTq';
    assert.notEqual(verdict('config/settings.txt', line), 'none');
    for (const path of ['src/main/resources/messages/messages_de.properties', 'app/src/main/res/values-de/strings.xml', 'locale/de/LC_MESSAGES/django.po', 'locales/de/main.ftl', 'App/de.lproj/Localizable.strings', 'src/locale/messages.de.xlf']) {
      assert.equal(verdict(path, line), 'none', path);
      assert.equal(verdict(path, 'support.hint=Use sk_live_51Hq8xYabcdefgQ2Lm9Rz3Kp7Vt5Wn1Xc4Bj6Fh8Gd0 here'), 'error Stripe live key', path);
    }
  });
});
