export { reviewChange, BUILT_IN_CHECKS, type ReviewInput, type ReviewOutcome } from './review';
export { loadChecklist } from './loadChecklist';
export type { Change, ChangedFile, ChangeMode, CommitInfo, ReviewOptions } from './model';
export * from './checklist';
export * from './report';
export { detectAiAssistance, aiFiles, type AiAssistance } from './aiTrailers';
export { hasAiDisclosure } from './checks/aiDisclosure';
export { isPlanningDoc } from './checks/planning';
export { isStringsFile } from './checks/i18n';
