// The files a copy change touches: the strings files of the feature folder,
// one per locale. The planning doc's Scope names them, since they, not the
// globs, are what a PM's first changes edit.
import { isStringsFile } from '../review/checks/i18n/stringsFile';

/** The strings files under `folder` (every file when it is the root) that the PM may edit, in path order. */
export function copyFilesIn(paths: readonly string[], folder: string, editable: (path: string) => boolean): string[] {
  const inside = folder === '' ? paths : paths.filter((path) => path.startsWith(`${folder}/`));
  return inside.filter((path) => isStringsFile(path) && editable(path)).sort();
}
