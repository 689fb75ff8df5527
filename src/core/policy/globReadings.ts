// A policy glob read the way its author meant it. Next.js, SvelteKit and
// Nuxt name route folders with brackets and parentheses (`[locale]`,
// `[...slug]`, `@modal`, `+page`): written into a glob, `[locale]` is a
// character class to minimatch, so `apps/web/src/app/[locale]/(auth)/**`
// matched `app/l/(auth)/…` and left the sign-in pages unlocked. A segment
// that can be read both ways is read as the name it spells when a file or
// folder of the repository has that name. Where both readings are possible,
// an engineering-only glob locks what either matches (the stricter answer),
// and a PM-editable glob or a feature folder takes the name as written (the
// narrower: it names one folder, the pattern any name it matches). With no
// listing of the repository, the name as written is taken for a PM-editable
// glob too. This is the one matcher of the zone engine: the badges, the
// hook, the review, the Action and the coding agents' guard all match
// through it.
import type { MinimatchOptions } from 'minimatch';
import { LazyGlob } from './globList';

/** How a glob's ambiguous segments were read for a path it matched. */
export interface MatchedReading {
  /** Segments read as the names they spell (`[locale]`). */
  literal: string[];
  /** Segments read as patterns (`[jt]`: one of the letters). */
  pattern: string[];
}

export interface GlobMatcher {
  match(path: string): boolean;
  /** How the glob matched `path`; undefined when it does not match. Both lists are empty for a glob with nothing ambiguous. */
  readingOf(path: string): MatchedReading | undefined;
}

/** `deny`: every reading counts (engineering-only); `allow`: one reading, the narrower (PM-editable, feature folders). */
export type ReadingRule = 'deny' | 'allow';

/** The ambiguous segments of a glob, past which a lock reads them as wildcards instead of trying every combination. */
const MAX_AMBIGUOUS_SEGMENTS = 4;

/**
 * Whether a glob segment means one thing to minimatch and another as a name:
 * a bracket class (`[locale]`, `[...slug]`) or an extglob (`@(a|b)`). A
 * segment with a bare `*` or `?` (`*.[jt]s`) is a pattern on purpose, and one
 * with braces is expanded first: neither is read as a name.
 */
export function isAmbiguousSegment(segment: string): boolean {
  if (segment.includes('{') || segment.includes('\\')) return false;
  const outsideClasses = segment.replace(/\[[^\]]*\]/g, '');
  if (/[*?+@!]\(/.test(segment)) return true;
  if (/[*?]/.test(outsideClasses)) return false;
  return /\[[^\]]+\]/.test(segment);
}

/** The segment as a glob that matches only its own spelling. */
export function literalSegment(segment: string): string {
  return segment.replace(/[[\]()*?!+@{}|\\]/g, (char) => `\\${char}`);
}

/** The names of a glob that could be read either way. */
export function ambiguousSegments(glob: string): string[] {
  return glob.split('/').filter(isAmbiguousSegment);
}

/**
 * The matcher of one glob. `existingNames`: the ambiguous segments of the
 * zone's globs that a file or folder of the repository is named (undefined
 * when the repository could not be listed).
 */
export function globMatcher(glob: string, options: MinimatchOptions, rule: ReadingRule, existingNames: ReadonlySet<string> | undefined): GlobMatcher {
  const segments = glob.split('/');
  const ambiguous = segments.flatMap((segment, index) => (isAmbiguousSegment(segment) ? [index] : []));
  if (ambiguous.length === 0) {
    // Compiled when a path first holds the glob's literal text (globList.ts): a hook's decision asks for one path.
    const only = new LazyGlob(glob, options);
    return { match: (path) => only.match(path), readingOf: (path) => (only.match(path) ? { literal: [], pattern: [] } : undefined) };
  }
  const readings = rule === 'deny' ? lockReadings(segments, ambiguous) : [narrowerReading(segments, ambiguous, existingNames)];
  const compiled = readings.map((reading) => ({ reading, matcher: new LazyGlob(reading.glob, options) }));
  const readingOf = (path: string): MatchedReading | undefined => {
    const found = compiled.find(({ matcher }) => matcher.match(path));
    if (!found) return undefined;
    return { literal: found.reading.literal.map((index) => segments[index]), pattern: ambiguous.filter((index) => !found.reading.literal.includes(index)).map((index) => segments[index]) };
  };
  return { match: (path) => compiled.some(({ matcher }) => matcher.match(path)), readingOf };
}

interface Reading {
  glob: string;
  /** Indexes of the segments read as names. */
  literal: number[];
}

function readingWith(segments: readonly string[], literal: readonly number[], wildcard: readonly number[] = []): Reading {
  const glob = segments.map((segment, index) => (literal.includes(index) ? literalSegment(segment) : wildcard.includes(index) ? '*' : segment)).join('/');
  return { glob, literal: [...literal] };
}

/** Every combination of names and patterns, the names first; past the cap, the ambiguous segments read as `*`, which matches at least both. */
function lockReadings(segments: readonly string[], ambiguous: readonly number[]): Reading[] {
  if (ambiguous.length > MAX_AMBIGUOUS_SEGMENTS) return [readingWith(segments, ambiguous), readingWith(segments, [], ambiguous)];
  const readings: Reading[] = [];
  for (let mask = (1 << ambiguous.length) - 1; mask >= 0; mask--) readings.push(readingWith(segments, ambiguous.filter((_, bit) => (mask & (1 << bit)) !== 0)));
  return readings;
}

/** Each ambiguous segment as the name it spells, unless the repository is known to have nothing by that name. */
function narrowerReading(segments: readonly string[], ambiguous: readonly number[], existingNames: ReadonlySet<string> | undefined): Reading {
  return readingWith(segments, ambiguous.filter((index) => existingNames === undefined || existingNames.has(segments[index])));
}

/**
 * Words for a reason: `` (`[locale]` read as the name written…) ``, or
 * nothing when the glob held no ambiguous segment.
 */
export function readingWords(reading: MatchedReading | undefined, rule: ReadingRule): string {
  if (!reading || (reading.literal.length === 0 && reading.pattern.length === 0)) return '';
  const parts: string[] = [];
  if (reading.literal.length > 0) parts.push(`${quoteList(reading.literal)} read as the name written${rule === 'allow' ? ', the narrower reading' : ''}`);
  if (reading.pattern.length > 0) parts.push(`${quoteList(reading.pattern)} read as a glob pattern${rule === 'deny' ? '; a lock holds under either reading' : ': no file or folder of the repository is named so'}`);
  return ` (${parts.join('; ')})`;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}
