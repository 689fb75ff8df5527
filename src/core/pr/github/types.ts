// The plain objects the GitHub client takes and returns. The caller composes
// the title and body and keeps them: nothing here ever echoes them back in an
// error, so a failure never costs the PM their text.

import type { ResponseCache } from './responseCache';

/** What "Open pull request" asks GitHub for. */
export interface PullRequestRequest {
  owner: string;
  repo: string;
  title: string;
  body: string;
  /** The branch with the change; `user:branch` for a branch of a fork. */
  head: string;
  /** The branch the change goes into, such as `main`. */
  base: string;
  draft: boolean;
  /** Labels to add; GitHub creates the ones the repository does not have yet. */
  labels: string[];
  /** `@user` or `@org/team` (the CODEOWNERS spelling); the leading `@` is optional. */
  reviewers: string[];
}

export interface RetryOptions {
  /** How many times one request is sent again after a rate limit; default 2. */
  maxRetries?: number;
  /** The longest rate-limit wait that is waited out rather than reported; default 10 000 ms. */
  maxWaitMs?: number;
  /** How a wait is waited out; default a timer. A test passes one that records the waits instead. */
  wait?: (ms: number) => Promise<void>;
}

export interface GitHubOptions {
  /** An OAuth or personal access token. Never logged, never part of an error. */
  token: string;
  /** Default `https://api.github.com`; GitHub Enterprise Server: `https://HOST/api/v3`. */
  apiUrl?: string;
  userAgent?: string;
  retry?: RetryOptions;
  /** Time limit for each request; default 30 000 ms. */
  timeoutMs?: number;
  /** Conditional requests against kept answers (reads that repeat, such as the audit's). */
  cache?: ResponseCache;
}

/** An open pull request that already carries the branch. */
export interface OpenPullRequest {
  url: string;
  number: number;
  draft: boolean;
}

export type CreatePullRequestResult =
  | { outcome: 'exists'; url: string; number: number }
  | {
      outcome: 'created';
      url: string;
      number: number;
      draft: boolean;
      /** Labels or reviewers that could not be applied: the pull request is open regardless. */
      warnings: string[];
    };

export interface GitHubUser {
  login: string;
  name: string | null;
}
