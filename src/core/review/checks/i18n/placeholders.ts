// The placeholders of a translated string, read with the grammar its library
// speaks. Each grammar fills a different syntax, so a string is read with one
// grammar only (chosen for the whole set of locale files by `detectGrammar`);
// reading `{{name}}` as ICU or `{name}` as i18next would invent differences.
//
// ICU messages are read by formatjs's parser (the one react-intl and
// FormatJS themselves run), not by hand: plural and select branches, nesting,
// `''` and `'{'` quoting and tags follow the real rules.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { fluentReferences } from './fluent';

/**
 * `gettext`: printf (`%s`, `%1$s`, `%(name)s`) and Python's `{name}`, as
 * gettext catalogs outside Lingui write them; `laravel`: `:name`, which
 * Laravel also fills as `:Name` and `:NAME`; `apple`: Foundation's format
 * (`%@`, `%1$@`, `%lld`, a stringsdict's `%#@files@`); `messageformat`:
 * Java's MessageFormat (`{0}`, `{1,number}`); `fluent`: Fluent's placeables
 * (`{ $name }`, `{ -brand }`); `xliff`: XLIFF's inline codes
 * (`<x id="INTERPOLATION"/>`) and the placeholders written in its text.
 */
export type Grammar = 'icu' | 'i18next' | 'vue-i18n' | 'rails' | 'printf' | 'gettext' | 'laravel' | 'apple' | 'messageformat' | 'fluent' | 'xliff';

/** One thing the code fills or the library resolves, as written in messages. */
export interface Token {
  /**
   * `argument` is filled by name, `position` by order, `tag` by a component,
   * `link` by another key; `shown` is a number an ICU message puts on screen:
   * a plural's `#` (or its argument) in its `other` form, or the argument
   * written on its own (`{days}日`).
   */
  kind: 'argument' | 'position' | 'tag' | 'link' | 'shown';
  /** How a person reads it: `{name}`, `{{count}}`, `%{count}`, `%1$s`, `<link>`, `@:common.save`. */
  text: string;
  /** The name the code passes (`count`), for arguments. */
  name?: string;
  /** An argument the message reads as a number: ICU `plural`, `selectordinal` or `number`, i18next `{{x, number}}`. */
  numeric?: boolean;
}

export type Reading = { ok: true; tokens: Token[] } | { ok: false; error: string };

const MUSTACHE = /\{\{\s*-?\s*([^{},\s]+)\s*(?:,[^{}]*)?\}\}/g;
const I18NEXT_NESTING = /\$t\(\s*([^,()\s]+)[^()]*\)/g;
const RAILS = /%(?:\{(\w+)\}|<(\w+)>[-+ #0]*\d*(?:\.\d+)?[a-zA-Z])/g;
const VUE_LINK = /@(?:\.\w+)?:(?:\(([^)]+)\)|([\w.-]*\w))/g;
const VUE_LITERAL = /\{\s*'(?:[^'\\]|\\.)*'\s*\}/g;
const SINGLE_BRACE = /\{\s*([\w.-]+)\s*\}/g;
/** printf: `%s`, `%d`, `%1$s`, `%(name)s`; `%%` is a literal percent sign. */
const PRINTF = /%(?:%|\((\w+)\)[-+#0 ]*\d*(?:\.\d+)?[sdifouxXeEgGcr]|(\d+)\$[-+#0 ]*\d*(?:\.\d+)?[sdifuoxXeEgGc@]|[-+#0]*\d*(?:\.\d+)?([sdifuoxXeEgGc@]))/g;
/** Laravel's `:name`, not inside a word (Swedish `ID:erna`, "the IDs", is no placeholder) nor a URL (`https://`). */
const LARAVEL = /(?<![\w:/]):([A-Za-z_][A-Za-z0-9_]*)/g;
/** Foundation's format specifiers: printf's, with `@` (an object), length modifiers (`%lld`, `%lu`) and `%1$@`. */
const APPLE_PRINTF = /%(?:%|#@(\w+)@|(\d+\$)?[-+#0 ']*\d*(?:\.\d+)?(?:hh|h|ll|l|q|z|t|j|L)?([@dDiuUxXoOfeEgGcCsSpaA]))/g;
/** MessageFormat's `{0}`, `{1,number,#.##}`; text an apostrophe quotes (`'{0}'`) is no placeholder, `''` is one apostrophe. */
const MESSAGE_FORMAT = /\{\s*(\d+)\s*(?:,\s*(\w+)[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}/g;
/** XLIFF's inline codes as the reader writes them: standalone (`<x id="1"/>`) and paired (`<g id="1">`). */
const XLIFF_STANDALONE = /<(x|ph|bx|ex|sc|ec|it|bpt|ept) id="([^"]*)"\/>/g;
const XLIFF_PAIRED = /<(g|pc) id="([^"]*)">/g;
/** Symfony's `%name%` in XLIFF and YAML messages. */
const PERCENT_NAME = /%([A-Za-z_][\w.-]*)%/g;
/** `<b>`, `</b>`, `<0>`, `<br/>`, `<link>`: the tags rich-text components and HTML rendering fill. */
const TAG = /<(\/?)([A-Za-z][\w-]*|\d+)(?:\s[^<>]*)?(\/?)>/g;

/** Reads `message` with `grammar`. `printf` adds printf placeholders to another grammar (i18next's sprintf). */
export function readMessage(message: string, grammar: Grammar, options: { printf?: boolean } = {}): Reading {
  // Most strings hold no placeholder at all: nothing to parse.
  if (!/[{}<%@$:]/.test(message)) return NOTHING;
  const key = `${grammar}${options.printf ? '+printf' : ''}\n${message}`;
  let reading = readings.get(key);
  if (!reading) {
    reading = readAll(message, grammar, options.printf === true);
    // The same source string is compared with every locale: read it once. Bounded, so memory stays flat.
    if (readings.size >= MAX_REMEMBERED) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

const NOTHING: Reading = { ok: true, tokens: [] };
const MAX_REMEMBERED = 20_000;
const readings = new Map<string, Reading>();

function readAll(message: string, grammar: Grammar, printf: boolean): Reading {
  const reading = readWith(message, grammar);
  if (!reading.ok || !printf || grammar === 'printf') return reading;
  return { ok: true, tokens: [...reading.tokens, ...printfTokens(message)] };
}

function readWith(message: string, grammar: Grammar): Reading {
  switch (grammar) {
    case 'icu':
      return readIcu(message);
    case 'i18next':
      return ok([
        ...matches(MUSTACHE, message, (m) => ({ ...argument(`{{${m[1]}}}`, m[1]), ...(/,\s*number\b/.test(m[0]) ? { numeric: true } : {}) })),
        ...matches(I18NEXT_NESTING, message, (m) => ({ kind: 'link', text: `$t(${m[1]})` })),
        ...tagTokens(message),
      ]);
    case 'vue-i18n': {
      const text = message.replace(VUE_LITERAL, ' ');
      return ok([
        ...matches(SINGLE_BRACE, text, (m) => argument(`{${m[1]}}`, m[1])),
        ...matches(VUE_LINK, text, (m) => ({ kind: 'link', text: `@:${m[1] ?? m[2]}` })),
        ...tagTokens(text),
      ]);
    }
    case 'rails':
      return ok([...matches(RAILS, message, (m) => argument(`%{${m[1] ?? m[2]}}`, m[1] ?? m[2])), ...tagTokens(message.replace(RAILS, ' '))]);
    case 'printf':
      return ok([...printfTokens(message), ...tagTokens(message)]);
    case 'gettext':
      return ok([...printfTokens(message), ...matches(SINGLE_BRACE, message, (m) => argument(`{${m[1]}}`, m[1])), ...tagTokens(message)]);
    case 'laravel':
      // `:event`, `:Event` and `:EVENT` are one argument, written three ways.
      return ok([...matches(LARAVEL, message, (m) => argument(`:${m[1].toLowerCase()}`, m[1].toLowerCase())), ...tagTokens(message)]);
    case 'apple':
      return ok([...appleTokens(message), ...tagTokens(message)]);
    case 'messageformat': {
      const unquoted = message.replace(/''/g, '').replace(/'[^']*'?/g, ' ');
      return ok(matches(MESSAGE_FORMAT, unquoted, (m) => ({ ...argument(`{${m[1]}}`, m[1]), ...(/^(?:number|choice)$/.test(m[2] ?? '') ? { numeric: true } : {}) })));
    }
    case 'fluent': {
      const references = fluentReferences(message);
      if (!references) return { ok: false, error: 'not a Fluent pattern' };
      return ok([...references.variables.map((name) => argument(`{ $${name} }`, name)), ...references.references.map((name): Token => ({ kind: 'link', text: `{ ${name} }` }))]);
    }
    case 'xliff':
      return readXliff(message);
  }
}

function appleTokens(message: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  for (const match of message.matchAll(APPLE_PRINTF)) {
    if (match[0] === '%%' || percentInWords(message, match)) continue;
    if (match[1] !== undefined) tokens.push(argument(`%#@${match[1]}@`, match[1]));
    // `%d` and `%1$ld` fill the same argument: read as positions with their conversion, length modifiers aside.
    else tokens.push({ kind: 'position', text: `%${match[2] ? match[2].slice(0, -1) : ++position}$${match[3] === 'i' ? 'd' : match[3]}` });
  }
  return tokens;
}

/**
 * A percent sign written as text before a word: Interface Builder's `"% of
 * screen"` reads as `% o` (the space flag, octal) followed by more letters.
 * A conversion with the space flag that runs on into a word is no specifier.
 */
function percentInWords(message: string, match: RegExpMatchArray): boolean {
  const end = (match.index ?? 0) + match[0].length;
  return /^%(?:\d+\$)?[-+#0']* /.test(match[0]) && /\p{L}/u.test(message[end] ?? '');
}

/**
 * An XLIFF string: its inline codes, then what its text writes (Angular's
 * ICU plurals, `{{ name }}`, `{name}`, Symfony's `%name%`, printf), read with
 * the codes left out.
 */
function readXliff(message: string): Reading {
  const codes = [
    ...matches(XLIFF_STANDALONE, message, (m) => argument(m[0], m[2])),
    ...matches(XLIFF_PAIRED, message, (m) => ({ kind: 'tag', text: `<${m[1]} id="${m[2]}">` })),
  ];
  const text = message.replace(XLIFF_STANDALONE, ' ').replace(/<\/?(?:g|pc)\b[^>]*>/g, ' ');
  if (/\{\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,/.test(text)) {
    const icu = readIcu(text);
    return icu.ok ? ok([...codes, ...icu.tokens]) : icu;
  }
  const named = matches(PERCENT_NAME, text, (m) => argument(m[0], m[1]));
  const rest = text.replace(PERCENT_NAME, ' ');
  return ok([...codes, ...named, ...matches(MUSTACHE, rest, (m) => argument(`{{${m[1]}}}`, m[1])), ...matches(SINGLE_BRACE, rest.replace(MUSTACHE, ' '), (m) => argument(`{${m[1]}}`, m[1])), ...printfTokens(rest), ...tagTokens(rest)]);
}

function readIcu(message: string): Reading {
  try {
    const elements = parse(message, { ignoreTag: false });
    // formatjs keeps a stray `}` as text; Lingui's parser and ICU itself reject it (`„{documentName}}”`).
    if (strayClosingBrace(elements, message)) return { ok: false, error: 'unmatched closing brace }' };
    return ok(icuTokens(elements));
  } catch {
    // `<br>` or `<0>` are not ICU tags; read the message as text around them, and the tags as HTML.
    try {
      return ok([...icuTokens(parse(message, { ignoreTag: true })), ...tagTokens(message)]);
    } catch (error) {
      return { ok: false, error: icuError(error) };
    }
  }
}

/** A `}` read as text that no apostrophe quoted: a brace typed twice, or one left over. */
function strayClosingBrace(elements: MessageFormatElement[], message: string): boolean {
  if (/'[^']*\}/.test(message)) return false;
  return elements.some((element) => {
    if (element.type === TYPE.literal) return element.value.includes('}');
    if (element.type === TYPE.plural || element.type === TYPE.select) return Object.values(element.options).some((option) => strayClosingBrace(option.value, message));
    if (element.type === TYPE.tag) return strayClosingBrace(element.children, message);
    return false;
  });
}

function icuTokens(elements: MessageFormatElement[]): Token[] {
  const tokens: Token[] = [];
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        tokens.push(argument(`{${element.value}}`, element.value), shown(element.value));
        break;
      case TYPE.date:
      case TYPE.time:
        tokens.push(argument(`{${element.value}}`, element.value));
        break;
      case TYPE.number:
        tokens.push({ ...argument(`{${element.value}}`, element.value), numeric: true }, shown(element.value));
        break;
      case TYPE.plural:
      case TYPE.select:
        tokens.push({ ...argument(`{${element.value}}`, element.value), ...(element.type === TYPE.plural ? { numeric: true } : {}) });
        if (element.type === TYPE.plural && showsNumber(element.options.other?.value ?? [], element.value)) tokens.push(shown(element.value));
        for (const option of Object.values(element.options)) tokens.push(...icuTokens(option.value));
        break;
      case TYPE.tag:
        tokens.push({ kind: 'tag', text: `<${element.value}>` }, ...icuTokens(element.children));
        break;
      default:
        break;
    }
  }
  return tokens;
}

/** The number an argument puts on screen: `{days}`, `{days, number}`, or `#` in its plural's "other" form. */
function shown(name: string): Token {
  return { kind: 'shown', text: `{${name}} on screen`, name };
}

/** Whether a plural's form writes its number: `#`, or the argument by name, at any depth. */
function showsNumber(elements: MessageFormatElement[], name: string): boolean {
  return elements.some((element) => {
    if (element.type === TYPE.pound) return true;
    if ((element.type === TYPE.argument || element.type === TYPE.number) && element.value === name) return true;
    if (element.type === TYPE.tag) return showsNumber(element.children, name);
    return false;
  });
}

/** formatjs names the error (`MALFORMED_ARGUMENT`); a person reads words. */
function icuError(error: unknown): string {
  const kind = error instanceof Error ? error.message : String(error);
  return kind.toLowerCase().replace(/_/g, ' ');
}

function printfTokens(message: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  for (const match of message.matchAll(PRINTF)) {
    if (match[0] === '%%') continue;
    if (match[1] !== undefined) tokens.push(argument(match[0], match[1]));
    // `%s %d` and `%1$s %2$d` fill the same arguments: both read as positions with their type.
    else if (match[2] !== undefined) tokens.push({ kind: 'position', text: `%${match[2]}$${match[0].slice(-1)}` });
    else tokens.push({ kind: 'position', text: `%${++position}$${match[3]}` });
  }
  return tokens;
}

function tagTokens(message: string): Token[] {
  // Opening and self-closing tags count; a closing tag repeats its opening one.
  return matches(TAG, message, (m) => (m[1] === '/' ? undefined : { kind: 'tag', text: m[3] === '/' ? `<${m[2]}/>` : `<${m[2]}>` }));
}

function matches(pattern: RegExp, text: string, toToken: (match: RegExpMatchArray) => Token | undefined): Token[] {
  return [...text.matchAll(pattern)].map(toToken).filter((token): token is Token => token !== undefined);
}

function argument(text: string, name: string): Token {
  return { kind: 'argument', text, name };
}

function ok(tokens: Token[]): Reading {
  return { ok: true, tokens };
}

/** How strongly the strings of a locale file speak each grammar: the number of strings that show it. */
interface Evidence {
  i18next: number;
  icu: number;
  vue: number;
  rails: number;
  printf: number;
  laravel: number;
}

/** What the files of a set say besides their strings. */
export interface GrammarHints {
  /** The grammar a file declares (a Lingui catalog's header, Laravel's PHP arrays). */
  declared?: Grammar;
  /** The set sits in Laravel's `lang/` folder, where `:name` is a placeholder. */
  laravel?: boolean;
}

/**
 * The grammar of a set of locale files, from the strings of its source
 * locale: undefined when no string shows one, and then nothing is compared
 * rather than guessed. YAML locale files are Rails's (`%{count}`); gettext
 * catalogs speak printf and `{name}` unless they say they are Lingui's (ICU).
 */
export function detectGrammar(messages: Iterable<string>, format: string, hints: GrammarHints = {}): { grammar: Grammar; printf: boolean } | undefined {
  if (hints.declared) return { grammar: hints.declared, printf: false };
  const list = [...messages];
  const evidence: Evidence = { i18next: 0, icu: 0, vue: 0, rails: 0, printf: 0, laravel: 0 };
  for (const message of list) weigh(message, evidence);
  const printf = evidence.printf > 0;
  if (format === 'yaml') return { grammar: 'rails', printf: false };
  if (format === 'php') return { grammar: 'laravel', printf: false };
  // ICU plurals and selects make a catalog Lingui's even when its header says nothing.
  if (format === 'po') return { grammar: evidence.icu > 0 && list.some((message) => /\{\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,/.test(message)) ? 'icu' : 'gettext', printf: false };
  if (hints.laravel && evidence.laravel > 0 && evidence.laravel >= evidence.icu + evidence.i18next) return { grammar: 'laravel', printf: false };
  if (evidence.i18next > 0 && evidence.i18next >= evidence.icu) return { grammar: 'i18next', printf };
  if (evidence.vue > 0) return { grammar: 'vue-i18n', printf };
  if (evidence.icu > 0) return { grammar: 'icu', printf };
  if (evidence.rails > 0) return { grammar: 'rails', printf };
  if (printf) return { grammar: 'printf', printf: false };
  return undefined;
}

function weigh(message: string, evidence: Evidence): void {
  if (/(?<![\w:/]):[A-Za-z_]/.test(message)) evidence.laravel++;
  if (!/[{%$@<]/.test(message)) return;
  const icu = () => readMessage(message, 'icu').ok;
  if (/\{\{\s*-?\s*[^{}\s]/.test(message) && !icu()) evidence.i18next++;
  else if (/\{\s*[\w.-]+\s*(?:,|\})/.test(message) && icu()) evidence.icu++;
  const signs: [keyof Evidence, boolean][] = [
    ['i18next', /\$t\(/.test(message)],
    // `{'@'}` is a vue-i18n literal, but `'{'Field Name'}'` is ICU quoting: a literal counts only where ICU cannot read the message.
    ['vue', /@(?:\.\w+)?:[\w(]/.test(message) || (/\{\s*'[^']*'\s*\}/.test(message) && !icu())],
    ['rails', /%\{\w+\}/.test(message)],
    ['printf', printfTokens(message).length > 0],
  ];
  for (const [grammar, shown] of signs) if (shown) evidence[grammar]++;
}
