// A small stand-in for PM Zone's package, signed the way the build signs
// (scripts/identity.mjs), for the launcher to find and verify: its guard
// prints its version and arguments instead of judging.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { developmentPrivateKey, writeIdentity, type Signer } from '../../../scripts/identity.mjs';

export const GUARD = "process.stdout.write('guard ' + require('./version.json').v + ' ' + process.argv.slice(2).join(' '));\n";

export const development: Signer = { id: 'development', key: developmentPrivateKey(), release: false };

/** A package named `name` in `folder`, signed by `signer` (undefined: no identity at all). */
export async function makePackage(folder: string, version: string, signer: Signer | undefined, name = 'pm-zone'): Promise<void> {
  await fs.mkdir(path.join(folder, 'dist'), { recursive: true });
  await fs.writeFile(path.join(folder, 'package.json'), JSON.stringify({ name, version, bin: { 'pm-zone': './dist/cli.js' } }));
  await fs.writeFile(path.join(folder, 'dist', 'guard.js'), GUARD);
  await fs.writeFile(path.join(folder, 'dist', 'version.json'), JSON.stringify({ v: version }));
  await fs.writeFile(path.join(folder, 'dist', 'core.js'), 'module.exports = {};\n');
  await fs.writeFile(path.join(folder, 'dist', 'cli.js'), '#!/usr/bin/env node\n');
  if (signer) writeIdentity(path.join(folder, 'dist'), ['guard.js', 'core.js', 'cli.js'], { name: 'pm-zone', version }, signer);
}
