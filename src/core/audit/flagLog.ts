// A flag system's own record of flips, exported by the team: JSON Lines or
// CSV with one flip per line (flag, time, actor, state). Read strictly: a line
// that cannot be understood stops the audit and is named, never skipped, since
// a flip dropped in silence would make an incomplete chain look complete.

import { parse } from 'csv-parse/sync';
import type { FlagState } from './model';
import { FlagLogError, type FlagLogEntry } from './flagLogEntry';
import { fromUnleashEvents, isUnleashExport } from './unleashEvents';

/**
 * JSON Lines (`{"flag", "time", "actor", "state"}` per line, or `enabled` and
 * `rollout` instead of `state`) when the first non-blank character is `{`,
 * else CSV with a header naming `flag,time,actor,state` in any order.
 * `state` is `on`, `off`, `on 25%`, `off 0%` or `25%`; `time` is ISO 8601 or
 * epoch milliseconds. Unleash's event log export (`{"events": [...]}`) is
 * converted as it is read.
 */
export function readFlagLog(text: string, file: string): FlagLogEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trimStart().startsWith('{')) return readCsv(body, file);
  const whole = parseWhole(body);
  return isUnleashExport(whole) ? fromUnleashEvents(whole, file) : readJsonLines(body, file);
}

/** The file as one JSON document (Unleash's export), or undefined for JSON Lines. */
function parseWhole(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readJsonLines(text: string, file: string): FlagLogEntry[] {
  const entries: FlagLogEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new FlagLogError(`${where} is not JSON (${(error as Error).message}): each line of a JSON Lines flag log holds one object.`);
    }
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const state = record.state !== undefined ? stateOf(record.state, where) : explicitState(record, where);
    entries.push(entry(record.flag, record.time, record.actor, state, where));
  });
  return entries;
}

function readCsv(text: string, file: string): FlagLogEntry[] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new FlagLogError(`${file} is not CSV that PM Zone can read: ${(error as Error).message}`);
  }
  const first = rows[0];
  const missing = first ? ['flag', 'time', 'actor', 'state'].filter((column) => !(column in first)) : [];
  if (missing.length > 0) throw new FlagLogError(`${file}: the header lacks ${missing.join(', ')}; a CSV flag log needs the columns flag, time, actor and state.`);
  // Line 1 is the header.
  return rows.map((row, index) => entry(row.flag, row.time, row.actor, stateOf(row.state, `${file}:${index + 2}`), `${file}:${index + 2}`));
}

function entry(flag: unknown, time: unknown, actor: unknown, state: FlagState, where: string): FlagLogEntry {
  if (typeof flag !== 'string' || !flag.trim()) throw new FlagLogError(`${where}: no flag name.`);
  const millis = typeof time === 'number' ? time : typeof time === 'string' && /^\d{12,}$/.test(time.trim()) ? Number(time) : Date.parse(String(time));
  if (!Number.isFinite(millis)) throw new FlagLogError(`${where}: the time '${String(time)}' is not an ISO 8601 date or epoch milliseconds.`);
  if (typeof actor !== 'string' || !actor.trim()) throw new FlagLogError(`${where}: no actor: an audit needs who flipped the flag.`);
  return { flag: flag.trim(), time: new Date(millis).toISOString().replace(/\.000Z$/, 'Z'), actor: actor.trim(), state, source: where };
}

function stateOf(value: unknown, where: string): FlagState {
  const text = String(value ?? '').trim().toLowerCase();
  const match = /^(?:(on|off|true|false|enabled|disabled)\s*)?(?:(\d{1,3}(?:\.\d+)?)\s*%)?$/.exec(text);
  const rollout = match?.[2] === undefined ? null : Number(match[2]);
  if (!match || (!match[1] && rollout === null) || (rollout !== null && rollout > 100)) {
    throw new FlagLogError(`${where}: the state '${String(value)}' is not on, off, a rollout such as 25%, or both ('on 25%').`);
  }
  const enabled = match[1] === undefined ? null : ['on', 'true', 'enabled'].includes(match[1]);
  return { enabled, rollout };
}

function explicitState(record: Record<string, unknown>, where: string): FlagState {
  const enabled = typeof record.enabled === 'boolean' ? record.enabled : null;
  const rollout = typeof record.rollout === 'number' && record.rollout >= 0 && record.rollout <= 100 ? record.rollout : null;
  if (enabled === null && rollout === null) throw new FlagLogError(`${where}: no state: give "state" ("on 25%"), or "enabled" and "rollout".`);
  return { enabled, rollout };
}

export { FlagLogError, type FlagLogEntry };
