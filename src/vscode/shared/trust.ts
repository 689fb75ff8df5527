import * as vscode from 'vscode';

const MANAGE_TRUST = 'Manage Workspace Trust';

/** Why each action needs a trusted folder, in the words the user reads in Restricted Mode. */
export const RESTRICTED_MODE_REASONS = {
  review: 'PM Zone reviews the change with git, which Restricted Mode does not allow. Trust this folder to review.',
  hook: 'PM Zone would write a git hook, a program git runs on every commit, which Restricted Mode does not allow. Trust this folder to install or remove it.',
  skillFile: 'PM Zone writes the starter skill file, a policy file that decides what the review checks, only in a trusted folder. Trust this folder to write it.',
  undo: 'PM Zone reads the base version of the file with git, which Restricted Mode does not allow. Trust this folder to undo the change.',
  pullRequest:
    'PM Zone opens a pull request with git (it reviews the change and pushes the branch), which Restricted Mode does not allow. Trust this folder to open a pull request.',
  ciGate: 'PM Zone writes the CI gate, a GitHub workflow that runs on every pull request, only in a trusted folder. Trust this folder to add it.',
  branch: 'PM Zone creates the branch with git, which Restricted Mode does not allow. Trust this folder to start a change.',
  evidence: 'PM Zone reads the history with git, which Restricted Mode does not allow. Trust this folder to see the audit trail or the readout.',
  controls: 'PM Zone reads the base branch\'s CODEOWNERS and CLAUDE.md with git, which Restricted Mode does not allow. Trust this folder to check the controls.',
  agents: "PM Zone writes the coding agents' hook settings, which run a program on every tool call, only in a trusted folder. Trust this folder to guard the agents.",
  myAgents: "PM Zone writes your coding agents' hooks and sandbox settings, which run a program on every tool call, only in a trusted folder. Trust this folder to guard your agents.",
  setUp: 'PM Zone reads the repository with git and writes its policy, hooks and workflow only in a trusted folder. Trust this folder to set PM Zone up.',
} as const;

/**
 * True in a trusted workspace. Otherwise says why nothing runs, with a button
 * to the trust editor, and returns false at once (the message is not awaited,
 * so the command ends while it is shown).
 */
export function requireTrust(reason: keyof typeof RESTRICTED_MODE_REASONS): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(RESTRICTED_MODE_REASONS[reason], MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
