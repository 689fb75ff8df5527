import * as path from 'node:path';
import { flushedInState } from '../git/checkedState';
import { processStartedMs, timesSettled } from '../git/fileStates';
import { writeFileWhole } from '../git/regularFile';

// Every tool call's hook runs a chain of checks before PM Zone's guard decides anything: the hook line hashes the
// launcher (.pmzone/guard.cjs) and compares it with the hash written into the line; the launcher checks the package's
// signed identity (an Ed25519 signature) and dist/guard.js's hash; the guard's code cache is checked by its SHA-256.
// Together they read and hash some 650 KB, parse the package's manifest and identity and check a signature, on every
// call, for files that had not changed since the call before: a warm Edit took 1.05x the CPU it takes without them
// (61 pairs each way), and more once the hook line stopped loading node's crypto module on every call (launcherLine.ts).
//
// So once a link of the chain has held by its check, the state of each file it read (device, inode, owner, mode, size,
// modification and change times: statsState, the same as the held policy entries use) is kept in the guard's records
// folder in the git folder (`guard-chain.json`), with what the check found (the launcher's hash; the identity's
// claims). A later call that finds each of those files in that very state takes the link as held, unchecked: nothing
// was written to them since (no process can set a change time back). A file written since, even with the same bytes,
// has another state, and is checked again. Kept only for files that had last changed SETTLED_MS before the process
// started and whose bytes are on the disk (fsync), never on Windows, where a process that may write a file may also
// set its change time.
//
// What this trusts is what the guard trusted already. The record is in the same folder as the guard's code cache
// (guardRunner.ts) and its policy entries, which decide its answers: whoever can write there can already make the
// guard answer anything. A PM's agent may not write there (the guard refuses it, and the sandboxes `agents init` sets
// up deny it). The hook line still hashes the launcher wherever the record does not name its state, so a launcher
// changed in the working tree (a checkout, a write past the guard) is refused as before.

/** The global symbol's name under which the hook line, the launcher and its runner hand the guard what they checked. */
export const GUARD_CHAIN = 'pm-zone.chain';

/** The record, in the guard's records folder. */
export const GUARD_CHAIN_FILE = 'guard-chain.json';

export const GUARD_CHAIN_FORMAT = 1;

/** A record larger than this is not read: it holds three links' states and the identity's claims, a few kilobytes. */
export const GUARD_CHAIN_MAX_BYTES = 64 * 1024;

/**
 * A file's state in the hook line's and the launcher's JavaScript, as a function of its BigInt stats: the string
 * `statsState` gives a regular file. One text for both, so the two cannot drift apart (a test holds it to statsState).
 */
export const STATE_OF_STATS = '(s)=>[s.dev,s.ino,s.uid,s.mode,s.size,s.mtimeNs,s.ctimeNs].join(":")';

/** What the package's signed identity says, as the launcher verified it. */
export interface IdentityClaims {
  version?: string;
  key?: string;
  files: Record<string, string>;
}

export interface ChainRecord {
  format: number;
  /** The launcher's state, and the hash the hook line found for it. */
  launcher?: { hash: string; state: string };
  /** The package the launcher verified: its folder, the states of its manifest, identity and guard, the public key the signature held under (JWK `x`), and the claims. */
  package?: { folder: string; manifest: string; identity: string; guard: string; x: string; claims: IdentityClaims };
  /** The guard's code cache: the stamp it was kept under, and its state. */
  code?: { stamp: string; state: string };
}

/** Each link as the hook line, the launcher and its runner found it: `held` where the record's states held it unchecked. */
export interface ChainHanded {
  /** The guard's records folder (the launcher's): where the record is kept. Without it nothing is kept. */
  records?: string;
  launcher?: { file: string; hash: string; state: string; held: boolean };
  package?: { folder: string; files: { manifest: string; identity: string; guard: string }; states: { manifest: string; identity: string; guard: string }; x: string; claims: IdentityClaims; held: boolean };
  code?: { file: string; stamp: string; state: string; held: boolean };
  /** The format of kept answers the launcher reads (keptAnswers.ts); an older launcher reads none, and none is kept for it. */
  keptAnswers?: number;
}

/** What was handed to this process, if a launcher started it. */
export function handedChain(): ChainHanded | undefined {
  const handed = (globalThis as Record<symbol, unknown>)[Symbol.for(GUARD_CHAIN)];
  return handed !== null && typeof handed === 'object' ? (handed as ChainHanded) : undefined;
}

/** A state's modification and change times, in nanoseconds, from statsState's string; undefined for another string. */
function timesOf(state: string): { mtimeNs: bigint; ctimeNs: bigint } | undefined {
  const fields = state.split(':');
  if (fields.length !== 7 || !fields.every((field) => /^\d+$/.test(field))) return undefined;
  return { mtimeNs: BigInt(fields[5]!), ctimeNs: BigInt(fields[6]!) };
}

/** Whether a file in `state` had last changed SETTLED_MS before `startedMs`, and its bytes are now on the disk. */
function keepable(file: string, state: string, startedMs: number): boolean {
  const times = timesOf(state);
  return times !== undefined && timesSettled(startedMs, times) && flushedInState(file, state, 'followed');
}

/**
 * Keeps the links that held by their checks in this process, with the ones that were held already, in the record:
 * called by the guard once it has answered. Nothing is written where no link was checked anew, or none of those can
 * be kept; a failure to write is no failure of the guard (the chain is checked again next time).
 */
export function keepGuardChain(handed: ChainHanded | undefined = handedChain(), startedMs: number = processStartedMs(), platform: NodeJS.Platform = process.platform): boolean {
  if (!handed?.records || platform === 'win32') return false;
  const record: ChainRecord = { format: GUARD_CHAIN_FORMAT };
  let added = false;
  const { launcher, package: verified, code } = handed;
  if (launcher && (launcher.held || keepable(launcher.file, launcher.state, startedMs))) {
    record.launcher = { hash: launcher.hash, state: launcher.state };
    added ||= !launcher.held;
  }
  if (verified && (verified.held || (['manifest', 'identity', 'guard'] as const).every((part) => keepable(verified.files[part], verified.states[part], startedMs)))) {
    record.package = { folder: verified.folder, ...verified.states, x: verified.x, claims: verified.claims };
    added ||= !verified.held;
  }
  if (code && (code.held || keepable(code.file, code.state, startedMs))) {
    record.code = { stamp: code.stamp, state: code.state };
    added ||= !code.held;
  }
  if (!added) return false;
  try {
    writeFileWhole(path.join(handed.records, GUARD_CHAIN_FILE), JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}
