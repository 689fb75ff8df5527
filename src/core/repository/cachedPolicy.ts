import { cachedPolicySources, policyReads, type CacheStamp, type PolicyReads } from '../agents/policyCache';
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
    { ...reading, unsaved: options.unsaved, keepable: (_sources, covered) => read.within(covered) },
    options.reads ?? policyReads(),
  );
  // Which `[locale]`-like names the repository has is asked each time, never kept with the rules: a folder can appear between two runs.
  return buildRepositoryPolicy(settings, await withNamesInRepository(sources.zone, files), sources.codeowners, sources.codeownersProblem, sources.policyFiles);
}

/**
 * `files`, noting every path a parse reads through it: `within` says whether
 * each was one of `covered`, or a folder on the way to one (a link's
 * resolution asks each folder), and nothing was listed.
 */
function readsRecorded(files: FileSource): { files: FileSource; within(covered: ReadonlySet<string>): boolean } {
  const paths = new Set<string>();
  const folders = new Set<string>();
  let listed = false;
  const noted = <T extends unknown[], R>(read: (...args: T) => R, kind: Set<string>) => (...args: T): R => {
    kind.add(args[0] as string);
    return read(...args);
  };
  const recorded: FileSource = {
    readText: noted((relPath: string) => files.readText(relPath), paths),
    ...(files.size ? { size: noted((relPath: string) => files.size!(relPath), paths) } : {}),
    ...(files.linkTarget ? { linkTarget: noted((relPath: string) => files.linkTarget!(relPath), folders) } : {}),
    ...(files.listDirectory ? { listDirectory: (relDir: string) => ((listed = true), files.listDirectory!(relDir)) } : {}),
    ...(files.listFiles ? { listFiles: () => ((listed = true), files.listFiles!()) } : {}),
  };
  return {
    files: recorded,
    within(covered) {
      if (listed || [...paths].some((relPath) => !covered.has(relPath))) return false;
      const onTheWay = new Set([...covered].flatMap((relPath) => relPath.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
      return [...folders].every((relPath) => onTheWay.has(relPath));
    },
  };
}
