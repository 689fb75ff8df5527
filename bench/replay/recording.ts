// What one replayed review read, kept so the review can run again without the
// repository: the change, every file it read at the commit, every folder it
// listed and every search it made, with each text kept once however many
// reviews read it. Only strings files and the project's locale settings are
// kept: no code of the repositories (a changed script is left out of the
// change, a script read is absent, a search hit keeps its place, not its line),
// so an entry whose verdict needs their code is replayed by the bench alone. `npm run replay -- --record FILE`
// writes one (gzipped JSON); the unit tier replays it (replayFormats.test.ts)
// and asserts the counts, so a drop in recall fails a test.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseZonePolicy } from '../../src/core/policy';
import { buildRepositoryPolicy } from '../../src/core/repository';
import { DEFAULT_SETTINGS } from '../../src/core/repository/settings';
import { loadChecklist, reviewChange, type Change } from '../../src/core/review';
import type { ChangedFile, TextHit, TextSearch } from '../../src/core/review/model';
import type { Finding, FileSource } from '../../src/core/types';
import { formatOf, isStringsFile } from '../../src/core/review/checks/i18n/stringsFile';

/** The files a recording keeps the text of: strings, the zone, and the settings that name the locales. */
function shipped(path: string): boolean {
  return path === 'CLAUDE.md' || (formatOf(path) !== undefined && isStringsFile(path)) || /(?:^|\/)(?:crowdin\.ya?ml|l10n\.yaml)$/.test(path);
}

export interface Expected {
  check: string;
  file: string;
  /** A word of the message that names the string or event (`label.page-of`). */
  mentions?: string;
}

export interface Mutation {
  file: string;
  from: string;
  to: string;
}

export interface ReplayCommit {
  repo: string;
  sha: string;
  /** What the commit is, for people reading the list. */
  kind: string;
  mutate?: Mutation | Mutation[];
  /** Only the mutations, on the files as they are at `sha`: a PM's edit rather than the commit. */
  probe?: boolean;
  /** The blocking findings a careful reviewer would want; anything else that blocks is wrong. */
  expect: Expected[];
  /** The strings format the entry replays, for the per-format table (`po`, `android`…). */
  format?: string;
  /** Kept in the unit tier's recording (`--record` replays these alone): entries whose reads are small enough to ship. */
  recorded?: boolean;
}

/** Content checks: the zone, planning, size and AI checks are about the repository's rules, not the change's content. */
export const CONTENT = /^(?:i18n|analytics|prompts|flags|security)\./;

export function matches(found: Finding, expected: Expected): boolean {
  return found.check === expected.check && found.file === expected.file && (expected.mentions === undefined || found.message.includes(expected.mentions));
}

/** One row of a precision table: blocking findings right of all, benign edits blocked, labelled violations caught. */
export interface Row {
  commits: number;
  blocking: number;
  right: number;
  benignProbes: number;
  benignBlocked: number;
  labelled: number;
  caught: number;
}

export const emptyRow = (): Row => ({ commits: 0, blocking: 0, right: 0, benignProbes: 0, benignBlocked: 0, labelled: 0, caught: 0 });

/** Adds one entry's blocking findings to its row. */
export function score(row: Row, commit: ReplayCommit, blocking: Finding[]): void {
  row.commits++;
  for (const found of blocking) {
    row.blocking++;
    if (commit.expect.some((expected) => matches(found, expected))) row.right++;
  }
  if (commit.probe && commit.expect.length === 0) {
    row.benignProbes++;
    if (blocking.length > 0) row.benignBlocked++;
  }
  row.labelled += commit.expect.length;
  row.caught += commit.expect.filter((expected) => blocking.some((found) => matches(found, expected))).length;
}

/** The whole review of `change` as `pm-zone review` runs it, with `zone` as CLAUDE.md and its first pilot PM the author. */
export async function reviewWith(change: Change, files: FileSource, zone: string, search: TextSearch | undefined, withNames?: (zone: ReturnType<typeof parseZonePolicy>, files: FileSource) => Promise<ReturnType<typeof parseZonePolicy>>): Promise<Finding[]> {
  const parsed = parseZonePolicy(zone, 'CLAUDE.md');
  const zonePolicy = withNames ? await withNames(parsed, files) : parsed;
  // The change is a pilot PM's: flags they own are theirs to change.
  const settings = { ...DEFAULT_SETTINGS, ...(zonePolicy.pilots[0] ? { handle: zonePolicy.pilots[0].handle } : {}) };
  const policy = buildRepositoryPolicy(settings, zonePolicy, undefined);
  const checklist = await loadChecklist(files, DEFAULT_SETTINGS.skillFile);
  const input = { change, policy, checklist, files, options: { maxFiles: 10, maxLines: 300 }, ...(search ? { search } : {}) } as Parameters<typeof reviewChange>[0];
  const { result } = await reviewChange(input);
  return result.findings;
}

type Stored = Omit<ChangedFile, 'oldText' | 'newText'> & { oldText?: string; newText?: string };

/** One entry as recorded: texts by their id in `Recording.texts`; null where the file or folder did not exist. */
export interface RecordedEntry extends ReplayCommit {
  /** A probe's edited files keep no new text: it is their old text with the entry's `mutate` applied again. */
  change: Omit<Change, 'files'> & { files: Stored[] };
  reads: Record<string, string | null>;
  listings: Record<string, string[] | null>;
  /** The id of the repository's path list, one a line (the same list for every entry at a commit). */
  listFiles?: string | null;
  searches: Record<string, TextHit[]>;
}

export interface Recording {
  entries: RecordedEntry[];
  texts: Record<string, string>;
}

/** Collects the reads of the reviews of one replay. */
export class Recorder {
  readonly recording: Recording = { entries: [], texts: {} };

  private keep(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    const id = createHash('sha1').update(text).digest('hex').slice(0, 16);
    this.recording.texts[id] = text;
    return id;
  }

  /** Wraps the entry's file source and search; what they answer is recorded with the change. */
  begin(commit: ReplayCommit, change: Change, files: FileSource, search: TextSearch | undefined): { files: FileSource; search: TextSearch | undefined } {
    const entry: RecordedEntry = {
      ...commit,
      change: { ...change, files: change.files.filter((file) => shipped(file.path)).map((file) => ({ ...file, oldText: this.keep(file.oldText), newText: commit.probe ? undefined : this.keep(file.newText) })) },
      reads: {},
      listings: {},
      searches: {},
    };
    this.recording.entries.push(entry);
    return {
      files: {
        readText: async (relPath) => {
          const text = await files.readText(relPath);
          // A changed file is read as the change has it: kept with the change.
          if (!change.files.some((file) => file.path === relPath)) entry.reads[relPath] = shipped(relPath) ? (this.keep(text) ?? null) : null;
          return text;
        },
        listDirectory: async (relDir) => {
          const names = await files.listDirectory?.(relDir);
          entry.listings[relDir] = names ?? null;
          return names;
        },
        listFiles: async () => {
          const paths = await files.listFiles?.();
          entry.listFiles = paths ? (this.keep(paths.join('\n')) ?? null) : null;
          return paths;
        },
      },
      search: search && {
        find: async (needles, options) => {
          const hits = await search.find(needles, options);
          entry.searches[JSON.stringify([needles, options])] = hits.map((hit) => ({ ...hit, text: shipped(hit.file) ? hit.text : '' }));
          return hits;
        },
      },
    };
  }

  gzipped(): Buffer {
    return gzipSync(JSON.stringify(this.recording));
  }
}

export function readRecording(gzipped: Buffer): Recording {
  return JSON.parse(gunzipSync(gzipped).toString('utf8')) as Recording;
}

/** The recorded entry's change and sources, answering as the repository did. */
export function replayed(entry: RecordedEntry, texts: Record<string, string>): { change: Change; files: FileSource; search: TextSearch } {
  const text = (id: string | null | undefined) => (id === null || id === undefined ? undefined : texts[id]);
  const mutations = entry.mutate === undefined ? [] : Array.isArray(entry.mutate) ? entry.mutate : [entry.mutate];
  const newText = (file: Stored) => {
    const old = text(file.oldText);
    if (!entry.probe) return text(file.newText);
    return mutations.filter((mutation) => mutation.file === file.path).reduce((edited, mutation) => edited.replace(mutation.from, mutation.to), old ?? '');
  };
  const change = { ...entry.change, files: entry.change.files.map((file) => ({ ...file, oldText: text(file.oldText), newText: newText(file) })) } as Change;
  const paths = text(entry.listFiles)?.split('\n');
  return {
    change,
    files: {
      readText: async (relPath) => {
        const changed = change.files.find((file) => file.path === relPath);
        return changed ? changed.newText : text(entry.reads[relPath]);
      },
      listDirectory: async (relDir) => entry.listings[relDir] ?? undefined,
      listFiles: async () => paths,
    },
    search: {
      find: async (needles, options) => {
        const hits = entry.searches[JSON.stringify([needles, options])];
        if (hits === undefined) throw new Error(`${entry.repo}@${entry.sha}: a search the recording did not make`);
        return hits;
      },
    },
  };
}
