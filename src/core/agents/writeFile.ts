import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../git/folders';

/**
 * Writes a file of `agents init` inside the repository and nowhere else:
 * the folder is resolved through any link and must stay in the repository,
 * and a link at the file itself is replaced, not followed (a committed link
 * must not turn "write the hook settings" into "write a file elsewhere").
 */
export async function writeInsideRepository(root: string, relPath: string, text: string): Promise<void> {
  const realRoot = await fs.realpath(root);
  const target = path.resolve(realRoot, ...relPath.split('/'));
  if (!isWithin(realRoot, target) || target === realRoot) throw new Error(`${relPath} is not a path inside the repository`);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const realFolder = await fs.realpath(path.dirname(target));
  if (!isWithin(realRoot, realFolder)) throw new Error(`${relPath}: its folder leads out of the repository through a link; nothing was written`);
  const file = path.join(realFolder, path.basename(target));
  if ((await fs.lstat(file).catch(() => undefined))?.isSymbolicLink()) await fs.rm(file);
  await fs.writeFile(file, text, 'utf8');
}

/** A repository file's text, read the same careful way: undefined when absent, or when its path leads out. */
export async function readInsideRepository(root: string, relPath: string): Promise<string | undefined> {
  const realRoot = await fs.realpath(root);
  const file = await fs.realpath(path.resolve(realRoot, ...relPath.split('/'))).catch(() => undefined);
  if (file === undefined || !isWithin(realRoot, file)) return undefined;
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
