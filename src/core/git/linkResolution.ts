import * as path from 'node:path';

/** Symbolic links followed before a path counts as a loop, as Linux's SYMLOOP_MAX (40). */
const MAX_LINK_HOPS = 40;

/** The target a symbolic link names, as git records it; undefined when the path is no link. */
export type LinkTarget = (relPath: string) => Promise<string | undefined>;

/**
 * Where a repository path really is: `path` through every symbolic link on
 * the way (a linked folder, a linked file, links to links), resolved the way
 * the operating system does, one component at a time. `outside` when a link
 * leads out of the repository (an absolute target, `..` past the root) or
 * loops. A path with no link on the way is itself.
 */
export type RealPath = { kind: 'inside'; path: string } | { kind: 'outside' };

export async function realRepositoryPath(relPath: string, linkTarget: LinkTarget): Promise<RealPath> {
  let pending = relPath.replace(/\\/g, '/').split('/');
  // The whole path asked up front: a source that batches its lookups (a commit's) answers every folder on the way at once.
  if (pending.length > 1) linkTarget(pending.join('/')).catch(() => undefined);
  const resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const [part, ...rest] = pending;
    pending = rest;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (resolved.length === 0) return { kind: 'outside' };
      resolved.pop();
      continue;
    }
    const target = await linkTarget([...resolved, part].join('/'));
    if (target === undefined) {
      resolved.push(part);
      continue;
    }
    if (++hops > MAX_LINK_HOPS || path.posix.isAbsolute(target) || path.win32.isAbsolute(target)) return { kind: 'outside' };
    // The target is read from the link's own folder, which `resolved` holds as real folders.
    pending = [...target.replace(/\\/g, '/').split('/'), ...pending];
  }
  return resolved.length === 0 ? { kind: 'outside' } : { kind: 'inside', path: resolved.join('/') };
}
