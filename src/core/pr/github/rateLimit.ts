// GitHub's rate limits, read the way GitHub documents them: a secondary limit
// says `retry-after` (seconds); the primary limit says
// `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds); a
// secondary limit without headers means "wait at least a minute".

import { setTimeout as sleep } from 'node:timers/promises';

const DEFAULT_WAIT_MS = 60_000;

/**
 * How long GitHub asks to wait, or undefined when the response is not a rate
 * limit. `text` is GitHub's message, for the secondary limit without headers.
 */
export function rateLimitWaitMs(
  status: number,
  headers: Record<string, string | undefined>,
  text = '',
  now = Date.now(),
): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (headers['x-ratelimit-remaining']?.trim() === '0' && reset && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - now);
  }
  if (status === 429 || /rate limit/i.test(text)) return DEFAULT_WAIT_MS;
  return undefined;
}

export interface Attempts {
  maxRetries: number;
  maxWaitMs: number;
  wait?: (ms: number) => Promise<void>;
}

/**
 * Sends one request, and sends it again when GitHub rate-limits it and the
 * wait is short. Retrying a rate-limited POST is safe: GitHub refused it
 * before doing anything.
 */
export async function sendWithRetries<R>(send: () => R | Promise<R>, attempts: Attempts): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const waitMs = waitFromError(error);
      if (waitMs === undefined || attempt >= attempts.maxRetries || waitMs > attempts.maxWaitMs) throw error;
      await (attempts.wait ?? sleep)(waitMs);
    }
  }
}

function waitFromError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, string>; data?: unknown } };
  if (typeof status !== 'number' || !response) return undefined;
  const data = response.data as { message?: unknown } | undefined;
  const text = typeof data?.message === 'string' ? data.message : '';
  return rateLimitWaitMs(status, response.headers ?? {}, text);
}
