import * as vscode from 'vscode';
import type { RemoteRepository } from '../../core/git';
import { CommandId } from '../commandIds';
import type { Repositories } from '../repositories';
import { chooseRepository } from '../review/chooseRepository';
import { compareLinkOf, openCompareLink } from './compareLink';
import type { PullRequestDraft } from '../../core/pr';
import { draftUriOf, isDraftUri, readDraftText, repositoryOfDraft, writeDraftText } from './draftFile';
import { ACTIONS, gitHubFailure, KEPT } from './failures';
import { githubSession } from './githubSession';
import { pushBranch } from './pushBranch';
import { openLink, report, type PullRequestResult } from './result';
import { requireTrust, RESTRICTED_MODE_REASON } from './trust';

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
  /** Where a draft that does not parse shows its problem. */
  diagnostics: vscode.DiagnosticCollection;
  userAgent: string;
}

/**
 * "PM Zone: Send pull request": reads PULL_REQUEST.md as it is now, pushes
 * the branch, and opens the pull request with the user's GitHub session, or
 * opens the compare link. Every failure keeps the document and names the next step.
 */
export async function sendPullRequest(context: SendContext, options: SendOptions = {}): Promise<PullRequestResult> {
  if (!requireTrust()) return { outcome: 'refused', message: RESTRICTED_MODE_REASON, actions: ['Manage Workspace Trust'] };
  const uri = options.uri ?? (await defaultDraft(context.repositories));
  if (!uri) return { outcome: 'cancelled', message: 'No repository chosen.', actions: [] };
  const repository = await repositoryOfDraft(context.repositories, uri);
  if (!repository) return report('error', 'refused', `${uri.fsPath} is not the pull request draft of a repository open in this window.`);
  const { parseDraft, withField } = await import('../../core/pr/index.js');
  const stored = await readDraftText(uri);
  if (stored === undefined) {
    return report('info', 'refused', 'There is no pull request draft yet: compose it first with "Open pull request".', [
      { title: 'Open pull request', run: () => vscode.commands.executeCommand(CommandId.OpenPullRequest, { repository: repository.root }) },
    ]);
  }
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const text = options.ready ? (withField(stored, 'draft', false) ?? stored) : stored;
  // What is sent is also what is on disk.
  if (options.ready || open?.isDirty) await writeDraftText(uri, text);

  const reading = parseDraft(text);
  if (!reading.ok) return draftProblem(context.diagnostics, uri, reading.line, reading.message);
  context.diagnostics.delete(uri);
  const draft = reading.draft;
  if (draft.sent) {
    return report('info', 'exists', `This draft was already opened as ${draft.sent}. To open another pull request, run "Open pull request" again.`, [openLink('Open it', draft.sent)], { url: draft.sent, document: uri });
  }

  const remote = await originRepository(repository.root);
  if (!remote) {
    return report('error', 'failed', `The git remote origin does not name a GitHub repository, so PM Zone does not know where to open the pull request: add it as origin, then send again. ${KEPT}`, [], { document: uri });
  }
  if (options.compare) return openCompareLink(remote, draft, uri);
  const again = { send: (more: SendOptions) => vscode.commands.executeCommand(CommandId.SendPullRequest, { uri, ...more }) };

  if ((await commitsAhead(repository.root, draft)) === 0) {
    return report('error', 'failed', `${draft.head} has no commits that ${draft.base} does not have: commit your change, then send again. ${KEPT}`, [
      { title: ACTIONS.commitFirst, run: () => vscode.commands.executeCommand('workbench.view.scm') },
    ], { document: uri });
  }
  const pushed = await progress(`pushing ${draft.head}`, () => pushBranch(repository.root, draft.head));
  if (!pushed.ok) {
    return report('error', 'failed', `${pushed.message} ${KEPT}`, [{ title: 'Show Git Output', run: () => vscode.commands.executeCommand('git.showOutput') }], { document: uri });
  }

  const compareUrl = (await compareLinkOf(remote, draft)).url;
  const signIn = await githubSession(repository.root, options.renewSession);
  if (!signIn.ok) {
    if (signIn.reason === 'setup') {
      return report('error', 'failed', `${signIn.message} ${KEPT}`, [
        { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'github-enterprise.uri') },
      ], { document: uri });
    }
    return report('warning', 'failed', `${signIn.message} Sign in, or open it from GitHub's compare page instead. ${KEPT}`, [
      { title: ACTIONS.compare, run: () => again.send({ compare: true }) },
      { title: 'Sign in', run: () => again.send({}) },
    ], { document: uri, url: compareUrl });
  }
  const { token } = signIn.session;
  const scrub = (words: string) => words.split(token).join('***');
  try {
    return await create(context, signIn.session, remote, draft, uri, scrub);
  } catch (error) {
    const { GitHubError } = await import('../../core/pr/index.js');
    if (error instanceof GitHubError) return gitHubFailure(error, again, { document: uri, compareUrl, scrub });
    console.error('PM Zone: could not open the pull request:', scrub(String(error)));
    return report('error', 'failed', `PM Zone could not open the pull request: ${scrub(error instanceof Error ? error.message : String(error))} ${KEPT}`, [], { document: uri });
  }
}

async function create(
  context: SendContext,
  session: { token: string; apiUrl: string },
  remote: RemoteRepository,
  draft: PullRequestDraft,
  uri: vscode.Uri,
  scrub: (words: string) => string,
): Promise<PullRequestResult> {
  const { createPullRequest } = await import('../../core/pr/index.js');
  const { withField } = await import('../../core/pr/index.js');
  const result = await progress('opening the pull request on GitHub', () =>
    createPullRequest(
      { owner: remote.owner, repo: remote.repo, title: draft.title, body: draft.body, head: draft.head, base: draft.base, draft: draft.draft, labels: draft.labels, reviewers: draft.reviewers },
      { token: session.token, apiUrl: session.apiUrl, userAgent: context.userAgent },
    ),
  );
  if (result.outcome === 'exists') {
    const message = `A pull request is already open for ${draft.head}: #${result.number}. This draft was not sent; PULL_REQUEST.md keeps it.`;
    return report('info', 'exists', message, [openLink('Open it', result.url)], { url: result.url, number: result.number, document: uri });
  }
  const sent = withField((await readDraftText(uri)) ?? '', 'sent', result.url);
  if (sent) await writeDraftText(uri, sent);
  const opened = `Pull request #${result.number} opened${result.draft ? ' as a draft' : ''}.`;
  const message = scrub([opened, ...result.warnings].join(' '));
  return report(result.warnings.length > 0 ? 'warning' : 'info', 'created', message, [openLink('Open', result.url)], {
    url: result.url, number: result.number, warnings: result.warnings.map(scrub), document: uri,
  });
}

function draftProblem(diagnostics: vscode.DiagnosticCollection, uri: vscode.Uri, line: number, message: string): PullRequestResult {
  const range = new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'PM Zone';
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

async function originRepository(root: vscode.Uri): Promise<RemoteRepository | undefined> {
  const git = await import('../../core/git/index.js');
  const url = await git.remoteUrl(new git.Git(root.fsPath), 'origin');
  return (url && git.parseRemote(url)) || undefined;
}

/** Commits of head that the base (origin's copy when there is one) lacks; undefined when either cannot be found. */
async function commitsAhead(root: vscode.Uri, draft: PullRequestDraft): Promise<number | undefined> {
  const git = await import('../../core/git/index.js');
  const repo = new git.Git(root.fsPath);
  const head = await git.resolveCommit(repo, `refs/heads/${draft.head}`);
  const base = (await git.resolveCommit(repo, `refs/remotes/origin/${draft.base}`)) ?? (await git.resolveCommit(repo, `refs/heads/${draft.base}`));
  if (!head || !base) return undefined;
  return Number((await repo.run(['rev-list', '--count', `${base}..${head}`])).trim());
}

function progress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PM Zone: ${title}…` }, task));
}
