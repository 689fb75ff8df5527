// A converter for one common flag system's export: Unleash's event log
// (`GET /api/admin/events`, or the event log's export), `{ "events": [...] }`
// with each event's `type`, `featureName`, `environment`, `createdBy`,
// `createdAt`, and for strategy changes the strategy in `data` (and
// `preData`). Only what changes whether users see the flag becomes a flip:
// the flag switched on or off in an environment, and a gradual rollout's
// percentage set.

import { FlagLogError, type FlagLogEntry } from './flagLogEntry';

const SWITCHED: Record<string, boolean> = { 'feature-environment-enabled': true, 'feature-environment-disabled': false };
const STRATEGY = new Set(['feature-strategy-add', 'feature-strategy-update']);

/** True for a parsed file in Unleash's shape, so `--flag-log` can take the export as it comes. */
export function isUnleashExport(value: unknown): value is { events: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events);
}

/** The flips of an Unleash export, oldest first; `environment` keeps one environment's (such as production). */
export function fromUnleashEvents(exported: { events: unknown[] }, file: string, environment?: string): FlagLogEntry[] {
  const entries: FlagLogEntry[] = [];
  exported.events.forEach((raw, index) => {
    const where = `${file}: events[${index}]`;
    const event = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const type = String(event.type ?? '');
    const switched = SWITCHED[type];
    const rollout = STRATEGY.has(type) ? rolloutOf(event.data) : undefined;
    if (switched === undefined && rollout === undefined) return;
    if (environment !== undefined && event.environment !== environment) return;
    const flag = event.featureName;
    const time = Date.parse(String(event.createdAt ?? ''));
    if (typeof flag !== 'string' || !flag) throw new FlagLogError(`${where}: a ${type} event without featureName.`);
    if (Number.isNaN(time)) throw new FlagLogError(`${where}: the createdAt '${String(event.createdAt)}' is not a date.`);
    if (typeof event.createdBy !== 'string' || !event.createdBy) throw new FlagLogError(`${where}: no createdBy: an audit needs who flipped the flag.`);
    entries.push({
      flag,
      time: new Date(time).toISOString().replace(/\.000Z$/, 'Z'),
      actor: event.createdBy,
      state: switched !== undefined ? { enabled: switched, rollout: null } : { enabled: null, rollout: rollout! },
      source: `${where}${typeof event.environment === 'string' ? ` (${event.environment})` : ''}`,
    });
  });
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** A gradual rollout's percentage (`flexibleRollout`'s `parameters.rollout`, a string or a number), else undefined. */
function rolloutOf(data: unknown): number | undefined {
  const strategy = (typeof data === 'object' && data !== null ? data : {}) as { name?: unknown; parameters?: { rollout?: unknown } };
  if (strategy.name !== 'flexibleRollout' && strategy.name !== 'gradualRolloutRandom' && strategy.name !== 'gradualRolloutUserId') return undefined;
  const value = Number(strategy.parameters?.rollout ?? (strategy.parameters as { percentage?: unknown } | undefined)?.percentage);
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
}
