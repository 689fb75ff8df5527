// One GET of the controls' reading, with GitHub's refusals kept as answers:
// a 403 (a missing permission, SAML single sign-on not authorised for the
// token, an IP allow list) or a 404 makes what it would have said unknown,
// with the reason; anything else (401, a rate limit, the network) is thrown.

import type { Connection } from '../pr/github/connection';
import { toGitHubError } from '../pr/github/errors';

export type Answer<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function ask<T>(github: Connection, action: string, repository: string, send: () => Promise<{ data: unknown }>): Promise<Answer<T>> {
  try {
    return { ok: true, data: (await send()).data as T };
  } catch (error) {
    const failure = toGitHubError(error, github.context(action, repository));
    if (failure.status === undefined) throw failure;
    if (failure.kind === 'sso-required') return { ok: false, status: failure.status, message: `${failure.summary} ${failure.nextStep}` };
    if (failure.kind === 'forbidden' || failure.kind === 'not-found') return { ok: false, status: failure.status, message: failure.details[0] ?? '' };
    throw failure;
  }
}

/** "GitHub answered 403: Resource protected by organization SAML enforcement…", for the evidence. */
export function refusal(answer: { status: number; message: string }): string {
  const message = answer.message.replace(/\s+/g, ' ').trim();
  return `GitHub answered ${answer.status}${message ? `: ${message.length > 400 ? `${message.slice(0, 399)}…` : message}` : ''}`;
}
