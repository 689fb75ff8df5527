// Which lines of the branch's newest commit the change already holds: the
// secret check does not scan them twice, and the history's reader does not
// keep them (`FileAdditions.asInChange`). Types only from the rest of git/,
// so the review's checks can ask it without loading the history's reader.
import type { LoggedFile } from './logPatches';
import type { Change, FileAdditions } from './model';

/**
 * Whether every line the commit added to a text file is the change's new text
 * at that line: each block of them is then a piece of that text. `newTexts`
 * is `newTextsByPath(change)`.
 */
export function addedAsInChange(newTexts: ReadonlyMap<string, string | undefined>, file: FileAdditions | LoggedFile): boolean {
  if ('binaryText' in file && file.binaryText) return false;
  if ('blobs' in file && file.blobs) return false;
  const text = newTexts.get(file.path);
  if (text === undefined || text.includes('\r')) return false;
  // What `text.split('\n')[line.line - 1] === line.text` answers for each added line, found by reading on from the line
  // before (a patch's lines come in the file's order) rather than by splitting a translation drop's whole text for each file.
  let number = 1;
  let start = 0;
  for (const { added, line, text: own } of file.lines) {
    if (!added) continue;
    if (!Number.isInteger(line) || line < 1) return false;
    if (line < number) {
      number = 1;
      start = 0;
    }
    for (; number < line; number++) {
      const next = text.indexOf('\n', start);
      if (next === -1) return false;
      start = next + 1;
    }
    const end = text.indexOf('\n', start);
    if ((end === -1 ? text.length : end) - start !== own.length || !text.startsWith(own, start)) return false;
  }
  return true;
}

/** The new text of each path's first file in the change that is not binary (as `change.files.find` would find it), by path. */
export function newTextsByPath(change: Change): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  for (const file of change.files) if (!file.binary && !texts.has(file.path)) texts.set(file.path, file.newText);
  return texts;
}
