// What `pm-zone audit` and `pm-zone readout` share to read a repository's
// history from GitHub: the repository (`--repo`, else the origin remote), the
// token from the environment (sent only where `pm-zone pr` would send it), and
// GitHub's failures said in one line. The reading itself is the core's.

import { CliFailure, UsageError } from './errors';
import type { CommandInput } from './run';
import { CLI_VERSION } from './version';
import { historyCache, historyFailure, type GitHubHistory } from '../core/audit';
import { remoteRepository, type Git } from '../core/git';
import { ResponseCache, tokenDestination, webHostOf } from '../core/pr';
import type { RepositoryPolicy } from '../core/repository';
import { GITHUB_OPTIONS, type CliOptions } from './options';

export const HISTORY_OPTIONS = {
  ...GITHUB_OPTIONS,
  until: { type: 'string', value: 'REF', description: 'read the history up to REF (default HEAD)' },
  'no-cache': { type: 'boolean', description: "ask GitHub again instead of reusing the answers kept in the git folder" },
} as const satisfies CliOptions;

/** The token from the environment, empty when none is set. */
export function githubToken(input: CommandInput): string {
  return (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
}

/** --repo OWNER/NAME as [whole, owner, name], undefined when not given; a usage error when malformed. */
function repoOption(input: CommandInput): RegExpExecArray | undefined {
  if (input.values.repo === undefined) return undefined;
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(String(input.values.repo));
  if (!named) throw new UsageError(`--repo takes OWNER/NAME, such as acme/shop, not '${String(input.values.repo)}'`);
  return named;
}

/** `owner/name` as --repo or the origin remote names it, undefined when neither does. */
export async function namedRepository(input: CommandInput, git: Git): Promise<string | undefined> {
  const named = repoOption(input);
  if (named) return `${named[1]}/${named[2]}`;
  const origin = await remoteRepository(git);
  return origin ? `${origin.owner}/${origin.repo}` : undefined;
}

/** The repository to ask GitHub about (`--repo`, else the origin remote) and where the token may go. */
export async function openGitHub(input: CommandInput, git: Git, command: string): Promise<{ owner: string; repo: string; token: string; apiUrl: string }> {
  const { values } = input;
  const token = githubToken(input);
  const apiUrl = (values['api-url'] as string | undefined)?.trim() || input.io.env.GITHUB_API_URL?.trim() || undefined;
  const origin = await remoteRepository(git);
  const named = repoOption(input);
  const target = named ? { host: apiUrl ? webHostOf(apiUrl) : (origin?.host ?? 'github.com'), owner: named[1]!, repo: named[2]! } : origin;
  // Everything it lacks, in one line: a token and, where origin names no repository, which one.
  if (!token) {
    const what = command === 'controls' ? "the base branch's rules" : 'pull requests';
    const of = target ? ` of ${target.owner}/${target.repo}` : '';
    const repository = target ? '' : ', and give --repo OWNER/NAME (the git remote origin names no GitHub repository)';
    throw new CliFailure(`${command} reads ${what}${of} from GitHub: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the repository${repository}.`);
  }
  if (!target) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');
  const destination = tokenDestination(target, apiUrl);
  if (!destination.ok) throw new CliFailure(destination.message);
  return { owner: target.owner, repo: target.repo, token, apiUrl: destination.apiUrl };
}

export async function openGitHubHistory(input: CommandInput, git: Git, policy: RepositoryPolicy, command: string): Promise<GitHubHistory> {
  const { owner, repo, token, apiUrl } = await openGitHub(input, git, command);
  const cache = input.values['no-cache'] ? ResponseCache.inMemory() : await historyCache(git);
  return { git, policy, owner, repo, options: { token, apiUrl, cache }, until: String(input.values.until ?? 'HEAD'), version: CLI_VERSION };
}

/**
 * Runs `work`, keeping what GitHub answered even when it fails (a rate limit,
 * the network), and turns GitHub's and git's failures into one line; `what`
 * says what did not happen ("Nothing was audited.").
 */
export async function readingHistory<T>(history: GitHubHistory, work: () => Promise<T>, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const said = historyFailure(error, history.options.token);
    if (said !== undefined) throw new CliFailure(`${said} ${what}`);
    throw error;
  } finally {
    await history.options.cache.save();
  }
}
