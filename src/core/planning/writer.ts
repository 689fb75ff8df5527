import { mkdir, open, stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Creates planning docs without ever overwriting one. The CLI uses
 * `nodePlanningWriter`; the editor implements it over its own file API.
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
      try {
        await stat(resolveInside(root, relPath));
        return true;
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return false;
        throw error;
      }
    },
    createExclusive: (relPath, text) => createFileExclusive(root, relPath, text),
  };
}

/** Writes `text` to a new file under `root`; `exists` when something is already there, which is left untouched. */
export async function createFileExclusive(root: string, relPath: string, text: string): Promise<'created' | 'exists'> {
  const target = resolveInside(root, relPath);
  await mkdir(path.dirname(target), { recursive: true });
  let handle;
  try {
    handle = await open(target, 'wx');
  } catch (error) {
    if (isCode(error, 'EEXIST')) return 'exists';
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return 'created';
}

/** A repository-relative path resolved under `root`; anything pointing outside it is refused. */
function resolveInside(root: string, relPath: string): string {
  const base = path.resolve(root);
  const target = path.resolve(base, relPath);
  if (path.isAbsolute(relPath) || (target !== base && !target.startsWith(base + path.sep))) {
    throw new Error(`${relPath} is not a path inside the repository.`);
  }
  return target;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
