// `pm-zone init` and the editor's "Set up PM Zone in this repository": read the repository, draft the PM zone, plan the rest.
export { scanRepository, INSTRUCTION_FILES, type RepositoryScan } from './scan';
export { draftZoneSection, readPilotSpec, withZoneSection, type DraftPilot, type DraftedZone } from './draft';
export { installScriptRoute, managerRoute, type RouteWrite } from './hookRoute';
export { checkPlanned, INIT_STEPS, overlayFiles, planInit, type InitInputs, type InitPlan, type InitStep, type InitStepId, type PlannedWrite } from './plan';
export { applyInit, followsZone, initNextSteps, type InitApplied } from './apply';
