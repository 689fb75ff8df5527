import type { CodeownersFlavor } from '../codeowners/model';

/** Where a repository keeps its policy files, and who is asking. The CLI and the editor fill it from flags and settings. */
export interface PolicySettings {
  /** The markdown file with the `## PM zone` section. */
  policyFile: string;
  /** The PM PR Review skill file. */
  skillFile: string;
  codeownersFlavor: CodeownersFlavor;
  /** `--as @handle` or the `pmZone.identity` setting. */
  handle?: string;
  /** `git config user.email`, matched against the pilot PMs when no handle is given. */
  email?: string;
}

export const PLANNING_TEMPLATE_FILE = '.pmzone/PLANNING.template.md';

export const DEFAULT_SETTINGS: PolicySettings = {
  policyFile: 'CLAUDE.md',
  skillFile: '.claude/skills/pm-pr-review/SKILL.md',
  codeownersFlavor: 'github',
};
