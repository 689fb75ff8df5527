// scripts/identity.mjs, the key a build signs dist/identity.json with: the
// development key unless a release key is given, and a given key that is not
// committed is an error, never a quiet development build.
import * as assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { committedKeys, signingKey, writeIdentity } from '../../../scripts/identity.mjs';
import { trustedGuardKeys } from '../../../src/core/agents';
import { tempDir } from '../helpers/tempRepo';

describe("the build's identity (scripts/identity.mjs)", () => {
  it('signs with the development key when no release key is set, the one guardKeys.json names', () => {
    const signer = signingKey({});
    assert.equal(signer.release, false);
    assert.equal(createPublicKey(signer.key).export({ format: 'jwk' }).x, committedKeys().development.x);
    assert.deepEqual(signingKey({ PM_ZONE_SIGNING_KEY: '' }).id, 'development');
  });

  it('refuses a release key whose public half is not committed, and text that is not a key', () => {
    const stranger = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    assert.throws(() => signingKey({ PM_ZONE_SIGNING_KEY: stranger }), /not one of the release keys in src\/core\/agents\/guardKeys\.json/);
    assert.throws(() => signingKey({ PM_ZONE_SIGNING_KEY: 'hunter2' }), /PM_ZONE_SIGNING_KEY is not a private key in PEM/);
  });

  it('writes every named file\'s SHA-256, signed over the exact payload text', async () => {
    const dist = await tempDir('identity');
    await fs.writeFile(path.join(dist, 'guard.js'), 'x');
    writeIdentity(dist, ['guard.js'], { name: 'pm-zone', version: '1.0.0' }, signingKey({}));
    const identity = JSON.parse(await fs.readFile(path.join(dist, 'identity.json'), 'utf8')) as { payload: string; signature: string };
    assert.deepEqual(JSON.parse(identity.payload), { name: 'pm-zone', version: '1.0.0', key: 'development', files: { 'guard.js': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' } });
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: committedKeys().development.x }, format: 'jwk' });
    assert.ok(verify(null, Buffer.from(identity.payload), key, Buffer.from(identity.signature, 'base64')));
  });

  it("a release's launcher trusts no development key; a development build's trusts it beside the release keys", () => {
    assert.deepEqual(trustedGuardKeys(true), committedKeys().release);
    assert.deepEqual(trustedGuardKeys(false), { ...committedKeys().release, development: committedKeys().development.x });
  });
});
