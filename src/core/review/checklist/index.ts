export type { Checklist, ChecklistItem, ChecklistSection, EvaluatedItem, ItemStatus } from './model';
export { SKILL_FILE_PATH, parseSkillFile } from './parse';
export { BUILTIN_CHECKLIST_MARKDOWN, BUILTIN_CHECKLIST_PATH, builtInChecklist } from './builtin';
export { applyChecklistBlocking, blockingCheckIds, checksToRun, evaluateChecklist } from './evaluate';
