// The controls as both front ends ask for them: GitHub's rules for the base
// branch, and the working agreement as the base branch holds it. The command
// line and the editor differ only in where the token comes from.

import type { Git } from '../git';
import { connect } from '../pr/github/connection';
import type { GitHubOptions } from '../pr/github/types';
import type { PolicySettings } from '../repository';
import { policyAtBase, type PolicyAtBase } from './atBase';
import { readBranchRules, readCodeownersErrors } from './branchRules';
import { evaluateControls } from './evaluate';
import { controlsFix, type ControlsFix } from './fix';
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
  return { report, fix: controlsFix(report, atBase, rules.actionsAppId), local: atBase };
}
