import { cachedPolicySources, policyReads, readsRecorded, type CacheStamp, type PolicyReads } from '../agents/policyCache';
import { findRepository } from '../agents/repositoryLocation';
import type { FileSource } from '../types';
import { withNamesInRepository } from './namesInRepository';
import { buildRepositoryPolicy, loadRepositoryPolicy, parsePolicySources, type PolicyReading, type RepositoryPolicy } from './repositoryPolicy';
import type { PolicySettings } from './settings';

// The editor reaches the cache through this domain alone: loading the agents' domain would run the guard's modules at its first badge.
export { buildStamp, EDITOR_POLICY_CACHE_FILE } from '../agents/policyCache';

export interface CachedPolicyOptions extends PolicyReading {
  /** The policy files as one command reads them, shared with its later reads (a review's commit policy). */
  reads?: PolicyReads;
  /**
   * Whether a repository-relative path has unsaved edits in an editor, which
   * `files` reads: while a policy file has, the policy is parsed as `files`
   * reads it, and no entry is read or kept for it.
   */
  unsaved?: (relPath: string) => boolean;
  /** A command that answers and ends: a held CODEOWNERS is read a line at a time, as lookups ask (agents/policyCache.ts). */
  readsInParts?: boolean;
}

/**
 * The policy as loadRepositoryPolicy reads it from `files`, parsed only when
 * the cache in the git folder (agents/policyCache.ts, the file `stamp`
 * names) does not hold it: the command line's `whoami`, `explain` and
 * `review`, and the editor's first badges. Where `root` is not the working
 * tree of the git folder found from it (GIT_DIR set, a folder inside a
 * repository), nothing is kept. A parse that read a file the cache's key
 * and entry do not cover is not kept: a later read could not tell it
 * changed.
 */
export async function cachedRepositoryPolicy(root: string, files: FileSource, settings: PolicySettings, stamp: CacheStamp, options: CachedPolicyOptions = {}): Promise<RepositoryPolicy> {
  const reading = { codeowners: options.codeowners };
  const location = await findRepository(root);
  if (location?.root !== root) return loadRepositoryPolicy(files, settings, reading);
  const read = readsRecorded(files);
  const sources = await cachedPolicySources(
    location,
    settings,
    stamp,
    () => parsePolicySources(read.files, settings, reading),
    { kind: 'working-tree' },
    { ...reading, unsaved: options.unsaved, readsInParts: options.readsInParts, keepable: (_sources, heldContent, covered) => read.within(heldContent, covered) },
    options.reads ?? policyReads(),
  );
  // Which `[locale]`-like names the repository has is asked each time, never kept with the rules: a folder can appear between two runs.
  return buildRepositoryPolicy(settings, await withNamesInRepository(sources.zone, files), sources.codeowners, sources.codeownersProblem, sources.policyFiles);
}
