/** Where the YAML front matter sits in a document: between a first line `---` and the next `---` or `...` line. */
export interface FrontMatterBlock {
  /** Offset of the first character after the opening `---` line. */
  contentStart: number;
  /** Offset where the closing line starts (the document length when unclosed). */
  contentEnd: number;
  /** Offset just after the closing line and its line break. */
  end: number;
  closed: boolean;
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/;

export function locateFrontMatter(text: string): FrontMatterBlock | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  let lineStart = opening[0].length;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (CLOSING.test(text.slice(lineStart, lineEnd))) {
      return { contentStart: opening[0].length, contentEnd: lineStart, end: newline === -1 ? text.length : newline + 1, closed: true };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { contentStart: opening[0].length, contentEnd: text.length, end: text.length, closed: false };
}
