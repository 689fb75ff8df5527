// Waiting for something the test cannot be told about (a badge painted, a
// file written, an extension activated): the one polling helper of the
// integration and end-to-end tiers and the benchmarks.

/**
 * A wait that took more than this share of its limit is logged: a test that passes at 90% of a limit on a quiet
 * machine fails on a loaded one, and the log says which wait to look at before it does.
 */
const SLOW_SHARE = 0.6;

/**
 * Asks `read` every `intervalMs` until it gives a value (not undefined or
 * false) and returns it; after `timeoutMs`, fails naming `what` it waited for.
 */
export async function until<T>(what: string, read: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) {
      const waited = Date.now() - started;
      if (waited > timeoutMs * SLOW_SHARE) console.log(`      (waited ${(waited / 1000).toFixed(1)} s of its ${timeoutMs / 1000} s for ${what})`);
      return value;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
