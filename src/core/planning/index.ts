// PLANNING.md: the change-justification doc. Its template, filling it for a
// new change, and checking it as the PM writes.
export { checkPlanningDoc, type PlanningCheckOptions } from './check';
export { tierQuickFixes } from './checkFrontMatter';
export { fillTemplate, PLANNING_TEMPLATE_PATH, type FilledTemplate, type PlanningValues } from './fill';
export { loadPlanningTemplate, type PlanningTemplate } from './loadTemplate';
export {
  featureFolderOf,
  planNewPlanningDoc,
  scopeList,
  suggestFeatureFolders,
  suggestFlags,
  defaultFlag,
  planningDefaults,
  type FeatureFolderSuggestion,
  type PlanningDefaults,
  type NewPlanningInput,
  type PlannedPlanningDoc,
} from './newPlanning';
export { planningFolderRefusal } from './planningPlace';
export { isNoFlag, NO_FLAG } from './noFlag';
export { VALUE_PLACEHOLDERS, type ValuePlaceholder } from './placeholders';
export { normaliseHeading, PLANNING_SECTIONS, sectionForHeading, type PlanningSection, type PlanningSectionId } from './sections';
export { readPlanningSummary, type PlanningSummary } from './summary';
export { readPlanningDoc } from './planningDoc';
export { BUILTIN_PLANNING_TEMPLATE } from './template';
export { closestTier, isTier, TIER_LABELS, TIERS, type Tier } from './tiers';
export { createFileExclusive, nodePlanningWriter, writeNewPlanningDoc, type PlanningWriter, type WriteResult } from './writer';
export { copyFilesIn } from './copyFiles';
export { changeBranch, startChangeWithDoc, type StartedChange, type StartRequest } from './start';
