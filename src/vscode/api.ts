import type * as vscode from 'vscode';
import type { EvidencePanels } from './evidence';
import type { Repositories } from './repositories';
import type { ZoneDecorations } from './decorations';
import type { ZoneStatusBar } from './statusBar';
import type { ReviewService } from './review';
import type { Sidebar } from './sidebar';
import type { PlanningDiagnostics } from './planning';
import type { AgentToolsRegistered } from './agents';
import type { CommitCheckOffer } from './commitCheckOffer';

/**
 * What `activate` returns. The integration tests read the surfaces through it
 * (the decoration a file gets, the status bar text) exactly as VS Code does.
 */
export interface PmZoneApi {
  repositories: Repositories;
  decorations: ZoneDecorations;
  statusBar: ZoneStatusBar;
  policyDiagnostics: vscode.DiagnosticCollection;
  /** The problems of open PLANNING.md files, and `onDidCheck` when a check has set them. */
  planningDiagnostics: PlanningDiagnostics;
  /** "Review my change": the latest review of each repository and `onDidReview`. */
  review: ReviewService;
  /** The PM Zone sidebar: "My change", "Checklist" and the ticks of manual items. */
  sidebar: Sidebar;
  /** The audit trail's, the readout's and the controls' webviews, with the links each was asked to open. */
  evidence: EvidencePanels;
  /** Whether this VS Code took the zone as a language model tool and as an MCP server definition. */
  agentTools: AgentToolsRegistered;
  /** "Check my changes before each commit?", offered once to a pilot PM whose clone lacks the pre-commit hook. */
  commitCheck: CommitCheckOffer;
  /** `performance.now()` when the first line of the bundle ran. */
  loadStart: number;
  /** Milliseconds from the first line of the bundle running to the start of activate(). */
  codeLoadingMs: number;
  /** Milliseconds from the first line of the bundle running to the end of activate(). */
  activationMs: number;
}
