import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/types';
import { secretCheck } from '../../../../src/core/review/checks/security/secrets';
import { fakeSecrets } from '../e2e/fakeSecrets';
import { publicSamples } from '../../../support/secretCorpus/public';
import { added, deleted, fixtureNames, makeContext, modified, readExpected, readFixture, unsplit } from './context';

const RULE = 'secrets';
const GITHUB_TOKEN = fakeSecrets.githubToken(7);
const STRIPE_LIVE = unsplit('sk_live_26¦R08qzjI6GKFSufrdZSlB5e');

async function scan(...files: Parameters<typeof makeContext>[0]): Promise<Finding[]> {
  return secretCheck.run(makeContext(files));
}

describe('security.secret', () => {
  const expected = readExpected(RULE);

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('positives.'))) {
    it(`finds each credential of ${name} on its exact line and column`, async () => {
      const text = readFixture(RULE, name);
      const lines = text.split('\n');
      const findings = await scan(added(`config/${name}`, text));
      const want = (expected[name] ?? []).map((e) => ({ ...e, value: unsplit(e.value ?? '') }));
      assert.ok(want.length > 0, `expected.json lists ${name}`);
      assert.deepEqual(
        findings.map((f) => f.line),
        want.map((e) => e.line),
      );
      findings.forEach((finding, i) => {
        const { kind, value, line } = want[i];
        assert.match(finding.message, new RegExp(`^Possible ${kind.replace(/[`$()*+.?[\\\]^{|}]/g, '\\$&')} `));
        const lineText = lines[line - 1];
        const column = kind === 'private key' ? lineText.indexOf('-----BEGIN') + 1 : lineText.indexOf(value) + 1;
        assert.equal(finding.column, column, `column of ${kind} on line ${line}`);
        assert.equal(finding.file, `config/${name}`);
      });
    });
  }

  for (const name of fixtureNames(RULE).filter((n) => n.startsWith('negatives.'))) {
    it(`finds nothing in the placeholders and look-alikes of ${name}`, async () => {
      const findings = await scan(added(`config/${name}`, readFixture(RULE, name)));
      assert.deepEqual(findings, []);
    });
  }

  it('never prints a secret in full, nor its tail, in any field of any finding', async () => {
    let checked = 0;
    for (const [name, wants] of Object.entries(expected)) {
      const findings = await scan(added(`config/${name}`, readFixture(RULE, name)));
      const output = JSON.stringify(findings);
      for (const want of wants) {
        const value = unsplit(want.value ?? '');
        assert.ok(value.length >= 12, `a real value for line ${want.line} of ${name}`);
        assert.ok(!output.includes(value), `${name}:${want.line} leaks the secret`);
        assert.ok(!output.includes(value.slice(-8)), `${name}:${want.line} leaks the end of the secret`);
        checked++;
      }
    }
    assert.ok(checked >= 30);
  });

  it('shows the kind, a redacted prefix with the length, and what to do', async () => {
    const [finding] = await scan(added('src/api.ts', `const token = '${GITHUB_TOKEN}';\n`));
    assert.deepEqual(finding, {
      check: 'security.secret',
      severity: 'error',
      blocking: true,
      file: 'src/api.ts',
      line: 1,
      column: 16,
      message: 'Possible GitHub token `ghp_…(40)` added — remove it and rotate the credential',
    });
  });

  it('uses the checksum of GitHub tokens: one that fails is a sample, which warns without blocking', async () => {
    const [lookAlike] = await scan(added('src/api.ts', `const token = '${fakeSecrets.githubLookAlike(7)}';\n`));
    assert.deepEqual([lookAlike?.severity, lookAlike?.blocking], ['warning', false]);
    assert.match(lookAlike?.message ?? '', /its checksum does not hold/);
    const [npm] = await scan(added('.npmrc', `//registry.npmjs.org/:_authToken=npm_${fakeSecrets.githubToken(8).slice(4)}\n`));
    assert.deepEqual([npm?.message.slice(0, 18), npm?.blocking], ['Possible npm token', true]);
  });

  it('warns without blocking on a Stripe test-mode key', async () => {
    const [finding] = await scan(added('src/pay.ts', `const key = "${unsplit('sk_test_ic¦HTp8hkqdlm7tOtHWnsCGRl')}";`));
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.blocking, false);
  });

  describe('looks only at added lines', () => {
    it('does not report a secret that the change removes', async () => {
      const before = `url: x\ntoken: ${GITHUB_TOKEN}\n`;
      assert.deepEqual(await scan(modified('config.yaml', before, 'url: x\ntoken: ${GITHUB_TOKEN}\n')), []);
    });

    it('does not report the secrets of a deleted file', async () => {
      assert.deepEqual(await scan(deleted('config.yaml', `token: ${GITHUB_TOKEN}\n`)), []);
    });

    it('does not report a secret that was already there on an unchanged line', async () => {
      const before = `a: 1\ntoken: ${GITHUB_TOKEN}\nb: 2\n`;
      const after = `a: 1\ntoken: ${GITHUB_TOKEN}\nb: 3\n`;
      assert.deepEqual(await scan(modified('config.yaml', before, after)), []);
    });

    it('reports a secret added next to an old one, on its new line number', async () => {
      const before = `token: ${GITHUB_TOKEN}\n`;
      const after = `# comment\ntoken: ${GITHUB_TOKEN}\nstripe: ${STRIPE_LIVE}\n`;
      const findings = await scan(modified('config.yaml', before, after));
      assert.deepEqual(findings.map((f) => [f.line, f.message.slice(0, 24)]), [[3, 'Possible Stripe live key']]);
    });

    it('reports a secret that only moved, because it is an added line again', async () => {
      const before = `token: ${GITHUB_TOKEN}\nother: 1\n`;
      const after = `other: 1\ntoken: ${GITHUB_TOKEN}\n`;
      assert.deepEqual((await scan(modified('config.yaml', before, after))).map((f) => f.line), [2]);
    });
  });

  describe('bad input', () => {
    it('reads text with NUL bytes, and the readable text of binary files', async () => {
      const nul = await scan(added('notes.txt', `\u0000PNG\nkey ${GITHUB_TOKEN}`));
      assert.deepEqual(nul.map((f) => [f.line, f.column]), [[2, 5]]);
      const binary = await scan({ ...added('blob.bin', undefined as unknown as string), binary: true, binaryText: { after: `PNG\nkey ${GITHUB_TOKEN}` } });
      assert.deepEqual(binary.map((f) => [f.line, f.blocking]), [[2, true]]);
    });

    it('warns on a key store it cannot see into (secretlint\'s GCP `.p12` as git reads it), and not on the same bytes under another name', async () => {
      const p12 = publicSamples().find((sample) => sample.source.includes('ng.privatekey-p12/input.p12'))!;
      const store = (path: string) => ({ ...added(path, ''), newText: undefined, binary: true, binaryText: { after: p12.text } });
      const [warning, ...rest] = await scan(store('deploy/service-account.p12'));
      assert.deepEqual([warning?.severity, warning?.blocking, warning?.line, rest.length], ['warning', false, null, 0]);
      assert.match(warning?.message ?? '', /^A key store: .*`notasecret`/);
      for (const path of ['android/app/release.keystore', 'certs/client.PFX', 'secrets.kdbx']) assert.equal((await scan(store(path))).length, 1, path);
      assert.deepEqual(await scan(store('assets/logo.png')), []);
      assert.deepEqual(await scan(deleted('deploy/old.p12', '')), []);
    });

    it('in a binary file, reports only what its old version did not hold', async () => {
      const file = { ...modified('blob.bin', '', ''), oldText: undefined, newText: undefined, binary: true };
      const same = await scan({ ...file, binaryText: { before: `key ${GITHUB_TOKEN}\nv1`, after: `key ${GITHUB_TOKEN}\nv2` } });
      assert.deepEqual(same, []);
    });

    it('blocks a binary file it could not read, saying why, and passes a submodule pointer', async () => {
      const big = { ...added('video.mp4', ''), newText: undefined, binary: true, binaryText: { unread: 'a binary file of 60 MB, larger than the 50 MB that are read' } };
      const [finding] = await scan(big);
      assert.deepEqual([finding?.file, finding?.line, finding?.blocking], ['video.mp4', null, true]);
      assert.match(finding?.message ?? '', /^Not scanned for secrets: a binary file of 60 MB/);
      const [unknown] = await scan({ ...added('blob.bin', ''), newText: undefined, binary: true });
      assert.match(unknown?.message ?? '', /^Not scanned for secrets: a binary file whose text could not be read/);
      assert.deepEqual(await scan({ ...modified('vendor/lib', '', ''), oldText: undefined, newText: undefined, binary: true, submodule: true }), []);
      assert.deepEqual(await scan({ ...deleted('old.bin', ''), oldText: undefined, binary: true }), []);
    });

    it('finds nothing in an empty file and an empty change', async () => {
      assert.deepEqual(await scan(added('empty.ts', '')), []);
      assert.deepEqual(await scan(), []);
    });

    it('numbers lines of CRLF text like LF text, and keeps the CR out of values', async () => {
      const text = readFixture(RULE, 'positives.yaml');
      const lf = await scan(added('a.yaml', text));
      const crlf = await scan(added('a.yaml', text.replace(/\n/g, '\r\n')));
      assert.deepEqual(crlf, lf);
    });

    it('reads through a byte-order mark on the first line', async () => {
      const findings = await scan(added('a.env', `\uFEFFGITHUB_TOKEN=${GITHUB_TOKEN}\n`));
      assert.deepEqual(findings.map((f) => [f.line, f.column]), [[1, 15]]);
    });

    it('finds a token far into a huge minified line, at its true column, once (its time: bench/limits.bench.ts)', async () => {
      const filler = 'a=1;'.repeat(10_000);
      const line = `${filler.slice(0, 9_990)}"${GITHUB_TOKEN}";${filler}${STRIPE_LIVE}`;
      const findings = await scan(added('dist/app.min.js', line));
      assert.deepEqual(
        findings.map((f) => f.column),
        [9_992, line.indexOf(STRIPE_LIVE) + 1],
      );
    });
  });

  it('declares its id', () => {
    assert.deepEqual(secretCheck.ids, ['security.secret']);
  });
});
