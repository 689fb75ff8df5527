// Turns whatever the HTTP layer threw into one GitHubError a PM can act on.
// The error is built from scratch, never wrapping the original: the original
// holds the request (headers, body) and a chain of causes, and the only safe
// way to keep the token out of logs and error reports is to not carry them.

import { rateLimitWaitMs } from './rateLimit';

export type GitHubErrorKind =
  | 'already-exists'
  | 'no-commits'
  | 'unauthorized'
  | 'sso-required'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'drafts-unsupported'
  | 'network'
  | 'validation'
  | 'server';

export interface GitHubErrorFields {
  /** HTTP status, absent when GitHub could not be reached. */
  status?: number;
  /** Where to authorise the token for the organisation's single sign-on. */
  ssoUrl?: string;
  /** How long GitHub asks to wait before trying again. */
  retryAfterSeconds?: number;
  /** GitHub's own words (`message`, `errors[].message`), for a details view. */
  details?: string[];
  /** The system error code of a network failure, such as `ECONNREFUSED`. */
  code?: string;
}

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  readonly kind: GitHubErrorKind;
  /** What happened, without the next step: `message` is `summary` then `nextStep`. */
  readonly summary: string;
  /** The one thing the PM should do next. */
  readonly nextStep: string;
  readonly status?: number;
  readonly ssoUrl?: string;
  readonly retryAfterSeconds?: number;
  readonly details: string[];
  readonly code?: string;

  constructor(kind: GitHubErrorKind, what: string, nextStep: string, fields: GitHubErrorFields = {}) {
    super(`${what} ${nextStep}`);
    this.kind = kind;
    this.summary = what;
    this.nextStep = nextStep;
    this.details = fields.details ?? [];
    if (fields.status !== undefined) this.status = fields.status;
    if (fields.ssoUrl !== undefined) this.ssoUrl = fields.ssoUrl;
    if (fields.retryAfterSeconds !== undefined) this.retryAfterSeconds = fields.retryAfterSeconds;
    if (fields.code !== undefined) this.code = fields.code;
  }
}

/** What was being done, so the message names it. */
export interface FailureContext {
  /** The API address as the PM configured it, without credentials. */
  apiUrl: string;
  /** `owner/repo`, when the request concerned one repository. */
  repository?: string;
  /** A verb phrase: `open pull requests`, `add labels`, `request reviewers`. */
  action: string;
}

/** The parts of an @octokit/request error this module reads (duck-typed: the class is not a direct dependency). */
interface HttpFailure {
  status?: unknown;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
  name?: unknown;
}

export function toGitHubError(error: unknown, context: FailureContext): GitHubError {
  if (error instanceof GitHubError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  if (!failure.response || typeof failure.status !== 'number') return networkError(failure, context);
  const refusal: Refusal = {
    status: failure.status,
    headers: failure.response.headers ?? {},
    data: failure.response.data,
    details: githubMessages(failure.response.data),
    where: context.repository ?? 'this repository',
  };
  // In this order: a 403 is an SSO refusal or a rate limit before it is "no permission".
  return signInRefusal(refusal) ?? rateLimited(refusal) ?? accessRefusal(refusal, context) ?? requestRefusal(refusal);
}

/** One refused request, as the messages below read it. */
interface Refusal {
  status: number;
  headers: Record<string, string | undefined>;
  data: unknown;
  details: string[];
  /** `owner/repo`, or "this repository". */
  where: string;
}

/** Refused for how the request was signed in: the token itself, or the organisation's SSO. */
function signInRefusal({ status, headers, details, where }: Refusal): GitHubError | undefined {
  if (status === 401) {
    return new GitHubError('unauthorized', 'GitHub did not accept the sign-in (401).', 'Sign in to GitHub again.', { status, details });
  }
  const ssoUrl = ssoAuthorisationUrl(headers['x-github-sso']);
  if (status === 403 && ssoUrl !== undefined) {
    return new GitHubError(
      'sso-required',
      `The organisation that owns ${where} uses single sign-on, and the GitHub token is not authorised for it.`,
      `Authorise the token for the organisation's SSO${ssoUrl ? `: ${ssoUrl}` : ' in your GitHub settings'}, then try again.`,
      { status, details, ...(ssoUrl ? { ssoUrl } : {}) },
    );
  }
  return undefined;
}

/** Refused for who is asking: no permission, or a repository out of reach. */
function accessRefusal({ status, details, where }: Refusal, context: FailureContext): GitHubError | undefined {
  if (status === 403) {
    return new GitHubError(
      'forbidden',
      `Your GitHub account has no permission to ${context.action} in ${where}.`,
      'Ask a maintainer of the repository for write access.',
      { status, details },
    );
  }
  if (status === 404) {
    return new GitHubError(
      'not-found',
      `GitHub says ${where} does not exist, or your account has no access to it.`,
      'Check the repository name of the git remote, and ask its maintainers for access.',
      { status, details },
    );
  }
  return undefined;
}

function rateLimited({ status, headers, details }: Refusal): GitHubError | undefined {
  const waitMs = rateLimitWaitMs(status, headers, details.join(' '));
  if (waitMs === undefined) return undefined;
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return new GitHubError(
    'rate-limited',
    'GitHub asks to slow down: too many requests for now (rate limit).',
    `Try again in ${describeWait(retryAfterSeconds)}; your text is kept.`,
    { status, details, retryAfterSeconds },
  );
}

/** Refused for what was asked: the pull request exists, nothing to send, no drafts; or GitHub itself failed. */
function requestRefusal({ status, data, details, where }: Refusal): GitHubError {
  const text = details.join(' ');
  if (status === 422 && /pull request already exists/i.test(text)) {
    return new GitHubError('already-exists', 'A pull request is already open for this branch.', 'Open it from GitHub.', { status, details });
  }
  if (status === 422 && /no commits between/i.test(text)) {
    return new GitHubError(
      'no-commits',
      `The branch has no commits that are not already on the base branch (GitHub: "${text}").`,
      'Commit the change and push a commit first.',
      { status, details },
    );
  }
  if (status === 422 && /draft pull requests are not supported/i.test(text)) {
    return new GitHubError('drafts-unsupported', `${where} does not support draft pull requests.`, 'Open it as a pull request ready for review instead.', { status, details });
  }
  if (status >= 500) {
    return new GitHubError(
      'server',
      `GitHub had a problem on its side (${status}).`,
      'Try again in a few minutes; if the pull request was opened meanwhile, PM Zone finds it instead of opening another.',
      { status, details },
    );
  }
  return new GitHubError(
    'validation',
    `GitHub did not accept the request (${status}): ${text.replace(/[.\s]+$/, '') || 'no reason given'}.`,
    nextStepForValidation(data),
    { status, details },
  );
}

/** The longest explanation kept from GitHub, and how many: a server can send megabytes, a terminal shows a line. */
const MAX_DETAIL_LENGTH = 500;
const MAX_DETAILS = 10;

/** GitHub's explanations: the top `message` and each `errors[]` entry, described when it has no message. */
function githubMessages(data: unknown): string[] {
  if (typeof data === 'string') return data.trim() ? [clip(data.trim())] : [];
  if (typeof data !== 'object' || data === null) return [];
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const entries = Array.isArray(errors) ? errors.slice(0, MAX_DETAILS).map(describeValidationEntry).filter((entry) => entry !== '') : [];
  // "Validation Failed" says nothing once the entries say what failed.
  const top = typeof message === 'string' && !(entries.length > 0 && /^validation failed$/i.test(message)) ? [message] : [];
  return [...top, ...entries].map(clip);
}

function clip(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}… (${text.length - MAX_DETAIL_LENGTH} more characters)` : text;
}

/**
 * A reply that is not what GitHub sends: HTML from a proxy or a captive
 * portal, a body cut off. It is an error like any other, never read as an
 * empty answer ("no pull request open") or as a pull request with no number.
 */
export function unreadableReply(context: FailureContext, status: number): GitHubError {
  return new GitHubError(
    'server',
    `The reply from ${context.apiUrl} to "${context.action}" was not GitHub's (status ${status}, but not the JSON GitHub sends: a proxy or a Wi-Fi sign-in page?).`,
    'Check the network (sign in to the Wi-Fi, or the VPN), then try again; your text is kept.',
    { status },
  );
}

function describeValidationEntry(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return '';
  const { message, field, code } = entry as { message?: unknown; field?: unknown; code?: unknown };
  if (typeof message === 'string' && message) return message;
  if (typeof field === 'string' && typeof code === 'string') return `${field} is ${code.replace(/_/g, ' ')}`;
  return '';
}

function nextStepForValidation(data: unknown): string {
  const errors = (typeof data === 'object' && data !== null ? (data as { errors?: unknown }).errors : undefined) ?? [];
  const fields = Array.isArray(errors) ? errors.map((entry) => (entry as { field?: unknown } | null)?.field) : [];
  if (fields.includes('head')) return 'Push the branch to GitHub first, then try again.';
  if (fields.includes('base')) return 'Check that the base branch exists on GitHub.';
  return 'Correct what GitHub names above and try again; your text is kept.';
}

/** `required; url=https://…` → the URL; `''` when required without one; undefined when not required. */
function ssoAuthorisationUrl(header: string | undefined): string | undefined {
  if (!header || !/^\s*required\b/i.test(header)) return undefined;
  const url = /\burl=(\S+)/i.exec(header)?.[1]?.replace(/[;,]$/, '');
  return url && /^https?:\/\//i.test(url) ? url : '';
}

function networkError(failure: HttpFailure, context: FailureContext): GitHubError {
  const code = systemCode(failure);
  if (code === 'TimeoutError') {
    return new GitHubError('network', `GitHub (${context.apiUrl}) did not answer in time.`, 'Check the network or VPN, then try again.', { code });
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new GitHubError(
      'network',
      `The certificate of ${context.apiUrl} is not trusted (${code}).`,
      "Ask IT for the server's certificate, or check the VPN.",
      { code },
    );
  }
  const shownCode = code ? ` (${code})` : '';
  return new GitHubError('network', `PM Zone cannot reach GitHub (${context.apiUrl})${shownCode}.`, 'Check the network or VPN, then try again.', code ? { code } : {});
}

/** The first system error code in the cause chain (fetch wraps the socket error twice). */
function systemCode(failure: HttpFailure): string | undefined {
  let current: unknown = failure;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') return 'TimeoutError';
    if (typeof code === 'string' && code) return code;
    current = cause;
  }
  return undefined;
}

export function describeWait(seconds: number): string {
  if (seconds < 90) {
    const shown = Math.max(1, seconds);
    return `${shown} second${shown === 1 ? '' : 's'}`;
  }
  return `${Math.ceil(seconds / 60)} minutes`;
}
