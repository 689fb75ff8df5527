// The names in a folder, for the checks that look around a file (the i18n
// check's locale sets, the attributes of generated files): read from one listing of the
// whole repository where the file source offers it (one git process, where
// listing folder by folder took one for each of a translation drop's
// hundred folders), else folder by folder. Kept per file source.
import type { FileSource } from '../../types';

const indexes = new WeakMap<FileSource, Promise<Map<string, string[]> | undefined>>();
const listings = new WeakMap<FileSource, Map<string, Promise<string[] | undefined>>>();

/** The names in `folder` ('' is the root), or undefined when it is absent or cannot be listed. */
export function namesIn(files: FileSource, folder: string): Promise<string[] | undefined> {
  let byFolder = listings.get(files);
  if (!byFolder) listings.set(files, (byFolder = new Map()));
  let listed = byFolder.get(folder);
  if (!listed) {
    listed = indexOf(files).then((index) => (index ? index.get(folder) : files.listDirectory?.(folder)));
    byFolder.set(folder, listed);
  }
  return listed;
}

function indexOf(files: FileSource): Promise<Map<string, string[]> | undefined> {
  let index = indexes.get(files);
  if (!index) {
    index = (files.listFiles?.() ?? Promise.resolve(undefined)).then((paths) => (paths ? folderIndex(paths) : undefined)).catch(() => undefined);
    indexes.set(files, index);
  }
  return index;
}

function folderIndex(paths: readonly string[]): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      let set = names.get(folder);
      if (!set) names.set(folder, (set = new Set()));
      set.add(parts[depth]);
    }
  }
  return new Map([...names].map(([folder, set]) => [folder, [...set].sort()]));
}
