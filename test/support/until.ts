// Waiting for something the test cannot be told about (a badge painted, a
// file written, an extension activated): the one polling helper of the
// integration and end-to-end tiers and the benchmarks.

/**
 * Asks `read` every `intervalMs` until it gives a value (not undefined or
 * false) and returns it; after `timeoutMs`, fails naming `what` it waited for.
 */
export async function until<T>(what: string, read: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
