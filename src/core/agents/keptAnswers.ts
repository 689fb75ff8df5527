import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileWhole } from '../git/regularFile';
import { PAYLOAD_HANDED } from './guardKeys';
import { STATE_OF_STATS } from './guardChain';

// A decision on a tool call reads a few dozen files (the policy's sources and
// caches, git's HEAD and config, the session's records, the edited path and
// the folders above it) and the agent's payload, and from them alone gives
// its answer. Compiling and running dist/guard.js for it cost a warm Edit
// about 0.6x node's own start again, every call, for the answer the call
// before gave.
//
// So the guard notes everything a tool call's decision observed
// (answerRecorder.ts): each file system call and what it found, the fields of
// the payload it read, and the whole environment, working folder and
// arguments; and keeps the answer with those observations in the records
// folder (`guard-answers.json`). The launcher, once the chain before the guard
// held (guardChain.ts), makes each observation again before running the guard:
// where every one of an answer's observations finds what the decision found,
// that answer is given, and dist/guard.js is not compiled at all. One that
// differs (a file written since, a folder that gained a name, another edit's
// path) runs the guard, as before.
//
// What the decision observed is taken as the observation found it, so a
// field the decision never read (an edited file's size, when only its kind was
// asked) does not stop the answer from holding. A file whose bytes were read
// is held by its whole state (guardChain.ts statsState: device, inode, owner,
// mode, size, modification and change times), and such an answer is kept only
// where each of those files had last changed SETTLED_MS before the guard
// started: a file written twice within one tick of its clock keeps its state.
// Nothing is kept from a decision that ran a program (git), wrote anything,
// made a file system call the recorder does not model, read /proc, /sys or
// /dev, or ran out of time; nor from one whose observations no longer held
// when it answered (a file changed while it was read). The answers are for
// tool calls only, never a session's start or finish.
//
// What this trusts is what the guard trusted already: the records folder
// holds the policy entries and the code cache, which decide the guard's
// answers; a PM's agent may not write there. Never on Windows, where a process
// that may write a file may also set its change time.

/** The record, in the guard's records folder. */
export const KEPT_ANSWERS_FILE = 'guard-answers.json';
export const KEPT_ANSWERS_FORMAT = 1;
/** Answers kept, the latest first: an agent's session goes back to a handful of paths. */
export const KEPT_ANSWERS_LIMIT = 16;
/** A decision that observed more than this is not kept: its replay would cost what it saves. */
export const KEPT_OBSERVATIONS_LIMIT = 400;
/** A record larger than this is not read. */
export const KEPT_ANSWERS_MAX_BYTES = 1024 * 1024;

/**
 * One thing a decision observed, and what it found: `[kind, path, how, found]`.
 * - `r`: a file's bytes read; `how` 1 when links were followed, 0 when not; `found` its statsState, or `E<code>`.
 * - `s`: a stat; `how` `<follow 0|1><bigint b|n>:<field or method()>` (`…:` for the call itself, `ok` or `E<code>`).
 * - `p`: a real path; `how` `n` for the system's (realpathSync.native, fs.promises.realpath), `j` for node's own.
 * - `l`: a link's target. `d`: a folder's names (`how` `t` with each one's kind). `e`: whether a path exists.
 * - `a`: access; `how` the mode asked.
 * `found` is `v<value>` or `E<code>` where it is a call's outcome (`p`, `l`, `d`, `a`).
 */
export type Observation = [kind: string, file: string, how: string | number, found: string];

/** One field of the payload the decision read: the keys down to it, the trap (`g` get, `h` has, `k` its keys, `d` a property's descriptor), and what it found. */
export type PayloadRead = [keys: string[], trap: string, found: string];

export interface KeptAnswer {
  /** Index into the record's environments. */
  env: number;
  cwd: string;
  /** The arguments after the launcher, as JSON. */
  argv: string;
  payload: PayloadRead[];
  /** Indexes into the record's observations. */
  seen: number[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface KeptAnswersRecord {
  format: number;
  stamp: string;
  envs: string[];
  observations: Observation[];
  answers: KeptAnswer[];
}

/**
 * The launcher's half, as launcher source (CommonJS, node's `fs` and `path`
 * required as `fs` and `path`): `keptAnswer(records, digest, chain)` gives a
 * kept answer and returns true where one holds; `observationHolds`,
 * `environmentKey`, `answerStamp` and the encodings are the recorder's too
 * (keptAnswersApi), so the two cannot drift apart.
 */
export const KEPT_ANSWERS_SOURCE = `
// Kept answers (keptAnswers.ts): a tool call's answer given again where everything its decision observed holds.
function keptAnswer(records, digest, chain) {
  if (!records || process.platform === 'win32' || !chain || !chain.launcher || !chain.launcher.held || !chain.package || !chain.package.held) return false;
  const handed = globalThis[Symbol.for(${JSON.stringify(PAYLOAD_HANDED)})];
  if (!handed) return false;
  const record = keptRecord(records, answerStamp(digest));
  if (!record) return false;
  let payload;
  try {
    payload = JSON.parse(handed.toString('utf8'));
  } catch (error) {
    return false;
  }
  const env = record.envs.indexOf(environmentKey());
  const cwd = process.cwd();
  const argv = JSON.stringify(process.argv.slice(2));
  const held = new Map();
  const stats = new Map();
  const holds = (index) => {
    if (!held.has(index)) held.set(index, observationHolds(record.observations[index], stats));
    return held.get(index);
  };
  // A damaged answer is no answer: the guard decides, where a throw here would refuse every tool call.
  let given;
  try {
    given = record.answers.find((answer) => env >= 0 && answer.env === env && answer.cwd === cwd && answer.argv === argv && typeof answer.stdout === 'string' && typeof answer.stderr === 'string' && Number.isInteger(answer.exitCode) && answer.payload.every((read) => payloadHolds(payload, read)) && answer.seen.every(holds));
  } catch (error) {
    return false;
  }
  if (!given) return false;
  writeWhole(1, given.stdout);
  writeWhole(2, given.stderr);
  process.exitCode = given.exitCode;
  return true;
}

// The record, read without following a link or waiting on a FIFO; undefined where it is missing, damaged or another guard's.
function keptRecord(records, stamp) {
  let descriptor;
  try {
    descriptor = fs.openSync(path.join(records, ${JSON.stringify(KEPT_ANSWERS_FILE)}), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const stats = fs.fstatSync(descriptor);
    if (!stats.isFile() || stats.size > ${KEPT_ANSWERS_MAX_BYTES}) return undefined;
    const record = JSON.parse(fs.readFileSync(descriptor, 'utf8'));
    const whole = record && record.format === ${KEPT_ANSWERS_FORMAT} && record.stamp === stamp && Array.isArray(record.answers) && Array.isArray(record.envs) && Array.isArray(record.observations);
    return whole ? record : undefined;
  } catch (error) {
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

function answerStamp(digest) {
  return JSON.stringify([${KEPT_ANSWERS_FORMAT}, digest, process.execPath, process.version, process.arch, typeof process.getuid === 'function' ? process.getuid() : -1]);
}

// The whole environment: what node, git and the guard read of it is not listed, so all of it is held.
function environmentKey() {
  return JSON.stringify(Object.keys(process.env).sort().map((name) => [name, process.env[name]]));
}

function valueFound(value) {
  if (value === null) return 'null:';
  if (Array.isArray(value)) return 'array:';
  return typeof value + ':' + (typeof value === 'object' || typeof value === 'function' ? '' : String(value));
}

function payloadHolds(payload, read) {
  const [keys, trap, found] = read;
  // A \`has\` or a descriptor names its key last, under the object it was asked of.
  const last = trap === 'h' || trap === 'd' ? keys.length - 1 : keys.length;
  let value = payload;
  for (let index = 0; index < last; index++) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    value = value[keys[index]];
  }
  if (trap === 'g') return valueFound(value) === found;
  if (value === null || typeof value !== 'object') return false;
  if (trap === 'k') return JSON.stringify(Reflect.ownKeys(value).filter((key) => typeof key === 'string')) === found;
  if (trap === 'h') return String(keys[last] in value) === found;
  if (trap === 'd') {
    const descriptor = Object.getOwnPropertyDescriptor(value, keys[last]);
    return (descriptor ? String(descriptor.enumerable) + ':' + valueFound(descriptor.value) : 'none') === found;
  }
  return false;
}

function outcome(call) {
  try {
    return 'v' + call();
  } catch (error) {
    return 'E' + (error && error.code);
  }
}

function fileState(file, follow) {
  return outcome(() => (${STATE_OF_STATS})((follow ? fs.statSync : fs.lstatSync)(file, { bigint: true }))).replace(/^v/, '');
}

function statField(stats, field) {
  if (field.endsWith('()')) return String(stats[field.slice(0, -2)]());
  const value = stats[field];
  return value instanceof Date ? 'date:' + value.getTime() : valueFound(value);
}

function folderNames(file, kinds) {
  const entries = fs.readdirSync(file, kinds ? { withFileTypes: true } : undefined);
  return JSON.stringify(kinds ? entries.map((entry) => entry.name + '/' + direntKind(entry)) : entries);
}

function direntKind(entry) {
  return ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isCharacterDevice', 'isBlockDevice'].findIndex((kind) => entry[kind]());
}

function observationHolds(observation, stats) {
  const [kind, file, how, found] = observation;
  if (kind === 'r') return fileState(file, how === 1) === found;
  if (kind === 's') {
    const [flags, field] = [how.slice(0, how.indexOf(':')), how.slice(how.indexOf(':') + 1)];
    if (!stats.has(file + '\\0' + flags)) {
      let made;
      try {
        made = { value: (flags[0] === '1' ? fs.statSync : fs.lstatSync)(file, { bigint: flags[1] === 'b' }) };
      } catch (error) {
        made = { error: 'E' + (error && error.code) };
      }
      stats.set(file + '\\0' + flags, made);
    }
    const made = stats.get(file + '\\0' + flags);
    if (field === '') return (made.error || 'ok') === found;
    return !made.error && statField(made.value, field) === found;
  }
  if (kind === 'p') return outcome(() => (how === 'n' ? fs.realpathSync.native : fs.realpathSync)(file)) === found;
  if (kind === 'l') return outcome(() => fs.readlinkSync(file)) === found;
  if (kind === 'd') return outcome(() => folderNames(file, how === 't')) === found;
  if (kind === 'e') return String(fs.existsSync(file)) === found;
  if (kind === 'a') return outcome(() => (fs.accessSync(file, Number(how)), 'ok')) === found;
  return false;
}

// To the descriptor itself, whole, as the guard writes its answer (standardOutput.ts); node's stream where it is a terminal.
function writeWhole(fd, text) {
  if (!text) return;
  let kind;
  try {
    kind = fs.fstatSync(fd);
  } catch (error) {
    return;
  }
  if (!kind.isFIFO() && !kind.isFile() && !kind.isSocket()) {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (let written = 0; written < bytes.length; ) {
    try {
      written += fs.writeSync(fd, bytes, written, bytes.length - written);
    } catch (error) {
      if (error.code === 'EPIPE') return;
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
`;

/** The functions of KEPT_ANSWERS_SOURCE the recorder shares with the launcher, over the given file system calls (the recorder's are its own, unrecorded). */
export interface KeptAnswersApi {
  observationHolds(observation: Observation, stats: Map<string, unknown>): boolean;
  payloadHolds(payload: unknown, read: PayloadRead): boolean;
  environmentKey(): string;
  answerStamp(digest: string): string;
  valueFound(value: unknown): string;
  outcome(call: () => string): string;
  fileState(file: string, follow: boolean): string;
  statField(stats: fs.Stats | fs.BigIntStats, field: string): string;
  direntKind(entry: fs.Dirent): number;
  keptRecord(records: string, stamp: string): KeptAnswersRecord | undefined;
}

export function keptAnswersApi(files: typeof fs = fs): KeptAnswersApi {
  return new Function('fs', 'path', `${KEPT_ANSWERS_SOURCE}\nreturn { observationHolds, payloadHolds, environmentKey, answerStamp, valueFound, outcome, fileState, statField, direntKind, keptRecord };`)(files, path) as KeptAnswersApi;
}

/** Reads the record as the launcher does; undefined where it is missing, damaged or of another guard. */
export function readKeptAnswers(records: string, stamp: string, api: KeptAnswersApi = keptAnswersApi()): KeptAnswersRecord | undefined {
  return api.keptRecord(records, stamp);
}

/** What a decision leaves to keep: its answer, and what it observed. */
export interface AnswerToKeep {
  env: string;
  cwd: string;
  argv: string;
  payload: PayloadRead[];
  observations: Observation[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Puts `answer` first in the record, in place of one kept for the same
 * environment, folder, arguments and payload reads, the oldest past
 * KEPT_ANSWERS_LIMIT dropped; the observations no answer uses are dropped too.
 * A failure to write is no failure of the guard: the decision is made again.
 */
export function keepAnswer(records: string, stamp: string, answer: AnswerToKeep, api?: KeptAnswersApi): boolean {
  const kept = readKeptAnswers(records, stamp, api);
  const payloadKey = JSON.stringify(answer.payload);
  const envs: string[] = [];
  const observations: Observation[] = [];
  const indexes = new Map<string, number>();
  const indexOf = (observation: Observation) => {
    const key = JSON.stringify(observation);
    let index = indexes.get(key);
    if (index === undefined) indexes.set(key, (index = observations.push(observation) - 1));
    return index;
  };
  const envIndex = (env: string) => {
    const index = envs.indexOf(env);
    return index >= 0 ? index : envs.push(env) - 1;
  };
  const answers: KeptAnswer[] = [{ env: envIndex(answer.env), cwd: answer.cwd, argv: answer.argv, payload: answer.payload, seen: answer.observations.map(indexOf), stdout: answer.stdout, stderr: answer.stderr, exitCode: answer.exitCode }];
  // The older answers' observations, each written once in the new record however many answers name it.
  const moved = new Map<number, number>();
  for (const other of kept?.answers ?? []) {
    if (answers.length >= KEPT_ANSWERS_LIMIT) break;
    const env = kept!.envs[other.env];
    if (typeof env !== 'string' || !Array.isArray(other.seen) || !other.seen.every((index) => Array.isArray(kept!.observations[index]))) continue;
    if (env === answer.env && other.cwd === answer.cwd && other.argv === answer.argv && JSON.stringify(other.payload) === payloadKey) continue;
    const seen = other.seen.map((index) => {
      let now = moved.get(index);
      if (now === undefined) moved.set(index, (now = indexOf(kept!.observations[index]!)));
      return now;
    });
    answers.push({ ...other, env: envIndex(env), seen });
  }
  const record: KeptAnswersRecord = { format: KEPT_ANSWERS_FORMAT, stamp, envs, observations, answers };
  try {
    writeFileWhole(path.join(records, KEPT_ANSWERS_FILE), JSON.stringify(record), { folderMade: true });
    return true;
  } catch {
    return false;
  }
}
