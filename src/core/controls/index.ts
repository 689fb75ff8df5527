// Whether GitHub enforces the PM zone: the controls, their fix, the walkthrough.
export { CONTROL_IDS, CONTROL_TITLES, controlsExitStatus, type Control, type ControlId, type ControlStatus, type ControlsReport } from './model';
export { controlsFromGitHub, type ControlsCheck, type ControlsQuery } from './fromGitHub';
export { controlsWithoutGitHub, type OfflineControlsQuery } from './offline';
export { controlsFix, fixGuidance, type ControlsFix, type RulesetRequest, type PushRulesetRequest, type CodeownersLine } from './fix';
export { pushPathsOf, pushPathMatches } from './pushPaths';
export { policyAtBase, type PolicyAtBase } from './atBase';
export { controlsText, controlsMarkdown, controlsHtml, controlsHeadline } from './report';
export { walkthroughMarkdown, walkthroughHtml } from './walkthrough';
export { readGateControls, judgeGateControls, type GateControls } from './gateControls';
