// JavaScript and TypeScript read as tokens, with js-tokens: strings, template
// literals, comments, regular expressions and JSX told apart the way the
// language does, so `t('key')` in a comment, `'${x}'` in a plain string or a
// key in a type union are never mistaken for what they look like. js-tokens
// is a tokenizer of 13 KB that never throws (an unclosed string is a token
// marked unclosed); a full parser (TypeScript's, Babel's) would add hundreds
// of kilobytes to the package and fail on the syntax a project adds next.
import jsTokens from 'js-tokens';

export { SCRIPT_FILE } from './scriptFile';

export type CodeTokenKind = 'identifier' | 'punctuator' | 'string' | 'template' | 'number' | 'regex' | 'jsx-string' | 'jsx-name' | 'jsx-punctuator' | 'other';

/** A token that means something: whitespace and comments are left out. */
export interface CodeToken {
  kind: CodeTokenKind;
  /** As written, quotes and backticks included. */
  raw: string;
  /** 0-based offset in the text. */
  start: number;
  /** For a string, the text between its quotes (escapes kept as written); for a template part, the text between its delimiters. */
  text?: string;
  /** For a template part: `whole` (no substitution), `head` (up to `${`), `middle` or `tail`. */
  part?: 'whole' | 'head' | 'middle' | 'tail';
}

const JSX_EXTENSIONS = /\.(?:jsx|tsx)$/i;

/** The significant tokens of a script; JSX is read in `.jsx`/`.tsx` files (or with `jsx: true`). */
export function codeTokens(text: string, options: { path?: string; jsx?: boolean } = {}): CodeToken[] {
  const jsx = options.jsx ?? (options.path !== undefined && JSX_EXTENSIONS.test(options.path));
  const tokens: CodeToken[] = [];
  let offset = 0;
  for (const token of jsTokens(text, { jsx })) {
    const start = offset;
    offset += token.value.length;
    const kind = kindOf(token.type);
    if (kind === undefined) continue;
    tokens.push({ kind, raw: token.value, start, ...contentOf(token.type, token.value) });
  }
  return tokens;
}

function kindOf(type: string): CodeTokenKind | undefined {
  switch (type) {
    case 'WhiteSpace':
    case 'LineTerminatorSequence':
    case 'MultiLineComment':
    case 'SingleLineComment':
    case 'HashbangComment':
      return undefined;
    case 'IdentifierName':
    case 'PrivateIdentifier':
      return 'identifier';
    case 'Punctuator':
      return 'punctuator';
    case 'StringLiteral':
      return 'string';
    case 'NoSubstitutionTemplate':
    case 'TemplateHead':
    case 'TemplateMiddle':
    case 'TemplateTail':
      return 'template';
    case 'NumericLiteral':
      return 'number';
    case 'RegularExpressionLiteral':
      return 'regex';
    case 'JSXString':
      return 'jsx-string';
    case 'JSXIdentifier':
      return 'jsx-name';
    case 'JSXPunctuator':
      return 'jsx-punctuator';
    default:
      return 'other';
  }
}

function contentOf(type: string, raw: string): Pick<CodeToken, 'text' | 'part'> {
  switch (type) {
    case 'StringLiteral':
    case 'JSXString':
      return { text: raw.slice(1, closes(raw, raw[0]) ? -1 : undefined) };
    case 'NoSubstitutionTemplate':
      return { text: raw.slice(1, closes(raw, '`') ? -1 : undefined), part: 'whole' };
    case 'TemplateHead':
      return { text: raw.slice(1, -2), part: 'head' };
    case 'TemplateMiddle':
      return { text: raw.slice(1, -2), part: 'middle' };
    case 'TemplateTail':
      return { text: raw.slice(1, closes(raw, '`') ? -1 : undefined), part: 'tail' };
    default:
      return {};
  }
}

function closes(raw: string, quote: string): boolean {
  return raw.length > 1 && raw.endsWith(quote) && !raw.endsWith(`\\${quote}`);
}

/** A string's value when it is one literal with nothing interpolated: `'a'`, `"a"`, `` `a` ``, a JSX attribute string. */
export function literalValue(token: CodeToken | undefined): string | undefined {
  if (!token || token.text === undefined) return undefined;
  if (token.kind === 'string' || token.kind === 'jsx-string' || (token.kind === 'template' && token.part === 'whole')) return token.text;
  return undefined;
}

/** The index of the token that closes the bracket opened at `open` (`(`, `[`, `{`, or a template's `${`), or the last token. */
export function closingIndex(tokens: readonly CodeToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += nesting(tokens[i]);
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/** +1 for what opens a bracket, -1 for what closes one; a template's middle part closes one `${` and opens the next. */
export function nesting(token: CodeToken): number {
  if (token.kind === 'template') return token.part === 'head' ? 1 : token.part === 'tail' ? -1 : 0;
  if (token.kind !== 'punctuator' && token.kind !== 'jsx-punctuator') return 0;
  if (token.raw === '(' || token.raw === '[' || token.raw === '{') return 1;
  return token.raw === ')' || token.raw === ']' || token.raw === '}' ? -1 : 0;
}
