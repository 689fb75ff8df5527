import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as path from 'node:path';
import { processStartedMs, statsState, timesSettled } from '../git/fileStates';
import { keptAnswersApi, KEPT_OBSERVATIONS_LIMIT, type KeptAnswersApi, type Observation, type PayloadRead } from './keptAnswers';

// What a tool call's decision observed, for the launcher to make each
// observation again before it runs the guard (keptAnswers.ts). The guard's
// program starts a recording before it decides and ends it once it has its
// answer; in between, every function of node's `fs`, `fs.promises` and
// `child_process` modules goes through the recorder. The calls a decision
// reads with (a file's bytes, a stat and the fields read of it, a real path,
// a link, a folder's names, whether a path exists or may be read) are noted
// with what they found. Every other call is let through and spoils the
// recording (a write, a program run, a stream, a watcher, a callback-style
// call): what it would see or do next time cannot be told, so nothing is
// kept. So is a read of /proc, /sys or /dev, whose states say nothing of
// their contents. The modules' functions are looked up by the bundled code at
// each call (esbuild reads `fs.readFileSync` off the module each time), so the
// recorder sees them; it puts every one back when it ends.
//
// The payload is read through a proxy that notes each field read, its keys
// listed and each `in` asked, down to the values found; the launcher reads
// those in the next call's payload. The environment, the working folder and
// the arguments are held whole.

/** Paths whose states say nothing of their contents: a decision that reads one is not kept. /dev/null (git's config set to none) is always empty. */
const UNSTATED = /^\/(proc|sys|dev)(\/|$)/;
const EMPTY_DEVICE = '/dev/null';

/**
 * Node's modules that reach past the file system (programs, the network): a
 * decision that loads one is not kept. child_process is loaded with the first
 * git process (git/runGit.ts), so loading it is running one; where it was
 * loaded before the recording, its functions spoil it instead.
 */
const REACHING_MODULES = /^(node:)?(child_process|worker_threads|cluster|net|tls|dgram|dns|http|https|http2|inspector)$/;

/** Sync calls the recorder models; every other function of `fs` spoils a recording. */
const MODELED_SYNC = new Set(['statSync', 'lstatSync', 'existsSync', 'accessSync', 'readFileSync', 'openSync', 'readdirSync', 'realpathSync', 'readlinkSync', 'fstatSync', 'readSync', 'closeSync']);
/** The promise calls it models. */
const MODELED_PROMISES = new Set(['stat', 'lstat', 'access', 'readFile', 'open', 'readdir', 'realpath', 'readlink']);

/** What a recording found: `spoiled` says why nothing may be kept. */
export interface Recording {
  observations: Observation[];
  payload: PayloadRead[];
  spoiled?: string;
}

interface Active {
  observations: Map<string, Observation>;
  payload: Map<string, PayloadRead>;
  spoiled?: string;
  /** Descriptors the decision opened, each noted as its file's bytes read: reads and stats of them are covered. */
  descriptors: Set<number>;
  api: KeptAnswersApi;
  cwd: string;
}

let active: Active | undefined;

/** Marks the decision under way as one whose answer must not be kept (it ran out of time; it asked something the recorder cannot see). */
export function answerNotKept(reason: string): void {
  if (!active || active.spoiled !== undefined) return;
  active.spoiled = reason;
  // Why a session's answers are never given from what was kept, for whoever asks (PM_ZONE_DEBUG, as the command line's).
  if (process.env.PM_ZONE_DEBUG) process.stderr.write(`PM Zone: this answer is not kept: ${reason}\n`);
}

function spoil(reason: string): void {
  answerNotKept(reason);
}

function note(observation: Observation): void {
  if (!active) return;
  if (UNSTATED.test(observation[1]) && observation[1] !== EMPTY_DEVICE) spoil(`read ${observation[1]}`);
  const key = `${observation[0]}\0${observation[1]}\0${observation[2]}`;
  const before = active.observations.get(key);
  // The same call found something else later in the decision: it read the world as it changed, and both ways.
  if (before === undefined) active.observations.set(key, observation);
  else if (before[3] !== observation[3]) spoil(`${observation[1]} changed while the decision read it`);
  if (active.observations.size > KEPT_OBSERVATIONS_LIMIT) spoil('too many observations');
}

/** An absolute path for a call's argument, or undefined (a descriptor, a Buffer, a URL: not modeled). */
function pathOf(file: unknown): string | undefined {
  if (typeof file !== 'string' || !active) return undefined;
  // An absolute path is made again as it was given: the call found it so (path.resolve's normalising is a third of the recording's cost).
  return path.isAbsolute(file) ? file : path.resolve(active.cwd, file);
}

function codeOf(error: unknown): string {
  return `E${(error as NodeJS.ErrnoException | undefined)?.code}`;
}

/** A stat's result, each field and method read of it noted. */
function watchedStats<T extends object>(stats: T, file: string, flags: string): T {
  return new Proxy(stats, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      // `then`: asked of every value a promise resolves to; no stat has one.
      if (typeof key !== 'string' || key === 'then' || !active) return value;
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (args.length === 0) note(['s', file, `${flags}:${key}()`, String(result)]);
          else spoil(`stats.${key} with arguments`);
          return result;
        };
      }
      note(['s', file, `${flags}:${key}`, active.api.statField(target as unknown as fs.Stats, key)]);
      return value;
    },
    // Listed whole (a spread, JSON): each field is noted as read.
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      for (const key of keys) if (typeof key === 'string' && active) note(['s', file, `${flags}:${key}`, active.api.statField(target as unknown as fs.Stats, key)]);
      return keys;
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string' && active) note(['s', file, `${flags}:${key}`, active.api.statField(target as unknown as fs.Stats, key)]);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** A stat call's flags: whether it followed links, and whether it asked for BigInts. */
function statFlags(follow: boolean, options: unknown): string {
  return `${follow ? 1 : 0}${(options as { bigint?: boolean } | undefined)?.bigint ? 'b' : 'n'}`;
}

function statOutcome<T>(file: string | undefined, follow: boolean, options: unknown, call: () => T): T {
  if (file === undefined) {
    spoil('a stat of something other than a path');
    return call();
  }
  const flags = statFlags(follow, options);
  let stats: T;
  try {
    stats = call();
  } catch (error) {
    note(['s', file, `${flags}:`, codeOf(error)]);
    throw error;
  }
  if (stats === undefined) {
    note(['s', file, `${flags}:`, 'EENOENT']);
    return stats;
  }
  note(['s', file, `${flags}:`, 'ok']);
  return watchedStats(stats as unknown as object, file, flags) as T;
}

/** Whether `flags` of an open only read. */
function readsOnly(flags: unknown): boolean {
  if (flags === undefined || flags === 'r' || flags === 'rs') return true;
  if (typeof flags !== 'number') return false;
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) === 0;
}

function follows(flags: unknown): boolean {
  return typeof flags !== 'number' || (flags & (fs.constants.O_NOFOLLOW ?? 0)) === 0;
}

/** A file's bytes read by path: its state before the read (a change after it fails the recording's check at the end). */
function noteRead(file: string | undefined, follow: boolean): void {
  if (file === undefined || !active) return;
  note(['r', file, follow ? 1 : 0, active.api.fileState(file, follow)]);
}

function outcomeOf(call: () => unknown, shown: (value: unknown) => string): { value?: unknown; error?: unknown; found: string } {
  try {
    const value = call();
    return { value, found: `v${shown(value)}` };
  } catch (error) {
    return { error, found: codeOf(error) };
  }
}

function names(value: unknown): string {
  const entries = value as (string | fs.Dirent)[];
  return JSON.stringify(entries.map((entry) => (typeof entry === 'string' ? entry : `${entry.name}/${active!.api.direntKind(entry)}`)));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- node's functions stood in for, whatever they take and give
type AnyFunction = (...args: any[]) => any;

/** The recorded stand-ins of the sync calls the recorder models. */
function syncStandIns(original: Record<string, AnyFunction>): Record<string, AnyFunction> {
  const called = (kind: string, file: string | undefined, how: string, call: () => unknown, shown: (value: unknown) => string = String) => {
    if (file === undefined) {
      spoil(`${kind} of something other than a path`);
      return call();
    }
    const result = outcomeOf(call, shown);
    note([kind, file, how, result.found]);
    if ('error' in result) throw result.error;
    return result.value;
  };
  const realpathSync = (file: unknown, options?: unknown) => {
    if (options !== undefined) spoil('realpathSync with options');
    return called('p', pathOf(file), 'j', () => original.realpathSync!(file, options));
  };
  realpathSync.native = (file: unknown, options?: unknown) => {
    if (options !== undefined) spoil('realpathSync.native with options');
    return called('p', pathOf(file), 'n', () => (original.realpathSync as AnyFunction & { native: AnyFunction }).native(file, options));
  };
  return {
    statSync: (file: unknown, options?: unknown) => statOutcome(pathOf(file), true, options, () => original.statSync!(file, options)),
    lstatSync: (file: unknown, options?: unknown) => statOutcome(pathOf(file), false, options, () => original.lstatSync!(file, options)),
    existsSync: (file: unknown) => {
      const found = original.existsSync!(file) as boolean;
      const absolute = pathOf(file);
      if (absolute === undefined) spoil('existsSync of something other than a path');
      else note(['e', absolute, '', String(found)]);
      return found;
    },
    accessSync: (file: unknown, mode?: number) => called('a', pathOf(file), String(mode ?? fs.constants.F_OK), () => (original.accessSync!(file, mode), 'ok')),
    readFileSync: (file: unknown, options?: unknown) => {
      const flag = typeof options === 'object' && options !== null ? (options as { flag?: unknown }).flag : undefined;
      if (!readsOnly(flag)) spoil('readFileSync with a flag that writes');
      if (typeof file === 'number') {
        if (!active?.descriptors.has(file)) spoil('a read of a descriptor not opened here');
      } else {
        const absolute = pathOf(file);
        if (absolute === undefined) spoil('readFileSync of something other than a path');
        noteRead(absolute, true);
      }
      return original.readFileSync!(file, options);
    },
    openSync: (file: unknown, flags?: unknown, mode?: unknown) => {
      if (!readsOnly(flags)) spoil('an open that writes');
      const absolute = pathOf(file);
      if (absolute === undefined) spoil('openSync of something other than a path');
      let descriptor: number;
      try {
        descriptor = original.openSync!(file, flags, mode) as number;
      } catch (error) {
        if (absolute !== undefined) note(['r', absolute, follows(flags) ? 1 : 0, codeOf(error)]);
        throw error;
      }
      if (absolute !== undefined && active) {
        // The state of the very file opened: a path swapped after the open differs from it at the recording's end.
        note(['r', absolute, follows(flags) ? 1 : 0, statsState(original.fstatSync!(descriptor, { bigint: true }) as fs.BigIntStats)]);
        active.descriptors.add(descriptor);
      }
      return descriptor;
    },
    fstatSync: (descriptor: unknown, options?: unknown) => {
      if (typeof descriptor !== 'number' || !active?.descriptors.has(descriptor)) spoil('a stat of a descriptor not opened here');
      return original.fstatSync!(descriptor, options);
    },
    readSync: (descriptor: unknown, ...rest: unknown[]) => {
      if (typeof descriptor !== 'number' || !active?.descriptors.has(descriptor)) spoil('a read of a descriptor not opened here');
      return original.readSync!(descriptor, ...rest);
    },
    closeSync: (descriptor: unknown) => {
      if (typeof descriptor === 'number') active?.descriptors.delete(descriptor);
      return original.closeSync!(descriptor);
    },
    readdirSync: (file: unknown, options?: unknown) => {
      const kinds = typeof options === 'object' && options !== null && (options as { withFileTypes?: boolean }).withFileTypes === true;
      const other = typeof options === 'object' && options !== null && Object.keys(options).some((key) => key !== 'withFileTypes');
      if (other || (typeof options === 'string' && options !== 'utf8')) spoil('readdirSync with options');
      return called('d', pathOf(file), kinds ? 't' : '', () => original.readdirSync!(file, options), names);
    },
    realpathSync,
    readlinkSync: (file: unknown, options?: unknown) => {
      if (options !== undefined) spoil('readlinkSync with options');
      return called('l', pathOf(file), '', () => original.readlinkSync!(file, options));
    },
  };
}


/** The recorded stand-ins of the promise calls the recorder models. */
function promiseStandIns(original: Record<string, AnyFunction>): Record<string, AnyFunction> {
  const called = async (kind: string, file: string | undefined, how: string, call: () => Promise<unknown>, shown: (value: unknown) => string = String) => {
    if (file === undefined) {
      spoil(`${kind} of something other than a path`);
      return call();
    }
    let value: unknown;
    try {
      value = await call();
    } catch (error) {
      note([kind, file, how, codeOf(error)]);
      throw error;
    }
    note([kind, file, how, `v${shown(value)}`]);
    return value;
  };
  const stat = (follow: boolean) => async (file: unknown, options?: unknown) => {
    const absolute = pathOf(file);
    if (absolute === undefined) {
      spoil('a stat of something other than a path');
      return (follow ? original.stat : original.lstat)!(file, options);
    }
    const flags = statFlags(follow, options);
    let stats: object;
    try {
      stats = (await (follow ? original.stat : original.lstat)!(file, options)) as object;
    } catch (error) {
      note(['s', absolute, `${flags}:`, codeOf(error)]);
      throw error;
    }
    note(['s', absolute, `${flags}:`, 'ok']);
    return watchedStats(stats, absolute, flags);
  };
  return {
    stat: stat(true),
    lstat: stat(false),
    access: (file: unknown, mode?: number) => called('a', pathOf(file), String(mode ?? fs.constants.F_OK), async () => (await original.access!(file, mode), 'ok')),
    readFile: async (file: unknown, options?: unknown) => {
      const flag = typeof options === 'object' && options !== null ? (options as { flag?: unknown }).flag : undefined;
      if (!readsOnly(flag)) spoil('readFile with a flag that writes');
      const absolute = pathOf(file);
      if (absolute === undefined) spoil('readFile of something other than a path');
      noteRead(absolute, true);
      return original.readFile!(file, options);
    },
    open: async (file: unknown, flags?: unknown, mode?: unknown) => {
      if (!readsOnly(flags)) spoil('an open that writes');
      const absolute = pathOf(file);
      if (absolute === undefined) spoil('open of something other than a path');
      let handle: fs.promises.FileHandle;
      try {
        handle = (await original.open!(file, flags, mode)) as fs.promises.FileHandle;
      } catch (error) {
        if (absolute !== undefined) note(['r', absolute, follows(flags) ? 1 : 0, codeOf(error)]);
        throw error;
      }
      if (absolute !== undefined && active) {
        note(['r', absolute, follows(flags) ? 1 : 0, statsState(await handle.stat({ bigint: true }))]);
      }
      return handle;
    },
    readdir: (file: unknown, options?: unknown) => {
      const kinds = typeof options === 'object' && options !== null && (options as { withFileTypes?: boolean }).withFileTypes === true;
      const other = typeof options === 'object' && options !== null && Object.keys(options).some((key) => key !== 'withFileTypes');
      if (other || (typeof options === 'string' && options !== 'utf8')) spoil('readdir with options');
      return called('d', pathOf(file), kinds ? 't' : '', () => original.readdir!(file, options), names);
    },
    realpath: (file: unknown, options?: unknown) => {
      if (options !== undefined) spoil('realpath with options');
      return called('p', pathOf(file), 'n', () => original.realpath!(file, options));
    },
    readlink: (file: unknown, options?: unknown) => {
      if (options !== undefined) spoil('readlink with options');
      return called('l', pathOf(file), '', () => original.readlink!(file, options));
    },
  };
}

/** A call the recorder does not model: let through, and the recording spoiled. Its own functions (`fs.realpath.native`) too. */
function spoiling(call: AnyFunction, name: string): AnyFunction {
  const stand = (...args: unknown[]) => {
    if (active) spoil(name);
    return call(...args);
  };
  for (const key of Object.keys(call)) {
    const value = (call as unknown as Record<string, unknown>)[key];
    (stand as unknown as Record<string, unknown>)[key] = typeof value === 'function' ? spoiling(value as AnyFunction, `${name}.${key}`) : value;
  }
  return stand;
}

/**
 * Puts a stand-in for every function of `module`: the modeled ones recorded,
 * the rest spoiling the recording; returns what puts them back. A getter
 * (node's `fs.opendir`, which loads its module when first read) is replaced
 * by one that stands in for what it gives, read only when the decision reads
 * it: reading each getter here would load modules the decision never uses.
 */
function standIn(module: Record<string, unknown>, modeled: Record<string, AnyFunction>, name: string): () => void {
  const descriptors = new Map<string, PropertyDescriptor>();
  for (const key of Object.keys(module)) {
    // Classes (fs.Stats, fs.Dirent, ReadStream…) are left as they are: constructing one observes nothing. `fs.promises`
    // is an object, stood in for on its own (promisesStandIn).
    if (/^[A-Z_]/.test(key) || key === 'promises') continue;
    const descriptor = Object.getOwnPropertyDescriptor(module, key);
    if (!descriptor?.configurable) continue;
    if ('value' in descriptor) {
      if (typeof descriptor.value !== 'function') continue;
      descriptors.set(key, descriptor);
      Object.defineProperty(module, key, { value: standFor(descriptor.value as AnyFunction, modeled[key], `${name}.${key}`), writable: true, enumerable: descriptor.enumerable, configurable: true });
    } else if (descriptor.get) {
      descriptors.set(key, descriptor);
      const get = descriptor.get;
      let made: { from: unknown; stand: unknown } | undefined;
      Object.defineProperty(module, key, {
        get() {
          const value = get.call(module) as unknown;
          if (typeof value !== 'function') return value;
          if (made?.from !== value) made = { from: value, stand: standFor(value as AnyFunction, modeled[key], `${name}.${key}`) };
          return made.stand;
        },
        set: descriptor.set,
        enumerable: descriptor.enumerable,
        configurable: true,
      });
    }
  }
  return () => {
    for (const [key, descriptor] of descriptors) Object.defineProperty(module, key, descriptor);
  };
}

/** The stand-in for one function: the modeled call while a recording is under way, else the original, spoiling any recording. */
function standFor(value: AnyFunction, modeledCall: AnyFunction | undefined, name: string): AnyFunction {
  const unmodeled = spoiling(value, name);
  // Let through as it was once the recording has ended: a caller may have kept the stand-in.
  // A recording already spoiled notes nothing more: it will not be kept.
  const stand = (...args: unknown[]) => (active && active.spoiled === undefined && modeledCall ? modeledCall(...args) : unmodeled(...args));
  for (const own of Object.keys(unmodeled)) (stand as unknown as Record<string, unknown>)[own] = (unmodeled as unknown as Record<string, unknown>)[own];
  const modeledNative = (modeledCall as (AnyFunction & { native?: AnyFunction }) | undefined)?.native;
  if (modeledNative) (stand as AnyFunction & { native: AnyFunction }).native = (...args: unknown[]) => (active && active.spoiled === undefined ? modeledNative(...args) : (value as AnyFunction & { native: AnyFunction }).native(...args));
  return stand;
}

/**
 * `fs.promises`, stood in for when the decision first reaches it: through
 * `fs.promises` (a getter that loads node's promise module and readline, some
 * 2 ms a warm Edit does without) or a require of `fs/promises`; at once where
 * it is loaded already.
 */
function promisesStandIn(files: Record<string, unknown>): () => void {
  let putBack: (() => void) | undefined;
  const standInNow = (promises: Record<string, unknown>) => {
    if (!putBack) putBack = standIn(promises, promiseStandIns(Object.fromEntries([...MODELED_PROMISES].map((key) => [key, promises[key]])) as Record<string, AnyFunction>), 'fs.promises');
    return promises;
  };
  if (loadedModules().includes('NativeModule internal/fs/promises')) standInNow(files.promises as Record<string, unknown>);
  const descriptor = Object.getOwnPropertyDescriptor(files, 'promises')!;
  Object.defineProperty(files, 'promises', {
    get: () => {
      const promises = descriptor.get ? (descriptor.get.call(files) as Record<string, unknown>) : (descriptor.value as Record<string, unknown>);
      return active ? standInNow(promises) : promises;
    },
    enumerable: descriptor.enumerable,
    configurable: true,
  });
  const prototype = Module.prototype as unknown as { require: AnyFunction };
  const require = prototype.require;
  prototype.require = function (this: unknown, id: unknown, ...rest: unknown[]) {
    const loaded = require.call(this, id, ...rest) as unknown;
    return active && (id === 'fs/promises' || id === 'node:fs/promises') ? standInNow(loaded as Record<string, unknown>) : loaded;
  };
  return () => {
    prototype.require = require;
    Object.defineProperty(files, 'promises', descriptor);
    putBack?.();
  };
}

function loadedModules(): string[] {
  return (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
}

/** Relative paths are noted from the folder the decision started in: one that moves to another keeps nothing. */
function chdirSpoils(): () => void {
  const chdir = process.chdir;
  process.chdir = (directory: string) => {
    spoil('process.chdir');
    chdir.call(process, directory);
  };
  return () => {
    process.chdir = chdir;
  };
}

function nodeRequire(id: string): unknown {
  return createRequire(__filename)(id);
}

/** Loading a module that reaches past the file system spoils the recording; child_process's functions too, where it is loaded already. */
function reachingModulesSpoil(): () => void {
  const prototype = Module.prototype as unknown as { require: AnyFunction };
  const require = prototype.require;
  prototype.require = function (this: unknown, id: unknown, ...rest: unknown[]) {
    if (active && typeof id === 'string' && REACHING_MODULES.test(id)) spoil(`loaded ${id}`);
    return require.call(this, id, ...rest);
  };
  const loaded = loadedModules().includes('NativeModule child_process');
  const putBack = loaded ? standIn(nodeRequire('node:child_process') as Record<string, unknown>, {}, 'child_process') : () => undefined;
  return () => {
    prototype.require = require;
    putBack();
  };
}

/**
 * Starts noting what the decision observes; `end()` stops it and gives the
 * recording, checked: every observation made again finds what it found (a
 * file changed while the decision read it spoils it), and every file read had
 * settled before `startedMs` (when the process started, unless a test says
 * otherwise). One at a time.
 */
export function startRecording(options: { cwd?: string; startedMs?: () => number } = {}): { payloadObserved: <T extends object>(payload: T) => T; end: () => Recording; api: KeptAnswersApi } {
  const cwd = options.cwd ?? process.cwd();
  if (active) throw new Error('a recording is already under way');
  // node's own module objects: a namespace import (`import * as fs`) is a copy made of getters, whose functions can be
  // read through it but not replaced in it.
  const files = nodeRequire('node:fs') as Record<string, unknown>;
  const originalSync = Object.fromEntries([...MODELED_SYNC].map((key) => [key, files[key]])) as Record<string, AnyFunction>;
  // The recorder's own observations, made again at the end and by the launcher, through the calls as they were.
  const api = keptAnswersApi({ ...originalSync, constants: fs.constants } as unknown as typeof fs);
  const recording: Active = { observations: new Map(), payload: new Map(), descriptors: new Set(), api, cwd };
  const putBack = [
    standIn(files, syncStandIns(originalSync), 'fs'),
    promisesStandIn(files),
    reachingModulesSpoil(),
    chdirSpoils(),
  ];
  active = recording;
  return {
    api,
    payloadObserved: (payload) => watchedPayload(payload, [], recording),
    end: () => {
      if (active === recording) active = undefined;
      for (const undo of putBack.reverse()) undo();
      const observations = [...recording.observations.values()];
      const stats = new Map<string, unknown>();
      const startedMs = (options.startedMs ?? processStartedMs)();
      const unsettled = recording.spoiled === undefined ? observations.find((observation) => observation[0] === 'r' && !stateSettled(observation[3], startedMs)) : undefined;
      // A file's bytes are noted by its state before they were read: one written since was read in another. Every other
      // observation is what its call gave the decision, which the launcher compares as it is.
      const changed = recording.spoiled === undefined && !unsettled ? observations.find((observation) => observation[0] === 'r' && !api.observationHolds(observation, stats)) : undefined;
      // Every decision observes something (the repository, at least): none at all means the recorder saw nothing of it.
      const spoiled = recording.spoiled ?? (observations.length === 0 ? 'nothing was observed' : unsettled ? `${unsettled[1]} changed too recently to be held by its state` : changed ? `${changed[1]} changed while it was read` : undefined);
      if (spoiled !== undefined && recording.spoiled === undefined && process.env.PM_ZONE_DEBUG) process.stderr.write(`PM Zone: this answer is not kept: ${spoiled}\n`);
      return { observations, payload: [...recording.payload.values()], spoiled };
    },
  };
}

/**
 * Whether a file read in `state` (statsState, or `E<code>` where there was none
 * to read) had last changed SETTLED_MS before the process started: a file
 * written twice within one tick of its clock keeps its state.
 */
function stateSettled(state: string, startedMs: number): boolean {
  if (state.startsWith('E')) return true;
  const fields = state.split(':');
  if (fields.length !== 7 || !fields.every((field) => /^\d+$/.test(field))) return false;
  return timesSettled(startedMs, { mtimeNs: BigInt(fields[5]!), ctimeNs: BigInt(fields[6]!) });
}

/** The payload as the decision reads it: each field, key list and `in` noted, nested objects watched the same way. */
function watchedPayload<T extends object>(payload: T, keys: string[], recording: Active): T {
  const seen = (read: PayloadRead) => {
    if (active !== recording) return;
    const key = JSON.stringify(read.slice(0, 2));
    if (!recording.payload.has(key)) recording.payload.set(key, read);
  };
  const nested = new Map<string, object>();
  return new Proxy(payload, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string') return value;
      seen([[...keys, key], 'g', recording.api.valueFound(value)]);
      if (value === null || typeof value !== 'object') return value;
      let watched = nested.get(key);
      if (!watched) nested.set(key, (watched = watchedPayload(value, [...keys, key], recording)));
      return watched;
    },
    has(target, key) {
      const found = Reflect.has(target, key);
      if (typeof key === 'string') seen([[...keys, key], 'h', String(found)]);
      return found;
    },
    ownKeys(target) {
      const found = Reflect.ownKeys(target);
      seen([keys, 'k', JSON.stringify(found.filter((key) => typeof key === 'string'))]);
      return found;
    },
    getOwnPropertyDescriptor(target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (typeof key === 'string') seen([[...keys, key], 'd', descriptor ? `${String(descriptor.enumerable)}:${recording.api.valueFound(descriptor.value)}` : 'none']);
      return descriptor;
    },
    set(target, key, value, receiver) {
      spoil('the payload was changed');
      return Reflect.set(target, key, value, receiver);
    },
    deleteProperty(target, key) {
      spoil('the payload was changed');
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, descriptor) {
      spoil('the payload was changed');
      return Reflect.defineProperty(target, key, descriptor);
    },
  });
}
