import * as path from 'node:path';
import { realPathNow } from './regularFile';

/** Whether `candidate` is `folder` or inside it (both absolute, already resolved). */
export function isWithin(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The real path of a folder that may not exist yet: its nearest existing
 * ancestor resolved, the rest appended. Resolved at once, as fs.realpath
 * resolves it: the guard asks this of every path a tool writes.
 */
export async function realPathAllowingMissing(folder: string): Promise<string | undefined> {
  let existing = folder;
  const missing: string[] = [];
  for (;;) {
    const real = realPathNow(existing);
    if (real !== undefined) return path.join(real, ...missing);
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
}
