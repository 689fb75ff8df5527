// `pm-zone pr`: compose the pull request the editor would open, show it
// (--dry-run), or push the branch and open it on GitHub. A blocker refuses;
// a failure says what to do next and keeps the composed text in the git
// folder. The token comes from the environment and is never printed.

import * as path from 'node:path';
import type { CliCommand } from '../commands';
import type { CommandInput } from '../run';
import { CliFailure, UsageError } from '../errors';
import { writeJson } from '../paths';
import { openRepository } from '../repositoryContext';
import { CLI_VERSION } from '../version';
import { commonDir, Git, isGitError, parseRemote, remoteUrl, type RemoteRepository } from '../../core/git';
import {
  compareUrl,
  createPullRequest,
  DEFAULT_API_URL,
  gatherPullRequest,
  GitHubError,
  keepComposedPullRequest,
  pushBranch,
  pushEnvironment,
  type ComposedPullRequest,
} from '../../core/pr';

const REPO = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/;
/** Failures where a link that fills in the pull request in the browser helps. */
const COMPARE_HELPS = new Set(['network', 'server', 'rate-limited', 'unauthorized', 'sso-required']);

export const prCommand: CliCommand = {
  name: 'pr',
  usage: 'pr [--dry-run] [--base BRANCH] [--repo OWNER/NAME] [--api-url URL] [--no-push] [--compare] [--pairing] [--draft|--ready] [--understood] [--tick ID]… [--as @handle]',
  summary: 'compose the pull request and open it on GitHub (GITHUB_TOKEN or GH_TOKEN); exit 1 when something blocks',
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
  },
  async run(input) {
    const values = input.values;
    if (values.draft && values.ready) throw new UsageError('--draft and --ready cannot be combined');
    const repository = values.repo === undefined ? undefined : parseRepo(String(values.repo));
    const token = (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
    const say = saying(input, token);

    const context = await openRepository(input.global.cwd, { settings: input.global.settings, handle: values.as as string | undefined, requireGit: true });
    const git = context.git as Git;
    const givenApiUrl = values['api-url'] as string | undefined;
    const origin = await originRemote(git);
    // --repo names owner and name only: the host is the API's (Enterprise), else the origin's.
    const remote = repository ? { host: givenApiUrl ? webHostFor(givenApiUrl) : (origin?.host ?? 'github.com'), ...repository } : origin;
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

    const gitFolder = await commonDir(git);
    const keep = async (reason: string) => `your pull request text is kept in ${shown(await keepComposedPullRequest(gitFolder, composed, reason), context.root)}`;
    if (gathered.change.commits.length === 0) {
      say.err(`pm-zone: ${composed.head} has no commits that ${composed.base} does not have: commit the change first.\n  ${await keep('no commits')}\n`);
      return 1;
    }
    if (!remote) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');

    if (!values['no-push']) {
      try {
        const pushed = await pushBranch(new Git(context.root, { env: pushEnvironment(input.io.env) }), composed.head);
        if (pushed.pushed) say.err(`Pushed ${composed.head} to ${pushed.remote}.\n`);
      } catch (error) {
        say.err(`pm-zone: ${isGitError(error) ? error.message : String(error)}\n  ${await keep('the push failed')}\n`);
        return 1;
      }
    }
    const sending: Sending = { say, composed, remote, keep, json: input.global.json };
    if (values.compare || !token) return offerCompareLink(sending, token === '');
    return openOnGitHub(sending, { token, apiUrl: givenApiUrl ?? apiUrlFor(remote.host) });
  },
};

interface Say {
  out(text: string): void;
  err(text: string): void;
  json(value: unknown): void;
}

interface Sending {
  say: Say;
  composed: ComposedPullRequest;
  remote: RemoteRepository;
  /** Keeps the composed text; returns the sentence that says where. */
  keep(reason: string): Promise<string>;
  json: boolean;
}

async function openOnGitHub({ say, composed, remote, keep, json }: Sending, options: { token: string; apiUrl: string }): Promise<number> {
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
      `  ${await keep(error.summary)}`,
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
  if (link.trimmed) say.err(`The description was too long for a link and was cut; ${await keep('the description was too long for a link')}.\n`);
  if (composed.reviewers.length > 0) say.err(`Ask ${composed.reviewers.join(', ')} to review once it is open.\n`);
  return 0;
}

function linkFor(composed: ComposedPullRequest, remote: RemoteRepository) {
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

function pick(composed: ComposedPullRequest): Pick<ComposedPullRequest, 'title' | 'body' | 'labels' | 'reviewers' | 'draft' | 'base' | 'head'> {
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
