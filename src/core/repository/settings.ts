import type { CodeownersFlavor } from '../codeowners/model';
import { DEFAULT_PLANNING_TEMPLATE, DEFAULT_SKILL_FILE } from '../defaults';

/** Where a repository keeps its policy files, and who is asking. The CLI and the editor fill it from flags and settings. */
export interface PolicySettings {
  /**
   * The markdown file with the `## PM zone` section, when `--policy-file` or
   * `pmZone.policyFile` names one; otherwise zoneLocation finds it (the
   * instruction file that holds the zone), and the policy's `zone.file` says which.
   */
  policyFile?: string;
  /** The PM PR Review skill file. */
  skillFile: string;
  /** The PLANNING.md skeleton. */
  planningTemplate: string;
  codeownersFlavor: CodeownersFlavor;
  /** `--as @handle` or the `pmZone.identity` setting. */
  handle?: string;
  /** `git config user.email`, matched against the pilot PMs when no handle is given. */
  email?: string;
}

export const PLANNING_TEMPLATE_FILE = DEFAULT_PLANNING_TEMPLATE;

export const DEFAULT_SETTINGS: PolicySettings = {
  skillFile: DEFAULT_SKILL_FILE,
  planningTemplate: DEFAULT_PLANNING_TEMPLATE,
  codeownersFlavor: 'github',
};

export { repositoryFilePath } from '../policy/repoPath';
