import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { CODE_CACHE_FOLDER, DATA_ALIGNMENT } from '../../../src/cli/bundleCodeCache';
import { CHECKED_SUFFIX } from '../../../src/core/git/checkedState';
import { recordChecksum } from '../../../src/core/digest';

const LOADER = JSON.stringify(path.resolve(__dirname, '../../../src/cli/bundleCodeCache.ts'));

/**
 * The code cache dist/cli.js compiles its bundles with (src/cli/bundleCodeCache.ts), each load in a node process of
 * its own, as a command is: V8 keeps what an isolate compiled, so a second load in one process would not show whether
 * the cache on disk was taken. The process notes each compile (`vm.Script`: was a cache given, did V8 reject it) and
 * prints what the bundle exported.
 */
describe('the command line\'s code cache: a bundle compiled with what V8 kept of its last run', function () {
  this.timeout(60_000);
  let folder: string;
  let dist: string;

  // `value` and `other` are the same length in each version of the bundle, as V8 checks a cache only by length.
  const bundle = (value: number) => `exports.value = ${value};\nexports.sum = (a, b) => a + b + exports.value;\nexports.other = require('./other.js').name;\n`;

  before(async function () {
    if (process.platform === 'win32') this.skip();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'pm-zone-code-cache-'));
    dist = path.join(folder, 'dist');
    await fs.mkdir(dist);
  });

  beforeEach(async () => {
    await fs.rm(path.join(dist, CODE_CACHE_FOLDER), { recursive: true, force: true });
    await fs.writeFile(path.join(dist, 'main.js'), bundle(1));
    await fs.writeFile(path.join(dist, 'other.js'), "exports.name = 'other';\n");
  });

  after(async () => {
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  });

  /** One load of dist/main.js, `settledMs` after its files last changed as far as the loader is told. */
  function load(options: { settledMs?: number; nodeFlags?: string[] } = {}): { cache: string; exports: { value: number; sum: number; other: string }; compiles: { file: string; given: boolean; rejected: boolean }[]; zlib: boolean } {
    const script = `
      const vm = require('node:vm');
      const compiles = [];
      const Script = vm.Script;
      vm.Script = class extends Script {
        constructor(source, options) {
          super(source, options);
          compiles.push({ file: require('node:path').basename(options.filename), given: options.cachedData !== undefined, rejected: this.cachedDataRejected === true });
        }
      };
      const { loadBundle } = require(${LOADER});
      const file = require('node:path').join(${JSON.stringify(dist)}, 'main.js');
      const loaded = loadBundle(file, () => { throw new Error('required plainly'); }, Date.now() + ${options.settledMs ?? 5000});
      const { value, sum, other } = loaded.exports;
      process.stdout.write(JSON.stringify({ cache: loaded.cache, exports: { value, sum: sum(1, 2), other }, compiles, zlib: process.moduleLoadList.includes('NativeModule zlib') }));
    `;
    const output = execFileSync(process.execPath, [...(options.nodeFlags ?? []), '--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    return JSON.parse(output) as ReturnType<typeof load>;
  }

  const cacheOf = async (name: string) => {
    const names = await fs.readdir(path.join(dist, CODE_CACHE_FOLDER)).catch(() => [] as string[]);
    const found = names.filter((file) => file.startsWith(`${name}.`) && file.endsWith('.cache'));
    assert.ok(found.length <= 1, `one cache for ${name}: ${found.join(', ')}`);
    return found[0] === undefined ? undefined : path.join(dist, CODE_CACHE_FOLDER, found[0]);
  };

  const headerOf = async (file: string) => {
    const bytes = await fs.readFile(file);
    return JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString('utf8')) as { format: number; bundle: string; sum: string; run?: number };
  };

  it('compiles a bundle and those it requires beside it without a cache, keeps one for each at exit, and takes those of the second run from the third on', async () => {
    const first = load();
    assert.equal(first.cache, 'none');
    assert.deepEqual(first.exports, { value: 1, sum: 4, other: 'other' });
    assert.deepEqual(first.compiles, [{ file: 'main.js', given: false, rejected: false }, { file: 'other.js', given: false, rejected: false }]);
    const kept = await cacheOf('main.js');
    assert.ok(kept && (await cacheOf('other.js')), 'a cache for each bundle');
    assert.equal((await headerOf(kept)).run, 1, 'marked as the first run\'s');
    const firstBytes = await fs.readFile(kept);

    // The first run's cache is not taken: the second compiles without it, and leaves its own in its place.
    const second = load();
    assert.equal(second.cache, 'first');
    assert.deepEqual(second.exports, first.exports);
    assert.deepEqual(second.compiles, first.compiles);
    assert.notDeepEqual(await fs.readFile(kept), firstBytes, 'replaced');
    const keptBytes = await fs.readFile(kept);
    const header = await headerOf(kept);
    assert.equal(header.run, 2);
    assert.equal((await headerOf((await cacheOf('other.js'))!)).run, 2);
    const stats = await fs.stat(path.join(dist, 'main.js'), { bigint: true });
    assert.equal(header.bundle, `${stats.dev}:${stats.ino}:${stats.uid}:${stats.mode}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`);
    // zlib's CRC-32 of V8's data where node has it (20.15 on; the SHA-256 before), so that a review loads no crypto module for it.
    const data = keptBytes.subarray(keptBytes.indexOf(10) + 1);
    const { crc32 } = zlib as typeof zlib & { crc32?: (data: Buffer) => number };
    assert.equal(header.sum, recordChecksum(data));
    assert.equal(header.sum, crc32 ? crc32(data).toString(16) : createHash('sha256').update(data).digest('hex'));
    // V8 takes data that starts at a pointer's multiple in place, and copies it first otherwise.
    assert.equal(((await fs.readFile(kept)).indexOf(10) + 1) % DATA_ALIGNMENT, 0, 'V8\'s data starts at a multiple of DATA_ALIGNMENT');

    const third = load();
    assert.equal(third.cache, 'used');
    assert.deepEqual(third.exports, first.exports);
    assert.deepEqual(third.compiles, [{ file: 'main.js', given: true, rejected: false }, { file: 'other.js', given: true, rejected: false }]);
    assert.deepEqual(await fs.readFile(kept), keptBytes, 'not written again');
  });

  /** main.js's cache as its second run leaves it: the one later runs take. */
  const secondRunsCache = async () => {
    load();
    load();
    return (await cacheOf('main.js'))!;
  };

  /** The cache at `kept` with its header line changed, V8's data as it was. */
  const withHeader = async (kept: string, header: (line: string) => string) => {
    const bytes = await fs.readFile(kept);
    const end = bytes.indexOf(10);
    const changed = Buffer.concat([Buffer.from(`${header(bytes.subarray(0, end).toString('utf8'))}\n`), bytes.subarray(end + 1)]);
    await fs.writeFile(kept, changed);
    return changed;
  };

  it('a cache whose checksum held is taken in the same state unchecked (zlib not loaded); one written since is checked again', async () => {
    const kept = await secondRunsCache();
    const checked = `${kept}${CHECKED_SUFFIX}`;
    const third = load();
    assert.deepEqual({ cache: third.cache, zlib: third.zlib }, { cache: 'used', zlib: true }, 'checked by its CRC-32');
    const stats = await fs.stat(kept, { bigint: true });
    assert.equal(await fs.readFile(checked, 'latin1'), `${stats.dev}:${stats.ino}:${stats.uid}:${stats.mode}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`);
    const held = load();
    assert.deepEqual({ cache: held.cache, zlib: held.zlib, exports: held.exports }, { cache: 'used', zlib: false, exports: third.exports });
    assert.deepEqual(held.compiles, third.compiles);

    // One byte of V8's data flipped in place: the cache's state moves with the write, so the checksum is computed, and fails.
    const bytes = await fs.readFile(kept);
    bytes[bytes.indexOf(10) + 200] ^= 0xff;
    await fs.writeFile(kept, bytes);
    const damaged = load();
    assert.deepEqual({ cache: damaged.cache, zlib: damaged.zlib, exports: damaged.exports }, { cache: 'damaged', zlib: true, exports: third.exports });
    // Written again at exit, with the state kept for the damaged file gone with it.
    await assert.rejects(fs.stat(checked), { code: 'ENOENT' });
    assert.deepEqual([load().cache, load().zlib], ['used', false]);
  });

  it('a cache written for a bundle removes that bundle\'s caches for other versions of node, and the states kept for them', async () => {
    const folderOfCaches = path.join(dist, CODE_CACHE_FOLDER);
    await fs.mkdir(folderOfCaches);
    const others = ['main.js.v0.0.1-x64.cache', `main.js.v0.0.1-x64.cache${CHECKED_SUFFIX}`, 'other.js.v0.0.1-x64.cache'];
    // Not a cache of main.js: a bundle whose name starts as main.js's does, and a file that is no cache.
    const kept = ['main.json.v0.0.1-x64.cache', 'main.js.notes'];
    for (const name of [...others, ...kept]) await fs.writeFile(path.join(folderOfCaches, name), 'x');
    load();
    const names = await fs.readdir(folderOfCaches);
    assert.deepEqual(names.filter((name) => others.includes(name) || kept.includes(name)).sort(), [...kept].sort());
    assert.ok(await cacheOf('main.js'));
  });

  it('a good cache without the mark of its run (as the release before wrote each, at a first run) is compiled without once, and replaced', async () => {
    const kept = await secondRunsCache();
    const { run, ...unmarked } = await headerOf(kept);
    assert.equal(run, 2);
    await withHeader(kept, () => JSON.stringify(unmarked));
    assert.equal(load().cache, 'first');
    assert.equal((await headerOf(kept)).run, 2);
    assert.equal(load().cache, 'used');
  });

  it('takes a cache whose header was written without the spaces that align its data (the release before), and keeps it', async () => {
    const kept = await secondRunsCache();
    const unaligned = await withHeader(kept, (line) => line.trimEnd());
    assert.notEqual((unaligned.indexOf(10) + 1) % 8, 0, 'the header, unpadded, leaves the data off a pointer\'s multiple');
    const taken = load();
    assert.equal(taken.cache, 'used');
    assert.deepEqual(taken.exports, { value: 1, sum: 4, other: 'other' });
    assert.deepEqual(await fs.readFile(kept), unaligned, 'not written again');
  });

  it('keeps nothing for a bundle written within the clock\'s step before the process started', async () => {
    const fresh = load({ settledMs: 0 });
    assert.equal(fresh.cache, 'none');
    assert.equal(await cacheOf('main.js'), undefined);
    assert.equal(load().cache, 'none', 'nothing was kept');
  });

  it('a bundle written since, with the same length, is compiled anew: the cache names another state', async () => {
    load();
    await fs.writeFile(path.join(dist, 'main.js'), bundle(7));
    const after = load();
    assert.equal(after.cache, 'stale');
    // V8 alone, given the old cache for a source of the same length, would run the old code: value 1.
    assert.deepEqual(after.exports, { value: 7, sum: 10, other: 'other' });
    // The stale cache's bundle is gone: that run was the new bundle's first, and the cache of its second answers as it.
    assert.deepEqual([load(), load()].map((run) => [run.cache, run.exports.value]), [['first', 7], ['used', 7]]);
  });

  it('a damaged cache is compiled anew and written again; one V8 rejects (other flags) too: neither run is a first, so each leaves a cache taken at once', async () => {
    const kept = await secondRunsCache();
    const bytes = await fs.readFile(kept);
    // One byte of V8's data flipped, past the header line.
    const at = bytes.indexOf(10) + 200;
    bytes[at] ^= 0xff;
    await fs.writeFile(kept, bytes);
    const damaged = load();
    assert.equal(damaged.cache, 'damaged');
    assert.deepEqual(damaged.exports, { value: 1, sum: 4, other: 'other' });
    assert.equal(load().cache, 'used', 'written again at exit');

    await fs.writeFile(kept, 'not a cache at all');
    assert.equal(load().cache, 'damaged');

    // Another V8 flag: V8 refuses the cache itself, and the run keeps one for its own flags.
    const rejected = load({ nodeFlags: ['--no-opt'] });
    assert.equal(rejected.cache, 'rejected');
    assert.deepEqual(rejected.exports, { value: 1, sum: 4, other: 'other' });
    assert.equal(load({ nodeFlags: ['--no-opt'] }).cache, 'used');
  });

  it('a FIFO or a link in a cache\'s place is not read, and is replaced at exit; a folder that cannot hold caches keeps none', async () => {
    load();
    const kept = (await cacheOf('main.js'))!;
    const elsewhere = path.join(folder, 'elsewhere.cache');
    await fs.rename(kept, elsewhere);
    await fs.symlink(elsewhere, kept);
    assert.equal(load().cache, 'none', 'a link at the cache\'s name is not followed');
    assert.equal((await fs.lstat(kept)).isFile(), true, 'the link was replaced by a cache');
    // No cache was found there, so that run was taken for the bundle's first.
    assert.deepEqual([load().cache, load().cache], ['first', 'used']);

    await fs.rm(kept);
    execFileSync('mkfifo', [kept]);
    // A read that waited on the FIFO would hold the process until the test's time limit kills it.
    assert.equal(load().cache, 'none');
    assert.deepEqual([load().cache, load().cache], ['first', 'used']);

    // A file far larger than any cache (sparse: 65 MB of nothing on disk) is not read, where reading it would find it damaged.
    await fs.rm(kept);
    await fs.writeFile(kept, `${(await fs.readFile(elsewhere, 'utf8')).split('\n')[0]}\n`);
    await fs.truncate(kept, 65 * 1024 * 1024);
    assert.equal(load().cache, 'none', 'a cache past the largest is not read');
    assert.ok((await fs.stat(kept)).size < 65 * 1024 * 1024, 'it was replaced by a cache');
    assert.deepEqual([load().cache, load().cache], ['first', 'used']);

    await fs.rm(path.join(dist, CODE_CACHE_FOLDER), { recursive: true });
    await fs.writeFile(path.join(dist, CODE_CACHE_FOLDER), 'a file where the folder would be');
    const nowhere = load();
    assert.deepEqual([nowhere.cache, nowhere.exports.value], ['none', 1]);
    assert.equal(load().cache, 'none');
  });

  it('a bundle holding an import() is required as node would, twice: from a cache, V8 would give its import() no loader', async () => {
    await fs.writeFile(path.join(dist, 'dynamic.js'), "exports.later = () => import('node:os').then((os) => typeof os.platform);\n");
    const script = `
      const { loadBundle } = require(${LOADER});
      const file = require('node:path').join(${JSON.stringify(dist)}, 'dynamic.js');
      const loaded = loadBundle(file, () => require(file), Date.now() + 5000);
      loaded.exports.later().then((type) => process.stdout.write(JSON.stringify({ cache: loaded.cache, type })));
    `;
    for (let run = 0; run < 2; run++) {
      const output = JSON.parse(execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8', timeout: 30_000 })) as unknown;
      assert.deepEqual(output, { cache: 'imports', type: 'function' });
    }
    assert.equal(await cacheOf('dynamic.js'), undefined);
  });

  it('a bundle that throws is not kept as loaded, and a missing bundle is required as node would', async () => {
    await fs.writeFile(path.join(dist, 'main.js'), "throw new Error('the bundle threw');\n");
    const script = `
      const { loadBundle } = require(${LOADER});
      const file = require('node:path').join(${JSON.stringify(dist)}, 'main.js');
      let message;
      try { loadBundle(file, () => ({})); } catch (error) { message = error.message; }
      const missing = loadBundle(file.replace('main.js', 'missing.js'), () => ({ plain: true }));
      process.stdout.write(JSON.stringify({ message, cached: file in require.cache, missing }));
    `;
    const output = JSON.parse(execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8', timeout: 30_000 })) as unknown;
    assert.deepEqual(output, { message: 'the bundle threw', cached: false, missing: { exports: { plain: true }, cache: 'not-a-bundle' } });
  });
});
