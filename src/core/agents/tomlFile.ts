import { isDeepStrictEqual } from 'node:util';
import { parse as parseValue, stringify } from 'smol-toml';
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';

// Editing a TOML file someone else owns (Codex's config.toml, the team's or
// the user's) without losing a byte of theirs: toml-eslint-parser gives each
// table and key its place in the text, so PM Zone's edits are splices there
// and everything else (comments, order, spacing, quoting) stays as it was;
// smol-toml writes PM Zone's own values and tables. After the edits the
// file is read again and compared: the user's values must be exactly what
// they were, PM Zone's exactly what was asked; anything else is an error
// and nothing is written. A file that is not valid TOML is an error naming
// its line.

type Json = Record<string, unknown>;

/** One change PM Zone makes to a TOML file. */
export type TomlEdit =
  /** `key = value` in the standard table `[table…]` (`[]`: the top of the file, before any table). */
  | { kind: 'set'; table: string[]; key: string; value: unknown }
  /** `key` removed from the standard table `[table…]`, when it is there. */
  | { kind: 'remove'; table: string[]; key: string }
  /** Every table under `prefix` (PM Zone's own) replaced by `tables`, an object placed under `prefix`. */
  | { kind: 'replace-tables'; prefix: string[]; tables: Json | undefined }
  /** The entries of the array of tables `array` that `own` picks replaced by `entries` (where the first was, else at the end). */
  | { kind: 'replace-entries'; array: string[]; own: (entry: unknown) => boolean; entries: Json[] };

export type Fail = (message: string) => Error;

/** The file's values; an absent or empty file is an empty table. */
export function readToml(text: string | undefined, file: string, fail: Fail): Json {
  if (text === undefined || text.trim() === '') return {};
  try {
    return getStaticTOMLValue(parseTOML(text)) as Json;
  } catch (error) {
    const { lineNumber, message } = error as { lineNumber?: number; message: string };
    throw fail(`${file} is not valid TOML (${message}${lineNumber ? ` on line ${lineNumber}` : ''}); nothing was written. Fix it, or move it aside and run again.`);
  }
}

/** The value at `at` (keys and array indices), or undefined. */
export function tomlValueAt(value: unknown, at: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of at) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** `text` with `edits` made; the same text when none changes anything. */
export function editToml(text: string | undefined, file: string, edits: readonly TomlEdit[], fail: Fail): string {
  const before = readToml(text, file, fail);
  let current = text ?? '';
  for (const edit of edits) current = applyEdit(current, file, edit, fail);
  if (current === (text ?? '')) return text ?? '';
  if (current !== '' && !current.endsWith('\n')) current += '\n';
  let after: Json;
  try {
    after = parseValue(current) as Json;
  } catch (error) {
    throw fail(`${file}: PM Zone's changes would not be valid TOML here (${(error as Error).message.split('\n')[0]}); nothing was written. The file may define these settings in a form PM Zone does not edit.`);
  }
  verify(plain(before), plain(after), edits, file, fail);
  return current;
}

/** Text for `value` under `path` as smol-toml writes it: tables with their headers, or `key = value` lines. */
export function tomlText(value: Json): string {
  return stringify(value);
}

function applyEdit(text: string, file: string, edit: TomlEdit, fail: Fail): string {
  const ast = text.trim() === '' ? undefined : parseTOML(text);
  const top = ast?.body[0];
  const nodes = top?.body ?? [];
  const tables = nodes.filter((node): node is AST.TOMLTable => node.type === 'TOMLTable');
  const value = ast ? (getStaticTOMLValue(ast) as Json) : {};
  switch (edit.kind) {
    case 'set':
    case 'remove': {
      const body = edit.table.length === 0 ? nodes.filter((node): node is AST.TOMLKeyValue => node.type === 'TOMLKeyValue') : tables.find((table) => table.kind === 'standard' && sameKey(table.resolvedKey, edit.table))?.body;
      const pair = body?.find((node) => sameKey(node.key.keys.map(keyName), [edit.key]));
      if (edit.kind === 'remove') return pair ? cut(text, pair.range[0], pair.range[1]) : text;
      const line = `${pair ? text.slice(pair.key.range[0], pair.key.range[1]) : keyText(edit.key)} = ${valueText(edit.value)}`;
      if (pair) return isDeepStrictEqual(tomlValueAt(value, [...edit.table, edit.key]), edit.value) ? text : splice(text, pair.range[0], pair.range[1], line);
      if (body !== undefined && edit.table.length > 0) {
        const last = body[body.length - 1] ?? tables.find((table) => sameKey(table.resolvedKey, edit.table));
        return splice(text, last!.range[1], last!.range[1], `\n${line}`);
      }
      if (edit.table.length === 0) {
        const first = tables[0];
        return first ? splice(text, lineStart(text, first.range[0]), lineStart(text, first.range[0]), `${line}\n`) : appended(text, `${line}\n`);
      }
      if (tomlValueAt(value, edit.table) !== undefined) throw fail(`${file} defines ${edit.table.join('.')} in a form PM Zone does not edit (not as a [${edit.table.map(keyText).join('.')}] table); nothing was written. Write it as a table, or move the file aside, and run again.`);
      return appended(text, `[${edit.table.map(keyText).join('.')}]\n${line}\n`);
    }
    case 'replace-tables': {
      const mine = tables.filter((table) => startsWith(table.resolvedKey, edit.prefix));
      const inline = nodes.some((node) => node.type === 'TOMLKeyValue' && startsWith(node.key.keys.map(keyName), edit.prefix.slice(0, node.key.keys.length)) && node.key.keys.length <= edit.prefix.length);
      if (inline || (mine.length === 0 && tomlValueAt(value, edit.prefix) !== undefined)) throw fail(`${file} defines ${edit.prefix.join('.')} in a form PM Zone does not edit; nothing was written. Remove it, or move the file aside, and run again.`);
      // Already as asked: the text stays byte for byte.
      if (mine.length > 0 && isDeepStrictEqual(plainValue(tomlValueAt(value, edit.prefix)), plainValue(edit.tables))) return text;
      const written = edit.tables === undefined ? '' : tomlText(nest(edit.prefix, edit.tables));
      return replaceNodes(text, mine, written);
    }
    case 'replace-entries': {
      const entries = tomlValueAt(value, edit.array);
      const nodesOf = tables.filter((table) => startsWith(table.resolvedKey, edit.array) && typeof table.resolvedKey[edit.array.length] === 'number');
      if (entries !== undefined && (!Array.isArray(entries) || (entries.length > 0 && nodesOf.length === 0))) {
        throw fail(`${file} defines ${edit.array.join('.')} as ${Array.isArray(entries) ? 'an inline list' : 'something other than a list'}; PM Zone adds its entries as [[${edit.array.map(keyText).join('.')}]] tables, so nothing was written. Write the list as tables, or move the file aside, and run again.`);
      }
      const owned = new Set((Array.isArray(entries) ? entries : []).flatMap((entry, index) => (edit.own(entry) ? [index] : [])));
      const mine = nodesOf.filter((table) => owned.has(table.resolvedKey[edit.array.length] as number));
      const current = (Array.isArray(entries) ? entries : []).filter((entry) => edit.own(entry));
      if (current.length > 0 && isDeepStrictEqual(plainValue(current), plainValue(edit.entries))) return text;
      const written = edit.entries.length === 0 ? '' : tomlText(nest(edit.array, edit.entries));
      return replaceNodes(text, mine, written);
    }
  }
}

/** The nodes removed, and `written` put where the first was (or at the end). */
function replaceNodes(text: string, nodes: readonly AST.TOMLTable[], given: string): string {
  let written = given;
  const sorted = [...nodes].sort((a, b) => b.range[0] - a.range[0]);
  let current = text;
  for (const node of sorted) current = cut(current, node.range[0], node.range[1]);
  if (written === '') return current;
  written = written.replace(/\n+$/, '\n');
  if (sorted.length === 0) return appended(current, written);
  const at = lineStart(current, sorted[sorted.length - 1].range[0]);
  return splice(current, at, at, written.endsWith('\n') ? written : `${written}\n`);
}

/**
 * What the edits may change, and nothing else: with PM Zone's parts taken
 * out, before and after are the same; PM Zone's parts are what was asked.
 */
function verify(before: Json, after: Json, edits: readonly TomlEdit[], file: string, fail: Fail): void {
  const theirs = (value: Json) => {
    const copy = plain(value);
    for (const edit of edits) {
      if (edit.kind === 'set' || edit.kind === 'remove') deleteAt(copy, [...edit.table, edit.key]);
      else if (edit.kind === 'replace-tables') deleteAt(copy, edit.prefix);
      else {
        const list = tomlValueAt(copy, edit.array);
        if (Array.isArray(list)) setAt(copy, edit.array, list.filter((entry) => !edit.own(entry) && !edit.entries.some((mine) => isDeepStrictEqual(mine, entry))));
      }
    }
    return pruned(copy);
  };
  const asked = edits.every((edit) => {
    if (edit.kind === 'set') return isDeepStrictEqual(tomlValueAt(after, [...edit.table, edit.key]), edit.value);
    if (edit.kind === 'remove') return tomlValueAt(after, [...edit.table, edit.key]) === undefined;
    if (edit.kind === 'replace-tables') return isDeepStrictEqual(tomlValueAt(after, edit.prefix) ?? undefined, edit.tables);
    const list = tomlValueAt(after, edit.array);
    return edit.entries.every((entry) => Array.isArray(list) && list.some((found) => isDeepStrictEqual(found, entry)));
  });
  if (!asked || !isDeepStrictEqual(theirs(before), theirs(after))) throw fail(`${file}: PM Zone could not make its changes without changing others here; nothing was written. Move the file aside and run again, or make the changes by hand.`);
}

/** Values as plain objects (the parsers make tables without a prototype), dates as their text: compared by value. */
function plain(value: Json): Json {
  return plainValue(value) as Json;
}

function plainValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function nest(path: readonly string[], value: unknown): Json {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Json;
}

function deleteAt(value: Json, at: readonly string[]): void {
  const parent = tomlValueAt(value, at.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Json)[at[at.length - 1]];
}

function setAt(value: Json, at: readonly string[], item: unknown): void {
  const parent = tomlValueAt(value, at.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Json)[at[at.length - 1]] = item;
}

/** Tables left empty by the removals dropped: `[hooks]` with nothing in it reads as no hooks at all. */
function pruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruned);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, pruned(item)] as const).filter(([, item]) => !(item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date) && Object.keys(item).length === 0) && !(Array.isArray(item) && item.length === 0));
  return Object.fromEntries(entries);
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

function sameKey(a: readonly (string | number)[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function startsWith(key: readonly (string | number)[], prefix: readonly string[]): boolean {
  return key.length >= prefix.length && prefix.every((part, index) => key[index] === part);
}

/** A key as TOML writes it: bare when it can be, else quoted. */
function keyText(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : valueText(key);
}

function valueText(value: unknown): string {
  return stringify({ v: value }).replace(/^v = /, '').trimEnd();
}

function splice(text: string, start: number, end: number, inserted: string): string {
  return `${text.slice(0, start)}${inserted}${text.slice(end)}`;
}

/** `start`…`end` removed with the rest of the last line (a trailing comment, the line break), and the indentation before. */
function cut(text: string, start: number, end: number): string {
  const lineEnd = text.indexOf('\n', end);
  const from = /^[ \t]*$/.test(text.slice(lineStart(text, start), start)) ? lineStart(text, start) : start;
  return splice(text, from, lineEnd < 0 ? text.length : lineEnd + 1, '');
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** `block` at the end, after a blank line. */
function appended(text: string, block: string): string {
  if (text.trim() === '') return block;
  return `${text.replace(/\n*$/, '')}\n\n${block}`;
}
