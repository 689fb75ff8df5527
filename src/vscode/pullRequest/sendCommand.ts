import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../shared/chooseRepository';
import { openCompareLink } from './compareLink';
import type { PullRequestDraft, SendOutcome, SendPorts } from '../../core/pr';
import { draftUriOf, editorDraftFolder, isDraftUri, repositoryOfDraft } from './draftFile';
import { ACTIONS, gitHubFailure, KEPT, type Retry } from './failures';
import { githubSession } from '../shared/githubSession';
import { pushFromEditor } from './pushFromEditor';
import { openLink, report, type PullRequestResult } from './result';
import { requireTrust, RESTRICTED_MODE_REASONS } from '../shared/trust';
import { pullRequestSent } from '../shared/walkthroughSteps';
import { PM_ZONE_SOURCE } from '../shared/problemDiagnostics';

/** How "Send pull request" runs; the buttons of its messages send again with these. */
export interface SendOptions {
  /** PULL_REQUEST.md; default: the active editor's, else the chosen repository's. */
  uri?: vscode.Uri;
  /** Open GitHub's compare page instead of calling the API. */
  compare?: boolean;
  /** Set `draft: false` in the document first (the repository has no drafts). */
  ready?: boolean;
  /** Sign in again: GitHub refused the last token. */
  renewSession?: boolean;
}

export interface SendContext {
  repositories: Repositories;
  /** Where a sent pull request is shown: My change, with its state and next step. */
  sent?: { sent(root: vscode.Uri, pull: { url: string; number: number; head: string; draftReason?: string }): Promise<void> };
  /** Where a draft that does not parse shows its problem. */
  diagnostics: vscode.DiagnosticCollection;
  userAgent: string;
}

/**
 * "PM Zone: Send pull request": reads PULL_REQUEST.md as it is now, pushes
 * the branch, and opens the pull request with the user's GitHub session, or
 * opens the compare link. Every failure keeps the document and names the next step.
 */
export async function sendCommand(context: SendContext, options: SendOptions = {}): Promise<PullRequestResult> {
  if (!requireTrust('pullRequest')) return { outcome: 'refused', message: RESTRICTED_MODE_REASONS.pullRequest, actions: ['Manage Workspace Trust'] };
  const uri = options.uri ?? (await defaultDraft(context.repositories));
  if (!uri) return { outcome: 'cancelled', message: 'No repository chosen.', actions: [] };
  const repository = await repositoryOfDraft(context.repositories, uri);
  if (!repository) return report('error', 'refused', `${uri.fsPath} is not the pull request draft of a repository open in this window.`);
  const [git, pr] = await Promise.all([import('../../core/git/index.js'), import('../../core/pr/index.js')]);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const folder = editorDraftFolder(uri);
  const reading = await pr.readDraftToSend(folder, { ...(options.ready ? { draft: false } : {}), save: open?.isDirty === true });
  if (!reading.ok && reading.reason === 'missing') {
    return report('info', 'refused', 'There is no pull request draft yet: compose it first with "Open pull request".', [
      { title: 'Open pull request', run: () => vscode.commands.executeCommand(CommandId.OpenPullRequest, { repository: repository.root }) },
    ]);
  }
  if (!reading.ok) return draftProblem(context.diagnostics, uri, reading.line, reading.message);
  context.diagnostics.delete(uri);
  const draft = reading.draft;

  const repo = new git.Git(repository.root.fsPath);
  const remote = await git.remoteRepository(repo);
  const again = { send: (more: SendOptions) => vscode.commands.executeCommand(CommandId.SendPullRequest, { uri, ...more }) };
  let token = '';
  const ports: SendPorts = {
    commitsAhead: (head, base) => git.commitsAhead(repo, head, base),
    push: async (head) => {
      const pushed = await progress(`pushing ${head}`, () => pushFromEditor(repository.root, head));
      if (!pushed.ok) throw new Error(pushed.message);
      return { pushed: pushed.pushed };
    },
    signIn: async () => {
      const answer = await githubSession(repository.root, options.renewSession);
      if (!answer.ok) return { ok: false, reason: answer.reason === 'setup' ? 'setup' : 'cancelled', message: answer.message };
      token = answer.session.token;
      return { ok: true, token, apiUrl: answer.session.apiUrl };
    },
    markSent: (url) => pr.markDraftSent(folder, url),
    userAgent: context.userAgent,
  };
  const scrub = (words: string) => (token ? words.split(token).join('***') : words);
  try {
    const outcome = await pr.sendPullRequest({ draft, target: remote, pushedTo: remote, compare: options.compare === true }, ports);
    const draftReason = pr.draftReasonInBody(draft.body);
    if (outcome.kind === 'created' || outcome.kind === 'exists') {
      void context.sent?.sent(repository.root, { url: outcome.url, number: outcome.number, head: draft.head, ...(draftReason ? { draftReason } : {}) });
    }
    return rendered(outcome, { draft, document: uri, again, scrub, draftReason });
  } catch (error) {
    console.error('PM Zone: could not open the pull request:', scrub(String(error)));
    return report('error', 'failed', `PM Zone could not open the pull request: ${scrub(error instanceof Error ? error.message : String(error))} ${KEPT}`, [], { document: uri });
  }
}

interface Rendering {
  draft: PullRequestDraft;
  /** Why it is a draft, as the body says. */
  draftReason: string | undefined;
  document: vscode.Uri;
  again: Retry;
  scrub(words: string): string;
}

/** The core's outcome as the message the PM reads, each with its next step as a button. */
function rendered(outcome: SendOutcome, { draft, document, again, scrub, draftReason }: Rendering): Promise<PullRequestResult> | PullRequestResult {
  switch (outcome.kind) {
    case 'already-sent':
      return report('info', 'exists', `This draft was already opened as ${outcome.url}. To open another pull request, run "Open pull request" again.`, [openLink('Open it', outcome.url)], { url: outcome.url, document });
    case 'no-remote':
      return report('error', 'failed', `The git remote origin does not name a GitHub repository, so PM Zone does not know where to open the pull request: add it as origin (Git: Add Remote…), then send again. ${KEPT}`, [
        { title: 'Add Remote…', run: () => vscode.commands.executeCommand('git.addRemote') },
      ], { document });
    case 'no-commits':
      return report('error', 'failed', `${outcome.head} has no commits that ${outcome.base} does not have: commit your change, then send again. ${KEPT}`, [
        { title: ACTIONS.commitFirst, run: () => vscode.commands.executeCommand('workbench.view.scm') },
      ], { document });
    case 'push-failed':
      // The branch is not on GitHub: a compare link would open nothing, so none is offered.
      return report('error', 'failed', `${outcome.message} The branch is not on GitHub yet, so nothing was opened. ${KEPT}`, [
        { title: ACTIONS.tryAgain, run: () => again.send({}) },
        { title: 'Show Git Output', run: () => vscode.commands.executeCommand('git.showOutput') },
      ], { document });
    case 'compare': {
      const signIn = outcome.signIn;
      if (!signIn) return openCompareLink(outcome.link, draft, document);
      if (signIn.reason === 'setup') {
        return report('error', 'failed', `${signIn.message} ${KEPT}`, [
          { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'github-enterprise.uri') },
        ], { document });
      }
      return report('warning', 'failed', `${signIn.message} Sign in, or open it from GitHub's compare page instead. ${KEPT}`, [
        { title: ACTIONS.compare, run: () => again.send({ compare: true }) },
        { title: 'Sign in', run: () => again.send({}) },
      ], { document, url: outcome.link.url });
    }
    case 'github-failed':
      return gitHubFailure(outcome.error, again, { document, ...(outcome.link ? { compareUrl: outcome.link.url } : {}), scrub });
    case 'exists': {
      const message = `A pull request is already open for ${draft.head}: #${outcome.number}. This draft was not sent; PULL_REQUEST.md keeps it.`;
      return report('info', 'exists', message, [openLink('Open it', outcome.url)], { url: outcome.url, number: outcome.number, document });
    }
    case 'created': {
      pullRequestSent();
      const reason = outcome.draft ? draftReason : undefined;
      const opened = `Pull request #${outcome.number} opened${outcome.draft ? ' as a draft' : ''}: My change links it and shows what happens next.${reason ? ` ${reason}` : ''}`;
      const message = scrub([opened, ...outcome.warnings].join(' '));
      return report(outcome.warnings.length > 0 ? 'warning' : 'info', 'created', message, [openLink('Open', outcome.url)], {
        url: outcome.url, number: outcome.number, warnings: outcome.warnings.map(scrub), document,
      });
    }
  }
}

function draftProblem(diagnostics: vscode.DiagnosticCollection, uri: vscode.Uri, line: number, message: string): PullRequestResult {
  const range = new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = PM_ZONE_SOURCE;
  diagnostics.set(uri, [diagnostic]);
  const show = { title: `Go to line ${line}`, run: () => vscode.window.showTextDocument(uri, { selection: range, preview: false }) };
  return report('error', 'failed', `PULL_REQUEST.md, line ${line}: ${message} Nothing was sent.`, [show], { document: uri });
}

async function defaultDraft(repositories: Repositories): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (isDraftUri(active)) return active;
  const repository = await chooseRepository(repositories, undefined, 'send the pull request');
  return repository && draftUriOf(repository.root);
}

function progress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: ${title}…` }, task));
}
