/**
 * Why a glob cannot be used, or undefined when it can. minimatch accepts
 * almost any string, so this catches what would silently never match.
 */
export function globError(glob: string): string | undefined {
  if (glob.trim() === '') return 'is empty';
  if ([...glob].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return 'contains a control character';
  if (glob.startsWith('!')) return 'starts with `!`: negation is not supported; list the files themselves';
  if (/^[A-Za-z]:[\\/]/.test(glob)) return 'is an absolute Windows path; write it relative to the repository root';
  if (/\\[A-Za-z0-9]/.test(glob)) return 'uses `\\` as a separator; write `/`';
  if (glob.split('/').includes('..')) return 'contains `..`; write it relative to the repository root';
  return undefined;
}

/** Markdown backslash escapes (`\*`) undone, for text read from the source. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export interface TextToken {
  text: string;
  /** Offset of the token in the scanned text. */
  offset: number;
}

const CONNECTOR = /^(or|and|&|\/|,|;)$/i;

function looksLikeGlob(token: string, first: boolean): boolean {
  if (token.includes('@')) return false;
  if (/[*/]/.test(token)) return true;
  return first && /^[\w.-]+\.[A-Za-z0-9]+$/.test(token);
}

/**
 * Globs written without backticks at the start of an item's text, such as
 * `**\/i18n/*.json (strings)` or `**\/phi/** or **\/pii/**`: the first
 * glob-like word and the ones joined to it by "or", "and" or commas.
 */
export function unquotedGlobs(text: string): TextToken[] {
  const noteStart = text.indexOf('(');
  const head = noteStart === -1 ? text : text.slice(0, noteStart);
  const found: TextToken[] = [];
  const words = head.matchAll(/[^\s,;]+/g);
  let index = 0;
  for (const word of words) {
    const raw = word[0].replace(/[.:]+$/, '');
    const isFirst = index++ === 0;
    if (raw && looksLikeGlob(raw, isFirst || found.length > 0)) {
      found.push({ text: raw, offset: word.index });
    } else if (found.length > 0 && !CONNECTOR.test(raw)) {
      break;
    }
  }
  return found;
}

/** Every path-like word (with `/` or `*`, and no `@`) anywhere in the text, parentheses included. */
export function pathLikeWords(text: string): TextToken[] {
  return [...text.matchAll(/[^\s,;()]+/g)]
    .map((word) => ({ text: word[0].replace(/[.:]+$/, ''), offset: word.index }))
    .filter((token) => /[*/]/.test(token.text) && !token.text.includes('@'));
}
