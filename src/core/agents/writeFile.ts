import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWithin, realPathAllowingMissing } from '../git/folders';

/**
 * Where a file of `agents init` would be written: inside the repository and
 * nowhere else. Its folder is resolved through any link (those that do not
 * exist yet included) and must stay in the repository; throws when it would
 * not, so every destination is checked before the first write (which
 * writeRepositoryFile makes).
 */
export async function fileInsideRepository(root: string, relPath: string): Promise<string> {
  const realRoot = await fs.realpath(root);
  const target = path.resolve(realRoot, ...relPath.split('/'));
  if (!isWithin(realRoot, target) || target === realRoot) throw new Error(`${relPath} is not a path inside the repository; nothing was written`);
  const realFolder = await realPathAllowingMissing(path.dirname(target));
  if (realFolder === undefined || !isWithin(realRoot, realFolder)) throw new Error(`${relPath}: its folder leads out of the repository through a link; nothing was written`);
  return path.join(realFolder, path.basename(target));
}

/** A repository file's text, read the same careful way: undefined when absent, or when it leads out of the repository. */
export async function readInsideRepository(root: string, relPath: string): Promise<string | undefined> {
  const realRoot = await fs.realpath(root);
  const file = await fs.realpath(path.resolve(realRoot, ...relPath.split('/'))).catch(() => undefined);
  if (file === undefined || !isWithin(realRoot, file)) return undefined;
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
