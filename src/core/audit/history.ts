// What git remembers of the pull requests' chains, read in as few git
// processes as the questions allow (starting a process costs more than any
// of these answers): the files and date of every merge in one log, every
// planning doc in one batch, and every version of the flags files once,
// however many pull requests' windows the flip commits fall in.

import { isFlagsFile, parseFlagsFile } from '../review/checks/flags';
import { readBlobs, type Git } from '../git';
import { literalPathspec } from '../git/pathspec';
import type { CommitLink, FlagFlip, FlagState } from './model';

const FIELD = '\x1f';
const RECORD = '\x1e';
/** Where flags live, as the review's isFlagsFile reads them. */
const FLAGS_FILES = [':(glob)**/flags.yaml', ':(glob)**/flags.yml'];
/** Git processes run side by side for the per-pull-request questions. */
const PARALLEL = 4;

export type CommitUrl = (sha: string) => string;

export interface Merge {
  /** The merge (or squash) commit, with its author date. */
  commit: CommitLink;
  /** The files it changed against its first parent. */
  files: string[];
}

/** Thrown when git cannot answer for a merge: the clone lacks it. */
export class MissingHistoryError extends Error {}

/**
 * Every merge's files and author, from one `git log --no-walk`. A merge this
 * clone does not have is an error that names it: auditing around it would
 * report links as missing that only the clone lacks.
 */
export async function readMerges(git: Git, shas: readonly string[], commitUrl: CommitUrl, options: { skipMissing?: boolean } = {}): Promise<Map<string, Merge>> {
  const merges = new Map<string, Merge>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return merges;
  const out = await git.run(['log', '--no-walk=unsorted', '--ignore-missing', '-m', '--first-parent', '--name-only', '-z', `--format=${RECORD}%H${FIELD}%aI${FIELD}%an`, ...unique]);
  for (const record of out.split(RECORD).filter(Boolean)) {
    const end = record.indexOf('\0');
    const header = end < 0 ? record : record.slice(0, end);
    const files = end < 0 ? [] : record.slice(end + 1).replace(/^\n/, '').split('\0').filter(Boolean);
    const commit = commitLink(header, commitUrl);
    merges.set(commit.sha, { commit, files });
  }
  const absent = unique.filter((sha) => !merges.has(sha));
  if (absent.length > 0 && !options.skipMissing) {
    throw new MissingHistoryError(`This clone lacks the merge commit${absent.length > 1 ? 's' : ''} ${absent.map((sha) => sha.slice(0, 7)).join(', ')}: run git fetch origin (git fetch --unshallow in a shallow clone) and audit again. Nothing was audited.`);
  }
  return merges;
}

/**
 * The PLANNING.md each merge answers to, with its text at the merge: one the
 * change touched, else the nearest one above its files (a planning doc merged
 * earlier, in its own pull request, as the pilot's first week does). One
 * `git cat-file --batch` for every merge.
 */
export async function planningDocsOf(git: Git, merges: ReadonlyMap<string, Merge>): Promise<Map<string, { path: string; text: string } | null>> {
  const candidates = new Map<string, string[]>();
  for (const [sha, merge] of merges) {
    const changed = merge.files.find((file) => file === 'PLANNING.md' || file.endsWith('/PLANNING.md'));
    const above = new Set<string>();
    for (const file of merge.files) {
      const parts = file.split('/').slice(0, -1);
      for (let depth = parts.length; depth >= 1; depth--) above.add(`${parts.slice(0, depth).join('/')}/PLANNING.md`);
    }
    candidates.set(sha, changed ? [changed] : [...above].sort((a, b) => b.split('/').length - a.split('/').length));
  }
  const blobs = await readBlobs(git, [...candidates].flatMap(([sha, paths]) => paths.map((path) => `${sha}:${path}`)));
  const docs = new Map<string, { path: string; text: string } | null>();
  for (const [sha, paths] of candidates) {
    const path = paths.find((candidate) => blobs.get(`${sha}:${candidate}`)?.text !== undefined);
    docs.set(sha, path ? { path, text: blobs.get(`${sha}:${path}`)!.text! } : null);
  }
  return docs;
}

/** The first commit that added `path` in the history of `commit`, or null. */
export async function commitThatAdded(git: Git, commit: string, path: string, commitUrl: CommitUrl): Promise<CommitLink | null> {
  const out = await git.run(['log', '--diff-filter=A', '--reverse', `--format=%H${FIELD}%aI${FIELD}%an`, commit, '--', literalPathspec(path)]);
  const first = out.split('\n').find(Boolean);
  return first ? commitLink(first, commitUrl) : null;
}

/**
 * The author date of the first commit a merge brought that changed something
 * besides a PLANNING.md: when the code started. For a squash merge, the merge
 * itself.
 */
export async function firstCodeCommit(git: Git, merge: string): Promise<string | null> {
  const out = await git.run(['log', '--reverse', '--no-merges', '--format=%aI', `${merge}^1..${merge}`, '--', '.', ':(exclude,glob)**/PLANNING.md', ':(exclude)PLANNING.md']).catch(() => '');
  const first = out.split('\n').find(Boolean);
  return first ? utc(first) : null;
}

/** The commits a merge brought (for a squash merge, itself), oldest first. */
export async function commitsOfMerge(git: Git, merge: string, commitUrl: CommitUrl): Promise<Array<CommitLink & { subject: string }>> {
  const out = await git.run(['log', '--reverse', '--no-merges', `--format=%H${FIELD}%aI${FIELD}%an${FIELD}%s`, `${merge}^1..${merge}`]).catch(() => '');
  return out.split('\n').filter(Boolean).map((line) => ({ ...commitLink(line, commitUrl), subject: line.split(FIELD)[3] ?? '' }));
}

/** The commits after a merge, up to the branch tip, that touched a flags file, oldest first, with the files. */
interface FlagCommit {
  commit: CommitLink;
  files: string[];
}

/**
 * Every change to the enabled state or rollout of each merge's flags in the
 * commits after it, up to `until`, oldest first: one log per merge for its
 * window, then every version of the flags files those windows hold read once
 * and parsed with the review's own reader.
 */
export async function flagFlipsAfterEach(git: Git, wanted: ReadonlyMap<string, readonly string[]>, until: string, commitUrl: CommitUrl): Promise<Map<string, FlagFlip[]>> {
  const asked = [...wanted].filter(([, flags]) => flags.length > 0);
  const windows = new Map(await mapLimited(asked, async ([merge]) => [merge, await flagCommits(git, merge, until, commitUrl)] as const));
  const commits = new Map<string, FlagCommit>();
  for (const window of windows.values()) for (const entry of window) commits.set(entry.commit.sha, entry);
  const blobs = await readBlobs(git, [...commits.values()].flatMap(({ commit, files }) => files.flatMap((file) => [`${commit.sha}^:${file}`, `${commit.sha}:${file}`])));
  const states = new Map<string, Map<string, FlagState>>();
  const stateAt = (name: string, file: string) => {
    let state = states.get(name);
    if (!state) states.set(name, (state = stateOf(blobs.get(name)?.text, file)));
    return state;
  };
  const flips = new Map<string, FlagFlip[]>();
  for (const [merge, flags] of wanted) {
    const found: FlagFlip[] = [];
    for (const { commit, files } of windows.get(merge) ?? []) {
      for (const file of files) {
        const before = stateAt(`${commit.sha}^:${file}`, file);
        const after = stateAt(`${commit.sha}:${file}`, file);
        for (const flag of flags) {
          const to = after.get(flag);
          const from = before.get(flag) ?? null;
          if (to && (!from || from.enabled !== to.enabled || from.rollout !== to.rollout)) found.push({ ...commit, flag, file, from, to, source: 'repository' });
        }
      }
    }
    flips.set(merge, found);
  }
  return flips;
}

async function flagCommits(git: Git, since: string, until: string, commitUrl: CommitUrl): Promise<FlagCommit[]> {
  const log = await git.run(['log', '--reverse', '--no-merges', '--name-only', `--format=${RECORD}%H${FIELD}%aI${FIELD}%an`, `${since}..${until}`, '--', ...FLAGS_FILES]);
  return log.split(RECORD).filter((text) => text.trim()).map((record) => {
    const [header = '', ...names] = record.split('\n');
    return { commit: commitLink(header, commitUrl), files: names.map((name) => name.trim()).filter((name) => name && isFlagsFile(name)) };
  });
}

/** `work` over `items`, at most PARALLEL at a time, results in order. */
export async function mapLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return results;
}

function stateOf(text: string | undefined, file: string): Map<string, FlagState> {
  if (text === undefined) return new Map();
  return new Map(parseFlagsFile(text, file).flags.map((flag) => [flag.name, { enabled: flag.enabled, rollout: flag.rollout }]));
}

function commitLink(line: string, commitUrl: CommitUrl): CommitLink {
  const [sha = '', date = '', author = ''] = line.split(FIELD);
  return { sha, date: utc(date), author, url: commitUrl(sha) };
}

/** Git's `2026-03-02T10:00:00+01:00` as GitHub writes times: `2026-03-02T09:00:00Z`. */
export function utc(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}
