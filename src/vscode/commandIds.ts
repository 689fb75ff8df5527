/** Every command PM Zone contributes; package.json declares the same ids (a test keeps them in step). */
export const enum CommandId {
  WhyLocked = 'pmZone.whyLocked',
  NewPlanningDoc = 'pmZone.newPlanningDoc',
  OpenPlanningDoc = 'pmZone.openPlanningDoc',
  ReviewChange = 'pmZone.reviewChange',
  OpenPullRequest = 'pmZone.openPullRequest',
  SendPullRequest = 'pmZone.sendPullRequest',
  PushToPullRequest = 'pmZone.pushToPullRequest',
  InstallHook = 'pmZone.installHook',
  UninstallHook = 'pmZone.uninstallHook',
  WriteStarterSkillFile = 'pmZone.writeStarterSkillFile',
  AddCiGate = 'pmZone.addCiGate',
  Refresh = 'pmZone.refresh',
  ToggleChecklistItem = 'pmZone.toggleChecklistItem',
  UndoFileChanges = 'pmZone.undoFileChanges',
  UndoBranchChange = 'pmZone.undoBranchChange',
  StartChange = 'pmZone.startChange',
  OpenWalkthrough = 'pmZone.openWalkthrough',
  OpenStyleGuide = 'pmZone.openStyleGuide',
  ChooseIdentity = 'pmZone.chooseIdentity',
  AuditTrail = 'pmZone.auditTrail',
  PilotReadout = 'pmZone.pilotReadout',
  CheckControls = 'pmZone.checkControls',
  GuardAgents = 'pmZone.guardAgents',
  GuardMyAgents = 'pmZone.guardMyAgents',
  StageFixes = 'pmZone.stageFixes',
  SetUpRepository = 'pmZone.setUpRepository',
}

/** The PM Zone sidebar's views; package.json declares them. VS Code adds `<id>.focus` for each. */
export const enum ViewId {
  MyChange = 'pmZone.myChange',
  Checklist = 'pmZone.checklist',
}

/**
 * PM Zone's context keys: package.json's `when` clauses read them, and only
 * `setContext` (shared/contextKeys.ts) sets them. The manifest test fails
 * when a `when` clause names a key missing here, or a key here is never set
 * or never read.
 */
export const enum ContextKey {
  /** A repository of the workspace has a PM zone: the sidebar shows. */
  HasZone = 'pmZone.hasZone',
  /** none, empty or done: what the sidebar's welcome says. */
  ReviewState = 'pmZone.reviewState',
  /** The active editor holds PULL_REQUEST.md: "Send pull request" shows. */
  PullRequestDraftActive = 'pmZone.pullRequestDraftActive',
  /** A copy edit in the zone was saved: the walkthrough's copy step is done. */
  SavedCopyEdit = 'pmZone.savedCopyEdit',
  /** A pull request was really opened on GitHub: the walkthrough's last step is done. */
  PullRequestSent = 'pmZone.pullRequestSent',
  /** PM Zone cannot tell which pilot PM the user is: the sidebar offers "Choose who I am". */
  IdentityUnknown = 'pmZone.identityUnknown',
  /** "Start a change" created the branch: the walkthrough's branch step is done. */
  ChangeStarted = 'pmZone.changeStarted',
  /** A planning doc was written (or found, already there): the walkthrough's planning step is done. */
  PlanningDocWritten = 'pmZone.planningDocWritten',
  /** The style guide opened: the walkthrough's style guide step is done. */
  StyleGuideRead = 'pmZone.styleGuideRead',
  /** CLAUDE.md names no style guide: the walkthrough shows "Ask for the team's style guide" instead. */
  StyleGuideMissing = 'pmZone.styleGuideMissing',
  /** The PM copied the request for a style guide: that step is done. */
  StyleGuideAsked = 'pmZone.styleGuideAsked',
}
