export { readPullRequestEvent, isFork, type GatePullRequest, type EventReading } from './pullRequestEvent';
export { readMergeGroupEvent, queuedPullRequest, type QueuedChange } from './mergeGroupEvent';
export { serverChecks, linkedPlanningDocs, SERVER_CHECK_IDS, type PlanningLink } from './serverChecks';
export { annotationsOf, workflowCommands, summaryMarkdown, stickyComment, STICKY_MARKER, COMMENT_LIMIT, STEP_SUMMARY_LIMIT, type Annotation, type AnnotationLevel, type GateResult } from './gateReport';
export { runGate, type GateInputs, type GateOutcome } from './runGate';
export { ciWorkflow, workflowWrite, workflowText, outdatedWorkflowMessage, ciGateRequest, gateAlreadyCommitted, pilotMayNotWriteWorkflow, WORKFLOW_PATH, ACTION_REPOSITORY, ACTION_VERSION, type WorkflowOptions, type WorkflowWrite } from './workflow';
export { PINNED_ACTIONS, REMOVED_RUNTIMES, CHECKOUT, outdatedPins, updatePins, type PinnedAction, type PinUpdate } from './pinnedActions';
