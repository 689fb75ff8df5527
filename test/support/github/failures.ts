// GitHub's documented failures, for `failNext`: what the client must survive.
import { errorBody } from './http';

export type Failure =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** A reply that is not GitHub's JSON: a proxy's or captive portal's page, a body cut off. */
  | { status: number; raw: string; contentType?: string }
  | 'destroy-socket'
  | 'hang';

export const githubFailures = {
  validation: (message: string): Failure => ({
    status: 422,
    body: errorBody('Validation Failed', 422, [{ resource: 'PullRequest', code: 'custom', message }]),
  }),
  badCredentials: (): Failure => ({ status: 401, body: errorBody('Bad credentials', 401) }),
  notFound: (): Failure => ({ status: 404, body: errorBody('Not Found', 404) }),
  forbidden: (message = 'Resource not accessible by integration'): Failure => ({ status: 403, body: errorBody(message, 403) }),
  ssoRequired: (url: string): Failure => ({
    status: 403,
    headers: { 'x-github-sso': `required; url=${url}` },
    body: errorBody('Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.', 403),
  }),
  secondaryRateLimit: (retryAfterSeconds: number): Failure => ({
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: errorBody('You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', 403),
  }),
  primaryRateLimit: (resetEpochSeconds: number): Failure => ({
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetEpochSeconds) },
    body: errorBody('API rate limit exceeded for user ID 1.', 403),
  }),
  serverError: (status = 502): Failure => ({ status, body: errorBody('Server Error', status) }),
  captivePortal: (status = 200): Failure => ({ status, raw: '<html><body>Sign in to the hotel Wi-Fi</body></html>', contentType: 'text/html' }),
  cutOffJson: (status = 201): Failure => ({ status, raw: '{"number": 7, "html_url": "http://127.0.0.1/acme/sh' }),
};
