// One CODEOWNERS pattern: checked, compiled into path segments, and matched
// against a path's segments with GitHub's rules: anchoring, trailing slash,
// `*`, `?`, `**`, descent into matched directories except after a lone `*`.
//
// Matching is a set-of-states walk over segments, never a regular expression
// and never unbounded recursion, so a hostile pattern costs at most
// O(pattern segments × path segments) segment comparisons.

import { ANY, STAR, matchGlobSegment, type GlobCodes } from './glob-segment';

export type PatternSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'glob'; readonly codes: GlobCodes }
  | { readonly kind: 'globstar' };

export interface CompiledPattern {
  /** Segments to match in order; a `globstar` here matches zero or more path segments. */
  readonly segments: readonly PatternSegment[];
  /**
   * The pattern ended in `/**` or `/`: it owns only what is strictly inside
   * what the segments match (one more level at least), never that name itself.
   */
  readonly inside: boolean;
  /**
   * A match on a directory also owns everything below it. False when the last
   * segment is a lone `*` (`docs/*` owns direct children only).
   */
  readonly descends: boolean;
  readonly hasGlobstar: boolean;
}

export type PatternCheck =
  | { readonly ok: true; readonly pattern: CompiledPattern }
  | { readonly ok: false; readonly reason: string; readonly suggestion?: string };

/** Longer patterns are refused: no real CODEOWNERS needs them, and they bound the cost of matching. */
export const MAX_PATTERN_LENGTH = 4096;
/** More `**` segments than this are refused, for the same reason. */
export const MAX_GLOBSTARS = 32;

export interface CompileOptions {
  /** GitLab reads `\#` as a literal `#`; GitHub documents that it does not work. */
  allowEscapedLeadingHash?: boolean;
}

const GLOBSTAR: PatternSegment = { kind: 'globstar' };

export function compilePattern(raw: string, options: CompileOptions = {}): PatternCheck {
  const refusal = refuse(raw, options);
  if (refusal) return refusal;

  const split = splitRaw(raw);
  if (typeof split === 'string') return { ok: false, reason: split };
  const raws = split;

  let anchored = false;
  let directoryOnly = false;
  if (raws.length > 1 && isEmptySegment(raws[0])) {
    anchored = true;
    raws.shift();
  }
  if (raws.length > 1 && isEmptySegment(raws[raws.length - 1])) {
    directoryOnly = true;
    raws.pop();
  }
  // A `/` anywhere but at the very end anchors the pattern to the root.
  if (raws.length > 1) anchored = true;

  const globstars = raws.filter((segment) => segment.kind === 'globstar').length;
  if (globstars > MAX_GLOBSTARS) {
    return { ok: false, reason: `it has ${globstars} \`**\` segments, more than the ${MAX_GLOBSTARS} accepted` };
  }

  const segments: PatternSegment[] = [];
  const push = (segment: PatternSegment): void => {
    // `**/**` means the same as `**`; keeping one keeps the state set small.
    if (segment.kind === 'globstar' && segments.length > 0 && segments[segments.length - 1].kind === 'globstar') return;
    segments.push(segment);
  };
  if (!anchored) push(GLOBSTAR);
  for (const segment of raws) push(segment);
  if (directoryOnly) push(GLOBSTAR);

  let inside = false;
  if (segments.length > 0 && segments[segments.length - 1].kind === 'globstar') {
    segments.pop();
    inside = true;
  }
  // Only a last segment written as exactly `*` stops descent (`***` or `\*` do not).
  const endsInLoneStar = raw === '*' || raw.endsWith('/*');
  return {
    ok: true,
    pattern: {
      segments,
      inside,
      descends: !endsInLoneStar,
      hasGlobstar: segments.some((segment) => segment.kind === 'globstar'),
    },
  };
}

function refuse(raw: string, options: CompileOptions): PatternCheck | undefined {
  if (raw.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `it is ${raw.length} characters long, more than the ${MAX_PATTERN_LENGTH} accepted` };
  }
  if (raw.length === 0) return { ok: false, reason: 'it is empty' };
  if (/^\/+$/.test(raw)) {
    return { ok: false, reason: `the pattern \`${raw}\` will never match anything`, suggestion: '*' };
  }
  if (raw.startsWith('!')) return { ok: false, reason: 'negation with `!` is not supported' };
  if (raw.startsWith('\\!')) return { ok: false, reason: 'escaping a leading `!` is not supported' };
  if (raw.startsWith('\\#') && !options.allowEscapedLeadingHash) {
    return { ok: false, reason: 'escaping a leading `#` is not supported, so it never matches a name starting with `#`' };
  }
  return undefined;
}

function isEmptySegment(segment: PatternSegment): boolean {
  return segment.kind === 'literal' && segment.text === '';
}

/** Splits on `/` (escaped or not) and reads each segment; a string is the reason the pattern is refused. */
function splitRaw(raw: string): PatternSegment[] | string {
  const segments: PatternSegment[] = [];
  let start = 0;
  for (let index = 0; index <= raw.length; index++) {
    const char = raw[index];
    let separatorLength = 0;
    if (index === raw.length || char === '/') separatorLength = 1;
    else if (char === '\\' && raw[index + 1] === '/') separatorLength = 2;
    else if (char === '\\') {
      if (index + 1 >= raw.length) return LONE_BACKSLASH;
      index++;
      continue;
    }
    if (separatorLength === 0) continue;
    const segment = readSegment(raw.slice(start, index));
    if (typeof segment === 'string') return segment;
    segments.push(segment);
    index += separatorLength - 1;
    start = index + 1;
  }
  return segments;
}

const LONE_BACKSLASH = 'it ends with a lone `\\`; escape it as `\\\\`';
const BRACKETS = 'character ranges are not supported: both `[` and `]` must be escaped with a `\\`';

function readSegment(text: string): PatternSegment | string {
  if (text === '**') return GLOBSTAR;
  // Most segments are plain names: no escape, no wildcard.
  if (!text.includes('\\')) {
    if (text.includes('[') || text.includes(']')) return BRACKETS;
    if (!text.includes('*') && !text.includes('?')) return { kind: 'literal', text };
  }
  let literal = '';
  const codes: number[] = [];
  let wild = false;
  for (let index = 0; index < text.length; index++) {
    let char = text[index];
    if (char === '\\') {
      if (index + 1 >= text.length) return LONE_BACKSLASH;
      char = text[++index];
    } else if (char === '[' || char === ']') {
      return BRACKETS;
    } else if (char === '*' || char === '?') {
      wild = true;
      if (char === '?') codes.push(ANY);
      else if (codes[codes.length - 1] !== STAR) codes.push(STAR);
      continue;
    }
    literal += char;
    codes.push(char.charCodeAt(0));
  }
  return wild ? { kind: 'glob', codes } : { kind: 'literal', text: literal };
}

/** A path's segments; empty segments (leading, trailing or doubled `/`) are dropped. */
export function splitPath(path: string): string[] {
  const parts = path.split('/');
  for (const part of parts) {
    if (part.length === 0) return parts.filter((segment) => segment.length > 0);
  }
  return parts;
}

export function segmentMatches(segment: PatternSegment, text: string): boolean {
  if (segment.kind === 'literal') return segment.text === text;
  if (segment.kind === 'glob') return matchGlobSegment(segment.codes, text);
  return true;
}

/**
 * Whether a match of all the pattern's segments against the first `consumed`
 * of `total` path segments owns the path: exactly the path, or a directory
 * above it when the pattern descends, or strictly inside for `inside` patterns.
 */
export function accepts(pattern: CompiledPattern, consumed: number, total: number): boolean {
  if (pattern.inside) return consumed < total;
  return pattern.descends || consumed === total;
}

/**
 * Whether `pattern` owns the path whose segments are `path`. `patternStart`
 * and `pathStart` let an index skip a literal prefix it has already compared.
 */
export function matchPattern(pattern: CompiledPattern, path: readonly string[], patternStart = 0, pathStart = 0): boolean {
  if (!pattern.hasGlobstar) return matchFixed(pattern, path, patternStart, pathStart);
  return matchWithGlobstars(pattern, path, patternStart, pathStart);
}

function matchFixed(pattern: CompiledPattern, path: readonly string[], patternStart: number, pathStart: number): boolean {
  const { segments } = pattern;
  const count = segments.length - patternStart;
  if (path.length - pathStart < count) return false;
  for (let offset = 0; offset < count; offset++) {
    if (!segmentMatches(segments[patternStart + offset], path[pathStart + offset])) return false;
  }
  return accepts(pattern, pathStart + count, path.length);
}

function matchWithGlobstars(pattern: CompiledPattern, path: readonly string[], patternStart: number, pathStart: number): boolean {
  const { segments } = pattern;
  const end = segments.length;
  // seenAt[j] = the path position at which state j was last added: a cheap set reset.
  const seenAt = new Int32Array(end + 1).fill(-1);
  let states: number[] = [];
  const addState = (list: number[], state: number, position: number): void => {
    // A globstar may match nothing, so reaching it also reaches the state after it.
    for (;;) {
      if (seenAt[state] === position) return;
      seenAt[state] = position;
      list.push(state);
      if (state < end && segments[state].kind === 'globstar') state++;
      else return;
    }
  };

  addState(states, patternStart, pathStart);
  for (let position = pathStart; ; position++) {
    if (seenAt[end] === position && accepts(pattern, position, path.length)) return true;
    if (position === path.length) return false;
    const next: number[] = [];
    const text = path[position];
    for (const state of states) {
      if (state === end) continue;
      const segment = segments[state];
      if (segment.kind === 'globstar') addState(next, state, position + 1);
      else if (segmentMatches(segment, text)) addState(next, state + 1, position + 1);
    }
    if (next.length === 0) return false;
    states = next;
  }
}
