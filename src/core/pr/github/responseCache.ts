// GitHub's answers kept between runs, so that reading the same history again
// costs almost nothing: every GET is sent with the ETag of the last answer
// (`If-None-Match`), and GitHub's 304 ("not modified", which does not count
// against the rate limit) is answered from the copy. Values derived from a
// versioned object (a pull request's reviews at its `updated_at`) are kept
// too, and reused without asking at all.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeRepositoryFile } from '../../git/repositoryWrite';

interface StoredResponse {
  etag: string;
  data: unknown;
  /** The headers a reader needs again: `link` drives pagination. */
  link?: string;
}

interface CacheFile {
  version: 1;
  responses: Record<string, StoredResponse>;
  derived: Record<string, { version: string; value: unknown }>;
}

/** What one run asked GitHub, for the report: requests sent, how many GitHub answered 304, how many were not sent at all. */
export interface RequestCounts {
  requests: number;
  notModified: number;
  reused: number;
}

export class ResponseCache {
  readonly counts: RequestCounts = { requests: 0, notModified: 0, reused: 0 };
  private changed = false;

  private constructor(private readonly file: string | undefined, private readonly store: CacheFile) {}

  /** An empty cache that lives only for this run (no file). */
  static inMemory(): ResponseCache {
    return new ResponseCache(undefined, { version: 1, responses: {}, derived: {} });
  }

  /** The cache kept in `file`; a missing, unreadable or foreign file starts empty (a cache never decides an answer). */
  static async open(file: string): Promise<ResponseCache> {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    let store: CacheFile = { version: 1, responses: {}, derived: {} };
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>;
      if (parsed.version === 1 && typeof parsed.responses === 'object' && typeof parsed.derived === 'object') store = parsed as CacheFile;
    } catch {
      // Empty or damaged: start again.
    }
    return new ResponseCache(file, store);
  }

  /** Writes the cache back when this run learnt anything; a write that fails costs only the next run's savings. */
  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    // Kept in PM Zone's folder of the git folder, and written only there.
    const gitFolder = path.dirname(path.dirname(this.file));
    await writeRepositoryFile(gitFolder, path.relative(gitFolder, this.file), JSON.stringify(this.store), { mode: 'replace' }).catch(() => undefined);
  }

  /** The `If-None-Match` to send with a GET of `url`, if an answer is kept. */
  etagFor(url: string): string | undefined {
    return this.store.responses[url]?.etag;
  }

  /** Keeps a 200 answer that carries an ETag. */
  remember(url: string, etag: string | undefined, data: unknown, link: string | undefined): void {
    this.counts.requests++;
    if (!etag) return;
    this.store.responses[url] = { etag, data, ...(link ? { link } : {}) };
    this.changed = true;
  }

  /** The kept answer for a 304. */
  notModified(url: string): { data: unknown; link?: string } | undefined {
    this.counts.requests++;
    const stored = this.store.responses[url];
    if (stored) this.counts.notModified++;
    return stored;
  }

  /** `compute()` unless a value is kept for `key` at this `version`; a value `final` says is not final yet is not kept. */
  async derived<T>(key: string, version: string, compute: () => Promise<T>, final: (value: T) => boolean = () => true): Promise<T> {
    const kept = this.store.derived[key];
    if (kept && kept.version === version) {
      this.counts.reused++;
      return kept.value as T;
    }
    const value = await compute();
    if (!final(value)) return value;
    this.store.derived[key] = { version, value };
    this.changed = true;
    return value;
  }
}
