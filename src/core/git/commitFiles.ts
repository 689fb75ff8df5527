import type { FileSource } from '../types';
import { readBlobs } from './blobs';
import type { Git } from './runGit';

/**
 * The repository as one commit has it, as a FileSource: what the CI gate
 * reads its policy from (the base) and the change's other files from (the
 * head). Paths are read through git's object store, never the disk, so a
 * checkout cannot stand in for the commit.
 */
export function commitFiles(git: Git, commit: string): FileSource {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new Error(`'${commit}' is not a commit id`);
  return {
    async readText(relPath) {
      const name = `${commit}:${relPath}`;
      return (await readBlobs(git, [name])).get(name)?.text;
    },
    async size(relPath) {
      const name = `${commit}:${relPath}`;
      return (await readBlobs(git, [name])).get(name)?.size;
    },
    async listDirectory(relDir) {
      const listing = await git.exec(['ls-tree', '-z', '--name-only', `${commit}:${relDir}`], { okExitCodes: [128] });
      if (listing.exitCode !== 0) return undefined;
      return listing.stdout.toString('utf8').split('\0').filter((name) => name !== '');
    },
  };
}
