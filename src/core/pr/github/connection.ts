// One configured Octokit per operation. @octokit/rest v22 ships without the
// retry and throttling plugins, so the only retries are the explicit ones in
// rateLimit.ts; its logger is silenced because the request-log plugin logs
// every request (with its options) to the console by default.

import { Octokit } from '@octokit/rest';
import { GitHubError, type FailureContext } from './errors';
import { sendWithRetries, type Attempts } from './rateLimit';
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
  return { octokit, apiUrl, context };
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
