// Where code asks the i18n library for a key. A use is a call the library
// resolves: `t('a.b')`, `i18n.t("a.b")`, `$t('a.b')`, `t['a.b']()` (typed
// wrappers generated from the strings), `<Trans i18nKey="a.b">`, a key
// handed on under a name that says so (`labelKey: 'a.b'`), react-intl's
// `id: 'a.b'` in a file that uses react-intl; and a call of any name bound
// to a translator in the same file (`const tr = useTranslation().t`,
// `const { t: translate } = useI18n()`, `const label = (key) => t(key)`).
// Where English text is the key (`"Divider": "Divider"`), the same words in a
// comment, a type union, a test's data or a README are not uses.
import { closingIndex, codeTokens, literalValue, nesting, SCRIPT_FILE, type CodeToken } from '../../../text/code';
import { LineIndex } from '../contentSupport';

/** `call`: the library is asked for the key; `value`: the key's text is a plain string in code, maybe handed on. */
export type UseKind = 'call' | 'value';

export interface KeyUse {
  key: string;
  /** 1-based. */
  line: number;
  kind: UseKind;
  /** The i18next namespace written before the key (`common:save`), when one is. */
  namespace?: string;
}

/**
 * The i18next namespaces a script asks for by name: `useTranslation('home')`,
 * `useTranslation(['home', 'common'])`, `withTranslation('home')`,
 * `getFixedT(null, 'home')`. `unnamed`: it also asks for a translator
 * without naming a namespace (`useTranslation()`, `useTranslation(ns)`), whose
 * keys are the default namespace's, or whatever `ns` holds.
 */
export interface LoadedNamespaces {
  named: string[];
  unnamed: boolean;
}

/** Names that translate when called, in the libraries' own spellings (`t`, vue-i18n's `$t`/`tc`, gettext's `_`/`__`). */
const TRANSLATORS = new Set(['t', '$t', 'tc', '$tc', 'te', '$te', 'tm', '$tm', 'translate', '__', '_t', '_', 'gettext', 'i18n', 'I18n', 'i18next']);
/** Calls that hand out a translator: `useTranslation()`, `getTranslate()`, `useI18n()`, `getFixedT()`, next-intl's `getTranslations()`. */
const TRANSLATOR_FACTORY = /^(?:(?:use|get|create)\w*(?:Translat|I18n|Intl)\w*|getFixedT|useT)$/;
/** Property and attribute names that hold a key: `i18nKey`, `labelKey`, `title_key`. */
const KEY_PROPERTY = /^(?:i18nKey|\w+Key|\w+_key)$/;
/** react-intl's message descriptors name their key `id`. */
const REACT_INTL = /\b(?:react-intl|@formatjs\/|defineMessages?\b|formatMessage\b|FormattedMessage\b|useIntl\b|defaultMessage\b)/;

/** The file kinds whose lines can name a key in code: scripts, and templates that call the library inline. */
export const CODE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro|html?|hbs|erb|haml|slim|rb|py|php|twig|liquid|njk|j2|jinja2?|dart|swift|kt|kts|java|go|cs|m|mm|jsp|xml)$/i;

/**
 * How the platforms whose strings are not asked for by a `t()` name a key:
 * Android's generated `R.string.welcome` and resources' `@string/welcome`;
 * Apple's `NSLocalizedString("key"…)`, `String(localized: "key")`,
 * SwiftUI's `Text("key")` and `LocalizedStringKey("key")`; Spring's
 * `getMessage("key"…)`, `<spring:message code="key">`, Thymeleaf's `#{key}`;
 * Fluent's `data-l10n-id="key"`, `<Localized id="key">`, `formatValue("key")`;
 * Laravel's `__('group.key')`, `trans()`, `@lang()` (a PHP array's keys are
 * named with their file's group: removedKeys.ts).
 */
const PLATFORM_USES: readonly RegExp[] = [
  /\bR\.(?:string|plurals|array)\.(\w+)/g,
  /@(?:string|plurals|array)\/(\w+)/g,
  /\b(?:NSLocalizedString|LocalizedStringKey|String\(\s*localized:|Text|LocalizedStringResource)\(?\s*@?"((?:[^"\\]|\\.)*)"/g,
  /\bgetMessage\(\s*"((?:[^"\\]|\\.)*)"/g,
  /<spring:message\b[^>]*\bcode\s*=\s*["']([^"']+)["']/g,
  /#\{([\w.-]+)(?:\([^)]*\))?\}/g,
  /\bdata-l10n-id\s*=\s*["']([\w-]+)["']/g,
  /<Localized\b[^>]*\bid\s*=\s*["'{]+([\w-]+)["'}]/g,
  /\b(?:formatValues?|getString|setAttributes\([^,]+,)\s*\(?\s*["']([\w-]+)["']/g,
  // Laravel: `__('messages.welcome')`, `trans()`, `trans_choice()`, `Lang::get()`, Blade's `@lang()` and `@choice()`.
  /(?:@lang|@choice|\btrans_choice|\btrans|\bLang::(?:get|choice)|\b__)\(\s*['"]([^'"]+)['"]/g,
];

/** The keys each hit line names the platforms' own way. */
function platformUses(keys: ReadonlySet<string>, lines: readonly { line: number; text: string }[]): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const hit of lines) {
    for (const pattern of PLATFORM_USES) {
      for (const match of hit.text.matchAll(pattern)) if (keys.has(match[1])) uses.push({ key: match[1], line: hit.line, kind: 'call' });
    }
  }
  return uses;
}

/**
 * The uses of `keys` in one file. A script is read whole (bindings and
 * comments are seen); other code one line at a time, as `lines` gives them.
 */
export function keyUses(path: string, text: string | undefined, keys: ReadonlySet<string>, lines: readonly { line: number; text: string }[]): KeyUse[] {
  return keyUsesAndNamespaces(path, text, keys, lines).uses;
}

/** The uses of `keys` in one file, with the namespaces a script asks for (undefined for other code, read line by line). */
export function keyUsesAndNamespaces(path: string, text: string | undefined, keys: ReadonlySet<string>, lines: readonly { line: number; text: string }[]): { uses: KeyUse[]; namespaces?: LoadedNamespaces } {
  if (!CODE_FILE.test(path)) return { uses: [] };
  const platform = platformUses(keys, lines);
  if (text !== undefined && SCRIPT_FILE.test(path)) {
    const tokens = codeTokens(text, { path });
    return { uses: withPlatform(usesInTokens(tokens, keys, new LineIndex(text), REACT_INTL.test(text)), platform), namespaces: loadedNamespaces(tokens) };
  }
  // An XML file (an Android layout) names keys only the platform's way.
  return { uses: withPlatform(/\.xml$/i.test(path) ? [] : templateUses(path, keys, lines), platform) };
}

/** The uses found by reading the code, with the platform's own: one per key and line, a call where either says so. */
function withPlatform(uses: KeyUse[], platform: KeyUse[]): KeyUse[] {
  const calls = new Set(platform.map((use) => `${use.line}\n${use.key}`));
  return [...uses.filter((use) => !calls.has(`${use.line}\n${use.key}`)), ...platform.filter((use, index) => platform.findIndex((other) => other.line === use.line && other.key === use.key) === index)];
}

/** Namespace-taking calls: the argument that names the namespace. */
const NAMESPACE_ARGUMENT: ReadonlyMap<string, number> = new Map([['useTranslation', 0], ['withTranslation', 0], ['getFixedT', 1]]);

function loadedNamespaces(tokens: CodeToken[]): LoadedNamespaces {
  const named = new Set<string>();
  let unnamed = false;
  for (let i = 0; i < tokens.length; i++) {
    const at = NAMESPACE_ARGUMENT.get(tokens[i].raw);
    if (at === undefined || tokens[i].kind !== 'identifier' || !isPunctuator(tokens[i + 1], '(')) continue;
    const argument = argumentTokens(tokens, i + 1, at);
    const literals = argument.map(literalValue).filter((value): value is string => value !== undefined);
    if (literals.length === 0 || argument.some((token) => token.kind === 'identifier')) unnamed = true;
    for (const value of literals) named.add(value);
  }
  return { named: [...named], unnamed };
}

/** The tokens of the `index`th argument of the call whose `(` is at `open`, brackets of an array included. */
function argumentTokens(tokens: CodeToken[], open: number, index: number): CodeToken[] {
  const close = closingIndex(tokens, open);
  const argument: CodeToken[] = [];
  let depth = 0;
  let current = 0;
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i];
    if (depth === 0 && isPunctuator(token, ',')) {
      current++;
      continue;
    }
    depth += nesting(token);
    if (current === index) argument.push(token);
  }
  return argument;
}

function templateUses(path: string, keys: ReadonlySet<string>, lines: readonly { line: number; text: string }[]): KeyUse[] {
  const uses: KeyUse[] = [];
  const markup = /\.(?:vue|svelte|astro|html?)$/i.test(path);
  for (const hit of lines) {
    const tokens = codeTokens(hit.text, { jsx: markup });
    // A template's attribute holds an expression (`:title="t('a.b')"`): read it as code too.
    const pieces = [tokens, ...(markup ? tokens.filter((token) => token.kind === 'jsx-string' && token.text?.includes('(')).map((token) => codeTokens(token.text ?? '')) : [])];
    for (const piece of pieces) for (const use of usesInTokens(piece, keys, ONE_LINE, REACT_INTL.test(hit.text))) uses.push({ ...use, line: hit.line });
  }
  return uses;
}

/** Positions within one line are all on it. */
const ONE_LINE = new LineIndex('');

function usesInTokens(tokens: CodeToken[], keys: ReadonlySet<string>, lines: LineIndex, reactIntl: boolean): KeyUse[] {
  const translators = translatorNames(tokens);
  const uses: KeyUse[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const value = literalValue(tokens[i]);
    if (value === undefined) continue;
    const named = keyNamed(value, keys);
    if (named === undefined) continue;
    const kind: UseKind | undefined = asksLibrary(tokens, i, translators, reactIntl) ? 'call' : inTypePosition(tokens, i) ? undefined : 'value';
    if (kind) uses.push({ key: named.key, line: lines.positionOf(tokens[i].start).line, kind, ...(named.namespace !== undefined ? { namespace: named.namespace } : {}) });
  }
  return uses;
}

/** The key a string names: itself, or with an i18next namespace before it (`common:a.b`). */
function keyNamed(value: string, keys: ReadonlySet<string>): { key: string; namespace?: string } | undefined {
  if (keys.has(value)) return { key: value };
  const colon = value.indexOf(':');
  return colon > 0 && keys.has(value.slice(colon + 1)) ? { key: value.slice(colon + 1), namespace: value.slice(0, colon) } : undefined;
}

function nameOf(token: CodeToken | undefined): string | undefined {
  if (!token) return undefined;
  if (token.kind === 'identifier' || token.kind === 'jsx-name') return token.raw;
  return token.kind === 'string' ? token.text : undefined;
}

function isPunctuator(token: CodeToken | undefined, raw: string): boolean {
  return token !== undefined && (token.kind === 'punctuator' || token.kind === 'jsx-punctuator') && token.raw === raw;
}

/** Whether the string at `i` is handed to the library: a translator's argument or index, or a key-holding property. */
function asksLibrary(tokens: CodeToken[], i: number, translators: ReadonlySet<string>, reactIntl: boolean): boolean {
  const before = tokens[i - 1];
  const translator = (at: number) => {
    const name = nameOf(tokens[at]);
    return tokens[at]?.kind === 'identifier' && name !== undefined && translators.has(name);
  };
  // t('a.b'), t(['a.b', 'fallback']), t['a.b']
  if (isPunctuator(before, '(') || isPunctuator(before, '[')) {
    if (translator(i - 2)) return true;
    if (isPunctuator(before, '[') && isPunctuator(tokens[i - 2], '(') && translator(i - 3)) return true;
  }
  // i18nKey="a.b", i18nKey={'a.b'}, labelKey: 'a.b', id: 'a.b' (react-intl)
  let at = i - 1;
  if (isPunctuator(tokens[at], '{') && isPunctuator(tokens[at - 1], '=')) at--;
  if (!isPunctuator(tokens[at], '=') && !isPunctuator(tokens[at], ':')) return false;
  const property = nameOf(tokens[at - 1]);
  return property !== undefined && (KEY_PROPERTY.test(property) || (reactIntl && property === 'id'));
}

/** `type Kind = 'a.b' | 'c'`, `kind: 'a.b' | 'c'`: a string in a union is a type, not a value handed on. */
function inTypePosition(tokens: CodeToken[], i: number): boolean {
  return isPunctuator(tokens[i - 1], '|') || isPunctuator(tokens[i + 1], '|');
}

/** Every name bound to a translator in this file, the built-in ones included. */
function translatorNames(tokens: CodeToken[]): Set<string> {
  const names = new Set(TRANSLATORS);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'identifier' || !TRANSLATOR_FACTORY.test(tokens[i].raw) || !isPunctuator(tokens[i + 1], '(')) continue;
    for (const name of boundNames(tokens, i)) names.add(name);
  }
  // A function that passes its first parameter to a translator is one too; two passes find one wrapping another.
  for (let pass = 0; pass < 2; pass++) for (const name of wrappers(tokens, names)) names.add(name);
  return names;
}

/** The names a call at `call` is assigned to: `const t = f()`, `const { t: tr } = await f()`, `const x = f().t`. */
function boundNames(tokens: CodeToken[], call: number): string[] {
  let at = call - 1;
  while (tokens[at]?.kind === 'identifier' && tokens[at].raw === 'await') at--;
  while (isPunctuator(tokens[at], '.') && tokens[at - 1]?.kind === 'identifier') at -= 2;
  if (!isPunctuator(tokens[at], '=')) return [];
  const target = tokens[at - 1];
  if (target?.kind === 'identifier') return [target.raw];
  if (!isPunctuator(target, '}')) return [];
  // Destructuring: `{ t }` or `{ t: name }`.
  const names: string[] = [];
  for (let j = at - 2; j >= 0 && !isPunctuator(tokens[j], '{'); j--) {
    if (tokens[j].kind !== 'identifier') continue;
    if (isPunctuator(tokens[j - 1], ':') && tokens[j - 2]?.raw === 't') names.push(tokens[j].raw);
    else if (tokens[j].raw === 't') names.push('t');
  }
  return names;
}

/** `function tr(key) { return t(key) }`, `const tr = (key) => t(key)`: names whose first parameter reaches a translator. */
function wrappers(tokens: CodeToken[], translators: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const declared = declaredFunction(tokens, i);
    if (!declared || translators.has(declared.name)) continue;
    const end = declared.body < tokens.length && isPunctuator(tokens[declared.body], '{') ? closingIndex(tokens, declared.body) : Math.min(tokens.length - 1, declared.body + 40);
    for (let j = declared.body; j < end; j++) {
      if (tokens[j].kind === 'identifier' && translators.has(tokens[j].raw) && isPunctuator(tokens[j + 1], '(') && tokens[j + 2]?.raw === declared.parameter) {
        found.push(declared.name);
        break;
      }
    }
  }
  return found;
}

/** A function declared at `i` with its name, its first parameter and where its body starts. */
function declaredFunction(tokens: CodeToken[], i: number): { name: string; parameter: string; body: number } | undefined {
  const token = tokens[i];
  let name: string | undefined;
  let open: number;
  if (token.kind === 'identifier' && token.raw === 'function' && tokens[i + 1]?.kind === 'identifier' && isPunctuator(tokens[i + 2], '(')) {
    name = tokens[i + 1].raw;
    open = i + 2;
  } else if (token.kind === 'identifier' && isPunctuator(tokens[i + 1], '=')) {
    name = token.raw;
    open = i + 2;
    if (tokens[open]?.raw === 'async') open++;
    if (tokens[open]?.raw === 'function') open++;
    if (!isPunctuator(tokens[open], '(')) return undefined;
  } else {
    return undefined;
  }
  const parameter = tokens[open + 1];
  if (parameter?.kind !== 'identifier') return undefined;
  const close = closingIndex(tokens, open);
  let body = close + 1;
  // A return type (`): string =>`) sits between the parameters and the body.
  while (body < tokens.length && body < close + 12 && !isPunctuator(tokens[body], '{') && !isPunctuator(tokens[body], '=>')) body++;
  if (isPunctuator(tokens[body], '=>')) body++;
  return { name, parameter: parameter.raw, body };
}
