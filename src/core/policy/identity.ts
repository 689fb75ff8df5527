import type { Pilot, ZonePolicy } from './model';

/**
 * The pilot PM someone is. An explicit handle (`--as @alice`, with or without
 * `@`, any case) decides alone: naming someone who is not a pilot gives
 * undefined, never a different pilot found by e-mail. Without a handle, the
 * e-mail (git's user.email) is matched, ignoring case.
 */
export function findPilot(policy: ZonePolicy, who: { handle?: string; email?: string }): Pilot | undefined {
  const handle = who.handle?.trim().replace(/^@/, '').toLowerCase();
  if (handle) return policy.pilots.find((pilot) => pilot.handle.replace(/^@/, '').toLowerCase() === handle);
  const email = who.email?.trim().toLowerCase();
  if (email) return policy.pilots.find((pilot) => pilot.email?.trim().toLowerCase() === email);
  return undefined;
}
