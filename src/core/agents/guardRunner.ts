import { STATE_OF_STATS } from './guardChain';

// How both launchers (.pmzone/guard.cjs, and the user-level one `agents init
// --me` writes) run the guard they verified: from the very bytes whose hash
// they checked, not read again by require (a file swapped in between would
// have run unchecked), compiled with what V8 kept of the guard's last run.
//
// Without that cache node compiles dist/guard.js (240 KB) on every tool
// call, and then each function the decision calls the first time it is
// called: about a seventh of a decision's CPU. The cache is kept in the
// repository's git folder, in PM Zone's records folder (GIT_RECORDS_FOLDER),
// beside the guard's policy and identity caches. A PM's agent may not write
// there: the guard refuses it (writeJudge.ts, the git folder) and the
// sandboxes `agents init` sets up deny it (lockedArea.ts). Whoever can write
// there can already forge those caches, which decide the guard's answers,
// so a code cache there opens no door they do not. It is taken only for the
// guard whose signed hash it names, on the node version and architecture
// that made it, and only when its SHA-256 matches (V8 checks no more than
// its own version, its flags and the source's length, and a damaged cache
// could crash the guard on every call); read without following a link,
// without waiting on a FIFO, and not past LARGEST_GUARD_CODE. Where the
// chain's record (guardChain.ts) names the cache's very state under the same
// stamp, its SHA-256 held when that state was kept, and it is taken unhashed.

/** The file in the records folder. */
export const GUARD_CODE_CACHE = 'guard-code.cache';
const FORMAT = 1;
/** Larger than the guard's cache (about 340 KB) ever comes near: a file past it is not read. */
const LARGEST_GUARD_CODE = 32 * 1024 * 1024;

/**
 * `runGuard(file, bytes, digest, records, keptCode, chain)` and its helpers,
 * as launcher source (CommonJS, node's `fs` and `path` already required by
 * the launcher as `fs`, `path`; crypto loaded where a hash is computed).
 * `records`: the records folder, or undefined where there is none to keep a
 * cache in (the guard then runs as before, compiled anew). `keptCode`: the
 * chain record's word on the cache, and `chain` what is handed to the guard
 * (guardChain.ts), both optional.
 */
export const GUARD_RUNNER = `
// The guard, run from the bytes whose hash was checked, compiled with what V8 kept of its last run (see guardRunner.ts).
function runGuard(file, bytes, digest, records, keptCode, chain) {
  const Module = require('module');
  const cacheFile = records && path.join(records, ${JSON.stringify(GUARD_CODE_CACHE)});
  const stamp = JSON.stringify([${FORMAT}, digest, process.version, process.arch]);
  const cachedData = cacheFile && keptGuardCode(cacheFile, stamp, keptCode, chain);
  // Node's own CommonJS wrapper, on the file's first line: lines and columns read as node's.
  const script = new (require('vm').Script)('(function (exports, require, module, __filename, __dirname) { ' + bytes.toString('utf8') + '\\n});', { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => keepGuardCode(cacheFile, stamp, script));
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  const requireHere = Module.createRequire(file);
  requireHere.cache[file] = module;
  script.runInThisContext().call(module.exports, module.exports, requireHere, module, file, path.dirname(file));
  module.loaded = true;
}

function keptGuardCode(cacheFile, stamp, keptCode, chain) {
  let descriptor;
  try {
    descriptor = fs.openSync(cacheFile, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0));
    const stats = fs.fstatSync(descriptor, { bigint: true });
    if (!stats.isFile() || stats.size > ${LARGEST_GUARD_CODE}) return undefined;
    const kept = fs.readFileSync(descriptor);
    const end = kept.indexOf(10);
    if (end < 0) return undefined;
    const header = JSON.parse(kept.subarray(0, end).toString('utf8'));
    const data = kept.subarray(end + 1);
    if (!header || header.stamp !== stamp) return undefined;
    const state = (${STATE_OF_STATS})(stats);
    const held = !!keptCode && keptCode.stamp === stamp && keptCode.state === state && process.platform !== 'win32';
    if (!held && header.sum !== require('crypto').createHash('sha256').update(data).digest('hex')) return undefined;
    if (chain) chain.code = { file: cacheFile, stamp, state, held };
    return data;
  } catch (error) {
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

// Written whole and renamed into place; its data at a multiple of 16 bytes, which V8 takes without copying it.
function keepGuardCode(cacheFile, stamp, script) {
  const temporary = cacheFile + '.' + process.pid + '.tmp';
  let descriptor;
  try {
    fs.rmSync(temporary, { force: true });
    // Opened before V8 is asked: where the folder is missing or cannot be written, nothing is serialised for nothing.
    descriptor = fs.openSync(temporary, 'wx');
    const data = script.createCachedData();
    const header = JSON.stringify({ stamp, sum: require('crypto').createHash('sha256').update(data).digest('hex') });
    fs.writeFileSync(descriptor, Buffer.concat([Buffer.from(header + ' '.repeat(15 - (header.length % 16)) + '\\n'), data]));
    fs.closeSync(descriptor);
    descriptor = undefined;
    fs.renameSync(temporary, cacheFile);
  } catch (error) {
    // Not kept: compiled anew next time.
    try {
      if (descriptor !== undefined) fs.closeSync(descriptor);
      fs.rmSync(temporary, { force: true });
    } catch (ignored) {
      // Left for the next run's rmSync.
    }
  }
}
`;
