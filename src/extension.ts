import type * as vscode from 'vscode';
import { Repositories } from './vscode/repositories';
import { registerDecorations } from './vscode/decorations';
import { bundleLoadStart, reportTiming } from './vscode/startupTiming';
import { registerStatusBar } from './vscode/statusBar';
import { registerWhyLocked } from './vscode/whyLocked';
import { registerLockedEditGuard } from './vscode/lockedEditGuard';
import { registerPolicyDiagnostics } from './vscode/policyDiagnostics';
import { registerReview } from './vscode/review';
import { registerWalkthrough } from './vscode/walkthrough';
import { registerPlanning } from './vscode/planning';
import { registerSidebar } from './vscode/sidebar';
import { registerPullRequest } from './vscode/pullRequest';
import { registerIdentity } from './vscode/identity';
import { registerEvidence } from './vscode/evidence';
import { registerAgents } from './vscode/agents';
import { registerSetUp } from './vscode/setUp';
import { registerCommitCheckOffer } from './vscode/commitCheckOffer';
import type { PmZoneApi } from './vscode/api';

/**
 * Begun as the bundle loads, not in activate(): VS Code spends 150–350 ms
 * preparing the extension's context (its storage, answered by the workbench)
 * before it calls activate(), and the badges need no context, only the
 * policy. activate() takes both into the extension's subscriptions.
 */
const repositories = new Repositories();
// A failed search for nested repositories must not go unheard; each caller of all() sees it too.
repositories.all().catch((error: unknown) => console.error('PM Zone: could not find the repositories of the workspace:', error));
const decorations = registerDecorations(repositories);
reportTiming('bundleEvaluatedMs', performance.now());

/** Reads like a table of contents: one registration per surface. */
export function activate(context: vscode.ExtensionContext): PmZoneApi {
  const activateStart = performance.now();
  const loadStart = bundleLoadStart() ?? activateStart;
  context.subscriptions.push(repositories, decorations);

  const statusBar = registerStatusBar(context, repositories);
  registerWhyLocked(context, repositories);
  const lockedEdits = registerLockedEditGuard(context, repositories);
  const policyDiagnostics = registerPolicyDiagnostics(context, repositories);
  const review = registerReview(context, repositories);
  registerIdentity(context, repositories);
  registerWalkthrough(context, repositories);
  const planningDiagnostics = registerPlanning(context, repositories, review);
  const sidebar = registerSidebar(context, repositories, review, lockedEdits);
  registerPullRequest(context, repositories, review, sidebar);
  const evidence = registerEvidence(context, repositories);
  const agentTools = registerAgents(context, repositories);
  registerSetUp(context, repositories);
  const commitCheck = registerCommitCheckOffer(context, repositories);

  const activatedAt = performance.now();
  reportTiming('activationMs', activatedAt);
  return { repositories, decorations, statusBar, policyDiagnostics, planningDiagnostics, review, sidebar, evidence, agentTools, commitCheck, loadStart, codeLoadingMs: activateStart - loadStart, activationMs: activatedAt - loadStart };
}

export function deactivate(): void {}
