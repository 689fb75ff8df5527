// The copy of a source file: its string literals and, in a template, the
// text between its tags, with the code and the comments around them blanked
// out. What a user reads is written there in every language a product team
// ships, not only in JavaScript: `"Write to jane@acme.io"` in Go, `{{
// __('…') }}` in Blade, `_("…")` in Python, text in an ERB or Twig page.
//
// Each language is read through Prism's grammar (`prism.ts`); a template is
// cut into its code islands (`<?php … ?>`, `{{ … }}`, `{% … %}`, `<% … %>`,
// `@lang(…)`), each read in its own grammar, and the markup between them,
// whose text and attribute values are copy. The result keeps every offset
// and line break of the file, so a line and column found in it are the
// file's.
import { prismTokens, type PrismGrammarName, type PrismToken } from './prism';

/** Past this many characters a file is not tokenized: its reader reads its lines whole, which finds more, never less. */
export const MAX_COPY_TEXT = 1_000_000;

/** A template's code island: a pattern for it and the grammar that reads it, or none for a comment. */
interface Island {
  pattern: RegExp;
  grammar: PrismGrammarName | 'comment';
}

interface CopyLanguage {
  name: string;
  /** A language of code: only its strings are copy. */
  code?: PrismGrammarName;
  /** A template: markup, whose text is copy, with these islands of code. */
  islands?: readonly Island[];
}

const PHP_BLOCK: Island = { pattern: /<\?(?:php\b|=)?[\s\S]*?(?:\?>|$)/g, grammar: 'php' };
const JINJA_ISLANDS = (grammar: PrismGrammarName): Island[] => [
  { pattern: /\{#[\s\S]*?#\}/g, grammar: 'comment' },
  { pattern: /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, grammar },
];

/** By the end of the file's name; the first that matches (`.blade.php` before `.php`). */
const LANGUAGES: readonly [RegExp, CopyLanguage][] = [
  [/\.go$/i, { name: 'Go', code: 'go' }],
  [/\.py$/i, { name: 'Python', code: 'python' }],
  [/\.rb$/i, { name: 'Ruby', code: 'ruby' }],
  [/\.kts?$/i, { name: 'Kotlin', code: 'kotlin' }],
  [/\.swift$/i, { name: 'Swift', code: 'swift' }],
  [
    /\.blade\.php$/i,
    {
      name: 'Blade',
      islands: [
        { pattern: /\{\{--[\s\S]*?--\}\}/g, grammar: 'comment' },
        { pattern: /\{!![\s\S]*?!!\}|\{\{[\s\S]*?\}\}|@php\b[\s\S]*?@endphp\b/g, grammar: 'php' },
        // A directive's arguments, one level of parentheses inside: `@lang('…')`, `@if(count($a) > 0)`.
        { pattern: /@\w+\s*\((?:[^()]|\([^()]*\))*\)/g, grammar: 'php' },
        PHP_BLOCK,
      ],
    },
  ],
  [/\.(?:php|phtml)$/i, { name: 'PHP', islands: [PHP_BLOCK] }],
  [/\.twig$/i, { name: 'Twig', islands: JINJA_ISLANDS('twig') }],
  [/\.(?:jinja2?|j2)$/i, { name: 'Jinja', islands: JINJA_ISLANDS('django') }],
  [/\.erb$/i, { name: 'ERB', islands: [{ pattern: /<%#[\s\S]*?%>/g, grammar: 'comment' }, { pattern: /<%(?!%)[\s\S]*?%>/g, grammar: 'erb' }] }],
];

/** The language whose copy `copyText` reads for this file, by name ("Go", "Blade"), or undefined. */
export function copyLanguageOf(path: string): string | undefined {
  return languageOf(path)?.name;
}

function languageOf(path: string): CopyLanguage | undefined {
  return LANGUAGES.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * The text of the file with everything but its copy blanked out (each
 * character a space, line breaks kept), or undefined when its language is
 * not one `copyLanguageOf` names or the file is longer than `MAX_COPY_TEXT`.
 */
export function copyText(text: string, path: string): string | undefined {
  const language = languageOf(path);
  if (!language || text.length > MAX_COPY_TEXT) return undefined;
  const kept: [number, number][] = [];
  if (language.code) keepCopy(prismTokens(text, language.code), 0, kept, { markup: false, python: language.code === 'python' });
  else for (const piece of templatePieces(text, language.islands ?? [])) {
    if (piece.grammar === 'comment') continue;
    const tokens = prismTokens(text.slice(piece.from, piece.to), piece.grammar);
    keepCopy(tokens, piece.from, kept, { markup: piece.grammar === 'markup', python: false });
  }
  return blankOutside(text, kept);
}

interface Piece {
  from: number;
  to: number;
  grammar: PrismGrammarName | 'comment';
}

/** The template cut into markup and its islands, in order: at each point, the island that starts first. */
function templatePieces(text: string, islands: readonly Island[]): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    let next: Piece | undefined;
    for (const island of islands) {
      island.pattern.lastIndex = at;
      const match = island.pattern.exec(text);
      if (match && match[0].length > 0 && (!next || match.index < next.from)) next = { from: match.index, to: match.index + match[0].length, grammar: island.grammar };
    }
    if (!next) break;
    if (next.from > at) pieces.push({ from: at, to: next.from, grammar: 'markup' });
    pieces.push(next);
    at = next.to;
  }
  if (at < text.length) pieces.push({ from: at, to: text.length, grammar: 'markup' });
  return pieces;
}

/** Token types whose text is copy: every kind of string literal, and an attribute's value in markup. */
function isCopyToken(token: Exclude<PrismToken, string>): boolean {
  const names = [token.type, ...(Array.isArray(token.alias) ? token.alias : token.alias ? [token.alias] : [])];
  return names.some((name) => (/string/.test(name) && !/regex/.test(name)) || name === 'attr-value' || name === 'char');
}

/**
 * Pushes the ranges of copy among `tokens`, which start at `offset`; returns
 * the offset after them. Plain text at the top of markup is copy (the text
 * between tags); elsewhere it is code. A Python docstring (a triple-quoted
 * string that opens the module, or a line of its own after a `:` or a
 * comment) documents the code, as a comment does, and is not copy.
 */
function keepCopy(tokens: readonly PrismToken[], offset: number, kept: [number, number][], options: { markup: boolean; python: boolean }, depth = 0): number {
  let at = offset;
  let previous: string | undefined;
  let lineBreak = false;
  for (const token of tokens) {
    if (typeof token === 'string') {
      if (options.markup && depth === 0) kept.push([at, at + token.length]);
      if (token.trim() !== '') previous = token.trim();
      lineBreak = token.trim() === '' ? lineBreak || token.includes('\n') : false;
      at += token.length;
      continue;
    }
    const docstring = options.python && token.type === 'triple-quoted-string' && (previous === undefined || ((previous === ':' || previous === '#') && lineBreak));
    lineBreak = false;
    if (isCopyToken(token)) {
      if (!docstring) kept.push([at, at + token.length]);
    } else if (typeof token.content !== 'string') {
      keepCopy(Array.isArray(token.content) ? token.content : [token.content], at, kept, options, depth + 1);
    }
    previous = token.type === 'comment' ? '#' : token.type === 'punctuation' && typeof token.content === 'string' ? token.content : token.type;
    at += token.length;
  }
  return at;
}

/** The text with every character outside `kept` a space, line breaks kept. */
function blankOutside(text: string, kept: readonly [number, number][]): string {
  const ranges = [...kept].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    if (from > at) parts.push(blank(text.slice(at, from)));
    parts.push(text.slice(Math.max(from, at), to));
    at = to;
  }
  parts.push(blank(text.slice(at)));
  return parts.join('');
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
