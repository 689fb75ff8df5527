import { accessSync, constants, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type * as Module from 'node:module';
import type * as Vm from 'node:vm';
import { recordChecksum } from '../core/digest';
import { CHECKED_SUFFIX, checksumHolds } from '../core/git/checkedState';
import { processStartedMs, settledBefore, statsState } from '../core/git/fileStates';
import { regularFileRead, regularFileReadAround, writeFileWhole } from '../core/git/regularFile';

// V8 compiles a bundle anew at every start of a command: dist/review.js alone is about half of node's own start
// here, and the functions a run calls are compiled again as it calls them. V8 can keep what it compiled (a code
// cache) and take it back at the next start, but it checks a cache only against its own version, its flags and the
// length of the source, and a release V8 does not checksum it. So PM Zone keeps one itself, for the bundles
// dist/cli.js loads and those they require beside them:
//
// - Where: in `.code-cache/` of the bundles' own folder. Whoever can write there can write the bundles, which the
//   command line runs without a check, so it opens no door a swapped bundle does not. (The guard the agents' hooks
//   run, .pmzone/guard.cjs, does not load through here: it runs only bundles it found signed, compiled by node.)
//   Where the folder cannot be written (a global install), nothing is kept.
// - Bound to its bundle: each cache names the state of the file it was compiled from (device, inode, owner, mode,
//   size, modification and change times, as a held policy entry does: `statsState`), so a bundle written since, an update of the same
//   length included, is compiled anew. It is written only for a bundle that had last changed `SETTLED_MS` before
//   this process started, whose times would show a change (`settledBefore`, as for a held entry).
// - Checked: each carries the checksum of what follows its first line (`recordChecksum`: zlib's CRC-32, which loads in
//   a third of what node's crypto module costs), computed when it is read, so a damaged file is compiled anew instead
//   of run. It tells a damaged file from a good one, which is all it is asked: the cache's bundle is named by its state.
//   Once it has held, the cache's own state is kept beside it (`checksumHolds`, src/core/git/checkedState.ts), and a
//   run that finds the cache in that state takes it unchecked: zlib is then not loaded at all.
// - Made after the run: V8 then keeps the functions the command called, not only the bundle's top level.
// - Made by the bundle's second run, not its first: the first run after an install or an update is most often the one
//   that reads the policy anew (the markdown parser, the policy built and its records written), and a cache made there
//   holds those functions too, which every later run would deserialize without calling them (zone.js's: 316 KB against
//   238 made by a run that found its records). So the cache the first run leaves is marked `run: 1`, and the next run
//   compiles without it and leaves its own, `run: 2`, which later runs take. A run that finds a cache of its bundle it
//   cannot use (damaged, or rejected by V8 for other flags) is not a first run, and leaves `run: 2` at once.
// - Anything that fails (a FIFO or a link in its place, a folder that cannot be written) is compiled as node would.

/**
 * What became of a bundle's cache, for the tests: used; none, damaged, stale (another bundle's) or rejected by V8;
 * the first run's, compiled without and replaced; no bundle there, or one holding an import(), required as node would;
 * or the bundle was loaded already.
 */
export type CodeCacheUse = 'used' | 'none' | 'damaged' | 'stale' | 'rejected' | 'first' | 'not-a-bundle' | 'imports' | 'loaded';

export const CODE_CACHE_FOLDER = '.code-cache';
/**
 * Where V8's data starts in a cache file. V8 takes a cache in place only where it starts at a multiple of a pointer's
 * size, and copies it first otherwise (0.9 MB for a review, in pages touched for the first time); a file read whole
 * starts a buffer of its own, which is aligned. 16 for a margin.
 */
export const DATA_ALIGNMENT = 16;
// 2: the checksum is recordChecksum's, and the header names no other check.
const FORMAT = 2;
/** Larger than any bundle's cache (the largest, review.js's, is under 1 MB); a file past it is not read. */
const LARGEST_CACHE = 64 * 1024 * 1024;

/** Which run of its bundle made a cache: the first (not taken: compiled without, and replaced) or a later one. */
type MadeBy = 1 | 2;

interface Pending {
  cacheFile: string;
  bundleState: string;
  script: Vm.Script;
  run: MadeBy;
}

const pending: Pending[] = [];
let exitHooked = false;

/**
 * `file`'s exports, compiled with its kept code cache where one is good; `plain` (a require) where `file` is not
 * there (the command line run from its sources) or cannot be read.
 */
export function requireBundle<T>(file: string, plain: () => T): T {
  return loadBundle(file, plain).exports;
}

/** requireBundle, with what became of the cache. */
export function loadBundle<T>(file: string, plain: () => T, startedMs = processStartedMs()): { exports: T; cache: CodeCacheUse } {
  const { createRequire } = nodeModule();
  const loaded = createRequire(file).cache[file];
  if (loaded) return { exports: loaded.exports as T, cache: 'loaded' };
  // Read inside node's CommonJS wrapper: V8 gets the source as one flat string, decoded once.
  const bundle = regularFileReadAround(file, WRAPPER_START, WRAPPER_END);
  if (typeof bundle !== 'object' || !('bytes' in bundle)) return { exports: plain(), cache: 'not-a-bundle' };
  // V8 gives the functions it takes from a cache no host options, so an import() there would find no loader (node's
  // ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): a bundle that holds one (the bash grammar's runtime) is required as it is.
  if (bundle.bytes.includes('import(')) return { exports: plain(), cache: 'imports' };
  const bundleState = statsState(bundle.stats);
  const cacheFile = path.join(path.dirname(file), CODE_CACHE_FOLDER, `${path.basename(file)}.${process.version}-${process.arch}.cache`);
  const kept = keptCache(cacheFile, bundleState, startedMs);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where a bundle is
  const { Script } = require('node:vm') as typeof Vm;
  const script = new Script(bundle.bytes.toString('utf8'), { filename: file, ...(kept.data ? { cachedData: kept.data } : {}) });
  const cache: CodeCacheUse = kept.data === undefined ? kept.use : script.cachedDataRejected === true ? 'rejected' : 'used';
  // No cache of this bundle found (none, or another bundle's): this is its first run here.
  const run: MadeBy = cache === 'none' || cache === 'stale' ? 1 : 2;
  if (cache !== 'used' && settledBefore(startedMs, file, { state: bundleState, stats: bundle.stats })) keepAtExit({ cacheFile, bundleState, script, run });
  const module = registered(file, createRequire);
  try {
    const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;
    compiled.call(module.exports, module.exports, bundleRequire(file, startedMs, createRequire), module, file, path.dirname(file));
  } catch (error) {
    // As node does: a bundle that threw is not kept as loaded.
    delete createRequire(file).cache[file];
    throw error;
  }
  module.loaded = true;
  return { exports: module.exports as T, cache };
}

/** Writes the caches of the bundles this process compiled without one: at exit, with what they ran. */
export function writePendingCodeCaches(): void {
  for (const entry of pending.splice(0)) {
    try {
      writeCache(entry);
    } catch {
      // Not kept: compiled again next time.
    }
  }
}

// The wrapper node compiles a CommonJS file in, so that lines and columns read as node's own.
const WRAPPER_START = Buffer.from('(function (exports, require, module, __filename, __dirname) { ');
const WRAPPER_END = Buffer.from('\n});');

// The require a bundle gets: a bundle beside it (`./core.js`) through its cache too, anything else as node would.
function bundleRequire(file: string, startedMs: number, createRequire: typeof Module.createRequire): NodeJS.Require {
  const plain = createRequire(file);
  const folder = path.dirname(file);
  const required = ((id: string) => (/^\.\/[\w.-]+\.js$/.test(id) ? loadBundle(path.join(folder, id.slice(2)), () => plain(id), startedMs).exports : plain(id))) as NodeJS.Require;
  return Object.assign(required, { resolve: plain.resolve, cache: plain.cache, main: plain.main, extensions: plain.extensions });
}

/**
 * Node's Module class, the export of node:module, as the module this file runs in was made by: asking node:module for
 * it loads node's ESM loader and source map modules beside it, four modules and about 1 ms of every command.
 */
function nodeModule(): typeof Module {
  return module.constructor as unknown as typeof Module;
}

// Registered where node keeps its modules, so that a plain require of the same file gets the same exports.
function registered(file: string, createRequire: typeof Module.createRequire): NodeJS.Module {
  const ModuleClass = nodeModule() as unknown as new (id: string) => NodeJS.Module;
  const module = new ModuleClass(file);
  module.filename = file;
  createRequire(file).cache[file] = module;
  return module;
}

/** The cache kept for the bundle in `bundleState`, when its first line names that state and a later run than the first, and its checksum holds. */
function keptCache(cacheFile: string, bundleState: string, startedMs: number): { data?: Buffer; use: CodeCacheUse } {
  // Read at once where it is a regular file: a FIFO is not waited on, a link at its name not followed, a file no bundle's cache comes near not read.
  const file = regularFileRead(cacheFile, { links: 'not followed', maxBytes: LARGEST_CACHE });
  if (typeof file !== 'object' || !('bytes' in file)) return { use: 'none' };
  const end = file.bytes.indexOf(10);
  let header: { format?: unknown; bundle?: unknown; sum?: unknown; run?: unknown } | undefined;
  try {
    header = end < 0 ? undefined : (JSON.parse(file.bytes.subarray(0, end).toString('utf8')) as typeof header);
  } catch {
    header = undefined;
  }
  if (!header || header.format !== FORMAT) return { use: 'damaged' };
  if (header.bundle !== bundleState) return { use: 'stale' };
  // Not taken, so not checked: a cache without the mark (the release before) was made by a first run, as every cache then was.
  if (header.run !== 2) return { use: 'first' };
  const data = file.bytes.subarray(end + 1);
  return checksumHolds(cacheFile, file.stats, () => header.sum === recordChecksum(data), startedMs) ? { data, use: 'used' } : { use: 'damaged' };
}

function keepAtExit(entry: Pending): void {
  pending.push(entry);
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', writePendingCodeCaches);
}

function writeCache({ cacheFile, bundleState, script, run }: Pending): void {
  const folder = path.dirname(cacheFile);
  // A folder that cannot be written (a global install) keeps nothing, and V8 is not asked to serialise for it.
  accessSync(path.dirname(folder), constants.W_OK);
  const data = script.createCachedData();
  const header = JSON.stringify({ format: FORMAT, bundle: bundleState, sum: recordChecksum(data), run });
  // Spaces after the header bring V8's data to a multiple of DATA_ALIGNMENT in the file, as in the buffer it is read into.
  const line = `${header.padEnd(Math.ceil((header.length + 1) / DATA_ALIGNMENT) * DATA_ALIGNMENT - 1)}\n`;
  // The state kept for the cache this replaces names another file: gone with it.
  rmSync(`${cacheFile}${CHECKED_SUFFIX}`, { force: true });
  writeFileWhole(cacheFile, Buffer.concat([Buffer.from(line), data]));
  // The caches of other node versions for this bundle: none would be taken again by this one.
  const own = path.basename(cacheFile);
  const bundleName = own.slice(0, own.indexOf('.js.') + 3);
  for (const name of readdirSync(folder)) {
    const cacheName = name.endsWith(CHECKED_SUFFIX) ? name.slice(0, -CHECKED_SUFFIX.length) : name;
    if (cacheName !== own && cacheName.startsWith(`${bundleName}.`) && cacheName.endsWith('.cache')) rmSync(path.join(folder, name), { force: true });
  }
}
