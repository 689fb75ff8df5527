// The keys the launcher trusts to have signed PM Zone's guard (see
// launcher.ts and scripts/identity.mjs).
import { readFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import * as path from 'node:path';
import { compileFunction } from 'node:vm';
import keys from './guardKeys.json';
import { sha256Hex } from '../digest';

/** Set by the build: true when a release key signed this build (scripts/build.mjs). */
declare const PM_ZONE_RELEASE_BUILD: boolean | undefined;

/** Whether this program is a release: then its launchers trust the release keys only. */
export const RELEASE_BUILD = typeof PM_ZONE_RELEASE_BUILD !== 'undefined' && PM_ZONE_RELEASE_BUILD;

/** Key id → Ed25519 public key (JWK `x`): the release keys, and the development key unless this is a release. */
export function trustedGuardKeys(release: boolean = RELEASE_BUILD): Record<string, string> {
  return { ...keys.release, ...(release ? {} : { [keys.development.id]: keys.development.x }) } as Record<string, string>;
}

/** The global symbol's name the launcher leaves the verified identity's hashes under: dist/guard.js checks dist/core.js against them. */
export const VERIFIED_IDENTITY = 'pm-zone.identity';

/** The global symbol's name under which a hook line hands the guard the event it read (launcherLine.ts), as bytes. */
export const PAYLOAD_HANDED = 'pm-zone.payload';

/**
 * A file of PM Zone's build beside the running bundle, read only when it hashes to what the
 * identity the launcher verified says (outside a launched guard, the tests, there is no identity
 * and the file is read as it is): a package that kept PM Zone's guard and changed what it loads
 * is refused like one that changed the guard.
 */
export function readSignedFile(file: string): Buffer {
  const signed = verifiedIdentity();
  const content = readFileSync(file);
  if (signed && sha256Hex(content) !== signed[path.basename(file)]) {
    throw new Error(`${file} is not the file PM Zone's build signed`);
  }
  return content;
}

/** The hashes of the identity the launcher verified, in a guard it started; else undefined. */
export function verifiedIdentity(): Record<string, string> | undefined {
  return (globalThis as Record<symbol, Record<string, string> | undefined>)[Symbol.for(VERIFIED_IDENTITY)];
}

/**
 * A bundle of PM Zone's build beside the running one, loaded only once it hashes to what the
 * verified identity says (loadSigned): the guard's TOML and JSONC parsers, dist/guard-libraries.js,
 * and minimatch, dist/guard-glob.js, are loaded through it on their first use
 * (scripts/esbuild-plugins.mjs, librariesApart).
 */
export function requireSignedBeside(file: string): unknown {
  const full = path.join(__dirname, file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, where no identity was verified
  return loadSigned(full, () => require(full));
}

/**
 * `file`, a CommonJS bundle of PM Zone's build. In a guard the launcher started, it runs from the
 * very bytes that hashed to what the verified identity says, as a module of node's own (its
 * `require`, `module`, `require.cache`): had node's require read the file again after the check,
 * a file swapped in between would have run unchecked. Where no identity was verified (the tests,
 * the editor, the command line), `load` loads it as the caller's build does.
 */
export function loadSigned<T>(file: string, load: () => T): T {
  if (!verifiedIdentity()) return load();
  const requireHere = createRequire(file);
  const loaded = requireHere.cache[file];
  if (loaded) return loaded.exports as T;
  return runModule(file, readSignedFile(file), requireHere) as T;
}

/**
 * `bytes` run as node runs the CommonJS module `file`: its wrapper's arguments, in node's module cache once it ran.
 * The launchers' runner (guardRunner.ts) does the same in its own text, which cannot import a bundle it has not checked yet.
 */
function runModule(file: string, bytes: Buffer, requireHere: NodeJS.Require): unknown {
  const module = new Module(file) as Module & { filename: string; paths: string[]; loaded: boolean };
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = compileFunction(bytes.toString('utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  requireHere.cache[file] = module;
  try {
    wrapper.call(module.exports, module.exports, requireHere, module, file, path.dirname(file));
  } catch (error) {
    // As node does: a module that threw is not kept, so the next load tries it again.
    delete requireHere.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
