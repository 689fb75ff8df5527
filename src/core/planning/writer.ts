import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import { repositoryPathParts, writeRepositoryFile } from '../git/repositoryWrite';

/**
 * Creates planning docs without ever overwriting one. The command line and
 * the editor both use `nodePlanningWriter`; tests may stand in for it.
 */
export interface PlanningWriter {
  exists(relPath: string): Promise<boolean>;
  /** Creates the file only if nothing is there (`wx`), creating parent folders. */
  createExclusive(relPath: string, text: string): Promise<'created' | 'exists'>;
}

export interface WriteResult {
  status: 'created' | 'exists';
  path: string;
  message: string;
}

export async function writeNewPlanningDoc(writer: PlanningWriter, relPath: string, text: string): Promise<WriteResult> {
  const status = (await writer.exists(relPath)) ? 'exists' : await writer.createExclusive(relPath, text);
  const message = status === 'created' ? `Created ${relPath}.` : `${relPath} already exists: it was left unchanged. Open it, or choose another feature folder.`;
  return { status, path: relPath, message };
}

export function nodePlanningWriter(root: string): PlanningWriter {
  return {
    async exists(relPath) {
      // Anything there counts, a link included, wherever it points: it is never written through.
      return (await lstat(path.join(root, ...repositoryPathParts(relPath))).catch(() => undefined)) !== undefined;
    },
    createExclusive: (relPath, text) => createFileExclusive(root, relPath, text),
  };
}

/**
 * Writes `text` to a new file under `root`; `exists` when something is
 * already there, which is left untouched. A folder on the way that leads out
 * of the repository is refused (see writeRepositoryFile).
 */
export async function createFileExclusive(root: string, relPath: string, text: string): Promise<'created' | 'exists'> {
  return (await writeRepositoryFile(root, relPath, text, { mode: 'create' })) === 'written' ? 'created' : 'exists';
}
