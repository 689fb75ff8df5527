// What `pm-zone audit` and `pm-zone readout` share to read a repository's
// history from GitHub: the repository (`--repo`, else the origin remote), the
// token from the environment (sent only where `pm-zone pr` would send it), the
// answers kept in the git folder, and GitHub's failures said in one line.

import * as path from 'node:path';
import { CliFailure, UsageError } from './errors';
import type { CommandInput } from './run';
import { MissingHistoryError } from '../core/audit';
import { commonDir, remoteRepository, type Git } from '../core/git';
import { describeWait, GitHubError, ResponseCache, tokenDestination, webHostOf, type GitHubOptions } from '../core/pr';

export const HISTORY_OPTIONS = {
  repo: { type: 'string' },
  'api-url': { type: 'string' },
  until: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export interface GitHubHistory {
  owner: string;
  repo: string;
  options: GitHubOptions;
  cache: ResponseCache;
  /** The branch tip history is read up to (`--until`, default HEAD). */
  until: string;
  /** Runs `work`, keeping what GitHub answered even when it fails, and turns failures into one line without the token. */
  read<T>(work: () => Promise<T>, what: string): Promise<T>;
}

export async function openGitHubHistory(input: CommandInput, git: Git, command: string): Promise<GitHubHistory> {
  const { values } = input;
  const token = (input.io.env.GITHUB_TOKEN?.trim() || input.io.env.GH_TOKEN?.trim()) ?? '';
  if (!token) throw new CliFailure(`the ${command} reads pull requests from GitHub: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the repository.`);
  const apiUrl = (values['api-url'] as string | undefined)?.trim() || input.io.env.GITHUB_API_URL?.trim() || undefined;
  const origin = await remoteRepository(git);
  const named = values.repo === undefined ? undefined : /^([\w.-]+)\/([\w.-]+)$/.exec(String(values.repo));
  if (values.repo !== undefined && !named) throw new UsageError(`--repo takes OWNER/NAME, such as acme/shop, not '${String(values.repo)}'`);
  const target = named ? { host: apiUrl ? webHostOf(apiUrl) : (origin?.host ?? 'github.com'), owner: named[1]!, repo: named[2]! } : origin;
  if (!target) throw new UsageError('the git remote origin does not name a GitHub repository: give --repo OWNER/NAME');
  const destination = tokenDestination(target, apiUrl);
  if (!destination.ok) throw new CliFailure(destination.message);
  // Kept in the git folder, never in the work tree: a second run of the same range asks GitHub almost nothing new.
  const cache = values['no-cache'] ? ResponseCache.inMemory() : await ResponseCache.open(path.join(await commonDir(git), 'pm-zone', 'github-cache.json'));
  return {
    owner: target.owner,
    repo: target.repo,
    options: { token, apiUrl: destination.apiUrl, cache },
    cache,
    until: String(values.until ?? 'HEAD'),
    async read(work, what) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof GitHubError && error.kind === 'rate-limited') {
          const wait = error.retryAfterSeconds === undefined ? 'later' : `in ${describeWait(error.retryAfterSeconds)}`;
          throw new CliFailure(`${error.summary} Run it again ${wait}: the answers read so far are kept in the git folder, so it asks GitHub only for the rest. ${what}`);
        }
        if (error instanceof GitHubError) throw new CliFailure(`${error.summary} ${error.nextStep}`.split(token).join('***'));
        if (error instanceof MissingHistoryError) throw new CliFailure(error.message);
        throw error;
      } finally {
        // What was gathered before a failure (a rate limit, the network) is kept for the next run.
        await cache.save();
      }
    },
  };
}
