import { cachedPolicySources, policyReads, type CacheStamp, type PolicyReads } from '../agents/policyCache';
import { findRepository } from '../agents/repositoryLocation';
import { decodeText } from '../git/textContent';
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
    { ...reading, unsaved: options.unsaved, keepable: (_sources, heldContent, covered) => read.within(heldContent, covered) },
    options.reads ?? policyReads(),
  );
  // Which `[locale]`-like names the repository has is asked each time, never kept with the rules: a folder can appear between two runs.
  return buildRepositoryPolicy(settings, await withNamesInRepository(sources.zone, files), sources.codeowners, sources.codeownersProblem, sources.policyFiles);
}

/**
 * `files`, noting every path a parse reads through it and what it read:
 * `within` says whether each was held by the cache's key or entry with the
 * very content the parse read (a file that changed while it was parsed is
 * not), each folder a link's resolution asked was on the way to one of them,
 * and nothing was listed.
 */
function readsRecorded(files: FileSource): { files: FileSource; within(heldContent: (relPath: string) => Promise<Buffer | null> | undefined, covered: ReadonlySet<string>): Promise<boolean> } {
  // Every read, a path read twice twice: each must read as the cache holds it.
  const texts: [string, Promise<string | undefined>][] = [];
  const sizes: [string, Promise<number | undefined>][] = [];
  const folders = new Set<string>();
  let listed = false;
  const noted = <T>(reads: [string, Promise<T>][], relPath: string, result: Promise<T>): Promise<T> => {
    reads.push([relPath, result.catch(() => Promise.reject(new Error(`${relPath} could not be read`)))]);
    return result;
  };
  const recorded: FileSource = {
    readText: (relPath) => noted(texts, relPath, files.readText(relPath)),
    ...(files.size ? { size: (relPath: string) => noted(sizes, relPath, files.size!(relPath)) } : {}),
    ...(files.linkTarget ? { linkTarget: (relPath: string) => (folders.add(relPath), files.linkTarget!(relPath)) } : {}),
    ...(files.listDirectory ? { listDirectory: (relDir: string) => ((listed = true), files.listDirectory!(relDir)) } : {}),
    ...(files.listFiles ? { listFiles: () => ((listed = true), files.listFiles!()) } : {}),
  };
  const matches = async <T>(reads: [string, Promise<T>][], heldContent: (relPath: string) => Promise<Buffer | null> | undefined, asRead: (content: Buffer | null) => T) => {
    for (const [relPath, read] of reads) {
      const held = heldContent(relPath);
      if (!held) return false;
      const [content, value] = await Promise.all([held, read]);
      if (asRead(content) !== value) return false;
    }
    return true;
  };
  return {
    files: recorded,
    async within(heldContent, covered) {
      if (listed) return false;
      try {
        if (!(await matches(texts, heldContent, (content) => (content === null ? undefined : decodeText(content))))) return false;
        if (!(await matches(sizes, heldContent, (content) => (content === null ? undefined : content.length)))) return false;
      } catch {
        return false;
      }
      // A link's resolution asks each folder on the way to a path it resolves, one the cache holds: where it leads is in the key or the entry.
      const onTheWay = new Set([...covered].flatMap((relPath) => relPath.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
      return [...folders].every((relPath) => onTheWay.has(relPath));
    },
  };
}
