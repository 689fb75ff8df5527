// The code that fills a source string, when the change edits it too. A
// source string whose placeholders change while the code that fills it stays
// as it was puts the old values in the new slots: that blocks ("the code
// fills the old ones"). A change that edits that code as well changed the
// two together: the string is no blocker then, the translations left with
// the old placeholders are (check.ts).
import type { ChangedFile, CheckContext } from '../../model';
import { SCRIPT_FILE } from '../../../text/code';
import { isNamedArgument, type Token } from './compare';
import type { LocaleSet } from './localeSet';
import { isStringsFile } from './stringsFile';
import { CODE_FILE, keyUses } from './uses';

/** How many lines from where the code names a key an edit still counts as an edit of the call: the call and the values it builds for it. */
const NEAR = 10;
/** Keys searched for in one review, and the lines read back: past them, the code is taken as not searched. */
const MAX_SEARCHED_KEYS = 2000;
const MAX_HITS = 5000;

/** Where this change edits the code that fills a key: the call that names it, or the code that builds such keys at run time (`"menu." + key`). */
export interface FillingEdit {
  path: string;
  line: number;
  /** The literal the key is built from, as written (`"menu."`), where no code names the key itself. */
  builtFrom?: string;
}

/**
 * A script the change also edits that asks for `key` and passes every new
 * argument by name (`t('info.uptimeFormat', { days, hours, minutes })`):
 * the string and the code that fills it changed together. Its path, or
 * undefined.
 */
export function changedCodePassing(ctx: CheckContext, key: string, added: Token[]): string | undefined {
  const filled = added.filter((token) => token.kind !== 'link' && token.kind !== 'tag');
  const names = filled.filter(isNamedArgument).map((token) => token.name as string);
  if (names.length === 0 || names.length !== filled.length) return undefined;
  for (const file of ctx.change.files) {
    if (!SCRIPT_FILE.test(file.path) || file.newText === undefined) continue;
    for (const quoted of [`'${key}'`, `"${key}"`, `\`${key}\``]) {
      for (let at = file.newText.indexOf(quoted); at >= 0; at = file.newText.indexOf(quoted, at + 1)) {
        const call = file.newText.slice(at, at + 400);
        // `{ days, hours }`, `{ days: d }`, and names that are no identifier quoted: `{ "company-name": title }` (Fluent's).
        if (names.every((name) => new RegExp(`[{,\\s](["']?)${name}\\1\\s*[:,}]`).test(call))) return file.path;
      }
    }
  }
  return undefined;
}

/**
 * Whether the new placeholders of a source string are all filled by their
 * order (`%@`, `%1$s`, MessageFormat's `{0}`), not by a name a call can be
 * read for. A tag or a link the library resolves itself fills nothing.
 */
export function filledByPosition(added: readonly Token[]): boolean {
  const filled = added.filter((token) => token.kind === 'argument' || token.kind === 'position');
  return filled.length > 0 && filled.every((token) => token.kind === 'position' || /^\d+$/.test(token.name ?? ''));
}

/**
 * For each key (as the code names it) whose placeholders are filled by
 * position (`%@`, `%1$s`: no name to look for in a call), where this change
 * edits the code that fills it:
 *
 * - every place the code names the key is within a few lines of an edit of
 *   this change (`String(format: NSLocalizedString("osd.speed", …), speed.string)`);
 * - or no code names the key at all, and this change edits, within a few
 *   lines, code that builds keys from one of its prefixes
 *   (`NSLocalizedString("menu." + l10nKey, …)`): a key built at run time is
 *   found by no search, and that code is the only place that can fill it.
 *
 * Anything else is left out, so that its string still blocks: a key the
 * code names in a place this change does not edit (another call still fills
 * the old placeholders); a change that edits no code; and a key no code
 * names when the repository cannot be searched, since then PM Zone cannot
 * tell a key built at run time from one an unsearched file names.
 */
export async function editedFillingCode(ctx: CheckContext, keys: readonly string[], set: LocaleSet): Promise<Map<string, FillingEdit>> {
  const found = new Map<string, FillingEdit>();
  const edits = keys.length === 0 ? [] : ctx.change.files.filter(isEditedCode);
  if (edits.length === 0) return found;
  const code = edits.map((file) => ({ file, lines: linesOf(file.newText as string), edited: editedLines(ctx, file) }));
  const wanted = new Set(keys);
  const edited = new Map<string, FillingEdit>();
  const untouched = new Set<string>();
  for (const { file, lines, edited: at } of code) {
    for (const use of keyUses(file.path, file.newText, wanted, lines)) {
      if (!near(at, use.line)) untouched.add(use.key);
      else if (!edited.has(use.key)) edited.set(use.key, { path: file.path, line: use.line });
    }
  }
  const elsewhere = await namedOutsideTheChange(ctx, keys, set);
  for (const key of keys) {
    const place = edited.get(key);
    // Without a search, the edited call is all there is to go by: the same evidence a named argument's call gives (changedCodePassing).
    if (place && !untouched.has(key) && !elsewhere?.has(key)) found.set(key, place);
    else if (!place && !untouched.has(key) && elsewhere !== undefined && !elsewhere.has(key)) {
      const built = builtNearAnEdit(key, code);
      if (built) found.set(key, built);
    }
  }
  return found;
}

/** A code file this change adds or edits, with its new text; a strings file (Android's `strings.xml`) holds keys, not uses. */
function isEditedCode(file: ChangedFile): boolean {
  return file.newText !== undefined && !file.binary && CODE_FILE.test(file.path) && !isStringsFile(file.path);
}

function linesOf(text: string): { line: number; text: string }[] {
  return text.split('\n').map((line, index) => ({ line: index + 1, text: line }));
}

/** The lines of the new text this change added, or next to which it removed some. */
function editedLines(ctx: CheckContext, file: ChangedFile): number[] {
  const diff = ctx.diff(file);
  return [...diff.added.map((added) => added.line), ...diff.removed.map((removed) => removed.nearestNewLine)];
}

function near(edited: readonly number[], line: number): boolean {
  return edited.some((at) => Math.abs(at - line) <= NEAR);
}

/** The keys code outside this change's files names; undefined when the repository cannot be searched. */
async function namedOutsideTheChange(ctx: CheckContext, keys: readonly string[], set: LocaleSet): Promise<Set<string> | undefined> {
  if (!ctx.search || keys.length > MAX_SEARCHED_KEYS) return undefined;
  const changed = new Set(ctx.change.files.map((file) => file.path));
  const hits = await ctx.search.find(keys, { exclude: [set.id], limit: MAX_HITS });
  const named = new Set<string>();
  const wanted = new Set(keys);
  for (const hit of hits) {
    if (changed.has(hit.file) || !CODE_FILE.test(hit.file) || isStringsFile(hit.file)) continue;
    for (const use of keyUses(hit.file, undefined, wanted, [hit])) named.add(use.key);
  }
  return named;
}

/** The first place, within a few lines of an edit, where code builds a key from one of `key`'s prefixes (`"menu." + name`, `"menu.\(name)"`, `` `menu.${name}` ``). */
function builtNearAnEdit(key: string, code: { file: ChangedFile; lines: { line: number; text: string }[]; edited: number[] }[]): FillingEdit | undefined {
  const builders = prefixesOf(key).map(builderOf);
  if (builders.length === 0) return undefined;
  for (const { file, lines, edited } of code) {
    for (const { line, text } of lines) {
      if (!near(edited, line)) continue;
      for (const builder of builders) {
        const match = builder.exec(text);
        if (match) return { path: file.path, line, builtFrom: `${match[1]}${match[2]}${match[1]}` };
      }
    }
  }
  return undefined;
}

/** `menu.speed_up` → `menu.`, `menu.speed_`: each prefix ending where a key's parts are joined. */
function prefixesOf(key: string): string[] {
  const prefixes: string[] = [];
  for (let at = 1; at < key.length - 1; at++) if ('._-/:'.includes(key[at])) prefixes.push(key.slice(0, at + 1));
  return prefixes;
}

/**
 * A literal `prefix` the code goes on from at run time: joined (`"menu." +`,
 * PHP's `'menu.' .`, Lua's `..`) or interpolated (Swift's `"menu.\(`,
 * JavaScript's `` `menu.${ ``, Kotlin's `"menu.$`, Ruby's `"menu.#{`,
 * Python's and C#'s `{`).
 */
function builderOf(prefix: string): RegExp {
  const text = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(["'\`])(${text})(?:\\1\\s*(?:\\+|\\.{1,2}(?=[\\s$\\w]))|\\\\\\(|[$#]?\\{|\\$\\w)`);
}
