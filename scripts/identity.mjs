// The identity a build stamps: dist/identity.json names the package, its
// version and the SHA-256 of each bundle, signed with Ed25519. The launcher
// the agents' hooks run (.pmzone/guard.cjs) runs a guard only when a key it
// trusts signed the identity and the guard's bytes match it, so a package
// that merely calls itself pm-zone is refused.
//
// - A release signs with the key in PM_ZONE_SIGNING_KEY (a PKCS #8 PEM, a
//   secret of the release workflow) whose public half is committed in
//   src/core/agents/guardKeys.json; its launchers trust the release keys only.
// - Every other build signs with the development key, derived below from a
//   public phrase: anyone can sign with it, and only the launchers a
//   development build writes trust it.
//
// `node scripts/identity.mjs keygen ID` makes a release key: the private key
// on standard output (for the secret), the line to commit on standard error.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEYS_FILE = new URL('../src/core/agents/guardKeys.json', import.meta.url);
/** Ed25519's PKCS #8 header: the private key is these 16 bytes and the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const DEVELOPMENT_PHRASE = 'PM Zone development signing key: public on purpose, trusted only by launchers a development build writes';

export const IDENTITY_FILE = 'identity.json';

export function committedKeys() {
  return JSON.parse(readFileSync(KEYS_FILE, 'utf8'));
}

/** The development key's private half, from its public phrase. */
export function developmentPrivateKey() {
  const seed = createHash('sha256').update(DEVELOPMENT_PHRASE).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicX(privateKey) {
  return createPublicKey(privateKey).export({ format: 'jwk' }).x;
}

/**
 * The key this build signs with: the release key when PM_ZONE_SIGNING_KEY
 * holds one whose public half is committed, else the development key. A key
 * that is set but not committed is an error, never a silent development build.
 */
export function signingKey(env = process.env) {
  const keys = committedKeys();
  const secret = env.PM_ZONE_SIGNING_KEY;
  if (!secret) {
    const key = developmentPrivateKey();
    if (publicX(key) !== keys.development.x) throw new Error('the development key in src/core/agents/guardKeys.json is not the one scripts/identity.mjs derives');
    return { id: keys.development.id, key, release: false };
  }
  let key;
  try {
    key = createPrivateKey(secret);
  } catch (error) {
    throw new Error(`PM_ZONE_SIGNING_KEY is not a private key in PEM (${error.message})`, { cause: error });
  }
  const x = publicX(key);
  const id = Object.keys(keys.release).find((name) => keys.release[name] === x);
  if (!id) throw new Error('PM_ZONE_SIGNING_KEY is not one of the release keys in src/core/agents/guardKeys.json: commit its public half (node scripts/identity.mjs keygen) first');
  return { id, key, release: true };
}

/** Writes dist/identity.json for the bundles named, signed with `signer` (from signingKey). */
export function writeIdentity(dist, files, { name, version }, signer) {
  const hashes = Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(join(dist, file))).digest('hex')]));
  const payload = JSON.stringify({ name, version, key: signer.id, files: hashes });
  const signature = sign(null, Buffer.from(payload, 'utf8'), signer.key).toString('base64');
  writeFileSync(join(dist, IDENTITY_FILE), `${JSON.stringify({ payload, signature }, null, 2)}\n`);
}

function keygen(id) {
  if (!id || !/^[\w.-]+$/.test(id)) {
    console.error('usage: node scripts/identity.mjs keygen ID (letters, digits, dots and dashes, such as release-2026)');
    process.exit(2);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  process.stdout.write(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  console.error(`Store standard output as the PM_ZONE_SIGNING_KEY secret of the release environment, then commit under "release" in src/core/agents/guardKeys.json:\n  ${JSON.stringify(id)}: ${JSON.stringify(publicKey.export({ format: 'jwk' }).x)}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) {
  if (process.argv[2] === 'keygen') keygen(process.argv[3]);
  else {
    console.error('usage: node scripts/identity.mjs keygen ID');
    process.exit(2);
  }
}
