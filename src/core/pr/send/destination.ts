// Where a pull request goes, and where the token may go. The token is sent
// only to github.com's API or to an API address the user configured (a flag,
// an environment variable, a setting): never to a host a repository's origin
// remote names, which anyone who can write a clone's config chooses.

import type { RemoteRepository } from '../../git';
import { DEFAULT_API_URL } from '../github/connection';

export type TokenDestination = { ok: true; apiUrl: string } | { ok: false; message: string };

/** The API address for `remote`: the configured one, else api.github.com for a github.com remote, else none. */
export function tokenDestination(remote: RemoteRepository, configuredApiUrl: string | undefined): TokenDestination {
  const configured = configuredApiUrl?.trim();
  if (configured) return { ok: true, apiUrl: configured };
  if (remote.host === 'github.com') return { ok: true, apiUrl: DEFAULT_API_URL };
  return {
    ok: false,
    message:
      `The repository is on ${remote.host}, and PM Zone sends your GitHub token only to api.github.com or to a GitHub Enterprise API you name yourself ` +
      `(--api-url https://${remote.host}/api/v3, or GITHUB_API_URL; in the editor, "github-enterprise.uri"), never to a host taken from the repository.`,
  };
}

/** The web host of an API address: api.github.com → github.com, https://HOST/api/v3 → HOST. */
export function webHostOf(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    return url.host === 'api.github.com' ? 'github.com' : url.host;
  } catch {
    return 'github.com';
  }
}

/**
 * The pull request's head as GitHub wants it: `branch` when the branch is
 * pushed to the repository the pull request opens in, `owner:branch` when it
 * was pushed to a fork (origin) of it.
 */
export function pullRequestHead(branch: string, target: RemoteRepository, pushedTo: RemoteRepository | undefined): string {
  if (branch.includes(':') || !pushedTo) return branch;
  const sameRepository = pushedTo.owner.toLowerCase() === target.owner.toLowerCase() && pushedTo.repo.toLowerCase() === target.repo.toLowerCase();
  return sameRepository ? branch : `${pushedTo.owner}:${branch}`;
}
