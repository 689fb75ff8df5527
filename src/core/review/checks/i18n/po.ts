// gettext catalogs (`.po`: Lingui, Django, WordPress, Odoo, Rails gettext),
// read by gettext-parser. Each entry's source string is in the file itself
// (its `msgid`, and `msgid_plural` for the plural forms past the first), so
// a catalog is compared with its own source even where no source-locale
// catalog exists. gettext-parser says what an entry holds, not where: the
// lines are found by walking the catalog's keywords in the same order.
import { po } from 'gettext-parser';
import type { Grammar } from './placeholders';
import type { StringsLeaf, StringsScan } from './stringsFile';

/** Where one entry's strings are written. */
interface Located {
  /** The line of the entry's first keyword (`msgctxt` or `msgid`). */
  start: number;
  /** The line of each `msgstr` / `msgstr[n]` keyword, by index. */
  strings: number[];
  /** The last line of the entry. */
  end: number;
}

/** The key an entry is compared under: its msgid, with its context when it has one. */
export function poKey(msgid: string, msgctxt: string | undefined): string {
  return msgctxt ? `${msgid} (context: ${msgctxt})` : msgid;
}

export function scanPo(text: string): StringsScan {
  let catalog: ReturnType<typeof po.parse>;
  try {
    catalog = po.parse(text);
  } catch (error) {
    const line = (error as { lineNumber?: number }).lineNumber ?? 1;
    const message = error instanceof Error ? error.message.replace(/^Error parsing PO data: /, '').replace(/ at line \d+\.?/, '') : String(error);
    return { ok: false, error: { line, column: 1, message } };
  }
  const { found: where, noMsgstr } = locate(text);
  // A catalog with no header entry (msgid "") has no headers at all.
  const headers = catalog.headers ?? {};
  const pluralCount = Number(/nplurals\s*=\s*(\d+)/.exec(headers['Plural-Forms'] ?? '')?.[1] ?? 2);
  const leaves = new Map<string, StringsLeaf>();
  for (const [context, entries] of Object.entries(catalog.translations)) {
    for (const entry of Object.values(entries)) {
      // gettext-parser takes an entry with no msgstr (a msgid cut short); gettext's own msgfmt refuses the catalog.
      if (!Array.isArray(entry.msgstr)) return { ok: false, error: { line: noMsgstr ?? 1, column: 1, message: `the entry ${JSON.stringify(entry.msgid)} has no msgstr` } };
      if (entry.msgid === '') continue;
      const base = poKey(entry.msgid, context || undefined);
      const located = where.get(base);
      // A fuzzy translation is a guess gettext does not ship: not yet translated.
      const fuzzy = /\bfuzzy\b/.test(entry.comments?.flag ?? '');
      entry.msgstr.forEach((value, index) => {
        const key = index === 0 ? base : `${base}[${index}]`;
        const source = index === 0 || entry.msgid_plural === undefined ? entry.msgid : entry.msgid_plural;
        const line = located?.strings[index] ?? located?.strings[0] ?? 1;
        const form = entry.msgid_plural === undefined ? undefined : index === 0 && pluralCount > 1 ? 'one' : 'other';
        // The whole entry, its msgid too: the extracted source repeats the code, where its data is judged.
        leaves.set(key, { path: key, value: fuzzy ? '' : value, line, column: 1, source, lines: [located?.start ?? line, located?.end ?? line], ...(form ? { form } : {}) });
      });
    }
  }
  return { ok: true, leaves, grammar: grammarOf(headers) };
}

/** Lingui writes ICU messages into its catalogs and says so in the header; other catalogs speak printf and `{name}`. */
function grammarOf(headers: Record<string, string>): Grammar | undefined {
  return /lingui/i.test(headers['X-Generator'] ?? '') ? 'icu' : undefined;
}

/**
 * The lines of every entry, by key, and the first line of the first entry
 * with no msgstr. Follows gettext-parser's reading of a quoted string (`\n`,
 * `\t`, `\r`, any other escaped character as itself), so that the keys
 * agree; obsolete entries (`#~`) are passed over.
 */
function locate(text: string): { found: Map<string, Located>; noMsgstr?: number } {
  const found = new Map<string, Located>();
  let noMsgstr: number | undefined;
  const lines = text.split(/\r?\n/);
  let context: string | undefined;
  let id: string | undefined;
  let keyword = '';
  let located: Located | undefined;
  let start = 0;
  const close = (end: number) => {
    if (located && id !== undefined) found.set(poKey(id, context), { ...located, end });
    context = undefined;
    id = undefined;
    located = undefined;
    keyword = '';
  };
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    const keywordMatch = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(".*)?$/.exec(line);
    if (keywordMatch) {
      const [, word, plural, rest] = keywordMatch;
      if ((word === 'msgctxt' || word === 'msgid') && keyword.startsWith('msgid')) noMsgstr ??= start;
      if ((word === 'msgctxt' || word === 'msgid') && keyword.startsWith('msgstr')) close(number - 1);
      if ((word === 'msgctxt' || word === 'msgid') && keyword === '') start = number;
      keyword = word;
      if (word === 'msgctxt') context = unquote(rest ?? '');
      else if (word === 'msgid') id = unquote(rest ?? '');
      else if (word.startsWith('msgstr')) {
        located ??= { start, strings: [], end: number };
        located.strings[plural === undefined ? 0 : Number(plural)] = number;
      }
      return;
    }
    if (line.startsWith('"')) {
      if (keyword === 'msgctxt') context = `${context ?? ''}${unquote(line)}`;
      else if (keyword === 'msgid') id = `${id ?? ''}${unquote(line)}`;
      return;
    }
    if (line === '' || line.startsWith('#')) {
      if (keyword.startsWith('msgstr')) close(number - 1);
    }
  });
  if (keyword.startsWith('msgid')) noMsgstr ??= start;
  close(lines.length);
  return { found, ...(noMsgstr === undefined ? {} : { noMsgstr }) };
}

/** The text of a quoted PO string, as gettext-parser decodes it. */
function unquote(quoted: string): string {
  const body = quoted.trim().replace(/^"/, '').replace(/"$/, '');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[++i] ?? '';
    out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
  }
  return out;
}
