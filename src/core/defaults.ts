// Where a repository keeps its rules, and every default PM Zone starts from,
// named once. package.json's setting defaults and activation events are
// checked against this module by a test, so the manifest, the command line
// and the editor cannot drift apart.

import { AGENT_CONFIG_FILES } from './agents/configPaths';

/**
 * The instruction file the `## PM zone` section goes in when the repository
 * keeps none of INSTRUCTION_FILES yet. Where a repository's zone is read from
 * is decided by zoneLocation (repository/zoneLocation.ts), never by this name.
 */
export const DEFAULT_POLICY_FILE = 'CLAUDE.md';
/**
 * The instruction files coding agents read, in the order the zone is looked
 * for and `init` writes it into the first one present: the file a repository
 * already keeps holds its PM zone (`pmZone.policyFile`, `--policy-file` name another).
 */
export const INSTRUCTION_FILES: readonly string[] = [DEFAULT_POLICY_FILE, 'AGENTS.md', '.github/copilot-instructions.md', 'GEMINI.md'];
/** Larger than this, a policy file is not read at all (GitHub stops at 3 MB for CODEOWNERS; a zone section is a page). */
export const MAX_POLICY_FILE_BYTES = 10 * 1024 * 1024;
/** The PM PR Review skill file (`pmZone.skillFile`, `--skill-file`). */
export const DEFAULT_SKILL_FILE = '.claude/skills/pm-pr-review/SKILL.md';
/** The team's PLANNING.md skeleton (`pmZone.planningTemplate`, `--planning-template`). */
export const DEFAULT_PLANNING_TEMPLATE = '.pmzone/PLANNING.template.md';

/** Where each forge looks for CODEOWNERS, in its order. */
export const CODEOWNERS_LOCATIONS = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
} as const satisfies Record<string, readonly string[]>;

/** More files or changed lines than this is more than "one thing" (`pmZone.review.maxFiles` / `maxLines`). */
export const DEFAULT_MAX_FILES = 10;
export const DEFAULT_MAX_LINES = 300;

/** Pull-request label names (`pmZone.pullRequest.labels`). */
export const DEFAULT_LABELS = {
  pmAuthored: 'pm-authored',
  aiAssisted: 'ai-assisted',
  needsPairing: 'needs-pairing',
} as const;

/**
 * Which repositories' code is checked out where, and whether git's diffs show
 * a change to it (`ignore = all`): editing it changes what runs and can hide
 * a submodule bump in a locked folder, so it is engineering's.
 */
export const SUBMODULES_FILE = '.gitmodules';

/**
 * How git reads and checks out every file (`working-tree-encoding`,
 * `filter`, `diff`, `linguist-generated`): a line in it can garble the policy
 * a checkout holds or hide a diff from the reviewer, so it is engineering's.
 */
export const GIT_ATTRIBUTES_FILE = '.gitattributes';

/**
 * The files that define the rules at their default locations: CLAUDE.md,
 * every place GitHub or GitLab reads CODEOWNERS from, the review skill file,
 * the planning template, the coding agents' hook configuration,
 * .gitmodules and .gitattributes. Always locked to PMs.
 */
export const DEFAULT_POLICY_FILES: readonly string[] = [
  ...new Set([DEFAULT_POLICY_FILE, ...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab, DEFAULT_SKILL_FILE, DEFAULT_PLANNING_TEMPLATE, ...AGENT_CONFIG_FILES, SUBMODULES_FILE, GIT_ATTRIBUTES_FILE]),
];

/** The planning doc's name: one per feature, in the feature folder it plans. */
export const PLANNING_FILE_NAME = 'PLANNING.md';

/** The workflow `pm-zone ci init` writes: the PM PR Review on every pull request. */
export const WORKFLOW_PATH = '.github/workflows/pm-zone-review.yml';
