// Splitting one CODEOWNERS line into its pattern and owner tokens, keeping
// the columns so that problems point at the exact token in the editor.

export interface Token {
  text: string;
  /** 1-based column of the first character. */
  column: number;
  /** 1-based column just after the last character. */
  endColumn: number;
}

export interface RuleTokens {
  pattern: Token;
  owners: Token[];
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t';
}

/** The first non-blank index at or after `from`. */
function skipBlanks(line: string, from: number): number {
  let index = from;
  while (index < line.length && isBlank(line[index])) index++;
  return index;
}

/**
 * The tokens of a rule line, or undefined for a blank or comment line.
 * In the pattern, `\` escapes the next character (so `My\ Documents/` is one
 * token). A later token starting with `#` begins a comment.
 */
export function tokenizeRuleLine(line: string): RuleTokens | undefined {
  const start = skipBlanks(line, 0);
  if (start >= line.length || line[start] === '#') return undefined;
  const end = patternEnd(line, start);
  const pattern: Token = { text: line.slice(start, end), column: start + 1, endColumn: end + 1 };

  return { pattern, owners: tokenizeOwners(line, end) };
}

/** The pattern of a rule line alone, as `tokenizeRuleLine` reads it (undefined for a blank or comment line): a lookup reads no owners of a line it passes by. */
export function rulePattern(line: string): string | undefined {
  const start = skipBlanks(line, 0);
  if (start >= line.length || line[start] === '#') return undefined;
  return line.slice(start, patternEnd(line, start));
}

/** Where a pattern starting at `start` ends: at a blank, `\\` escaping the next character. */
function patternEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && !isBlank(line[end])) end += line[end] === '\\' ? 2 : 1;
  return Math.min(end, line.length);
}

/** The owner tokens of a line from index `from` on, up to a comment. */
export function tokenizeOwners(line: string, from: number): Token[] {
  const owners: Token[] = [];
  let index = skipBlanks(line, from);
  while (index < line.length && line[index] !== '#') {
    let tokenEnd = index;
    while (tokenEnd < line.length && !isBlank(line[tokenEnd])) tokenEnd++;
    owners.push({ text: line.slice(index, tokenEnd), column: index + 1, endColumn: tokenEnd + 1 });
    index = skipBlanks(line, tokenEnd);
  }
  return owners;
}
