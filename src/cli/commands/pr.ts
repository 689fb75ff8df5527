// `pm-zone pr`: compose the pull request the editor would open, show it
// (--dry-run), or push the branch and open it on GitHub. A blocker refuses;
// a failure says what to do next and keeps the composed text in
// PULL_REQUEST.md, the editor's draft, which `--send-draft` sends as edited.
// The token comes from the environment and is never printed.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { asking, openRepository } from '../repositoryContext';
import { CLI_VERSION } from '../version';
import { Git, isGitError, parseRemote, remoteUrl, type RemoteRepository } from '../../core/git';
import {
  compareUrl,
  createPullRequest,
  DEFAULT_API_URL,
  draftFilePath,
  gatherPullRequest,
  GitHubError,
  parseDraft,
  PREVIOUS_DRAFT_FILE_NAME,
  pushBranch,
  renderDraft,
  pushEnvironment,
  withField,
  writeDraftFile,
  type ComposedPullRequest,
  type PullRequestDraft,
} from '../../core/pr';

const REPO = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/;
/** Failures where a link that fills in the pull request in the browser helps. */
const COMPARE_HELPS = new Set(['network', 'server', 'rate-limited', 'unauthorized', 'sso-required']);

export const prCommand: CliCommand = {
  name: 'pr',
  usage: 'pr [--dry-run] [--base BRANCH] [--repo OWNER/NAME] [--api-url URL] [--no-push] [--compare] [--pairing] [--draft|--ready] [--understood] [--tick ID]… [--as @handle] [--send-draft]',
  summary: 'compose the pull request and open it on GitHub (GITHUB_TOKEN or GH_TOKEN); exit 1 when something blocks. A refused one waits in .git/pm-zone/PULL_REQUEST.md, the draft the editor edits too; --send-draft sends that file as it is',
  options: {
    'dry-run': { type: 'boolean' },
    base: { type: 'string' },
    repo: { type: 'string' },
    'api-url': { type: 'string' },
    'no-push': { type: 'boolean' },
    compare: { type: 'boolean' },
    pairing: { type: 'boolean' },
    draft: { type: 'boolean' },
    ready: { type: 'boolean' },
    understood: { type: 'boolean' },
    tick: { type: 'string', multiple: true },
    as: { type: 'string' },
    'send-draft': { type: 'boolean' },
  },
  async run(input) {
    const values = input.values;
    if (values.draft && values.ready) throw new UsageError('--draft and --ready cannot be combined');
    const composing = ['dry-run', 'base', 'pairing', 'understood', 'tick'].filter((flag) => values[flag] !== undefined);
    if (values['send-draft'] && composing.length > 0) {
      throw new UsageError(`--send-draft sends PULL_REQUEST.md as it is; --${composing[0]} is for composing it (pm-zone pr without --send-draft)`);
    }
    const repository = values.repo === undefined ? undefined : parseRepo(String(values.repo));
    const token = (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
    const say = saying(input, token);

    const context = await openRepository(input.global, { ...asking(input), requireGit: true });
    const git = context.git as Git;
    const givenApiUrl = values['api-url'] as string | undefined;
    const origin = await originRemote(git);
    // --repo names owner and name only: the host is the API's (Enterprise), else the origin's.
    const remote = repository ? { host: givenApiUrl ? webHostFor(givenApiUrl) : (origin?.host ?? 'github.com'), ...repository } : origin;
    const draftFile = await draftFilePath(git);
    const shownDraft = shown(draftFile, context.root);
    const push = async (head: string, kept: () => Promise<string>): Promise<boolean> => {
      if (values['no-push']) return true;
      try {
        const pushed = await pushBranch(new Git(context.root, { env: pushEnvironment(input.io.env) }), head);
        if (pushed.pushed) say.err(`Pushed ${head} to ${pushed.remote}.\n`);
        return true;
      } catch (error) {
        say.err(`pm-zone: ${isGitError(error) ? error.message : String(error)}\n  ${await kept()}\n`);
        return false;
      }
    };
    const send = (sending: Sending) =>
      values.compare || !token ? offerCompareLink(sending, token === '') : openOnGitHub(sending, { token, apiUrl: givenApiUrl ?? apiUrlFor(sending.remote.host) });

    const run: PrRun = { say, json: input.global.json, remote, draftFile, shownDraft, push, send };
    if (values['send-draft']) return sendDraft(run, values.ready ? false : values.draft ? true : undefined);

    const gathered = await gatherPullRequest(git, context.files, context.policy, {
      ...(values.base ? { base: String(values.base) } : {}),
      ...(remote ? { repository: remote } : {}),
      ticked: new Set((values.tick as string[] | undefined) ?? []),
      understood: values.understood === true,
      pairing: values.pairing === true,
      ...(values.draft ? { draft: true } : values.ready ? { draft: false } : {}),
    }).catch((error: unknown) => {
      throw new CliFailure(isGitError(error) ? error.message : String(error));
    });
    const { composed } = gathered;

    if (values['dry-run']) {
      if (input.global.json) say.json(pick(composed));
      else say.out(preview(composed));
    }
    if (!composed.canOpen) {
      say.err(`pm-zone: the pull request cannot open: ${composed.refusal}${composed.pairingPossible ? ' (pm-zone pr --pairing)' : ''}\n`);
      return 1;
    }
    if (gathered.uncommitted.length > 0) say.err(uncommittedWarning(gathered.uncommitted));
    if (values['dry-run']) return 0;

    const keep = async () => {
      const written = await writeDraftFile(draftFile, draftOf(composed)).catch((error: unknown) => error as Error);
      // Nothing is lost even when the git folder cannot be written: the text goes to the terminal.
      if (written instanceof Error) return `your pull request text could not be kept in ${shownDraft} (${written.message}); here it is:\n\n${renderDraft(draftOf(composed))}`;
      const { keptPrevious } = written;
      const previous = keptPrevious ? `; your earlier unsent draft is in ${shown(path.join(path.dirname(draftFile), PREVIOUS_DRAFT_FILE_NAME), context.root)}` : '';
      return `your pull request text is kept in ${shownDraft}: edit it if you like, then send it with pm-zone pr --send-draft (or "Send pull request" in the editor)${previous}`;
    };
    if (gathered.change.commits.length === 0) {
      say.err(`pm-zone: ${composed.head} has no commits that ${composed.base} does not have: commit the change first.\n  ${await keep()}\n`);
      return 1;
    }
    if (!remote) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');
    if (!(await push(composed.head, keep))) return 1;
    return send({ say, composed, remote, keep, json: input.global.json });
  },
};

/** What both ways of opening the pull request share: composing it, or sending the draft. */
interface PrRun {
  say: Say;
  json: boolean;
  remote: RemoteRepository | undefined;
  draftFile: string;
  /** The draft's path as the user reads it (relative to the repository). */
  shownDraft: string;
  /** Pushes the branch unless --no-push; false once it said why it failed. */
  push(head: string, kept: () => Promise<string>): Promise<boolean>;
  send(sending: Sending): Promise<number>;
}

/** `--send-draft`: PULL_REQUEST.md as it is now, once; marked `sent:` when GitHub opened it. */
async function sendDraft({ say, json, remote, draftFile, shownDraft, push, send }: PrRun, draftField: boolean | undefined): Promise<number> {
  const draft = await readDraft(draftFile, shownDraft, draftField);
  if (typeof draft === 'string') {
    say.err(`pm-zone: ${draft}\n`);
    return 1;
  }
  if (draft.sent) {
    if (json) say.json({ url: draft.sent, existing: true });
    else say.out(`${draft.sent}\n`);
    say.err(`This draft was already opened as ${draft.sent}. To open another pull request, compose it again with pm-zone pr.\n`);
    return 0;
  }
  if (!remote) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');
  const kept = async () => `your pull request text stays in ${shownDraft}`;
  if (!(await push(draft.head, kept))) return 1;
  const markSent = async (url: string) => {
    const marked = withField(await fs.readFile(draftFile, 'utf8'), 'sent', url);
    if (marked) await fs.writeFile(draftFile, marked, 'utf8');
  };
  return send({ say, composed: draft, remote, keep: kept, json, opened: markSent });
}

interface Say {
  out(text: string): void;
  err(text: string): void;
  json(value: unknown): void;
}

/** What GitHub takes: the composed pull request, or the draft as the PM edited it. */
type PullRequestFields = Pick<ComposedPullRequest, 'title' | 'body' | 'labels' | 'reviewers' | 'draft' | 'base' | 'head'>;

interface Sending {
  say: Say;
  composed: PullRequestFields;
  remote: RemoteRepository;
  /** Keeps the text; returns the sentence that says where. */
  keep(): Promise<string>;
  json: boolean;
  /** Called with the address of the pull request once it is open. */
  opened?(url: string): Promise<void>;
}

function draftOf(composed: PullRequestFields): PullRequestDraft {
  const { title, body, labels, reviewers, draft, base, head } = composed;
  return { title, body, labels, reviewers, draft, base, head };
}

/** PULL_REQUEST.md as it is now (with `draft:` set when asked), or the sentence that says why it cannot be sent. */
async function readDraft(file: string, shownFile: string, draft: boolean | undefined): Promise<PullRequestDraft | string> {
  const stored = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (stored === undefined) return `there is no pull request draft yet (${shownFile}): compose one with pm-zone pr, or "Open pull request" in the editor.`;
  const text = draft === undefined ? stored : (withField(stored, 'draft', draft) ?? stored);
  const reading = parseDraft(text);
  if (!reading.ok) return `${shownFile}, line ${reading.line}: ${reading.message} Nothing was sent.`;
  // What is sent is also what is on disk.
  if (text !== stored) await fs.writeFile(file, text, 'utf8');
  return reading.draft;
}

async function openOnGitHub({ say, composed, remote, keep, json, opened }: Sending, options: { token: string; apiUrl: string }): Promise<number> {
  const { title, body, head, base, draft, labels, reviewers } = composed;
  try {
    const result = await createPullRequest(
      { owner: remote.owner, repo: remote.repo, title, body, head, base, draft, labels, reviewers },
      { ...options, userAgent: `pm-zone/${CLI_VERSION}` },
    );
    if (result.outcome === 'exists') {
      if (json) say.json({ url: result.url, number: result.number, existing: true });
      else say.out(`${result.url}\n`);
      say.err(`A pull request is already open for ${head}: #${result.number}. Open it to continue there.\n`);
      return 0;
    }
    await opened?.(result.url);
    if (json) say.json({ url: result.url, number: result.number, draft: result.draft, warnings: result.warnings });
    else say.out(`${result.url}\n`);
    say.err(`Opened ${result.draft ? 'draft ' : ''}pull request #${result.number}.\n`);
    for (const warning of result.warnings) say.err(`pm-zone: warning: ${warning}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    const lines = [
      `pm-zone: ${error.summary}`,
      `  next: ${error.nextStep}${error.kind === 'drafts-unsupported' ? ' (pm-zone pr --ready)' : ''}`,
      `  ${await keep()}`,
    ];
    if (COMPARE_HELPS.has(error.kind)) lines.push(`  or fill it in on GitHub: ${linkFor(composed, remote).url}`);
    say.err(`${lines.join('\n')}\n`);
    return 1;
  }
}

/** GitHub's compare page with the pull request filled in: without a token, or on request. */
async function offerCompareLink({ say, composed, remote, keep, json }: Sending, noToken: boolean): Promise<number> {
  const link = linkFor(composed, remote);
  if (json) say.json({ url: link.url, compare: true, trimmed: link.trimmed });
  else say.out(`${link.url}\n`);
  if (noToken) {
    say.err('No GitHub token: open the link above to fill in the pull request on GitHub, or set GITHUB_TOKEN (or GH_TOKEN) to a token with access to the repository and run pm-zone pr again to open it directly.\n');
  }
  if (link.trimmed) say.err(`The description was too long for a link and was cut; ${await keep()}.\n`);
  if (composed.reviewers.length > 0) say.err(`Ask ${composed.reviewers.join(', ')} to review once it is open.\n`);
  return 0;
}

function linkFor(composed: PullRequestFields, remote: RemoteRepository) {
  const { base, head, title, body, labels } = composed;
  return compareUrl({ host: remote.host, owner: remote.owner, repo: remote.repo, base, head, title, body, labels });
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

function pick(composed: PullRequestFields): PullRequestFields {
  const { title, body, labels, reviewers, draft, base, head } = composed;
  return { title, body, labels, reviewers, draft, base, head };
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

function parseRepo(value: string): { owner: string; repo: string } {
  const match = REPO.exec(value.trim());
  if (!match) throw new UsageError(`--repo takes OWNER/NAME, such as acme/shop, not '${value}'`);
  return { owner: match[1] as string, repo: (match[2] as string).replace(/\.git$/i, '') };
}

/** The GitHub repository the origin remote names, if it names one. */
async function originRemote(git: Git): Promise<RemoteRepository | undefined> {
  const url = await remoteUrl(git, 'origin');
  return (url && parseRemote(url)) || undefined;
}

/** github.com → api.github.com; a GitHub Enterprise host → its /api/v3. */
export function apiUrlFor(host: string | undefined): string {
  if (!host || host === 'github.com') return DEFAULT_API_URL;
  return `https://${host}/api/v3`;
}

/** The web host of an API address: api.github.com → github.com, https://HOST/api/v3 → HOST. */
export function webHostFor(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    return url.host === 'api.github.com' ? 'github.com' : url.host;
  } catch {
    return 'github.com';
  }
}

function shown(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
