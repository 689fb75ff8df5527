// An organisation's teams and who is in them: "List teams", "Get a team by
// name" and "Get team membership for a user". What PM Zone asks to place a
// team among a ruleset's bypass actors, and to name one as a bypass actor.
import { errorBody, notFound, page, type Resource } from './http';
import { shaped } from './payloads';

export type TeamsRoute = 'GET /orgs/:org/teams' | 'GET /orgs/:org/teams/:slug' | 'GET /orgs/:org/teams/:slug/memberships/:user';

export interface TeamState {
  id: number;
  slug: string;
  members: string[];
}

export class FakeTeams {
  /** Whether the token may read the organisation's teams (read:org, or Members: read). */
  readable = true;
  private readonly orgs = new Map<string, TeamState[]>();
  private nextId = 7000;

  add(org: string, slug: string, members: string[], id = this.nextId++): number {
    const teams = this.orgs.get(org.toLowerCase()) ?? [];
    teams.push({ id, slug, members });
    this.orgs.set(org.toLowerCase(), teams);
    return id;
  }

  reset(): void {
    this.orgs.clear();
    this.readable = true;
  }

  resource(apiUrl: string, webUrl: string): Resource<TeamsRoute> {
    return {
      routes: ['GET /orgs/:org/teams', 'GET /orgs/:org/teams/:slug', 'GET /orgs/:org/teams/:slug/memberships/:user'],
      answer: (route, params, query) => {
        if (!this.readable) return { status: 403, body: errorBody('Resource not accessible by integration', 403) };
        const org = params.org!;
        const teams = this.orgs.get(org.toLowerCase()) ?? [];
        const payload = (team: TeamState) => shaped('team', {
          id: team.id, node_id: `T_${team.id}`, url: `${apiUrl}/organizations/1/team/${team.id}`, html_url: `${webUrl}/orgs/${org}/teams/${team.slug}`,
          name: team.slug, slug: team.slug, description: null, privacy: 'closed', notification_setting: 'notifications_enabled', permission: 'pull',
          members_url: `${apiUrl}/organizations/1/team/${team.id}/members{/member}`, repositories_url: `${apiUrl}/organizations/1/team/${team.id}/repos`, parent: null,
        }, apiUrl);
        if (route === 'GET /orgs/:org/teams') return page(apiUrl, query, teams, `/orgs/${org}/teams?`, payload);
        const team = teams.find((candidate) => candidate.slug.toLowerCase() === params.slug!.toLowerCase());
        if (!team) return notFound();
        if (route === 'GET /orgs/:org/teams/:slug') {
          return { status: 200, body: shaped('team-full', { ...payload(team), members_count: team.members.length, repos_count: 1, created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-05T10:00:00Z', organization: { login: org, id: 1 } }, apiUrl) };
        }
        const member = team.members.some((login) => login.toLowerCase() === params.user!.toLowerCase());
        return member ? { status: 200, body: { url: `${apiUrl}/organizations/1/team/${team.id}/memberships/${params.user}`, role: 'member', state: 'active' } } : notFound();
      },
    };
  }
}
