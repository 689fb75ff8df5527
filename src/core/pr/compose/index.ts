// Composing "Open pull request": the pure composer, the gathering that feeds
// it from git, the push, and keeping the text when the pull request cannot open.
export { composePullRequest } from './compose';
export { gatherPullRequest, planningDocOf, uncommittedPaths, type GatherOptions, type GatheredPullRequest } from './gather';
export { branchRefspec, pushBranch, pushEnvironment, pushFailure, withoutCredentials, type PushResult } from './push';
export { describeBlockers } from './refusal';
export { MAX_BODY_LENGTH, FOOTER } from './body';
export { MAX_TITLE_LENGTH } from './title';
export { NO_AI, UNDERSTOOD_STATEMENT } from './ai';
export { STATUS_MARKS, checklistLines } from './checklistSection';
export { signOffLines } from './sections';
export { draftReasonInBody, draftReasonOf, signOffsOf } from './people';
export { blobUrl } from './markdown';
export { DEFAULT_LABELS, type ComposeInput, type ComposedPullRequest, type PlanningText, type PullRequestLabels } from './types';
export { ENERGY_QUESTION, energyLine, readEnergy } from './energy';
