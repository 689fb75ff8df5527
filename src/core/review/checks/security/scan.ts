import type { BinaryText, ChangedFile, CheckContext, AddedLine } from '../../model';

/** Lines up to this length are matched whole; longer ones (minified bundles, data URIs) in windows. */
const WINDOW = 10_000;
/** Context either side of a window: longer than any value the rules look for. */
const CONTEXT = 1_000;

/** One regular-expression match, positioned in the whole line. */
export interface LineMatch {
  /** 0-based offset of the match in the line. */
  start: number;
  text: string;
  /** Capture groups, as `RegExpExecArray` gives them. */
  groups: (string | undefined)[];
  /** 0-based offsets of the capture groups in the line, when the pattern has the `d` flag. */
  groupStarts: (number | undefined)[];
}

/**
 * Every match of a global pattern in a line. A long line is cut into windows
 * that each own a range of start offsets and see `CONTEXT` characters past
 * both ends, so lookbehinds and matches that straddle a boundary still work
 * and no match is reported twice.
 */
export function matchAll(pattern: RegExp, line: string): LineMatch[] {
  if (!pattern.global) throw new Error(`pattern ${pattern} must be global`);
  const matches: LineMatch[] = [];
  for (let ownFrom = 0; ownFrom === 0 || ownFrom < line.length; ownFrom += WINDOW) {
    const ownTo = ownFrom + WINDOW;
    const from = Math.max(0, ownFrom - CONTEXT);
    const window = line.length <= WINDOW ? line : line.slice(from, ownTo + CONTEXT);
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(window)) !== null) {
      if (m[0].length === 0) pattern.lastIndex++;
      const start = from + m.index;
      if (start < ownFrom || start >= ownTo) continue;
      matches.push({
        start,
        text: m[0],
        groups: [...m],
        groupStarts: m.indices ? m.indices.map((span) => (span ? from + span[0] : undefined)) : [],
      });
    }
    if (line.length <= WINDOW) break;
  }
  return matches;
}

/**
 * The added lines of a changed file; none for deleted files. For a binary
 * file, the lines of its readable text that its old version did not have:
 * a NUL byte must not hide what follows it.
 */
export function addedTextLines(ctx: CheckContext, file: ChangedFile): AddedLine[] {
  if (file.status === 'deleted') return [];
  if (file.binary) return addedReadableLines(file.binaryText);
  if (file.newText === undefined) return [];
  return ctx.diff(file).added;
}

/**
 * The added lines that are new code, not a removed line moved or re-indented:
 * a line the change removed, written again with other whitespace (a wrapper
 * element around it, tabs for spaces), is the same code as before. Each
 * removed line excuses one added line. For a binary file, `addedTextLines`.
 */
export function rewrittenLines(ctx: CheckContext, file: ChangedFile): AddedLine[] {
  const added = addedTextLines(ctx, file);
  if (file.binary || added.length === 0) return added;
  const removed = new Map<string, number>();
  for (const { text } of ctx.diff(file).removed) removed.set(spacing(text), (removed.get(spacing(text)) ?? 0) + 1);
  return added.filter(({ text }) => {
    const left = removed.get(spacing(text)) ?? 0;
    if (left === 0) return true;
    removed.set(spacing(text), left - 1);
    return false;
  });
}

/** A line with its indentation dropped and each run of whitespace inside it one space. */
function spacing(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The lines of a binary file's readable text that its old version (any version in `before`) did not have. */
export function addedReadableLines(binaryText: BinaryText | undefined): AddedLine[] {
  const after = binaryText?.after;
  if (after === undefined || after === '') return [];
  const before = new Set(splitLines(binaryText?.before ?? ''));
  return splitLines(after)
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => text.trim() !== '' && !before.has(text));
}

/**
 * Why the security checks could not read a changed file, or undefined when
 * they could: a binary file too large to read, or one whose text nobody
 * extracted. Deleted files and submodule pointers have nothing to read.
 */
export function unreadReason(file: ChangedFile): string | undefined {
  if (file.status === 'deleted' || file.submodule || !file.binary || file.binaryText?.after !== undefined) return undefined;
  return file.binaryText?.unread ?? 'a binary file whose text could not be read';
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The new text of a file split into lines, CRLF or LF, for rules that need the lines around a match. */
export function newTextLines(file: ChangedFile): string[] {
  return splitLines(file.newText ?? file.binaryText?.after ?? '');
}

/** A line that is a comment as a whole, cheaply recognised: `//`, `#`, ` *`, `/*`, `<!--`. */
export function isCommentLine(text: string, styles: readonly string[]): boolean {
  const trimmed = text.trimStart();
  return styles.some((style) => trimmed.startsWith(style));
}

/** The extension of a path, lower-case with its dot, or '' when there is none. */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
