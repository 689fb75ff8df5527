// loadSigned (src/core/agents/guardKeys.ts): in a guard the launcher started,
// a bundle beside it runs from the very bytes that hashed to what the verified
// identity says. Node's require reading the file again after the check would
// run whatever was swapped in between.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { VERIFIED_IDENTITY, loadSigned } from '../../../src/core/agents/guardKeys';
import { tempDir } from '../helpers/tempRepo';

const ORIGINAL = 'exports.which = "signed"; exports.file = __filename; exports.here = require.resolve("./sibling.js");\n';
const SWAPPED = 'exports.which = "swapped";\n';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('loadSigned: a bundle beside the guard runs from the bytes whose hash was checked', () => {
  const key = Symbol.for(VERIFIED_IDENTITY);
  const globals = globalThis as Record<symbol, unknown>;
  let folder: string;
  let file: string;
  const readFileSync = fs.readFileSync;

  beforeEach(async () => {
    folder = await tempDir('load-signed');
    file = path.join(folder, 'bundle.js');
    fs.writeFileSync(file, ORIGINAL);
    fs.writeFileSync(path.join(folder, 'sibling.js'), 'module.exports = 1;\n');
  });

  afterEach(() => {
    delete globals[key];
    (fs as { readFileSync: typeof readFileSync }).readFileSync = readFileSync;
    delete createRequire(file).cache[file];
  });

  /** The file is swapped for SWAPPED right after its first read: the race a reader that reads twice loses. */
  function swapAfterFirstRead(): void {
    let swapped = false;
    (fs as { readFileSync: unknown }).readFileSync = (...args: Parameters<typeof readFileSync>) => {
      const content = readFileSync(...args);
      if (!swapped && path.resolve(String(args[0])) === file) {
        swapped = true;
        fs.writeFileSync(file, SWAPPED);
      }
      return content;
    };
  }

  it('runs what was checked, not a file swapped after the check, as a module of its folder', () => {
    globals[key] = { 'bundle.js': sha256(ORIGINAL) };
    swapAfterFirstRead();
    const loaded = loadSigned(file, () => assert.fail('no identity was verified')) as { which: string; file: string; here: string };
    assert.equal(loaded.which, 'signed');
    assert.equal(loaded.file, file);
    assert.equal(loaded.here, path.join(folder, 'sibling.js'));
    assert.equal(readFileSync(file, 'utf8'), SWAPPED);
    // Kept in node's module cache, as require keeps it: the next load is the same module, not a read of the swapped file.
    assert.equal(createRequire(file).cache[file]?.exports, loaded);
    assert.equal(loadSigned(file, () => assert.fail('no identity was verified')), loaded);
  });

  it('refuses a file whose bytes are not the signed ones, and runs nothing of it', () => {
    globals[key] = { 'bundle.js': sha256(SWAPPED) };
    const ran = Symbol.for('pm-zone.test.ran');
    fs.writeFileSync(file, `globalThis[Symbol.for('pm-zone.test.ran')] = true;\n`);
    assert.throws(() => loadSigned(file, () => assert.fail('no identity was verified')), /bundle\.js is not the file PM Zone's build signed/);
    assert.equal(globals[ran], undefined);
    assert.equal(createRequire(file).cache[file], undefined);
  });

  it('keeps no module that threw, so the next load tries it again', () => {
    const throwing = 'throw new Error("at load");\n';
    fs.writeFileSync(file, throwing);
    globals[key] = { 'bundle.js': sha256(throwing) };
    assert.throws(() => loadSigned(file, () => assert.fail('no identity was verified')), /at load/);
    assert.equal(createRequire(file).cache[file], undefined);
  });

  it('where no identity was verified, loads it as the caller says', () => {
    assert.equal(loadSigned(file, () => 'as the build loads it'), 'as the build loads it');
  });
});
