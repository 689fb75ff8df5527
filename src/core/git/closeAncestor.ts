import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import { readCommits } from './blobs';
import { isObjectId } from './objectIds';
import type { Git } from './runGit';

// A review asks `git merge-base HEAD <base>` for where the branch left its
// base: a process of its own, about a fifth of node's start. Where the base
// branch's commit is one of HEAD's first few ancestors (a PM's branch whose
// base has not moved since it was made, or that merged the base back in),
// that commit is the merge base by definition: every other common ancestor
// is one of its own. The commits are read by the `cat-file` the command
// keeps for reading objects, parents as git parses them. Git's own answer
// stands wherever a parent could read otherwise to `merge-base` than in the
// objects: a shallow clone (git takes its boundary commits for parentless)
// or grafts (they replace parents). Replace refs both read alike.

/** How many commits are read from HEAD back before git is asked instead: a base further back costs git's process anyway. */
export const CLOSE_ANCESTORS = 16;

/**
 * True where `ancestor` is `head` or a parent of one of the first `limit`
 * commits read from `head` back (generation by generation, every parent
 * followed), in the repository whose common git
 * folder is `gitFolder`; undefined where this cannot tell (not found within
 * the limit, an object it cannot read, a shallow clone, grafts, a Git that
 * keeps no process for objects): `git merge-base` is then the one to ask.
 */
export async function isCloseAncestor(git: Git, head: string, ancestor: string, gitFolder: string, limit = CLOSE_ANCESTORS): Promise<true | undefined> {
  if (!git.keepsProcesses || !isObjectId(head) || !isObjectId(ancestor) || head.length !== ancestor.length) return undefined;
  if (head === ancestor) return true;
  if (present(path.join(gitFolder, 'shallow')) || present(path.join(gitFolder, 'info', 'grafts'))) return undefined;
  const seen = new Set([head]);
  let generation = [head];
  while (generation.length > 0) {
    const commits = await readCommits(git, generation);
    const next: string[] = [];
    for (const id of generation) {
      const parents = parentsOf(commits.get(id), id.length);
      if (parents === undefined) return undefined;
      for (const parent of parents) {
        if (parent === ancestor) return true;
        if (seen.has(parent)) continue;
        if (seen.size >= limit) return undefined;
        seen.add(parent);
        next.push(parent);
      }
    }
    generation = next;
  }
  // A root commit reached: `ancestor` is not in this history (unrelated, or above HEAD); git says which.
  return undefined;
}

/**
 * A commit's parents as git parses its text: a `tree` line first, then each
 * `parent` line that follows it directly (one further down is not a
 * parent to git). Undefined for a missing commit or a header of another shape.
 */
export function parentsOf(commit: Buffer | undefined, idLength: number): string[] | undefined {
  if (commit === undefined) return undefined;
  const end = commit.indexOf('\n\n');
  const lines = commit.toString('latin1', 0, end < 0 ? commit.length : end).split('\n');
  if (!new RegExp(`^tree [0-9a-f]{${idLength}}$`).test(lines[0] ?? '')) return undefined;
  const parent = new RegExp(`^parent ([0-9a-f]{${idLength}})$`);
  const parents: string[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith('parent ')) break;
    const id = parent.exec(line)?.[1];
    if (id === undefined) return undefined;
    parents.push(id);
  }
  return parents;
}

/** Anything at `file`, a dangling link included. */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
