import { Minimatch, type MinimatchOptions } from 'minimatch';

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
    }
    return (this.#compiled ??= new Minimatch(this.#glob, this.#options)).match(path);
  }
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
