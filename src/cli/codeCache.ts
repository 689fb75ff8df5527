import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

// Most of a command's start is V8 compiling dist/core.js (1.2 MB). The
// compiled code is kept between runs in the user's cache folder, as Node 22
// does with `module.enableCompileCache()`; on Node 20, which lacks it, the
// command line compiles the core itself through `vm.Script` with V8's cached
// data. The guard keeps none: it runs only files whose signed hash it checked.
// A missing, foreign or unwritable folder only means compiling as before.

/** The folder the compiled code is kept in, one per user: $XDG_CACHE_HOME or ~/.cache (LOCALAPPDATA on Windows). */
export function codeCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PM_ZONE_NO_CODE_CACHE) return undefined;
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' ? env.LOCALAPPDATA : undefined) || path.join(os.homedir(), '.cache');
  return base ? path.join(base, 'pm-zone', 'code') : undefined;
}

/**
 * Loads `file` (a CommonJS bundle) into require's cache with its compiled
 * code kept in `folder`, so that `require(file)` afterwards finds it loaded.
 * The code is stored when the process exits, after the command ran, so it
 * holds the functions the command compiled on the way.
 */
export function loadWithCodeCache(file: string, folder: string): void {
  const moduleApi = Module as unknown as { enableCompileCache?: (directory: string) => unknown };
  if (typeof moduleApi.enableCompileCache === 'function') {
    moduleApi.enableCompileCache(folder);
    return;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  if (!ownFolder(folder)) return;
  // V8 checks only the source's length: the key holds its content, node's version and the platform.
  const key = createHash('sha256').update(`${process.version} ${process.arch} ${file}\0`).update(source).digest('hex').slice(0, 32);
  const cacheFile = path.join(folder, `${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const loaded = new Module(file, module) as Module & { filename: string; paths: string[]; loaded: boolean };
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(file));
  // Cached before it runs, as require does: a cycle back into the file finds it.
  require.cache[file] = loaded;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(loaded.exports, loaded.exports, loaded.require.bind(loaded), loaded, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  loaded.loaded = true;
  if (cachedData && !script.cachedDataRejected) return;
  process.once('exit', () => {
    try {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cacheFile);
    } catch {
      // Not kept: the next run compiles again.
    }
  });
}

/** The folder, made if missing, when it is a real folder of this user's that no one else may write to. */
function ownFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory()) return false;
    if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
