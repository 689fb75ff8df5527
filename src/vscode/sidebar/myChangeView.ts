import * as vscode from 'vscode';
import type { Finding, Zone } from '../../core/types';
import type { PullRequestStatus } from '../../core/pr';
import { CommandId } from '../commandIds';
import { TreeRedraws } from '../shared/treeRedraw';
import { onBaseBranch, savedFixesSentence, type ReviewRun, type ReviewService } from '../review';
import type { Repositories } from '../repositories';
import { SEVERITY_ICONS, ZONE_GROUPS, countsLabel, openAt, planningDocOf, sidebarRepository } from './sidebarModel';
import { escapeMarkdown } from '../shared/identityText';
import type { LockedEditedFile, LockedEdits } from '../lockedEditGuard';

/** The pull request sent from the branch: at once its number and link, then what GitHub says of it. */
export interface ShownPullRequest {
  number: number;
  url: string;
  head: string;
  /** Why it is a draft and who moves it on, as the composer said. */
  draftReason?: string;
  status?: PullRequestStatus;
  /** What happens next (`pullRequestNextStep`), once the state is known. */
  next?: string;
  /** Commits of the branch not in the pull request yet; undefined when unknown. */
  unpushed?: number;
}

type Node =
  | { kind: 'summary'; run: ReviewRun }
  | { kind: 'pullRequest'; run: ReviewRun; pull: ShownPullRequest }
  | { kind: 'pullRequestDetail'; run: ReviewRun; pull: ShownPullRequest; label: string; description?: string; icon: string; command?: vscode.Command; tooltip?: string }
  | { kind: 'savedFixes'; run: ReviewRun; sentence: string }
  | { kind: 'onBase'; run: ReviewRun }
  | { kind: 'lockedEdit'; file: LockedEditedFile }
  | { kind: 'identity'; run: ReviewRun; message: string }
  | { kind: 'planning'; run: ReviewRun; uri: vscode.Uri | undefined }
  | { kind: 'changeFinding'; run: ReviewRun; finding: Finding }
  | { kind: 'zone'; run: ReviewRun; zone: Zone; title: string; icon: string; paths: string[] }
  | { kind: 'file'; run: ReviewRun; path: string; status: string; findings: Finding[] }
  | { kind: 'finding'; run: ReviewRun; finding: Finding };

const STATUS_LETTERS: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' };

/**
 * "My change": the planning doc, the changed files grouped by zone with their
 * badges, and the findings under each file. Empty until the first review:
 * the welcome view then offers the next step.
 */
export class MyChangeView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  // A redraw only when a row changed: one under the pointer loses the click (see TreeRedraws).
  private readonly redraws = new TreeRedraws(this, () => this.changed.fire(undefined));
  private planning: vscode.Uri | undefined;
  private readonly pullRequests = new Map<string, ShownPullRequest>();

  constructor(private readonly repositories: Repositories, private readonly review: ReviewService, private readonly lockedEdits?: LockedEdits) {}

  showPullRequest(root: vscode.Uri, shown: ShownPullRequest | undefined): void {
    const key = root.toString();
    if (shown) this.pullRequests.set(key, shown);
    else if (!this.pullRequests.delete(key)) return;
    void this.refresh();
  }

  pullRequestOf(root: vscode.Uri): ShownPullRequest | undefined {
    return this.pullRequests.get(root.toString());
  }

  /** Shows the rows as they now are; resolves once compared (and redrawn, when they differ). */
  refresh(): Promise<void> {
    return this.redraws.request();
  }

  currentRun(): ReviewRun | undefined {
    const repository = sidebarRepository(this.repositories);
    return repository && this.review.latest(repository.root);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const run = this.currentRun();
      // A locked file the PM edited shows until it is put back, saved or not, reviewed yet or not.
      const locked = this.lockedEditRows();
      if (!run || run.change.files.length === 0) return locked;
      this.planning = await planningDocOf(run);
      const changeWide = run.outcome.result.findings.filter((finding) => finding.file === null);
      const zones = ZONE_GROUPS.map((group) => ({ kind: 'zone' as const, run, ...group, paths: run.outcome.result.files.filter((f) => f.zone === group.zone).map((f) => f.path) }))
        .filter((group) => group.paths.length > 0);
      const sentence = savedFixesSentence(run);
      const identity = run.policy.zone.defined && run.policy.identity?.known === false ? run.policy.identity.message : undefined;
      const pull = this.pullRequests.get(run.root.toString());
      const sent = pull && pull.head === run.change.head ? [{ kind: 'pullRequest' as const, run, pull }] : [];
      return [
        ...(identity ? [{ kind: 'identity' as const, run, message: identity }] : []),
        ...sent,
        { kind: 'summary', run },
        ...locked,
        ...(sentence ? [{ kind: 'savedFixes' as const, run, sentence }] : []),
        ...(onBaseBranch(run) ? [{ kind: 'onBase' as const, run }] : []),
        { kind: 'planning', run, uri: this.planning },
        ...changeWide.map((finding) => ({ kind: 'changeFinding' as const, run, finding })),
        ...zones,
      ];
    }
    if (node.kind === 'zone') {
      return node.paths.map((path) => ({
        kind: 'file' as const,
        run: node.run,
        path,
        status: node.run.outcome.result.files.find((f) => f.path === path)?.status ?? 'modified',
        findings: node.run.outcome.result.findings.filter((finding) => finding.file === path && finding.check !== 'zone.owners'),
      }));
    }
    if (node.kind === 'file') return node.findings.map((finding) => ({ kind: 'finding' as const, run: node.run, finding }));
    if (node.kind === 'pullRequest') return pullRequestDetails(node.run, node.pull);
    return [];
  }

  /** One row per locked file the PM edited in the repository the sidebar shows. */
  private lockedEditRows(): Node[] {
    const repository = sidebarRepository(this.repositories);
    if (!repository || !this.lockedEdits) return [];
    return this.lockedEdits.edited()
      .filter((file) => this.repositories.knownForUri(file.uri)?.root.toString() === repository.root.toString())
      .map((file) => ({ kind: 'lockedEdit' as const, file }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'lockedEdit': {
        const name = node.file.path.slice(node.file.path.lastIndexOf('/') + 1);
        // The action first: a narrow sidebar cuts the end of a row, and the red mark already says something is wrong.
        const item = new vscode.TreeItem(`Undo my changes to ${name}`);
        item.description = 'engineering-only';
        item.iconPath = SEVERITY_ICONS.error;
        item.tooltip = `You changed ${node.file.path}, an engineering-only file: PMs do not change it, and the review blocks a change to it. Click to put it back as on the base branch; this row goes once it is.`;
        item.command = { command: CommandId.UndoBranchChange, title: 'Undo my changes', arguments: [node.file.uri] };
        item.contextValue = 'lockedEdit';
        return item;
      }
      case 'summary': {
        const { summary } = node.run.outcome.result;
        const pull = this.pullRequests.get(node.run.root.toString());
        const sent = pull && pull.head === node.run.change.head && node.run.outcome.result.summary.blockers === 0;
        // Saved work a commit would leave out: not "ready" until it is staged (the row below stages it).
        const notStaged = summary.blockers === 0 && node.run.savedFixes.toStage.length > 0;
        // Once sent, "ready for review" is the pull request's state, shown above: not a call to open it.
        const label = notStaged ? countsLabel(node.run).replace(' — ready for review', '').concat(' in your saved files — stage them before you commit')
          : sent ? countsLabel(node.run).replace(' — ready for review', '') : countsLabel(node.run);
        const item = new vscode.TreeItem(label);
        item.iconPath = summary.blockers > 0 ? SEVERITY_ICONS.error : summary.warnings > 0 || notStaged ? SEVERITY_ICONS.warning : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        item.description = `${summary.files} file${summary.files === 1 ? '' : 's'}, +${summary.addedLines} −${summary.removedLines}`;
        // No time and no trigger here: a review that finds the same rows must not redraw them (see TreeRedraws), and an automatic one follows every status git reports.
        item.tooltip = `The review of your change against ${node.run.change.base ?? 'HEAD'}. Click to see its findings in the Problems panel.`;
        item.contextValue = 'summary';
        item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
        return item;
      }
      case 'savedFixes': {
        const { toStage } = node.run.savedFixes;
        const item = new vscode.TreeItem(`Not staged: ${toStage.map((relPath) => relPath.slice(relPath.lastIndexOf('/') + 1)).join(', ')}`);
        item.description = 'click to stage my fixes';
        item.iconPath = SEVERITY_ICONS.warning;
        item.tooltip = `${node.sentence}\n\nA commit takes what is staged. "Stage my fixes" stages your saved changes to these files you may edit (never a locked file):\n${toStage.join('\n')}`;
        item.command = { command: CommandId.StageFixes, title: 'Stage my fixes', arguments: [node.run.root] };
        item.contextValue = 'savedFixes';
        return item;
      }
      case 'pullRequest': {
        const { pull } = node;
        const item = new vscode.TreeItem(`Pull request #${pull.number}`, vscode.TreeItemCollapsibleState.Expanded);
        item.description = pull.status ? STATE_WORDS[pull.status.state] : 'sent';
        item.iconPath = new vscode.ThemeIcon(pull.status?.state === 'merged' ? 'git-merge' : pull.status?.state === 'draft' ? 'git-pull-request-draft' : 'git-pull-request');
        item.tooltip = `${pull.url}\n\nClick to open it on GitHub.`;
        item.command = { command: 'vscode.open', title: 'Open on GitHub', arguments: [vscode.Uri.parse(pull.url)] };
        item.contextValue = 'pullRequest';
        return item;
      }
      case 'pullRequestDetail': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip ?? (node.description ? `${node.label} ${node.description}` : node.label);
        item.command = node.command ?? { command: 'vscode.open', title: 'Open on GitHub', arguments: [vscode.Uri.parse(node.pull.url)] };
        if (node.command?.command === CommandId.PushToPullRequest) item.contextValue = 'pushToPullRequest';
        return item;
      }
      case 'identity': {
        const item = new vscode.TreeItem('Choose who I am');
        item.description = 'PM Zone cannot tell which pilot PM you are';
        item.iconPath = new vscode.ThemeIcon('person', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = `${node.message.replace(/ Choose who you are:.*$/, '')}\n\nFix git's user.email (git config user.email you@example.com; PM Zone notices), or click to pick which pilot PM you are.`;
        item.command = { command: CommandId.ChooseIdentity, title: 'Choose who I am', arguments: [node.run.root] };
        item.contextValue = 'identityUnknown';
        return item;
      }
      case 'onBase': {
        const item = new vscode.TreeItem(`You are on ${node.run.change.base}`);
        item.description = 'click to start a change';
        item.iconPath = new vscode.ThemeIcon('git-branch', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = `These edits are on ${node.run.change.base}, the branch a pull request goes into. "Start a change" gives them a branch of their own; your edits and ticks come with you.`;
        item.command = { command: CommandId.StartChange, title: 'Start a change', arguments: [node.run.root] };
        item.contextValue = 'onBase';
        return item;
      }
      case 'planning': {
        if (!node.uri) {
          const item = new vscode.TreeItem('Create the planning doc');
          item.description = 'PLANNING.md is missing';
          item.iconPath = new vscode.ThemeIcon('new-file');
          item.tooltip = 'This change has no PLANNING.md yet: every PM change carries one. Click to create it from the template.';
          item.command = { command: CommandId.NewPlanningDoc, title: 'New planning doc' };
          item.contextValue = 'planningMissing';
          return item;
        }
        const item = new vscode.TreeItem('Planning doc');
        item.resourceUri = node.uri;
        item.description = vscode.workspace.asRelativePath(node.uri, false);
        item.iconPath = new vscode.ThemeIcon('book');
        item.tooltip = `${vscode.workspace.asRelativePath(node.uri, false)}: the planning doc of this change. Click to open it.`;
        item.command = openAt(node.uri, 1);
        item.contextValue = 'planningDoc';
        return item;
      }
      case 'changeFinding':
      case 'finding':
        return findingItem(node.run, node.finding);
      case 'zone': {
        const item = new vscode.TreeItem(`${node.title} (${node.paths.length})`, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = `${node.title}: ${node.paths.length} changed file${node.paths.length === 1 ? '' : 's'}\n${node.paths.slice(0, 20).join('\n')}${node.paths.length > 20 ? `\n…and ${node.paths.length - 20} more` : ''}`;
        item.contextValue = `zone.${node.zone}`;
        return item;
      }
      case 'file': {
        const uri = vscode.Uri.joinPath(node.run.root, ...node.path.split('/'));
        const item = new vscode.TreeItem(uri, node.findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.description = `${node.path.includes('/') ? node.path.slice(0, node.path.lastIndexOf('/')) : ''} ${STATUS_LETTERS[node.status] ?? ''}`.trim();
        item.tooltip = `${node.path} (${node.status})`;
        if (node.status !== 'deleted') item.command = openAt(uri, 1);
        item.contextValue = 'changedFile';
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function findingItem(run: ReviewRun, finding: Finding): vscode.TreeItem {
  const item = new vscode.TreeItem(`${finding.blocking ? 'Blocker: ' : ''}${finding.message}`);
  item.iconPath = SEVERITY_ICONS[finding.severity];
  const about = run.aboutCheck(finding.check);
  // What the check is about, in its title: the rule id is for engineers.
  const what = about?.title ?? '';
  item.description = finding.line ? `${what}${what ? ' · ' : ''}line ${finding.line}` : what;
  item.tooltip = new vscode.MarkdownString().appendText(finding.message);
  if (about) item.tooltip.appendMarkdown(`\n\n${escapeMarkdown(about.help)}`);
  // The rule id stays the engineers' (the Problems panel's grey code, the JSON): the PM reads the check's title.
  if (about || finding.blocking) item.tooltip.appendMarkdown(`\n\n${about ? escapeMarkdown(about.title) : ''}${finding.blocking ? `${about ? ' — ' : ''}blocks the pull request` : ''}`);
  if (finding.file) item.command = openAt(vscode.Uri.joinPath(run.root, ...finding.file.split('/')), finding.line);
  else if (finding.check === 'planning.missing') item.command = { command: CommandId.NewPlanningDoc, title: 'New planning doc' };
  item.contextValue = `finding.${finding.check}`;
  return item;
}

const STATE_WORDS: Record<PullRequestStatus['state'], string> = { open: 'open', draft: 'draft', merged: 'merged', closed: 'closed' };

/** Under the pull request: its link, what the reviewers asked, its checks, the commits to push, and what happens next. */
function pullRequestDetails(run: ReviewRun, pull: ShownPullRequest): Node[] {
  const detail = (label: string, icon: string, description?: string, more: { command?: vscode.Command; tooltip?: string } = {}): Node => ({ kind: 'pullRequestDetail', run, pull, label, icon, ...(description ? { description } : {}), ...more });
  const rows = [detail(pull.url.replace(/^https?:\/\//, ''), 'link-external')];
  const review = pull.status?.review;
  if (review?.decision === 'changes-requested') {
    const comments = review.comments.length;
    // The first comment on a line opens that line, where the PM makes the change (its mark there links to GitHub).
    const onLine = review.comments.find((comment) => comment.line !== undefined);
    const tooltip = [`${review.changesRequestedBy.join(' and ')} asked for changes.`, ...review.comments.map((comment) => `${comment.path}${comment.line ? `, line ${comment.line}` : ''}: ${comment.body}`), ...(onLine ? ['', 'Click to open the first comment on its line.'] : [])].join('\n');
    rows.push(detail(`Changes requested by ${review.changesRequestedBy.join(' and ')}`, 'request-changes', comments > 0 ? `${comments} comment${comments === 1 ? '' : 's'} on lines` : undefined, {
      tooltip,
      ...(onLine ? { command: openAt(vscode.Uri.joinPath(run.root, ...onLine.path.split('/')), onLine.line ?? 1) } : {}),
    }));
  } else if (review?.decision === 'approved') {
    rows.push(detail(`Approved by ${review.approvedBy.join(' and ')}`, 'check'));
  }
  const unpushed = pull.status && (pull.status.state === 'open' || pull.status.state === 'draft') ? pull.unpushed ?? 0 : 0;
  if (unpushed > 0) {
    const command = { command: CommandId.PushToPullRequest, title: `Push my changes to #${pull.number}`, arguments: [run.root] };
    rows.push(detail(`Push my changes to #${pull.number}`, 'cloud-upload', `${unpushed} commit${unpushed === 1 ? '' : 's'} not in it yet`, {
      command, tooltip: `Your branch has ${unpushed} commit${unpushed === 1 ? '' : 's'} that #${pull.number} does not have yet. Click to push: the reviewers then see ${unpushed === 1 ? 'it' : 'them'} in the pull request.`,
    }));
  }
  const checks = pull.status?.checks;
  if (checks?.unknown) {
    rows.push(detail('Checks: unknown', 'question', checks.unknown, { tooltip: `${checks.unknown} See them on GitHub.` }));
  } else if (checks) {
    const total = checks.passed + checks.failed + checks.pending;
    const parts = [checks.failed > 0 ? `${checks.failed} failed` : '', checks.pending > 0 ? `${checks.pending} running` : '', checks.passed > 0 ? `${checks.passed} passed` : ''].filter(Boolean);
    rows.push(detail(total === 0 ? 'No checks yet' : `Checks: ${parts.join(', ')}`, checks.failed > 0 ? 'error' : checks.pending > 0 ? 'sync' : 'pass'));
  }
  const next = pull.next ?? (pull.status ? undefined : pull.draftReason ?? 'Sent. Its state shows here once GitHub answers (sign in to GitHub to see it).');
  // One clause a row: a tree row is one line, and the next step must be read whole, not cut off.
  if (next) next.split(/(?<=[:;.,]) +/).forEach((clause, index) => rows.push(detail(index === 0 ? `Next: ${clause}` : clause, index === 0 ? 'arrow-right' : 'blank')));
  return rows;
}
