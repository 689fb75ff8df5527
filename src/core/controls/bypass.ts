// Who may bypass a rule, and whether that can be a pilot PM. A bypass that
// can include a pilot makes the rule no control over them; when PM Zone
// cannot tell who an actor is (a team, an app, a deploy key, a custom role,
// actors GitHub hides from this token), it fails closed: "cannot tell".

import type { TeamPilots } from './teams';

/** Whether a pilot PM can get past a rule, with the words that say why. */
export type BypassVerdict =
  | { pilot: 'no' }
  | { pilot: 'yes'; why: string }
  | { pilot: 'cannot-tell'; why: string };

/** A ruleset's bypass actor, as GitHub's REST API returns it. */
export interface BypassActor {
  actor_id?: number | null;
  actor_type: string;
  bypass_mode?: string;
}

/** A pilot PM's access to the repository, or why it could not be read. */
export type PilotAccess =
  | { login: string; role: string; id: number | null; rank: RankRange }
  | { login: string; unreadable: string };

/** The lowest and highest built-in role a collaborator's access can be: read 0, triage 1, write 2, maintain 3, admin 4. */
export type RankRange = [number, number];

/** `@alice`; the stand-in for pilots PM Zone could not read is named as is. */
const handle = (pilot: PilotAccess) => (pilot.login.startsWith('the ') ? pilot.login : `@${pilot.login}`);

const ROLE_RANKS: Record<string, number> = { read: 0, triage: 1, write: 2, maintain: 3, admin: 4 };
const ROLE_NAMES = ['read', 'triage', 'write', 'maintain', 'admin'];

/**
 * The built-in repository roles' ids in `RepositoryRole` bypass actors. GitHub
 * does not document them; these are the ids its settings page writes (write 4,
 * maintain 2, admin 5). Any other id is a custom role PM Zone cannot place.
 */
const ROLE_ACTOR_RANKS: Record<number, number> = { 4: 2, 2: 3, 5: 4 };

/**
 * A role's rank range from "Get repository permissions for a user": the role
 * name when it is built in, else the legacy base permission, which folds
 * maintain into write and triage into read.
 */
export function rankOf(roleName: string, permission: string): RankRange {
  const exact = ROLE_RANKS[roleName];
  if (exact !== undefined) return [exact, exact];
  if (permission === 'admin') return [4, 4];
  if (permission === 'write') return [2, 3];
  if (permission === 'read') return [0, 1];
  return [-1, -1];
}

/** The verdict of many actors: a pilot who can bypass wins, then any actor PM Zone cannot place. */
export function combine(verdicts: readonly BypassVerdict[]): BypassVerdict {
  const yes = verdicts.find((verdict) => verdict.pilot === 'yes');
  if (yes) return yes;
  const unsure = verdicts.filter((verdict): verdict is Extract<BypassVerdict, { pilot: 'cannot-tell' }> => verdict.pilot === 'cannot-tell');
  if (unsure.length > 0) return { pilot: 'cannot-tell', why: unsure.map((verdict) => verdict.why).join('; ') };
  return { pilot: 'no' };
}

/** Whether people holding at least the built-in role of rank `rank` include a pilot PM. */
export function roleIncludesPilot(rank: number, who: string, pilots: readonly PilotAccess[]): BypassVerdict {
  const role = ROLE_NAMES[rank]!;
  for (const pilot of pilots) {
    if ('rank' in pilot && pilot.rank[0] >= rank) return { pilot: 'yes', why: `${who} may bypass it, and ${handle(pilot)} has the ${pilot.role} role` };
  }
  const unsure = pilots.filter((pilot) => !('rank' in pilot) || pilot.rank[1] >= rank);
  if (unsure.length === 0) return { pilot: 'no' };
  const reasons = unsure.map((pilot) => ('rank' in pilot ? `${handle(pilot)}'s custom role ${pilot.role} may include ${role}` : `${handle(pilot)}: role unknown (${pilot.unreadable})`));
  return { pilot: 'cannot-tell', why: `${who} may bypass it: ${reasons.join('; ')}` };
}

/** One ruleset bypass actor against the pilots; `team`: who of them is in the team it names, when it names one. */
export function actorVerdict(actor: BypassActor, pilots: readonly PilotAccess[], team?: TeamPilots): BypassVerdict {
  const mode = actor.bypass_mode ?? 'always';
  const id = actor.actor_id ?? null;
  switch (actor.actor_type) {
    case 'RepositoryRole': {
      const rank = id === null ? undefined : ROLE_ACTOR_RANKS[id];
      if (rank === undefined) return { pilot: 'cannot-tell', why: `custom repository role #${id ?? '?'} may bypass it (${mode}), and PM Zone cannot tell who holds it` };
      return roleIncludesPilot(rank, `the ${ROLE_NAMES[rank]} role (${mode})`, pilots);
    }
    case 'OrganizationAdmin': {
      const verdict = roleIncludesPilot(4, `organisation owners (${mode})`, pilots);
      // Repository admin is what an owner has; it does not make one an owner: say "cannot tell", never "yes".
      return verdict.pilot === 'yes' ? { pilot: 'cannot-tell', why: `organisation owners (${mode}) may bypass it, and PM Zone cannot tell whether an admin pilot PM is one` } : verdict;
    }
    case 'User': {
      const match = pilots.find((pilot) => 'id' in pilot && pilot.id !== null && pilot.id === id);
      if (match) return { pilot: 'yes', why: `${handle(match)} may bypass it (${mode})` };
      const unread = pilots.filter((pilot) => !('rank' in pilot));
      if (unread.length > 0) return { pilot: 'cannot-tell', why: `user #${id ?? '?'} may bypass it (${mode}), and PM Zone could not read the account of ${unread.map(handle).join(', ')}` };
      return { pilot: 'no' };
    }
    case 'Team':
      if (team && 'slug' in team) return team.pilots.length > 0 ? { pilot: 'yes', why: `team ${team.slug} may bypass it (${mode}), and ${team.pilots.map((login) => `@${login}`).join(', ')} ${team.pilots.length === 1 ? 'is' : 'are'} in it` } : { pilot: 'no' };
      return { pilot: 'cannot-tell', why: `team #${id ?? '?'} may bypass it (${mode}), and PM Zone cannot see whether a pilot PM is in it${team ? ` (${team.unreadable})` : ''}` };
    case 'Integration':
      return { pilot: 'cannot-tell', why: `app #${id ?? '?'} may bypass it (${mode}), and may act for anyone who can trigger it` };
    case 'DeployKey':
      return { pilot: 'cannot-tell', why: 'deploy keys may bypass it, and PM Zone cannot tell who holds one' };
    default:
      return { pilot: 'cannot-tell', why: `a ${actor.actor_type} actor may bypass it (${mode})` };
  }
}
