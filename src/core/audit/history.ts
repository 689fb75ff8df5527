// What git remembers of a pull request's chain: the files its merge brought,
// the commit that added its PLANNING.md, and the flips of its flag after.

import { isFlagsFile, parseFlagsFile } from '../review/checks/flags';
import { readBlobs, type Git } from '../git';
import type { CommitLink, FlagFlip, FlagState } from './model';

const FIELD = '\x1f';

/** The files a merged pull request changed: its merge (or squash) commit against the first parent. */
export async function mergedFiles(git: Git, mergeCommit: string): Promise<string[]> {
  const out = await git.run(['diff', '--name-only', '-z', '--no-renames', `${mergeCommit}^1`, mergeCommit]);
  return out.split('\0').filter(Boolean);
}

/**
 * The PLANNING.md a change answers to: one it changed, else the nearest one
 * above its files at the merge (a planning doc merged earlier, in its own
 * pull request, as the pilot's first week does).
 */
export async function planningPathOf(git: Git, mergeCommit: string, files: readonly string[]): Promise<string | null> {
  const changed = files.find((file) => file === 'PLANNING.md' || file.endsWith('/PLANNING.md'));
  if (changed) return changed;
  const candidates = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let depth = parts.length; depth >= 1; depth--) candidates.add(`${parts.slice(0, depth).join('/')}/PLANNING.md`);
  }
  const ordered = [...candidates].sort((a, b) => b.split('/').length - a.split('/').length);
  const blobs = await readBlobs(git, ordered.map((path) => `${mergeCommit}:${path}`));
  return ordered.find((path) => blobs.get(`${mergeCommit}:${path}`)?.text !== undefined) ?? null;
}

/** The first commit that added `path` in the history of `commit`, or null. */
export async function commitThatAdded(git: Git, commit: string, path: string, commitUrl: (sha: string) => string): Promise<CommitLink | null> {
  const out = await git.run(['log', '--diff-filter=A', '--reverse', `--format=%H${FIELD}%aI${FIELD}%an`, commit, '--', path]);
  const first = out.split('\n').find(Boolean);
  return first ? commitLink(first, commitUrl) : null;
}

/**
 * Every change to the enabled state or rollout of `flags` in the commits
 * after `since` up to `until`, oldest first, read from the repository's flags
 * files (`flags.yaml`) with the review's own reader.
 */
export async function flagFlipsAfter(git: Git, since: string, until: string, flags: readonly string[], commitUrl: (sha: string) => string): Promise<FlagFlip[]> {
  if (flags.length === 0) return [];
  const log = await git.run(['log', '--reverse', '--no-merges', `--format=%H${FIELD}%aI${FIELD}%an`, `${since}..${until}`]);
  const flips: FlagFlip[] = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const commit = commitLink(line, commitUrl);
    const touched = (await git.run(['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', commit.sha])).split('\0').filter((file) => file && isFlagsFile(file));
    if (touched.length === 0) continue;
    const names = touched.flatMap((file) => [`${commit.sha}^:${file}`, `${commit.sha}:${file}`]);
    const blobs = await readBlobs(git, names);
    for (const file of touched) {
      const before = stateOf(blobs.get(`${commit.sha}^:${file}`)?.text, file);
      const after = stateOf(blobs.get(`${commit.sha}:${file}`)?.text, file);
      for (const flag of flags) {
        const to = after.get(flag);
        const from = before.get(flag) ?? null;
        if (to && (!from || from.enabled !== to.enabled || from.rollout !== to.rollout)) flips.push({ ...commit, flag, file, from, to });
      }
    }
  }
  return flips;
}

function stateOf(text: string | undefined, file: string): Map<string, FlagState> {
  if (text === undefined) return new Map();
  return new Map(parseFlagsFile(text, file).flags.map((flag) => [flag.name, { enabled: flag.enabled, rollout: flag.rollout }]));
}

function commitLink(line: string, commitUrl: (sha: string) => string): CommitLink {
  const [sha = '', date = '', author = ''] = line.split(FIELD);
  return { sha, date: utc(date), author, url: commitUrl(sha) };
}

/** Git's `2026-03-02T10:00:00+01:00` as GitHub writes times: `2026-03-02T09:00:00Z`. */
export function utc(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}
