// The files CLAUDE.md imports, as Claude Code reads them: `@path` anywhere in
// the text (`See @README for…`, `- @docs/git.md`), not inside a code span or
// a fenced code block; relative to the importing file; `@~/…` is the user's
// home and `@/…` an absolute path, both outside any repository. An imported
// file is instructions Claude Code follows, so it is a policy file.

import { posix } from 'node:path';
import { normalizeRepoPath } from './repoPath';
import { scan } from './sectionLocator';

/** Claude Code's pattern for an import: `@` at the start or after white space, a path with `\ ` for spaces. */
const IMPORT = /(?:^|\s)@((?:[^\s\\]|\\ )+)/g;
const BACKTICKS = /`+/g;

/** Imports are followed this many files deep (Claude Code's documented limit is five hops, lately four). */
export const MAX_IMPORT_DEPTH = 5;

/**
 * The repository paths `markdown` (the file at `file`) imports, in order.
 * An import that names a path with a `#` fragment counts with and without
 * it. Paths outside the repository (home, absolute, `..` past the root) are
 * left out: no PM edits them in this repository.
 */
export function importedPaths(markdown: string, file: string): string[] {
  const folder = posix.dirname(file);
  const found = new Set<string>();
  for (const line of scan(markdown.split('\n'))) {
    if (line.fenced) continue;
    for (const match of withoutCodeSpans(line.text).matchAll(IMPORT)) {
      const written = match[1].replace(/\\ /g, ' ');
      if (written.startsWith('~') || posix.isAbsolute(written)) continue;
      for (const candidate of new Set([written, written.replace(/#.*$/, '')])) {
        const path = candidate === '' ? undefined : normalizeRepoPath(posix.join(folder, candidate));
        if (path !== undefined) found.add(path);
      }
    }
  }
  return [...found];
}

/** The line with each code span blanked out, pairing backtick runs of equal length as CommonMark does. */
function withoutCodeSpans(text: string): string {
  const runs = [...text.matchAll(BACKTICKS)];
  let kept = '';
  let at = 0;
  for (let index = 0; index < runs.length; index++) {
    const opener = runs[index];
    const closer = runs.findIndex((run, later) => later > index && run[0].length === opener[0].length);
    if (closer === -1) continue;
    kept += text.slice(at, opener.index);
    at = runs[closer].index + runs[closer][0].length;
    kept += ' ';
    index = closer;
  }
  return kept + text.slice(at);
}
