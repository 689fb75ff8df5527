// "Open pull request" against GitHub's REST API: reuse an open pull request
// for the branch, or open one, then add labels and request reviewers. Once
// the pull request exists nothing throws: a label or reviewer GitHub refuses
// becomes a warning, because the PM's pull request is open regardless.

import { connect, type Connection } from './connection';
import { GitHubError, toGitHubError, unreadableReply, type FailureContext } from './errors';
import { planReviewers } from './reviewers';
import type { CreatePullRequestResult, GitHubOptions, GitHubUser, OpenPullRequest, PullRequestRequest } from './types';

export { GitHubError, type GitHubErrorKind } from './errors';
export type * from './types';

export async function createPullRequest(
  request: PullRequestRequest,
  options: GitHubOptions,
): Promise<CreatePullRequestResult> {
  requireFields(request);
  const github = connect(options);
  const repository = `${request.owner}/${request.repo}`;

  const open = await findOpen(github, request.owner, request.repo, request.head);
  if (open) return { outcome: 'exists', url: open.url, number: open.number };

  let created;
  try {
    created = await github.octokit.rest.pulls.create({
      owner: request.owner,
      repo: request.repo,
      title: request.title,
      body: request.body,
      head: request.head,
      base: request.base,
      draft: request.draft,
    });
  } catch (error) {
    const failure = toGitHubError(error, github.context('open pull requests', repository));
    if (failure.kind !== 'already-exists') throw failure;
    // Opened meanwhile (another window, a double click): hand that one back.
    const existing = await findOpen(github, request.owner, request.repo, request.head);
    if (existing) return { outcome: 'exists', url: existing.url, number: existing.number };
    throw failure;
  }

  const pull = created.data as unknown;
  if (!isPullReply(pull)) throw unreadableReply(github.context('open pull requests', repository), created.status);
  const warnings = [
    ...(await addLabels(github, request, pull.number)),
    ...(await requestReviewers(github, request, pull.number, typeof pull.user?.login === 'string' ? pull.user.login : undefined)),
  ];
  return { outcome: 'created', url: pull.html_url, number: pull.number, draft: typeof pull.draft === 'boolean' ? pull.draft : request.draft, warnings };
}

interface PullReply {
  number: number;
  html_url: string;
  draft?: unknown;
  user?: { login?: unknown } | null;
}

/** What every pull request in a reply must carry for PM Zone to say anything about it. */
function isPullReply(value: unknown): value is PullReply {
  if (typeof value !== 'object' || value === null) return false;
  const { number, html_url: url } = value as { number?: unknown; html_url?: unknown };
  return Number.isInteger(number) && (number as number) > 0 && typeof url === 'string' && /^https?:\/\//.test(url);
}

/** The open pull request whose head is `head` (`branch`, or `user:branch` for a fork). */
export async function findOpenPullRequest(
  owner: string,
  repo: string,
  head: string,
  options: GitHubOptions,
): Promise<OpenPullRequest | undefined> {
  return findOpen(connect(options), owner, repo, head);
}

/** Who the token belongs to: the author, who is never asked to review their own pull request. */
export async function getAuthenticatedUser(options: GitHubOptions): Promise<GitHubUser> {
  const github = connect(options);
  try {
    const { data, status } = await github.octokit.rest.users.getAuthenticated();
    const user = data as unknown as { login?: unknown; name?: unknown };
    if (typeof user !== 'object' || user === null || typeof user.login !== 'string') throw unreadableReply(github.context('read your account'), status);
    return { login: user.login, name: typeof user.name === 'string' ? user.name : null };
  } catch (error) {
    throw toGitHubError(error, github.context('read your account'));
  }
}

/** The open pull request from `head` into the repository, if any. */
export async function findOpen(github: Connection, owner: string, repo: string, head: string): Promise<OpenPullRequest | undefined> {
  // The list filter wants `owner:branch`; a fork's head already says whose branch it is.
  const qualifiedHead = head.includes(':') ? head : `${owner}:${head}`;
  const context: FailureContext = github.context('read pull requests', `${owner}/${repo}`);
  let reply;
  try {
    reply = await github.octokit.rest.pulls.list({ owner, repo, head: qualifiedHead, state: 'open', per_page: 10 });
  } catch (error) {
    throw toGitHubError(error, context);
  }
  const data = reply.data as unknown;
  if (!Array.isArray(data) || !data.every(isPullReply)) throw unreadableReply(context, reply.status);
  const pull = data[0];
  return pull ? { url: pull.html_url, number: pull.number, draft: pull.draft === true } : undefined;
}

async function addLabels(github: Connection, request: PullRequestRequest, number: number): Promise<string[]> {
  const labels = [...new Set(request.labels.map((label) => label.trim()).filter((label) => label !== ''))];
  if (labels.length === 0) return [];
  try {
    // On GitHub this endpoint creates the labels the repository does not have yet.
    await github.octokit.rest.issues.addLabels({ owner: request.owner, repo: request.repo, issue_number: number, labels });
    return [];
  } catch (error) {
    const failure = toGitHubError(error, github.context('add labels', `${request.owner}/${request.repo}`));
    const names = labels.map((label) => `"${label}"`).join(', ');
    const [noun, pronoun] = labels.length === 1 ? ['Label', 'it'] : ['Labels', 'them'];
    return [`${noun} ${names} could not be added: ${failure.summary} Add ${pronoun} on GitHub.`];
  }
}

async function requestReviewers(
  github: Connection,
  request: PullRequestRequest,
  number: number,
  author: string | undefined,
): Promise<string[]> {
  const plan = planReviewers(request.reviewers, request.owner, author);
  const everyone = [...plan.users.map((user) => ({ users: [user], teams: [] })), ...plan.teams.map((team) => ({ users: [], teams: [team] }))];
  if (everyone.length === 0) return plan.warnings;
  const context = github.context('request reviewers', `${request.owner}/${request.repo}`);
  const ask = (users: string[], teams: string[]) =>
    github.octokit.rest.pulls.requestReviewers({
      owner: request.owner,
      repo: request.repo,
      pull_number: number,
      reviewers: users,
      team_reviewers: teams,
    });
  try {
    await ask(plan.users, plan.teams);
    return plan.warnings;
  } catch (error) {
    const failure = toGitHubError(error, context);
    if (failure.kind !== 'validation' || everyone.length === 1) {
      return [...plan.warnings, reviewerWarning(plan.users, plan.teams, request.owner, failure)];
    }
  }
  // GitHub refuses the whole request when one reviewer cannot review: ask each
  // one alone, so the others are still requested and the warning names who failed.
  const warnings = [...plan.warnings];
  for (const one of everyone) {
    try {
      await ask(one.users, one.teams);
    } catch (error) {
      warnings.push(reviewerWarning(one.users, one.teams, request.owner, toGitHubError(error, context)));
    }
  }
  return warnings;
}

function reviewerWarning(users: string[], teams: string[], owner: string, failure: GitHubError): string {
  const names = [...users.map((user) => `@${user}`), ...teams.map((team) => `@${owner}/${team}`)].join(', ');
  return `${names} could not be asked to review: ${failure.summary} Ask for the review on GitHub.`;
}

function requireFields(request: PullRequestRequest): void {
  const missing = (['owner', 'repo', 'title', 'head', 'base'] as const).filter((field) => !request[field]?.trim());
  if (missing.length > 0) {
    throw new GitHubError('validation', `The pull request has no ${missing.join(', ')}.`, 'Fill it in and try again; your text is kept.', {
      details: missing.map((field) => `${field} is missing`),
    });
  }
}
