// `pm-zone pr`: compose the pull request the editor would open, show it
// (--dry-run), or push the branch and open it on GitHub through the core's
// send flow, the editor's too. A blocker refuses; the composed text waits in
// PULL_REQUEST.md (the editor's draft), which `--send-draft` sends as edited.
// The token comes from the environment, goes only to github.com's API or the
// one named with --api-url / GITHUB_API_URL, and is never printed.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { CLI_VERSION } from '../version';
import { AS_OPTION, GITHUB_OPTIONS } from '../options';
import { commitsAhead, currentBranch, Git, isGitError, remoteNaming, remoteRepository, remoteUrl, type RemoteRepository } from '../../core/git';
import {
  branchPullRequest,
  GitHubError,
  commitsNotInPullRequest,
  draftFilePath,
  draftReasonInBody,
  gatherPullRequest,
  markDraftSent,
  nodeDraftFolder,
  parseDraft,
  pullRequestHead,
  pullRequestNumberOf,
  pushBranch,
  readDraftToSend,
  pushEnvironment,
  renderDraft,
  sendPullRequest,
  tokenDestination,
  updatePullRequestChecklist,
  webHostOf,
  writeDraftFile,
  type ChecklistUpdate,
  type ComposedPullRequest,
  type PullRequestDraft,
  type SendOutcome,
  type SendPorts,
} from '../../core/pr';
import { UNDERSTOOD_STATEMENT } from '../../core/pr/compose/understood';

const REPO = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/;

export const prCommand: CliCommand = {
  name: 'pr',
  usage: 'pr [--dry-run] [--base BRANCH] [--repo OWNER/NAME] [--api-url URL] [--no-push] [--compare] [--pairing] [--draft|--ready] [--understood] [--ai yes|no] [--energy 1-5] [--tick ID]… [--as @handle] [--send-draft]',
  summary: 'compose the pull request and open it on GitHub (GITHUB_TOKEN or GH_TOKEN, sent only to api.github.com or the --api-url / GITHUB_API_URL you name); exit 1 when something blocks. The text waits in .git/pm-zone/PULL_REQUEST.md, the draft the editor edits too; --send-draft sends that file as it is',
  options: {
    'dry-run': { type: 'boolean', description: 'print the pull request as it would be opened, and open nothing' },
    base: { type: 'string', value: 'BRANCH', description: "the branch to merge into (default: the remote's default branch)" },
    ...GITHUB_OPTIONS,
    'no-push': { type: 'boolean', description: 'do not push the branch first' },
    compare: { type: 'boolean', description: "print GitHub's compare link to open it in the browser, instead of opening it through the API" },
    pairing: { type: 'boolean', description: 'ask an engineer to pair on it: labelled needs-pairing, opened as a draft' },
    draft: { type: 'boolean', description: 'open it as a draft (the default in regulated mode and when pairing)' },
    ready: { type: 'boolean', description: 'open it ready for review' },
    understood: { type: 'boolean', description: `tick "${UNDERSTOOD_STATEMENT}" in its AI section` },
    ai: { type: 'string', value: 'yes|no', choices: ['yes', 'no'], description: "whether AI helped, when the planning doc's AI section does not say plainly (unanswered: labelled ai-assisted)" },
    energy: { type: 'string', value: '1-5', choices: ['1', '2', '3', '4', '5'], description: 'how shipping it felt, written into the body for the pilot readout' },
    tick: { type: 'string', multiple: true, value: 'ID', description: 'tick a manual checklist item by its id (repeatable)' },
    ...AS_OPTION,
    'send-draft': { type: 'boolean', description: 'send .git/pm-zone/PULL_REQUEST.md as it was edited, then mark it sent' },
  },
  async run(input) {
    const values = input.values;
    checkFlagCombinations(values);
    const token = (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
    const apiUrl = (values['api-url'] as string | undefined)?.trim() || input.io.env.GITHUB_API_URL?.trim() || undefined;
    const say = saying(input, token);

    const context = await openRepository(input.global, { ...asking(input), requireGit: true });
    const git = context.git as Git;
    const origin = await remoteRepository(git);
    // --repo names owner and name only: the host is the configured API's, else origin's.
    const named = values.repo === undefined ? undefined : parseRepo(String(values.repo));
    const target = named ? { host: apiUrl ? webHostOf(apiUrl) : (origin?.host ?? 'github.com'), ...named } : origin;
    const draftFile = await draftFilePath(git);
    const shownDraft = shown(draftFile, context.root);
    const ports = sendPorts({ root: context.root, git, env: input.io.env, token, apiUrl, draftFile, say });
    // --repo names a repository on a host origin is not on (origin a path, or another host): the push goes to origin, and
    // the compare link on the named repository opens only once the branch is pushed there too.
    const pushes = values['no-push'] !== true && values.compare !== true;
    const elsewhere = named && pushes && target && (await remoteUrl(git)) !== null && (!origin || origin.host.toLowerCase() !== target.host.toLowerCase()) ? target : undefined;
    // Without a token the branch reaches GitHub only through that push, and the compare link would open nothing: refused
    // before anything is pushed, naming the remote that is the named repository (or how to add one).
    if (elsewhere && !token) throw new UsageError(await pushesElsewhereWords(git, elsewhere));
    const send = (draft: PullRequestDraft, where: string) =>
      sendPullRequest({ draft, target, pushedTo: origin, compare: values.compare === true, skipPush: values['no-push'] === true }, ports).then((outcome) =>
        render(outcome, { say, json: input.global.json, draft, where, ...(elsewhere ? { pushedElsewhere: elsewhere } : {}) }),
      );

    if (values['send-draft']) {
      const draft = await readDraft(draftFile, shownDraft, values.ready ? false : values.draft ? true : undefined);
      if (typeof draft === 'string') throw new CliFailure(draft, 1);
      return send(draft, `your pull request text stays in ${shownDraft}`);
    }

    const gathered = await gatherPullRequest(git, context.files, context.policy, composingOptions(values, target)).catch((error: unknown) => {
      throw new CliFailure(isGitError(error) ? error.message : String(error));
    });
    const { composed } = gathered;
    if (values['dry-run']) {
      if (input.global.json) say.json(draftOf(composed));
      else say.out(preview(composed));
    }
    if (!composed.canOpen) {
      say.err(`pm-zone: the pull request cannot open: ${composed.refusal}${composed.pairingPossible ? ' (pm-zone pr --pairing)' : ''}\n`);
      return 1;
    }
    if (gathered.uncommitted.length > 0) say.err(uncommittedWarning(gathered.uncommitted));
    if (composed.aiStatement === 'unclear' && values.ai === undefined) {
      say.err('pm-zone: the planning doc\'s "AI assistance" section does not say plainly whether AI helped: labelled ai-assisted; pass --ai no if none did, --ai yes to confirm\n');
    }
    if (values['dry-run']) return 0;
    // The branch already has its pull request: its commits go there, and no second one is composed.
    const open = values.compare || (await commitsAhead(git, composed.head, composed.base)) === 0 ? undefined : await openPullRequestOf({ git, target, origin, token, apiUrl, draftFile });
    if (open && 'failed' in open) {
      say.err(`pm-zone: ${open.failed}\n  ${await keep(draftFile, shownDraft, context.root, draftOf(composed))}\n`);
      return 1;
    }
    if (open) {
      const destination = token && target ? tokenDestination(target, apiUrl) : undefined;
      // What the pull request's description says of the checklist follows the review of what was just pushed to it.
      const checklist = target && destination?.ok && open.source === 'github'
        ? () => updatePullRequestChecklist(target.owner, target.repo, open.number, composed.body, { token, apiUrl: destination.apiUrl, userAgent: `pm-zone/${CLI_VERSION}` })
        : undefined;
      return pushToOpen(open, { git, ports, say, json: input.global.json, skipPush: values['no-push'] === true, shownDraft, ...(checklist ? { checklist } : {}) });
    }
    return send(draftOf(composed), await keep(draftFile, shownDraft, context.root, draftOf(composed)));
  },
};

type Values = CommandInput['values'];

interface OpenPullRequest {
  number: number;
  url: string;
  branch: string;
  headSha?: string;
  /** `github`: GitHub says it is open; `draft`: PULL_REQUEST.md says it was sent from this branch (GitHub could not be asked). */
  source: 'github' | 'draft';
}

interface OpenContext {
  git: Git;
  target: RemoteRepository | undefined;
  origin: RemoteRepository | undefined;
  token: string;
  apiUrl: string | undefined;
  draftFile: string;
}

/** The branch's open pull request: GitHub's answer when it can be asked, else PULL_REQUEST.md's record of where it was sent. */
async function openPullRequestOf({ git, target, origin, token, apiUrl, draftFile }: OpenContext): Promise<OpenPullRequest | { failed: string } | undefined> {
  const branch = await currentBranch(git);
  if (!branch) return undefined;
  const destination = token && target ? tokenDestination(target, apiUrl) : undefined;
  if (target && destination?.ok) {
    // GitHub answers; when it refuses, sending asks again and reports what stands in the way.
    const status = await branchPullRequest(target.owner, target.repo, pullRequestHead(branch, target, origin), { token, apiUrl: destination.apiUrl, userAgent: `pm-zone/${CLI_VERSION}` }).catch((error: unknown) => {
      // An answer that is not GitHub's (a Wi-Fi sign-in page, a proxy) says nothing about what is open: nothing is sent on it.
      if (error instanceof GitHubError && error.kind === 'server') return error;
      return undefined;
    });
    if (status instanceof GitHubError) return { failed: status.message };
    return status && { number: status.number, url: status.url, branch, ...(status.headSha ? { headSha: status.headSha } : {}), source: 'github' };
  }
  const text = await readFile(draftFile, 'utf8').catch(() => undefined);
  const reading = text === undefined ? undefined : parseDraft(text);
  const number = reading?.ok && reading.draft.sent && reading.draft.head === branch ? pullRequestNumberOf(reading.draft.sent) : undefined;
  return number !== undefined && reading?.ok && reading.draft.sent ? { number, url: reading.draft.sent, branch, source: 'draft' } : undefined;
}

interface PushContext {
  git: Git;
  ports: SendPorts;
  say: Say;
  json: boolean;
  skipPush: boolean;
  shownDraft: string;
  /** Rewrites the checklist section of the pull request's description; absent when GitHub cannot be asked. */
  checklist?: () => Promise<ChecklistUpdate>;
}

/** `pm-zone pr` on a branch with an open pull request: push the branch to it (unless --no-push) and say where the commits went. */
async function pushToOpen(open: OpenPullRequest, { git, ports, say, json, skipPush, shownDraft, checklist }: PushContext): Promise<number> {
  const unpushed = await commitsNotInPullRequest(git, open.branch, open.headSha);
  let pushed = false;
  if (!skipPush) {
    try {
      pushed = (await ports.push(open.branch)).pushed;
    } catch (error) {
      say.err(`pm-zone: ${error instanceof Error ? error.message : String(error)}\n  Nothing changed in #${open.number}: fix the push, then run pm-zone pr again.\n`);
      return 1;
    }
  }
  // Not pushed (--no-push): the pull request does not hold what the review read, so its checklist stays.
  const updated = skipPush || !checklist ? undefined : await checklist().catch((error: unknown) => (error instanceof GitHubError ? error : Promise.reject(error)));
  if (json) say.json({ url: open.url, number: open.number, existing: true, pushed, ...(unpushed === undefined ? {} : { unpushed: skipPush ? unpushed : 0 }), ...(typeof updated === 'string' ? { checklist: updated } : {}) });
  else say.out(`${open.url}\n`);
  const known = open.source === 'draft' ? ` (${shownDraft} says it was sent from this branch; GitHub was not asked)` : '';
  const commits = unpushed === undefined ? 'your commits' : `${unpushed} commit${unpushed === 1 ? '' : 's'}`;
  const state = skipPush
    ? unpushed ? `${commits} ${unpushed === 1 ? 'is' : 'are'} not in it yet: run pm-zone pr without --no-push to push ${unpushed === 1 ? 'it' : 'them'}.` : 'Nothing was pushed (--no-push).'
    : pushed ? `Pushed ${commits} to it: the reviewers see ${unpushed === 1 ? 'it' : 'them'} there.` : 'It already has all your commits.';
  say.err(`Pull request #${open.number} is already open for ${open.branch}${known}. ${state} No second pull request was composed; ${shownDraft} is unchanged.\n`);
  if (updated === 'updated') say.err(`Its description's checklist now shows the review of what it holds; the rest of the description is as it was.\n`);
  if (updated instanceof GitHubError) say.err(`pm-zone: the checklist in #${open.number}'s description could not be updated: ${updated.summary} It still shows the review from before; the commits are in it.\n`);
  return 0;
}

function checkFlagCombinations(values: Values): void {
  if (values.draft && values.ready) throw new UsageError('--draft and --ready cannot be combined');
  if (values.ai !== undefined && values.ai !== 'yes' && values.ai !== 'no') throw new UsageError(`--ai takes yes or no (did AI help with this change?), not '${String(values.ai)}'`);
  if (values.energy !== undefined && !/^[1-5]$/.test(String(values.energy))) throw new UsageError(`--energy takes how shipping this felt, 1 (draining) to 5 (energising), not '${String(values.energy)}'`);
  const composing = ['dry-run', 'base', 'pairing', 'understood', 'ai', 'energy', 'tick'].filter((flag) => values[flag] !== undefined);
  if (values['send-draft'] && composing.length > 0) {
    throw new UsageError(`--send-draft sends PULL_REQUEST.md as it is; --${composing[0]} is for composing it (pm-zone pr without --send-draft)`);
  }
}

function composingOptions(values: Values, target: RemoteRepository | undefined): Parameters<typeof gatherPullRequest>[3] {
  return {
    ...(values.base ? { base: String(values.base) } : {}),
    ...(target ? { repository: target } : {}),
    ticked: new Set((values.tick as string[] | undefined) ?? []),
    understood: values.understood === true,
    ...(values.ai !== undefined ? { aiUsed: values.ai === 'yes' } : {}),
    ...(values.energy !== undefined ? { energy: Number(values.energy) } : {}),
    pairing: values.pairing === true,
    ...(values.draft ? { draft: true } : values.ready ? { draft: false } : {}),
  };
}

interface PortsContext {
  root: string;
  git: Git;
  env: CommandInput['io']['env'];
  token: string;
  apiUrl: string | undefined;
  draftFile: string;
  say: Say;
}

/** The send flow's ports on the command line: git pushes, the token comes from the environment, the draft file records where it went. */
function sendPorts({ root, git, env, token, apiUrl, draftFile, say }: PortsContext): SendPorts {
  return {
    commitsAhead: (head, base) => commitsAhead(git, head, base),
    push: async (head) => {
      const pushed = await pushBranch(new Git(root, { env: pushEnvironment(env) }), head).catch((error: unknown) => {
        throw new Error(isGitError(error) ? error.message : String(error));
      });
      if (pushed.pushed) say.err(`Pushed ${head} to ${pushed.remote}.\n`);
      return pushed;
    },
    signIn: async (to) => {
      if (!token) {
        return { ok: false, reason: 'no-token', message: 'No GitHub token: open the link above to fill in the pull request on GitHub, or set GITHUB_TOKEN (or GH_TOKEN) to a token with access to the repository and run pm-zone pr again to open it directly.' };
      }
      const destination = tokenDestination(to, apiUrl);
      return destination.ok ? { ok: true, token, apiUrl: destination.apiUrl } : { ok: false, reason: 'refused-host', message: `${destination.message} Open the link above instead.` };
    },
    markSent: (url) => markDraftSent(nodeDraftFolder(draftFile), url),
    userAgent: `pm-zone/${CLI_VERSION}`,
  };
}

/** Writes the composed draft before anything is sent; returns the sentence that says where the text is. */
async function keep(draftFile: string, shownDraft: string, root: string, draft: PullRequestDraft): Promise<string> {
  const written = await writeDraftFile(draftFile, draft).catch((error: unknown) => error as Error);
  // Nothing is lost even when the git folder cannot be written: the text goes to the terminal.
  if (written instanceof Error) return `your pull request text could not be kept in ${shownDraft} (${written.message}); here it is:\n\n${renderDraft(draft)}`;
  const earlier = written.keptAs ? `; your earlier draft, with your edits, is kept in ${shown(path.join(path.dirname(draftFile), written.keptAs), root)}` : '';
  return `your pull request text is kept in ${shownDraft}: edit it if you like, then send it with pm-zone pr --send-draft (or "Send pull request" in the editor)${earlier}`;
}

interface Rendering {
  say: Say;
  json: boolean;
  draft: PullRequestDraft;
  /** Where the text is, as a sentence. */
  where: string;
  /** The repository --repo names, when the branch was pushed to an origin that is not on its host. */
  pushedElsewhere?: RemoteRepository;
}

function render(outcome: SendOutcome, { say, json, draft, where, pushedElsewhere }: Rendering): number {
  switch (outcome.kind) {
    case 'created':
      if (json) say.json({ url: outcome.url, number: outcome.number, draft: outcome.draft, warnings: outcome.warnings });
      else say.out(`${outcome.url}\n`);
      say.err(`Opened ${outcome.draft ? 'draft ' : ''}pull request #${outcome.number}.\n`);
      if (outcome.draft && draftReasonInBody(draft.body)) say.err(`${draftReasonInBody(draft.body)}\n`);
      for (const warning of outcome.warnings) say.err(`pm-zone: warning: ${warning}\n`);
      return 0;
    case 'exists':
    case 'already-sent': {
      const number = outcome.kind === 'exists' ? outcome.number : undefined;
      if (json) say.json({ url: outcome.url, ...(number === undefined ? {} : { number }), existing: true });
      else say.out(`${outcome.url}\n`);
      say.err(
        outcome.kind === 'exists'
          ? `A pull request is already open for ${draft.head}: #${outcome.number}. Open it to continue there; ${where}.\n`
          : `This draft was already opened as ${outcome.url}. To open another pull request, compose it again with pm-zone pr.\n`,
      );
      return 0;
    }
    case 'no-remote':
      throw new UsageError(`the git remote origin does not name a GitHub repository: give --repo OWNER/NAME; ${where}`);
    case 'no-commits':
      say.err(`pm-zone: ${outcome.head} has no commits that ${outcome.base} does not have: commit the change first.\n  ${where}\n`);
      return 1;
    case 'push-failed':
      say.err(`pm-zone: ${outcome.message}\n  The branch is not on GitHub yet, so nothing was opened: fix the push, then run pm-zone pr --send-draft.\n  ${where}\n`);
      return 1;
    case 'compare':
      if (json) say.json({ url: outcome.link.url, compare: true, trimmed: outcome.link.trimmed });
      else say.out(`${outcome.link.url}\n`);
      if (outcome.signIn) say.err(`${outcome.signIn.message}\n`);
      if (pushedElsewhere) {
        const { host, owner, repo } = pushedElsewhere;
        say.err(`The link opens nothing until ${owner}/${repo} on ${host} has ${draft.head}: it was pushed to origin, which is not on ${host}. Push it there (git push https://${host}/${owner}/${repo}.git ${draft.head}), then open the link.\n`);
      }
      if (outcome.link.trimmed) say.err(`The description was too long for a link and was cut; ${where}.\n`);
      if (draft.reviewers.length > 0) say.err(`Ask ${draft.reviewers.join(', ')} to review once it is open.\n`);
      return 0;
    case 'github-failed': {
      const { error } = outcome;
      const lines = [`pm-zone: ${error.summary}`, `  next: ${error.nextStep}${error.kind === 'drafts-unsupported' ? ' (pm-zone pr --ready)' : ''}`, `  ${where}`];
      if (outcome.link) lines.push(`  or fill it in on GitHub: ${outcome.link.url}`);
      say.err(`${lines.join('\n')}\n`);
      return 1;
    }
  }
}

/** Why `pm-zone pr --repo` pushes nothing when origin is not on the named repository's host, and the commands that send it. */
async function pushesElsewhereWords(git: Git, target: RemoteRepository): Promise<string> {
  const { host, owner, repo } = target;
  const branch = (await currentBranch(git)) ?? 'BRANCH';
  const remote = await remoteNaming(git, target);
  const send = `then pm-zone pr --repo ${owner}/${repo} --no-push`;
  const route = remote
    ? `Remote ${remote} is ${owner}/${repo} on ${host}: push the branch there (git push ${remote} ${branch}), ${send}.`
    : `No remote of this repository is ${owner}/${repo} on ${host}: add one (git remote add github https://${host}/${owner}/${repo}.git), push the branch there (git push github ${branch}), ${send}.`;
  return `origin is not on ${host}, so pushing ${branch} there would not put it on ${owner}/${repo}, and without a token (GITHUB_TOKEN or GH_TOKEN) the compare link would open nothing: nothing was pushed. ${route}`;
}

interface Say {
  out(text: string): void;
  err(text: string): void;
  json(value: unknown): void;
}

function draftOf(composed: ComposedPullRequest): PullRequestDraft {
  const { title, body, labels, reviewers, draft, base, head } = composed;
  return { title, body, labels, reviewers, draft, base, head };
}

/** PULL_REQUEST.md as it is now (with `draft:` set when asked), or the sentence that says why it cannot be sent. */
async function readDraft(file: string, shownFile: string, draft: boolean | undefined): Promise<PullRequestDraft | string> {
  const reading = await readDraftToSend(nodeDraftFolder(file), draft === undefined ? {} : { draft });
  if (reading.ok) return reading.draft;
  if (reading.reason === 'missing') return `there is no pull request draft yet (${shownFile}): compose one with pm-zone pr, or "Open pull request" in the editor.`;
  return `${shownFile}, line ${reading.line}: ${reading.message} Nothing was sent.`;
}

/** Output with the token scrubbed, should anything ever carry it. */
function saying(input: CommandInput, token: string): Say {
  const scrub = (text: string) => (token ? text.split(token).join('***') : text);
  const stdout = { write: (text: string) => input.io.stdout.write(scrub(text)) };
  return {
    out: (text) => void stdout.write(text),
    err: (text) => void input.io.stderr.write(scrub(text)),
    json: (value) => writeJson({ ...input, io: { ...input.io, stdout } }, value),
  };
}

function preview(composed: ComposedPullRequest): string {
  return [
    `Title:     ${composed.title}`,
    `Into:      ${composed.base} ← ${composed.head}`,
    `Labels:    ${composed.labels.join(', ') || '(none)'}`,
    `Reviewers: ${composed.reviewers.join(', ') || '(none)'}`,
    `Draft:     ${composed.draft ? 'yes' : 'no'}`,
    '',
    composed.body,
  ].join('\n');
}

function uncommittedWarning(paths: readonly string[]): string {
  const listed = `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''}`;
  return `pm-zone: warning: ${paths.length} file(s) have edits that are not committed and will not be in the pull request: ${listed}\n`;
}

function parseRepo(value: string): Pick<RemoteRepository, 'owner' | 'repo'> {
  const match = REPO.exec(value.trim());
  if (!match) throw new UsageError(`--repo takes OWNER/NAME, such as acme/shop, not '${value}'`);
  return { owner: match[1] as string, repo: (match[2] as string).replace(/\.git$/i, '') };
}

function shown(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
