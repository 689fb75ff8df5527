// Small helpers shared by the content checks (flags, analytics, i18n, prompts).
import { LazyGlob } from '../../policy/globList';
import type { Finding, Severity } from '../../types';
import type { ChangedFile, LineDiff, RemovedLine } from '../model';
import type { CheckId } from '../registry';

/** The last path segment: `src/i18n/en.json` → `en.json`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder part of a path, without the trailing `/`; `''` at the root. */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Whether `path` matches any of `globs` as `minimatch(path, glob, { dot: true })` reads them. Each glob is
 * compiled the first time a path holds its literal text (`LazyGlob`), once a process: a README's review compiled
 * every check's globs to match none of them, minimatch's first compile (V8 compiling its parser) among them.
 */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => lazyGlob(glob).match(path));
}

const DOT_ONLY = { dot: true } as const;
/**
 * The checks' globs and the zone's and skill file's, kept for the process as minimatch's own cache kept them. The
 * editor reads a policy again at every unsaved edit, so a glob being typed leaves one entry a keystroke: the map
 * starts again past a bound no policy reaches.
 */
const lazyGlobs = new Map<string, LazyGlob>();
const MOST_GLOBS_KEPT = 1_000;

function lazyGlob(glob: string): LazyGlob {
  let found = lazyGlobs.get(glob);
  if (!found) {
    if (lazyGlobs.size >= MOST_GLOBS_KEPT) lazyGlobs.clear();
    lazyGlobs.set(glob, (found = new LazyGlob(glob, DOT_ONLY)));
  }
  return found;
}

/** Editors hide the byte-order mark, so positions are counted without it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Text a content check can read: present, and not binary (a NUL byte means binary). */
export function readableText(text: string | undefined, file?: ChangedFile): string | undefined {
  if (text === undefined || file?.binary === true || hasNul(text, file)) return undefined;
  return stripBom(text);
}

/**
 * Whether each version of a changed file asked about holds a NUL, by the
 * file: every content check asks of the same versions, and a locale file is
 * hundreds of kilobytes to read through each time. A text is known by `===`,
 * at once true of the very same string.
 */
const nulAnswers = new WeakMap<ChangedFile, { text: string; nul: boolean }[]>();

function hasNul(text: string, file: ChangedFile | undefined): boolean {
  if (file === undefined || text.length < 4096) return text.includes('\u0000');
  let known = nulAnswers.get(file);
  const answer = known?.find((entry) => entry.text === text);
  if (answer) return answer.nul;
  const nul = text.includes('\u0000');
  if (!known) nulAnswers.set(file, (known = []));
  // A file has two versions; a few more are kept, never many.
  if (known.length >= 4) known.shift();
  known.push({ text, nul });
  return nul;
}

export { LineIndex, type Position } from '../../text/lines';

/** Where a line of the old text ended up in the new one: its removal's nearest surviving line. */
export function newLineForOldLine(diff: LineDiff, oldLine: number): number | null {
  return removedAt(diff.removed).get(oldLine) ?? null;
}

/** Each removed line's nearest new line by its old number (the first removal of a number, as a search from the start finds it), made once for each list. */
const removedIndexes = new WeakMap<readonly RemovedLine[], { length: number; nearest: Map<number, number> }>();

function removedAt(removed: readonly RemovedLine[]): Map<number, number> {
  const known = removedIndexes.get(removed);
  if (known && known.length === removed.length) return known.nearest;
  const nearest = new Map<number, number>();
  for (const line of removed) if (!nearest.has(line.oldLine)) nearest.set(line.oldLine, line.nearestNewLine);
  removedIndexes.set(removed, { length: removed.length, nearest });
  return nearest;
}

/**
 * A finding of a registered check: an id no check registers fails to compile.
 * (A run function that calls this names its return type, `Finding[]`, or
 * TypeScript reads the registry as defined through itself.)
 */
export function finding(
  check: CheckId,
  severity: Severity,
  file: string | null,
  line: number | null,
  message: string,
  extra: { column?: number; rule?: string; blocking?: boolean } = {},
): Finding {
  const result: Finding = {
    check,
    severity,
    // Errors stop the commit; warnings inform. The orchestrator may raise a
    // finding to blocking when the checklist puts its item in a blocking section.
    blocking: extra.blocking ?? severity === 'error',
    file,
    line,
    message,
  };
  if (extra.column !== undefined) result.column = extra.column;
  if (extra.rule !== undefined) result.rule = extra.rule;
  return result;
}

/** `a`, `a and b`, `a, b and c`, with each name in backticks. */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
