import { applyEdits, modify, parse, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';

// Editing a settings file someone else owns (an agent's, a user's) without
// losing a byte of theirs: each value PM Zone sets is one edit in place,
// through jsonc-parser, so comments, order, indentation and every other
// key stay as they were; a file that cannot be read as a JSON object is an
// error that names it, and nothing is written.

export class SettingsFileError extends Error {}

export type Json = Record<string, unknown>;

/** The file's object; an absent file is an empty one. Comments and trailing commas are read, as the agents read them. */
export function readSettings(text: string | undefined, file: string): Json {
  if (text === undefined || text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    throw new SettingsFileError(`${file} is not valid JSON (${printParseErrorCode(first.error)} on line ${line}); nothing was written. Fix it, or move it aside and run again.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SettingsFileError(`${file} does not hold a JSON object; nothing was written`);
  return value as Json;
}

/** `text` with each path set to its value (undefined removes it), everything else kept; the same text when nothing changes. */
export function setValues(text: string | undefined, file: string, values: readonly [JSONPath, unknown][]): string {
  let current = text ?? '{}\n';
  readSettings(current, file);
  const indent = /^([ \t]+)"/m.exec(current)?.[1] ?? '  ';
  for (const [at, value] of values) {
    if (JSON.stringify(valueAt(readSettings(current, file), at)) === JSON.stringify(value)) continue;
    const edits = modify(current, at, value, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: current.includes('\r\n') ? '\r\n' : '\n' } });
    current = applyEdits(current, edits);
  }
  return current === text ? text : current.endsWith('\n') ? current : `${current}\n`;
}

export function valueAt(object: unknown, at: JSONPath): unknown {
  let value = object;
  for (const key of at) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A list PM Zone shares with the user: theirs kept in their order, the entries PM Zone wrote before replaced by `ours`. */
export function mergedList(existing: unknown, previous: readonly string[], ours: readonly string[]): string[] {
  const theirs = Array.isArray(existing) ? existing.filter((entry): entry is string => typeof entry === 'string' && !previous.includes(entry) && !ours.includes(entry)) : [];
  return [...theirs, ...ours];
}
