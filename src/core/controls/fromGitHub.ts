// The controls as both front ends ask for them: GitHub's rules for the base
// branch, and the working agreement as the base branch holds it. The command
// line and the editor differ only in where the token comes from.

import type { Git } from '../git';
import { connect } from '../pr/github/connection';
import type { GitHubOptions } from '../pr/github/types';
import type { PolicySettings } from '../repository';
import { policyAtBase, type PolicyAtBase } from './atBase';
import { ask, refusal } from './ask';
import { readBranchRules, readCodeownersErrors } from './branchRules';
import { evaluateControls } from './evaluate';
import { controlsFix, engineeringOwnerTeams, type ControlsFix, type OwnerTeam } from './fix';
import { teamPilotsLookup } from './teams';
import type { Connection } from '../pr/github/connection';
import type { ControlsReport } from './model';

export interface ControlsQuery {
  git: Git;
  settings: PolicySettings;
  owner: string;
  repo: string;
  options: GitHubOptions;
  /** Default: the repository's default branch on GitHub. */
  base?: string;
}

export interface ControlsCheck {
  report: ControlsReport;
  fix: ControlsFix;
  /** The working agreement at the base, for the walkthrough; a sentence when this clone lacks the base. */
  local: PolicyAtBase | string;
}

export async function controlsFromGitHub(query: ControlsQuery): Promise<ControlsCheck> {
  const github = connect(query.options);
  const { owner, repo } = query;
  let local: Promise<PolicyAtBase | string> | undefined;
  const localAt = (base: string) => (local ??= policyAtBase(query.git, base, query.settings));
  const rules = await readBranchRules(github, {
    owner,
    repo,
    base: query.base,
    pilots: async (base) => {
      const read = await localAt(base);
      return typeof read === 'string' ? read : read.policy.zone.pilots.map((pilot) => pilot.handle.replace(/^@/, ''));
    },
  });
  const [atBase, codeownersErrors] = await Promise.all([localAt(rules.base), readCodeownersErrors(github, owner, repo, rules.base)]);
  const report = evaluateControls({ repository: `${owner}/${repo}`, rules, local: atBase, codeownersErrors });
  const lockedOnServer = report.controls.find((control) => control.id === 'paths-locked-on-server');
  const ownerTeams = typeof atBase === 'string' || lockedOnServer?.status === 'enforced' || !lockedOnServer?.fix ? [] : await bypassTeams(github, owner, repo, engineeringOwnerTeams(atBase), atBase);
  return { report, fix: controlsFix(report, atBase, rules.actionsAppId, ownerTeams), local: atBase };
}

/** The owner teams of the engineering-only paths with their ids, leaving out one a pilot PM is in (their push would pass) or one PM Zone cannot read. */
async function bypassTeams(github: Connection, owner: string, repo: string, handles: readonly string[], local: PolicyAtBase): Promise<OwnerTeam[]> {
  const repository = `${owner}/${repo}`;
  const pilots = local.policy.zone.pilots.map((pilot) => pilot.handle.replace(/^@/, ''));
  const inTeam = teamPilotsLookup(github, owner, repository, async () => pilots);
  return Promise.all(handles.map(async (handle): Promise<OwnerTeam> => {
    const [org, slug] = handle.slice(1).split('/') as [string, string];
    if (org.toLowerCase() !== owner.toLowerCase()) return { handle, id: null, leftOut: `it belongs to ${org}, not to ${owner}, whose rulesets these are` };
    const read = await ask<{ id?: unknown }>(github, 'read a team', repository, () => github.octokit.request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug }));
    if (!read.ok || typeof read.data.id !== 'number') return { handle, id: null, leftOut: `PM Zone could not read its id (${read.ok ? 'no id in GitHub\'s answer' : refusal(read)}); add it by hand` };
    const members = await inTeam(read.data.id);
    if ('unreadable' in members) return { handle, id: read.data.id, leftOut: `PM Zone cannot tell whether a pilot PM is in it (${members.unreadable}); add it by hand once you know no pilot PM is` };
    if (members.pilots.length > 0) return { handle, id: read.data.id, leftOut: `${members.pilots.map((login) => `@${login}`).join(', ')} ${members.pilots.length === 1 ? 'is a pilot PM in it' : 'are pilot PMs in it'}` };
    return { handle, id: read.data.id };
  }));
}
