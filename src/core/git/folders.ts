import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Whether `candidate` is `folder` or inside it (both absolute, already resolved). */
export function isWithin(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export async function realPathAllowingMissing(folder: string): Promise<string | undefined> {
  let existing = folder;
  const missing: string[] = [];
  for (;;) {
    const real = await fs.realpath(existing).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...missing);
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
}
