/** Every command PM Zone contributes; package.json declares the same ids (a test keeps them in step). */
export const enum CommandId {
  WhyLocked = 'pmZone.whyLocked',
  NewPlanningDoc = 'pmZone.newPlanningDoc',
  OpenPlanningDoc = 'pmZone.openPlanningDoc',
  ReviewChange = 'pmZone.reviewChange',
  OpenPullRequest = 'pmZone.openPullRequest',
  SendPullRequest = 'pmZone.sendPullRequest',
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
}

/** The PM Zone sidebar's views; package.json declares them. VS Code adds `<id>.focus` for each. */
export const enum ViewId {
  MyChange = 'pmZone.myChange',
  Checklist = 'pmZone.checklist',
}
