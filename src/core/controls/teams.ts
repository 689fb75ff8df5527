// Which pilot PMs are in a team a ruleset lets bypass it: the organisation's
// teams listed once (a bypass actor names a team by id), then each pilot's
// membership asked of the team. Needs Members: read (read:org); a refusal
// leaves the team as "cannot tell", never as "no pilot in it".

import type { Connection } from '../pr/github/connection';
import { ask, refusal } from './ask';

/** The pilots in a team, or why PM Zone cannot tell. */
export type TeamPilots = { slug: string; pilots: string[] } | { unreadable: string };

/** A lookup by team id; `pilots` gives the pilots' logins (without `@`), or why they cannot be known. */
export function teamPilotsLookup(github: Connection, org: string, repository: string, pilots: () => Promise<readonly string[] | string>): (id: number) => Promise<TeamPilots> {
  let listed: Promise<Map<number, string> | string> | undefined;
  const teams = () => (listed ??= ask<Array<{ id?: unknown; slug?: unknown }>>(github, 'list teams', repository, async () => ({ data: await github.octokit.paginate('GET /orgs/{org}/teams', { org, per_page: 100 }) })).then((answer) =>
    answer.ok ? new Map(answer.data.flatMap((team) => (typeof team.id === 'number' && typeof team.slug === 'string' ? [[team.id, team.slug] as const] : []))) : `needs Members: read (read:org) to see the teams of ${org} (${refusal(answer)})`));
  const cache = new Map<number, Promise<TeamPilots>>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, membersOf(id));
    return cache.get(id)!;
  };

  async function membersOf(id: number): Promise<TeamPilots> {
    const [known, logins] = await Promise.all([teams(), pilots()]);
    if (typeof known === 'string') return { unreadable: known };
    const slug = known.get(id);
    if (slug === undefined) return { unreadable: `team #${id} is not among the teams of ${org} PM Zone can see` };
    if (typeof logins === 'string') return { unreadable: `the pilot PMs are unknown (${logins})` };
    const answers = await Promise.all(logins.filter((login) => !login.includes('/')).map(async (login) => ({
      login,
      answer: await ask<{ state?: unknown }>(github, 'read a team membership', repository, () => github.octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: login })),
    })));
    const unread = answers.find(({ answer }) => !answer.ok && answer.status !== 404);
    const inTeam = answers.filter(({ answer }) => answer.ok && answer.data.state === 'active').map(({ login }) => login);
    if (inTeam.length === 0 && unread && !unread.answer.ok) return { unreadable: `needs Members: read (read:org) to see whether @${unread.login} is in ${org}/${slug} (${refusal(unread.answer)})` };
    return { slug: `${org}/${slug}`, pilots: inTeam };
  }
}
