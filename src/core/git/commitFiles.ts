import type { FileSource } from '../types';
import { readBlobs } from './blobs';
import { commitsSince } from './commits';
import { parseRawDiff } from './diffEntries';
import type { Change, ChangedFile } from './model';
import type { Git } from './runGit';
import { binaryTextOf } from './textContent';

/**
 * The repository as one commit has it, as a FileSource: what the CI gate
 * reads its policy from (the base) and the change's other files from (the
 * head). Paths are read through git's object store, never the disk, so a
 * checkout cannot stand in for the commit.
 */
export function commitFiles(git: Git, commit: string): FileSource {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new Error(`'${commit}' is not a commit id`);
  return {
    async readText(relPath) {
      const name = `${commit}:${relPath}`;
      return (await readBlobs(git, [name])).get(name)?.text;
    },
    async size(relPath) {
      const name = `${commit}:${relPath}`;
      return (await readBlobs(git, [name])).get(name)?.size;
    },
    async listDirectory(relDir) {
      const listing = await git.exec(['ls-tree', '-z', '--name-only', `${commit}:${relDir}`], { okExitCodes: [128] });
      if (listing.exitCode !== 0) return undefined;
      return listing.stdout.toString('utf8').split('\0').filter((name) => name !== '');
    },
  };
}

/**
 * What one commit changed against its first parent (a merge: what the pull
 * request brought), as the review reads a change: each file's text before and
 * after, read in one batch, and the commits it brought (for a merge, the pull
 * request's), so the checks that read commits read them as on the branch.
 */
export async function commitChange(git: Git, commit: string): Promise<Change> {
  const raw = await git.run(['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', `${commit}^1`, commit]);
  const entries = parseRawDiff(raw);
  const blobs = await readBlobs(git, entries.flatMap((entry) => [`${commit}^1:${entry.oldPath ?? entry.path}`, `${commit}:${entry.path}`]));
  const files: ChangedFile[] = entries.map((entry) => {
    const before = blobs.get(`${commit}^1:${entry.oldPath ?? entry.path}`);
    const after = blobs.get(`${commit}:${entry.path}`);
    const binary = before?.binary === true || after?.binary === true;
    const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
    // As readChange does: a binary file carries the text that can be read in it, or the security checks cannot clear it.
    return { path: entry.path, status, oldText: before?.text, newText: after?.text, ...(binary ? { binary, binaryText: binaryTextOf(before, after) } : {}) };
  });
  const commits = await commitsSince(git, `${commit}^1`, commit);
  // As readChange says it: a commit brought a PLANNING.md that is still there at the end.
  const planning = new Set(commits.flatMap((info) => info.files).filter((path) => path === 'PLANNING.md' || path.endsWith('/PLANNING.md')));
  const kept = planning.size === 0 ? new Map() : await readBlobs(git, [...planning].map((path) => `${commit}:${path}`));
  return { mode: 'branch', files, commits, branchHasPlanning: [...kept.values()].some((content) => content.text !== undefined) };
}
