import { Minimatch } from 'minimatch';

/** A glob longer than this is a paste accident, not a rule; minimatch itself refuses 64 KB. */
export const MAX_GLOB_LENGTH = 1024;
/** How many patterns a glob's braces may expand to (`{a,b}{c,d}` is 4): each one is matched against every path. */
export const MAX_BRACE_EXPANSION = 256;

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
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length.toLocaleString('en-US')} characters long; a glob may have at most ${MAX_GLOB_LENGTH.toLocaleString('en-US')}`;
  const expansions = braceExpansions(glob);
  if (expansions > MAX_BRACE_EXPANSION) return `expands to ${expansions > 1e9 ? 'over a billion' : expansions.toLocaleString('en-US')} patterns through its braces; at most ${MAX_BRACE_EXPANSION} are allowed`;
  try {
    // Read, not expanded: the braces are counted above, and expanding every glob here would cost what the total cap saves.
    new Minimatch(glob, { dot: true, nocomment: true, nonegate: true, nobrace: true });
  } catch (error) {
    return `cannot be read as a glob (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

/**
 * An upper bound of the patterns `{…}` groups expand to: the alternatives of
 * each group (a `{1..100}` range counts its steps) multiplied together,
 * counted without expanding anything.
 */
export function braceExpansions(glob: string): number {
  let total = 1;
  const stack: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      stack.push(1);
    } else if (char === ',' && stack.length > 0) {
      stack[stack.length - 1]++;
    } else if (char === '}' && stack.length > 0) {
      const group = stack.pop() as number;
      const range = /\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.-?\d+)?$/.exec(glob.slice(0, i));
      const alternatives = group === 1 && range ? rangeLength(range[1], range[2]) : group;
      total = Math.min(total * alternatives, Number.MAX_SAFE_INTEGER);
    }
  }
  return total;
}

function rangeLength(from: string, to: string): number {
  const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to);
  const [a, b] = numeric ? [Number(from), Number(to)] : [from.charCodeAt(0), to.charCodeAt(0)];
  return Math.abs(b - a) + 1;
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
