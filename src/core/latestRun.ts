/**
 * Runs of one asynchronous task per key (a repository's policy load, a
 * document's check), where only the run started last may apply what it found.
 * Runs overlap: a reload that asks git may end after one started later that
 * asked nothing, and the earlier one read older settings or files. Letting the
 * last to end win would show them; the last to start is the fresh one.
 */
export class LatestRuns {
  private lastRun = 0;
  private readonly latest = new Map<string, number>();

  /** Marks a run of `key` as started; the function returned says whether it is still the latest of its key. */
  start(key: string): () => boolean {
    const run = ++this.lastRun;
    this.latest.set(key, run);
    return () => this.latest.get(key) === run;
  }

  /** Makes every run of `key` under way stale, as a newer one would (a clear, a closed document). */
  supersede(key: string): void {
    this.latest.set(key, ++this.lastRun);
  }

  /** Forgets `key`: runs under way are stale, and nothing is kept for it. */
  forget(key: string): void {
    this.latest.delete(key);
  }
}
