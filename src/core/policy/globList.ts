import { Minimatch, type MinimatchOptions } from 'minimatch';
import { isNormalRelativePath } from '../git/pathspec';

/**
 * A list of globs asked which matches a path first, answering exactly what
 * `globs.find((glob) => new Minimatch(glob, options).match(path))` answers,
 * without compiling every glob for every process: the zone of one file
 * (a hook's decision) compiled all the built-in locked globs and tried each.
 *
 * A glob made of literal text, `*` and `/` alone matches only a path that
 * holds each of its literal runs (the text between its slashes and stars):
 * minimatch compares a path's segments with a pattern's, each literal
 * character against one character of the path. For a path of ASCII
 * characters alone, letter case ignored or not, that is a plain search of the
 * lower-cased text, which can only ever keep more globs than match: a glob
 * whose runs are not all in the path is passed over, and every other glob is
 * compiled (once, when first needed) and asked as before, in the list's
 * order. A path with any other character (which Unicode folding or
 * normalization may read as an ASCII one) and a glob with any other pattern
 * character (braces, classes, `?`, extglobs, escapes, a `.` or `..` or empty
 * segment) are never passed over.
 */
export class GlobList {
  readonly #globs: readonly LazyGlob[];

  constructor(globs: readonly string[], options: MinimatchOptions) {
    this.#globs = globs.map((glob) => new LazyGlob(glob, options));
  }

  /** The index of the first glob that matches `path`, or -1. */
  firstMatch(path: string): number {
    const lower = ASCII_ONLY.test(path) ? path.toLowerCase() : undefined;
    return this.#globs.findIndex((glob) => glob.matchLowered(path, lower));
  }
}

/** One glob, compiled the first time a path holds its literal text: `match` answers what `new Minimatch(glob, options).match` answers. */
export class LazyGlob {
  readonly #glob: string;
  readonly #options: MinimatchOptions;
  /** The literal runs, lower-cased (null where the glob is always asked), found when first needed. */
  #runs: readonly string[] | null | undefined;
  /** The glob's segments as the plain matcher reads them (null where minimatch is asked), found when first needed. */
  #plain: PlainGlob | null | undefined;
  #compiled: Minimatch | undefined;

  constructor(glob: string, options: MinimatchOptions) {
    this.#glob = glob;
    this.#options = options;
    // A long glob is compiled now, so that one minimatch refuses (64 KB) throws where it always did.
    if (glob.length > EAGER_LENGTH) this.#compiled = new Minimatch(glob, options);
  }

  match(path: string): boolean {
    return this.matchLowered(path, ASCII_ONLY.test(path) ? path.toLowerCase() : undefined);
  }

  /** `lower`: the path lower-cased when it is ASCII alone, else undefined. */
  matchLowered(path: string, lower: string | undefined): boolean {
    if (lower !== undefined) {
      const runs = (this.#runs ??= literalRuns(this.#glob));
      if (runs !== null && !runs.every((run) => lower.includes(run))) return false;
      const plain = this.#compiled ? null : (this.#plain ??= plainGlob(this.#glob, this.#options));
      if (plain !== null && isPlainPath(path)) return plainMatch(plain, plain.nocase ? lower : path);
    }
    return (this.#compiled ??= new Minimatch(this.#glob, this.#options)).match(path);
  }
}

/**
 * A glob of literal segments, `*` within a segment and `**` segments, as
 * minimatch reads it with the zone's options (dot files ordinary, no comment,
 * no negation, Linux paths), letter case counted or not: each segment a list
 * of the literal runs between its stars, lower-cased when case is ignored, or
 * `**` for any number of segments (one at least where it ends the glob). A path of printable ASCII
 * characters alone, with no empty, `.` or `..` segment, is matched without
 * compiling the glob: the first glob minimatch compiles in a process costs
 * about 2 ms of a hook's decision (V8 compiling minimatch's parser on its
 * first use). Any other glob, path or option is asked of minimatch; a test
 * holds the two equal on every glob and path of a small alphabet, in both
 * letter cases, and on every built-in and sample glob.
 */
export interface PlainGlob {
  nocase: boolean;
  segments: readonly (readonly string[] | typeof GLOBSTAR)[];
}

const GLOBSTAR = '**';
/**
 * The options the plain matcher answers for, each with the value it takes; `nocase` either way. One not given
 * takes minimatch's default: `nocomment` and `nonegate` then read a leading `#` or `!`, which no plain glob
 * holds, and `platform` is node's own, answered for everywhere but on Windows.
 */
const PLAIN_OPTIONS: Readonly<Record<string, unknown>> = { dot: true, matchBase: false, nocomment: true, nonegate: true, platform: 'linux' };
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The glob as the plain matcher reads it, or null when minimatch must be asked. */
export function plainGlob(glob: string, options: MinimatchOptions): PlainGlob | null {
  if (options.dot !== true) return null;
  // Not given, minimatch takes the platform node runs on, and on Windows a backslash parts a path as a slash does.
  if (options.platform === undefined && process.platform === 'win32') return null;
  for (const [key, value] of Object.entries(options)) {
    if (key === 'nocase' ? typeof value !== 'boolean' : !Object.prototype.hasOwnProperty.call(PLAIN_OPTIONS, key) || PLAIN_OPTIONS[key] !== value) return null;
  }
  if (literalRuns(glob) === null) return null;
  const nocase = options.nocase === true;
  const segments: (readonly string[] | typeof GLOBSTAR)[] = [];
  for (const segment of glob.split('/')) {
    // `**/**` is one `**` to minimatch.
    if (segment === GLOBSTAR) {
      if (segments[segments.length - 1] !== GLOBSTAR) segments.push(GLOBSTAR);
    } else if (segment.includes(GLOBSTAR)) return null;
    else segments.push((nocase ? segment.toLowerCase() : segment).split('*'));
  }
  return { nocase, segments };
}

/** Whether the plain matcher may answer for `path`: printable ASCII, no empty, `.` or `..` segment. */
export function isPlainPath(path: string): boolean {
  return PRINTABLE_ASCII.test(path) && isNormalRelativePath(path);
}

/** Whether `path` (lower-cased when the glob ignores case) matches the plain glob. */
export function plainMatch(glob: PlainGlob, path: string): boolean {
  const names = path.split('/');
  const { segments } = glob;
  // Whether segments[from…] match names[at…]; a `**` tries every number of names it could take.
  const matchFrom = (from: number, at: number): boolean => {
    for (let index = from; index < segments.length; index++) {
      const segment = segments[index];
      if (segment === GLOBSTAR) {
        // A `**` that ends the glob takes one name at least: minimatch's `a/**` matches what is inside `a`, not `a`.
        for (let rest = index === segments.length - 1 ? at + 1 : at; rest <= names.length; rest++) if (matchFrom(index + 1, rest)) return true;
        return false;
      }
      if (at >= names.length || !segmentMatches(segment, names[at])) return false;
      at++;
    }
    return at === names.length;
  };
  return matchFrom(0, 0);
}

/** A segment's literal runs, a `*` between each two, against one name. */
function segmentMatches(runs: readonly string[], name: string): boolean {
  const first = runs[0];
  if (runs.length === 1) return name === first;
  const last = runs[runs.length - 1];
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let index = 1; index < runs.length - 1; index++) {
    const found = name.indexOf(runs[index], at);
    if (found < 0 || found + runs[index].length > end) return false;
    at = found + runs[index].length;
  }
  return true;
}

const EAGER_LENGTH = 1024;
const ASCII_ONLY = /^[^\u0080-\uffff]*$/;
/** Literal text, `*` and `/`: anything else may match text other than its own. */
const PLAIN_GLOB = /^[\x20-\x7e]*$/;
const PATTERN_CHARACTERS = /[?[\]{}()!+@\\#]/;

/** The runs of literal text a path must hold for the glob to match it, lower-cased; null when the glob has other pattern characters. */
function literalRuns(glob: string): string[] | null {
  if (!PLAIN_GLOB.test(glob) || PATTERN_CHARACTERS.test(glob)) return null;
  // minimatch reads `a/../b` as `b` and `a/./b` as `a/b`, and may fold empty segments: such a glob is always asked.
  if (glob.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return glob.toLowerCase().split(/[*/]+/).filter((run) => run !== '');
}
