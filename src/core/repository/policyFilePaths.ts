// Which files are policy files: the one place that names them by path. The
// zone answer, the badges, the review and the gate all lock exactly these,
// and where links and imports lead from them (policyFiles.ts). A new kind of
// rules file (an agent's hook configuration, say) is one more line here or
// in DEFAULT_POLICY_FILES; one that can sit in any folder (AGENTS.md) is a
// glob in AGENT_INSTRUCTION_GLOBS (agents/configPaths.ts), which the zone
// answer matches itself.

import { CODEOWNERS_LOCATIONS, DEFAULT_POLICY_FILES } from '../defaults';
import { PLANNING_TEMPLATE_FILE, type PolicySettings } from './settings';

/** The files that define the rules, where the settings and the forges put them; `zoneFile` is where the zone was found (zoneLocation). */
export function policyFilePaths(settings: PolicySettings, zoneFile?: string): string[] {
  return [...new Set([
    ...[zoneFile ?? settings.policyFile].filter((file) => file !== undefined),
    ...CODEOWNERS_LOCATIONS.github,
    ...CODEOWNERS_LOCATIONS.gitlab,
    settings.skillFile,
    settings.planningTemplate ?? PLANNING_TEMPLATE_FILE,
    ...DEFAULT_POLICY_FILES,
  ])];
}
