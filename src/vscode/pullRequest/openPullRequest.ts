import * as vscode from 'vscode';
import { setting } from '../config';
import { CommandId } from '../commandIds';
import type { Repositories, Repository } from '../repositories';
import { relativePath } from '../editorFiles';
import { ReviewFailure, showFindingsAction, type ReviewRun, type ReviewService } from '../review';
import { chooseRepository } from '../shared/chooseRepository';
import { branchOf, type Sidebar } from '../sidebar';
import { askEnergy, confirmAiFiles, confirmAiUsed, confirmUnderstood } from './aiConfirmation';
import { prepareComposition, type EditorComposition } from './composeInEditor';
import { draftUriOf, editorDraftFolder, isDraftUri, showDraft } from './draftFile';
import { ACTIONS } from './failures';
import { AS_PAIRING_DRAFT, choosePairing } from './pairingChoice';
import { openLink, report, type PullRequestResult } from './result';
import type { SentPullRequests } from './sentPullRequest';
import type { SendOptions } from './sendCommand';
import { requireTrust, RESTRICTED_MODE_REASONS } from '../shared/trust';

/**
 * Answers given in advance, by a caller or the tests; a question whose
 * answer is given is not asked. Nothing else changes how the command runs.
 */
export interface OpenPullRequestArgs {
  /** A file or folder of the repository; default: the active editor's, else the only one, else asked. */
  repository?: vscode.Uri;
  /** The files written with AI assistance (the first question). */
  aiFiles?: string[];
  /** The answer to "Do you understand every line of this change?". */
  understood?: boolean;
  /** The answer to "Did AI help with this change?", asked only when the planning doc does not say plainly. */
  aiUsed?: boolean;
  /**
   * With files outside the PM zone: true opens a draft labelled for pairing,
   * false opens it as composed. Asked when not given and such files changed.
   */
  pairing?: boolean;
  /** Send as soon as the draft is written, instead of waiting for "Send pull request". */
  send?: boolean;
  /** The answer to "How did shipping this feel, 1–5?"; null: skipped. */
  energy?: number | null;
}

export interface OpenContext {
  repositories: Repositories;
  review: ReviewService;
  sidebar: Sidebar;
  send(options: SendOptions): Promise<PullRequestResult>;
  /** The branch's pull request, found on GitHub: never a second one for the same branch. */
  sent?: Pick<SentPullRequests, 'openFor'>;
}

const SAVE_ALL = 'Save all and continue';
const START_A_CHANGE = 'Start a change';

/**
 * "PM Zone: Open pull request": review the change afresh, refuse while a
 * blocker stands, ask about AI assistance, then write the whole pull request
 * to PULL_REQUEST.md and open it for the PM to read and edit before sending.
 */
export async function openPullRequest(context: OpenContext, target?: unknown): Promise<PullRequestResult> {
  if (!requireTrust('pullRequest')) return { outcome: 'refused', message: RESTRICTED_MODE_REASONS.pullRequest, actions: ['Manage Workspace Trust'] };
  const args = argsOf(target);
  const repository = await chooseRepository(context.repositories, args.repository ?? target, 'open a pull request');
  if (!repository) return { outcome: 'cancelled', message: 'No repository chosen.', actions: [] };
  if (!(await savedEverything(repository))) return cancelled();
  const open = await context.sent?.openFor(repository);
  if (open) return alreadyOpen(open);

  let run: ReviewRun;
  try {
    run = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'PM Zone: reviewing the change' }, () =>
      context.review.review(repository, 'command'),
    );
  } catch (error) {
    return report('error', 'failed', error instanceof ReviewFailure ? error.message : `PM Zone could not review the change: ${String(error)}`);
  }
  const prepared = await prepareComposition(run, context.sidebar.ticked.get(run.root, branchOf(run)));
  if (!prepared.ok) {
    const startAChange = { title: START_A_CHANGE, run: () => vscode.commands.executeCommand(CommandId.StartChange, repository.root) };
    return report('warning', 'refused', prepared.message, prepared.onBase ? [startAChange] : []);
  }
  const composition = prepared.composition;

  const first = composition.compose({ pairing: args.pairing });
  if (!first.canOpen) {
    const actions = [showFindingsAction()];
    if (first.pairingPossible) actions.push({ title: AS_PAIRING_DRAFT, run: () => openPullRequest(context, { ...args, repository: repository.root, pairing: true }) });
    return report('error', 'refused', `The pull request cannot open while a blocker stands: ${first.refusal}`, actions);
  }
  const answers = await askThePm(args, run, composition, first);
  if ('outcome' in answers) return answers;

  const composed = composition.compose(answers);
  const document = await draftUriOf(repository.root);
  const { renderDraft, replaceDraft } = await import('../../core/pr/index.js');
  const text = renderDraft({ title: composed.title, base: composed.base, head: composed.head, labels: composed.labels, reviewers: composed.reviewers, draft: composed.draft, body: composed.body });
  const { keptAs } = await replaceDraft(editorDraftFolder(document), text);
  await showDraft(document);
  if (args.send) return context.send({ uri: document });
  // What the message asks the PM to do first gets its own button, ahead of sending.
  const firstSteps = [
    ...(composition.uncommitted.length > 0 ? [{ title: 'Open Source Control', run: () => vscode.commands.executeCommand('workbench.view.scm') }] : []),
    ...(!composition.remote ? [{ title: 'Add Remote…', run: () => vscode.commands.executeCommand('git.addRemote') }] : []),
  ];
  return report('info', 'composed', composedMessage(composition, composed.pairing, keptAs), [
    ...firstSteps,
    { title: 'Send pull request', run: () => context.send({ uri: document }) },
    { title: `${ACTIONS.compare} instead`, run: () => context.send({ uri: document, compare: true }) },
  ], { document });
}

type Answers = Required<Pick<OpenPullRequestArgs, 'aiFiles' | 'understood' | 'pairing'>> & Pick<OpenPullRequestArgs, 'aiUsed'> & { energy?: number };

/**
 * The PM's answers, each asked only when not given and when it matters:
 * pairing (files outside the zone), whether AI helped (the planning doc is
 * unclear), which files AI wrote, whether they understand every line, and (optional) how shipping felt.
 * A result instead when they cancel or do not understand the change.
 */
async function askThePm(args: OpenPullRequestArgs, run: ReviewRun, composition: EditorComposition, first: ReturnType<EditorComposition['compose']>): Promise<Answers | PullRequestResult> {
  const outside = outsideFilesOf(run);
  const pairingLabel = setting('pullRequest.labels', run.root)?.needsPairing || 'needs-pairing';
  const pairing = args.pairing ?? (first.pairingPossible && outside.length > 0 ? await choosePairing(outside, pairingLabel) : false);
  if (pairing === undefined) return cancelled();

  const aiUsed = args.aiUsed ?? (first.aiStatement === 'unclear' ? await confirmAiUsed(composition.planning?.path) : undefined);
  if (first.aiStatement === 'unclear' && aiUsed === undefined) return cancelled();
  const aiFiles = args.aiFiles ?? (await confirmAiFiles(composition.changedFiles, composition.detectedAi));
  if (aiFiles === undefined) return cancelled();
  const understood = args.understood ?? (await confirmUnderstood());
  if (understood === undefined) return cancelled();
  if (!understood) {
    const dri = run.policy.author?.engineeringDri;
    const who = dri ? `your engineering DRI (@${dri.replace(/^@/, '')})` : 'an engineer';
    return report('info', 'cancelled', `Nothing was sent. Pair with ${who} until you can explain every line, then open the pull request again.`);
  }
  const energy = args.energy === undefined ? await askEnergy() : args.energy ?? undefined;
  return { aiFiles, understood, pairing, aiUsed, ...(energy === undefined ? {} : { energy }) };
}

/** The branch already has its pull request: its commits go there, and nothing new is composed. */
function alreadyOpen(open: NonNullable<Awaited<ReturnType<SentPullRequests['openFor']>>>): PullRequestResult {
  const push = { title: `Push my changes to #${open.number}`, run: () => vscode.commands.executeCommand(CommandId.PushToPullRequest) };
  const unpushed = open.unpushed ?? 0;
  const state = unpushed > 0
    ? `${unpushed} commit${unpushed === 1 ? ' is' : 's are'} not in it yet: push ${unpushed === 1 ? 'it' : 'them'}, and the reviewers see ${unpushed === 1 ? 'it' : 'them'} there.`
    : open.unpushed === 0 ? 'It has all your commits: a new commit goes there once you push it.' : 'Commits you push go there.';
  const message = `Pull request #${open.number} is already open for this branch. ${state} No second pull request is needed.`;
  return report('info', 'exists', message, [...(open.unpushed === 0 ? [] : [push]), openLink('Open on GitHub', open.url)], { url: open.url, number: open.number });
}

function composedMessage(composition: EditorComposition, pairing: boolean, keptAs: string | undefined): string {
  const parts = ['Your pull request is in PULL_REQUEST.md: read it, edit anything, then choose "Send pull request".'];
  if (pairing) parts.push('It opens as a draft labelled for pairing: an engineer co-authors the files outside the PM zone.');
  if (composition.uncommitted.length > 0) {
    const shown = composition.uncommitted.slice(0, 3).join(', ');
    const more = composition.uncommitted.length > 3 ? ` and ${composition.uncommitted.length - 3} more` : '';
    parts.push(`Commit your edits to ${shown}${more} first: only committed work reaches the pull request.`);
  }
  if (!composition.remote) parts.push('The git remote origin names no GitHub repository yet: add it before you send.');
  if (keptAs) parts.push(`Your earlier draft, with your edits, is kept in ${keptAs}.`);
  return parts.join(' ');
}

/** Only saved work can be committed and pushed: unsaved files of the repository are saved first, if the PM agrees. */
async function savedEverything(repository: Repository): Promise<boolean> {
  const unsaved = vscode.workspace.textDocuments.filter(
    (document) => document.isDirty && document.uri.scheme === 'file' && !isDraftUri(document.uri) && relativePath(repository.root, document.uri) !== undefined,
  );
  if (unsaved.length === 0) return true;
  const names = unsaved.slice(0, 3).map((document) => relativePath(repository.root, document.uri)).join(', ');
  const more = unsaved.length > 3 ? ` and ${unsaved.length - 3} more` : '';
  const choice = await vscode.window.showWarningMessage(
    `${names}${more} ${unsaved.length === 1 ? 'has' : 'have'} unsaved changes: only saved, committed work reaches the pull request.`,
    SAVE_ALL,
    'Cancel',
  );
  if (choice !== SAVE_ALL) return false;
  return (await Promise.all(unsaved.map((document) => document.save()))).every(Boolean);
}

/** The changed files the review found outside the PM zone. */
function outsideFilesOf(run: ReviewRun): string[] {
  const paths = run.outcome.result.findings.filter((finding) => finding.check === 'zone.outside' && finding.file !== null).map((finding) => finding.file as string);
  return [...new Set(paths)].sort();
}

function cancelled(): PullRequestResult {
  return { outcome: 'cancelled', message: 'Nothing was sent: the pull request was not opened.', actions: [] };
}

/** The command's argument: pre-answers, or what a menu passes (a file, a source control). */
function argsOf(target: unknown): OpenPullRequestArgs {
  if (target === null || typeof target !== 'object' || target instanceof vscode.Uri || 'rootUri' in target) return {};
  const given = target as Record<string, unknown>;
  return {
    ...(given.repository instanceof vscode.Uri ? { repository: given.repository } : {}),
    ...(Array.isArray(given.aiFiles) ? { aiFiles: given.aiFiles.filter((file): file is string => typeof file === 'string') } : {}),
    ...(typeof given.understood === 'boolean' ? { understood: given.understood } : {}),
    ...(typeof given.aiUsed === 'boolean' ? { aiUsed: given.aiUsed } : {}),
    ...(typeof given.pairing === 'boolean' ? { pairing: given.pairing } : {}),
    ...(typeof given.send === 'boolean' ? { send: given.send } : {}),
    ...(given.energy === null || (typeof given.energy === 'number' && Number.isInteger(given.energy) && given.energy >= 1 && given.energy <= 5) ? { energy: given.energy } : {}),
  };
}
