// One configured Octokit per operation. @octokit/rest v22 ships without the
// retry and throttling plugins, so the only retries are the explicit ones in
// rateLimit.ts; its logger is silenced because the request-log plugin logs
// every request (with its options) to the console by default.

import { Octokit } from '@octokit/rest';
import { GitHubError, type FailureContext } from './errors';
import { sendWithRetries, type Attempts } from './rateLimit';
import type { ResponseCache } from './responseCache';
import type { GitHubOptions } from './types';

export const DEFAULT_API_URL = 'https://api.github.com';

const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface Connection {
  octokit: Octokit;
  /** The API address for messages: no trailing slash, no credentials. */
  apiUrl: string;
  context(action: string, repository?: string): FailureContext;
}

export function connect(options: GitHubOptions): Connection {
  const baseUrl = normaliseApiUrl(options.apiUrl ?? DEFAULT_API_URL);
  const apiUrl = withoutCredentials(baseUrl);
  const context = (action: string, repository?: string): FailureContext => ({
    apiUrl,
    action,
    ...(repository ? { repository } : {}),
  });
  if (!options.token?.trim()) {
    throw new GitHubError('unauthorized', 'PM Zone has no GitHub sign-in.', 'Sign in to GitHub again.');
  }
  const attempts: Attempts = {
    maxRetries: Math.max(0, options.retry?.maxRetries ?? 2),
    maxWaitMs: Math.max(0, options.retry?.maxWaitMs ?? 10_000),
    ...(options.retry?.wait ? { wait: options.retry.wait } : {}),
  };
  const timeoutMs = Math.max(1, options.timeoutMs ?? 30_000);
  const octokit = new Octokit({
    auth: options.token,
    baseUrl,
    log: silentLog,
    // A fresh time limit for every attempt, retries included.
    request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }) },
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  octokit.hook.wrap('request', (send, requestOptions) => sendWithRetries(() => send(requestOptions), attempts));
  if (options.cache) withConditionalRequests(octokit, options.cache);
  return { octokit, apiUrl, context };
}

/** Every GET carries the ETag of the kept answer; a 304 is answered from it. */
function withConditionalRequests(octokit: Octokit, cache: ResponseCache): void {
  octokit.hook.wrap('request', async (send, requestOptions) => {
    const { method, url } = octokit.request.endpoint.parse(requestOptions);
    if (method !== 'GET') return send(requestOptions);
    const etag = cache.etagFor(url);
    // In place: every layer of octokit's request hooks is bound to this one options object.
    if (etag) requestOptions.headers['if-none-match'] = etag;
    try {
      const response = await send(requestOptions);
      cache.remember(url, response.headers.etag, response.data, response.headers.link);
      return response;
    } catch (error) {
      const kept = (error as { status?: unknown }).status === 304 ? cache.notModified(url) : undefined;
      if (!kept) throw error;
      return { status: 200, url, headers: kept.link ? { link: kept.link } : {}, data: kept.data } as Awaited<ReturnType<typeof send>>;
    }
  });
}

function normaliseApiUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new GitHubError('network', 'The GitHub API address is not a valid URL.', 'Check the GitHub Enterprise address in the settings (https://HOST/api/v3).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GitHubError('network', `The GitHub API address must start with https:// (it starts with ${url.protocol}).`, 'Check the GitHub Enterprise address in the settings (https://HOST/api/v3).');
  }
  return trimmed;
}

function withoutCredentials(apiUrl: string): string {
  const url = new URL(apiUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}
