// Apple's strings files. `.strings` (`"key" = "value";`) is read by a small
// reader here: the format is a handful of rules (quoted or bare keys, C
// comments, backslash escapes), and the npm readers of it are unmaintained
// or bring their own encoding stack. `.stringsdict` is a plist read through
// the XML reader; `.xcstrings` (Xcode's string catalog) is JSON holding
// every language at once, with its `sourceLanguage`. Foundation's format
// fills them: `%@`, `%1$@`, `%lld`, and a stringsdict's `%#@files@`.
import { scanJson } from './json';
import { countMayBeLeftOut } from './keys';
import type { StringsLeaf, StringsScan } from './stringsFile';
import { childElements, localName, readXml, textOf, type XmlElement } from './xml';
import { LineIndex } from '../contentSupport';

export function scanAppleStrings(text: string): StringsScan {
  const lines = new LineIndex(text);
  const leaves = new Map<string, StringsLeaf>();
  let at = 0;
  const fail = (message: string) => ({ ok: false as const, error: { ...lines.positionOf(at), message } });
  const skip = () => {
    for (;;) {
      const space = /^\s+/.exec(text.slice(at));
      if (space) at += space[0].length;
      if (text.startsWith('//', at)) {
        const end = text.indexOf('\n', at);
        at = end < 0 ? text.length : end + 1;
      } else if (text.startsWith('/*', at)) {
        const end = text.indexOf('*/', at + 2);
        if (end < 0) return false;
        at = end + 2;
      } else return true;
    }
  };
  const token = (): string | undefined => {
    if (text[at] === '"') {
      let value = '';
      for (at++; at < text.length && text[at] !== '"'; at++) {
        if (text[at] !== '\\') {
          value += text[at];
          continue;
        }
        const next = text[++at];
        if (next === 'U' || next === 'u') {
          value += String.fromCharCode(parseInt(text.slice(at + 1, at + 5), 16));
          at += 4;
        } else value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      }
      if (at >= text.length) return undefined;
      at++;
      return value;
    }
    const bare = /^[\w.:/-]+/.exec(text.slice(at));
    if (!bare) return undefined;
    at += bare[0].length;
    return bare[0];
  };
  for (;;) {
    if (!skip()) return fail('a comment is not closed');
    if (at >= text.length) break;
    const start = lines.positionOf(at);
    const key = token();
    if (key === undefined) return fail('expected a quoted key');
    if (!skip() || text[at] !== '=') return fail('expected `=` after the key');
    at++;
    skip();
    const value = token();
    if (value === undefined) return fail('expected a quoted value');
    if (!skip() || text[at] !== ';') return fail('expected `;` after the value');
    at++;
    leaves.set(key, { path: key, value, ...start });
  }
  return { ok: true, leaves, grammar: 'apple' };
}

/** A plist value, with where it is written. */
type PlistValue = { element: XmlElement; value: string | Map<string, PlistValue> };

/**
 * A `.stringsdict`: each key's format (`%#@files@`) as the key itself, and
 * each plural variable's forms as `key.files.one`, `key.files.other`.
 */
export function scanStringsdict(text: string): StringsScan {
  const reading = readXml(text);
  if (!reading.ok) return reading;
  const [top] = childElements(reading.root, 'dict');
  const leaves = new Map<string, StringsLeaf>();
  const leaf = (key: string, { element, value }: PlistValue, form?: string) => {
    if (typeof value === 'string') leaves.set(key, { path: key, value, line: element.line, column: element.column, ...(form ? { form } : {}) });
  };
  for (const [key, entry] of top ? plistDict(top) : []) {
    if (typeof entry.value === 'string') continue;
    for (const [name, part] of entry.value) {
      if (name === 'NSStringLocalizedFormatKey') leaf(key, part);
      else if (typeof part.value !== 'string') {
        for (const [form, value] of part.value) if (!form.startsWith('NSString')) leaf(`${key}.${name}.${form}`, value, form);
      }
    }
  }
  return { ok: true, leaves, grammar: 'apple' };
}

function plistDict(dict: XmlElement): Map<string, PlistValue> {
  const entries = new Map<string, PlistValue>();
  const children = childElements(dict);
  for (let i = 0; i + 1 < children.length; i += 2) {
    if (localName(children[i].name) !== 'key') break;
    const element = children[i + 1];
    entries.set(textOf(children[i]), { element, value: localName(element.name) === 'dict' ? plistDict(element) : textOf(element) });
  }
  return entries;
}

/**
 * An `.xcstrings` catalog: the source language's string under its key, each
 * other language's as `key (de)`, plural and device variations as
 * `key (de).one`. Each translation carries its source: the source
 * language's string of the same form (else its `other`), else the key,
 * which is the English text where the catalog gives none.
 */
export function scanXcstrings(text: string): StringsScan {
  const scan = scanJson(text, { leavesOnly: true });
  if (!scan.ok) return scan;
  let catalog: { sourceLanguage?: unknown; strings?: Record<string, { localizations?: Record<string, unknown>; shouldTranslate?: boolean }> };
  try {
    catalog = JSON.parse(text);
  } catch {
    return { ok: false, error: { line: 1, column: 1, message: 'not JSON' } };
  }
  const sourceLanguage = typeof catalog.sourceLanguage === 'string' ? catalog.sourceLanguage : 'en';
  const leaves = new Map<string, StringsLeaf>();
  for (const [key, entry] of Object.entries(catalog.strings ?? {})) {
    if (entry?.shouldTranslate === false) continue;
    const localizations = entry?.localizations ?? {};
    const source = unitsOf(localizations[sourceLanguage]);
    for (const [language, localization] of Object.entries(localizations)) {
      const own = language === sourceLanguage;
      for (const [form, value] of unitsOf(localization)) {
        const name = `${own ? key : `${key} (${language})`}${form === '' ? '' : `.${form}`}`;
        const where = scan.leaves.get(['strings', key, 'localizations', language, ...variationPath(form), 'stringUnit', 'value'].join('.'));
        const plural = form.split('.').pop() ?? '';
        const other = form.replace(/[^.]+$/, 'other');
        // A form that stands for several numbers in its language (Russian's `one`: 1, 21, 31…) translates the source's `other`, not "One item".
        const ownNumber = !PLURALS.has(plural) || countMayBeLeftOut(key, plural, language, 'apple');
        const sourceText = (ownNumber ? source.get(form) : undefined) ?? source.get(other) ?? source.get(form) ?? source.get('') ?? key;
        // The source language's own strings are the sources: they carry none.
        leaves.set(name, { path: name, value, line: where?.line ?? 1, column: where?.column ?? 1, ...(own ? {} : { source: sourceText, locale: language }), ...(form !== '' && PLURALS.has(plural) ? { form: plural } : {}) });
      }
    }
  }
  return { ok: true, leaves, grammar: 'apple', sourceLanguage };
}

const PLURALS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** `plural.one` → the JSON path of its variation: `variations.plural.one`. */
function variationPath(form: string): string[] {
  return form === '' ? [] : form.split('.').flatMap((part, index) => (index % 2 === 0 ? ['variations', part] : [part]));
}

/** A localization's strings by variation (`''` for a plain one, `plural.one`, `device.iphone`), the translated ones only. */
function unitsOf(localization: unknown, prefix = ''): Map<string, string> {
  const units = new Map<string, string>();
  const node = localization as { stringUnit?: { value?: unknown }; variations?: Record<string, Record<string, unknown>> } | undefined;
  if (typeof node?.stringUnit?.value === 'string') units.set(prefix, node.stringUnit.value);
  for (const [kind, cases] of Object.entries(node?.variations ?? {})) {
    for (const [name, variation] of Object.entries(cases ?? {})) {
      for (const [form, value] of unitsOf(variation, `${prefix === '' ? '' : `${prefix}.`}${kind}.${name}`)) units.set(form, value);
    }
  }
  return units;
}
