// Every built-in review check, each one definition (`defineCheck` in its file
// under checks/): its ids and what each means (title, description, help,
// severity, checklist words, starter item), which changes it looks at, and
// its run function. The review, SARIF's rules, the skill-file checklist, the
// starter skill file, the sidebar and the editor's summary all read them
// here; nothing else lists the checks.
import type { ZonePolicy } from '../policy';
import type { Change, Check, CheckAbout } from './model';
import { zoneLockedCheck, zoneOutsideCheck, zoneOwnersCheck } from './checks/zone';
import { planningIncompleteCheck, planningMissingCheck } from './checks/planning';
import { flagsFileCheck, flagsUngatedCheck } from './checks/flags';
import { analyticsPiiCheck, analyticsRemovalCheck } from './checks/analytics';
import { i18nCheck } from './checks/i18n';
import { promptsCheck } from './checks/prompts';
import { dangerousCodeCheck, piiCheck, secretCheck } from './checks/security';
import { sizeCheck } from './checks/size';
import { aiDisclosureCheck } from './checks/aiDisclosure';

/**
 * Every built-in check, always run: the skill file decides how results map
 * onto its items and which of them block, not whether a check looks. The
 * order is the order lists of checks are shown in, the starter skill file's
 * items included: by family, the always-on privacy check of analytics with
 * the security ones.
 */
export const BUILT_IN_CHECKS = [
  zoneLockedCheck,
  zoneOutsideCheck,
  zoneOwnersCheck,
  planningMissingCheck,
  planningIncompleteCheck,
  flagsUngatedCheck,
  flagsFileCheck,
  analyticsRemovalCheck,
  i18nCheck,
  promptsCheck,
  secretCheck,
  piiCheck,
  dangerousCodeCheck,
  analyticsPiiCheck,
  sizeCheck,
  aiDisclosureCheck,
] as const satisfies readonly Check[];

/** The stable id of a built-in check. Skill files, findings, SARIF rules and the PR body all speak of checks by these ids. */
export type CheckId = (typeof BUILT_IN_CHECKS)[number]['ids'][number];

export const ALL_CHECK_IDS: readonly CheckId[] = BUILT_IN_CHECKS.flatMap((check) => check.ids);

const ABOUT = new Map<string, CheckAbout>(BUILT_IN_CHECKS.flatMap((check) => check.ids.map((id) => [id, (check.about as Record<string, CheckAbout>)[id]] as const)));

export function isCheckId(id: string): id is CheckId {
  return ABOUT.has(id);
}

/** What a built-in check id means; undefined for ids this version does not know. */
export function aboutCheck(id: string): CheckAbout | undefined {
  return ABOUT.get(id);
}

/**
 * The security-and-privacy checks. They always run and always block: a skill
 * file that omits them, or lists them in a section that does not block, does
 * not switch them off.
 */
export const ALWAYS_ON_CHECK_IDS: readonly CheckId[] = ALL_CHECK_IDS.filter((id) => ABOUT.get(id)?.alwaysOn !== undefined);

/** Checks whose findings are notes for the reviewers, never a problem with the change. */
export function isNoteCheck(id: string): boolean {
  return ABOUT.get(id)?.note === true;
}

/**
 * The checks that had something to look at in this change: a checklist item
 * whose checks all had nothing to look at is "not applicable", not "passed".
 * Nothing changed yet: nothing has passed either.
 */
export function applicableChecks(change: Change, policy: ZonePolicy): Set<string> {
  const anyFile = change.files.length > 0;
  const applicable = BUILT_IN_CHECKS.filter((check: Check) => (check.appliesTo ? check.appliesTo(change, policy) : anyFile));
  return new Set(applicable.flatMap((check) => check.ids));
}

/** The checks a checklist item's words stand for, when it has no `<!-- check: id -->` marker; in registry order. */
export function checksForText(text: string): CheckId[] {
  return ALL_CHECK_IDS.filter((id) => {
    const { words, unless } = ABOUT.get(id)!;
    return words.test(text) && !unless?.test(text);
  });
}
