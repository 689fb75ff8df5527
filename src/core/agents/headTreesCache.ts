import * as path from 'node:path';
import { readCacheFile, storeCacheFile } from './policyCache';
import type { RepositoryLocation } from './repositoryLocation';

// The trees the guard read with HEAD the last time (the root's and those of
// the policy files' folders), kept in the git folder as git stores them, so
// that after the next commit only the trees that commit changed are read:
// those are loose objects, read without git (looseObjects.ts), where the
// folders it did not change may be in a pack, which only git reads. Each
// kept tree is taken only where its bytes hash to the id asked for, so a
// copy edited by hand is not believed, only missed (git is then asked).

/** Where the guard keeps the trees it read with HEAD, in the git folder. */
export const HEAD_TREES_CACHE_FILE = path.join('pm-zone', 'guard-head-trees.json');

const FORMAT = 1;
/** More than the trees of any policy file's folders: a larger set is not kept. */
const MAX_KEPT_BYTES = 1024 * 1024;

/** The trees kept, by id, as git stores them; empty when there are none, or the file cannot be read. */
export function keptHeadTrees(location: RepositoryLocation): Map<string, Buffer> {
  const kept = new Map<string, Buffer>();
  // None kept yet, a file this version cannot read, or anything but a regular file (a FIFO is never waited on): read as if none were.
  const file = readCacheFile(path.join(location.gitDir, HEAD_TREES_CACHE_FILE)) as { format?: unknown; trees?: unknown } | null | undefined;
  if (!file || file.format !== FORMAT || !file.trees || typeof file.trees !== 'object') return kept;
  for (const [id, text] of Object.entries(file.trees as Record<string, unknown>)) if (typeof text === 'string') kept.set(id, Buffer.from(text, 'base64'));
  return kept;
}

/** Keeps `trees` in place of what was kept, unless they are the same ones; a failure to write only loses the shortcut. */
export async function keepHeadTrees(location: RepositoryLocation, trees: ReadonlyMap<string, Buffer>, kept: ReadonlyMap<string, Buffer>): Promise<void> {
  if (trees.size === 0 || (trees.size === kept.size && [...trees.keys()].every((id) => kept.has(id)))) return;
  if ([...trees.values()].reduce((total, tree) => total + tree.length, 0) > MAX_KEPT_BYTES) return;
  const text = JSON.stringify({ format: FORMAT, trees: Object.fromEntries([...trees].map(([id, tree]) => [id, tree.toString('base64')])) });
  await storeCacheFile(path.join(location.gitDir, HEAD_TREES_CACHE_FILE), text).catch(() => undefined);
}
