// The PM PR Review skill file read with the registry's checks: each item
// mapped onto the built-in checks by an explicit marker or by its words.
import { ALL_CHECK_IDS, ALWAYS_ON_CHECK_IDS, aboutCheck, checksForText } from '../registry';
import type { Checklist } from './model';
import { readSkillFile, type CheckVocabulary } from './readSkillFile';

export const SKILL_FILE_PATH = '.claude/skills/pm-pr-review/SKILL.md';

/** The registry as the reader asks for it; built on each call, since the checks' modules may still be loading when this one is. */
function registryVocabulary(): CheckVocabulary {
  return { ids: ALL_CHECK_IDS, forText: checksForText, alwaysOn: ALWAYS_ON_CHECK_IDS.map((id) => ({ id, item: aboutCheck(id)!.alwaysOn! })) };
}

export function parseSkillFile(text: string, file = SKILL_FILE_PATH): Checklist {
  return readSkillFile(text, file, registryVocabulary());
}
