import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { RepositoryPolicy } from '../../core/repository';
import type { Repositories, Repository } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { requireTrust } from '../shared/trust';
import { withGitHub, withHistory } from './githubHistory';
import { ReportPanel, THEMED_CHART_COLORS } from './reportPanel';

export type { ReportPanel } from './reportPanel';

// The pilot's evidence in the editor: "PM Zone: Audit trail", "PM Zone:
// Pilot readout" and "PM Zone: Check the controls", each read from GitHub and
// git with the core that `pm-zone audit`, `readout` and `controls` use, shown
// in a webview.

/** What the commands return, for tests: the report and the page shown. */
export interface EvidenceShown<T> {
  report: T;
  html: string;
}

const DAY_MS = 86_400_000;

export interface EvidencePanels {
  audit: ReportPanel;
  readout: ReportPanel;
  controls: ReportPanel;
}

export function registerEvidence(context: vscode.ExtensionContext, repositories: Repositories): EvidencePanels {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const auditPanel = new ReportPanel('pmZone.auditTrail');
  const readoutPanel = new ReportPanel('pmZone.pilotReadout');
  const controlsPanel = new ReportPanel('pmZone.controls');
  context.subscriptions.push(
    auditPanel,
    readoutPanel,
    controlsPanel,
    vscode.commands.registerCommand(CommandId.AuditTrail, async (given?: { since?: string; repository?: vscode.Uri }) => {
      if (!requireTrust('evidence')) return undefined;
      const repository = zoned(await chooseRepository(repositories, given?.repository, 'show the audit trail'));
      if (!repository) return undefined;
      const since = given?.since ?? (await askDate('Audit the PM-authored pull requests opened since', daysAgo(28)));
      if (since === undefined) return undefined;
      return withHistory(repository, version, 'read the audit trail', async (history) => {
        const audit = await import('../../core/audit/index.js');
        const report = await audit.auditFromGitHub(history, { since });
        return { report, html: auditPanel.show(`Audit trail: ${report.repository}`, audit.auditHtml(report)) } satisfies EvidenceShown<typeof report>;
      });
    }),
    vscode.commands.registerCommand(CommandId.PilotReadout, async (given?: { start?: string; weeks?: number; repository?: vscode.Uri }) => {
      if (!requireTrust('evidence')) return undefined;
      const repository = zoned(await chooseRepository(repositories, given?.repository, 'read out the pilot'));
      if (!repository) return undefined;
      const start = given?.start ?? (await askDate("The pilot's first day", daysAgo(28)));
      if (start === undefined) return undefined;
      const weeks = given?.weeks ?? 4;
      return withHistory(repository, version, 'read out the pilot', async (history) => {
        const audit = await import('../../core/audit/index.js');
        const readout = await audit.readoutFromGitHub(history, { start, weeks });
        const charts = await audit.readoutCharts(readout, THEMED_CHART_COLORS);
        return { report: readout, html: readoutPanel.show(`Pilot readout: ${readout.repository}`, audit.readoutHtml(readout, charts)) } satisfies EvidenceShown<typeof readout>;
      });
    }),
    vscode.commands.registerCommand(CommandId.CheckControls, async (given?: { base?: string; repository?: vscode.Uri }) => {
      if (!requireTrust('controls')) return undefined;
      // An engineer's command: a repository without a PM zone yet is checked too, and says so.
      const repository = await chooseRepository(repositories, given?.repository, 'check the controls of');
      if (!repository?.policy) return undefined;
      const settings = repository.policy.settings;
      return withGitHub(repository, 'check the controls', async (github) => github, async ({ git, owner, repo, token, apiUrl }) => {
        const controls = await import('../../core/controls/index.js');
        const check = await controls.controlsFromGitHub({ git, settings, owner, repo, options: { token, apiUrl }, base: given?.base });
        return { report: check.report, html: controlsPanel.show(`Controls: ${check.report.repository}`, controls.controlsHtml(check.report, check.fix)) } satisfies EvidenceShown<typeof check.report>;
      });
    }),
  );
  return { audit: auditPanel, readout: readoutPanel, controls: controlsPanel };
}

/** The repository when its policy defines a PM zone; else says there is no pilot to read, and undefined. */
function zoned(repository: Repository | undefined): (Repository & { policy: RepositoryPolicy }) | undefined {
  if (!repository) return undefined;
  if (repository.policy?.zone.defined) return repository as Repository & { policy: RepositoryPolicy };
  const file = repository.policy?.zone.file ?? 'CLAUDE.md';
  void vscode.window.showInformationMessage(`PM Zone: ${file} defines no PM zone here, so there is no pilot whose pull requests to read.`);
  return undefined;
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

async function askDate(prompt: string, suggested: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `PM Zone: ${prompt}`,
    prompt: `${prompt} (YYYY-MM-DD)`,
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (text) => (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) && !Number.isNaN(Date.parse(text.trim())) ? undefined : 'A date such as 2026-03-02'),
  });
  return answer?.trim();
}
