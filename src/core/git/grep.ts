// Searching the repository's text with git grep: fixed strings, text files
// only, one process for many needles. Git already knows which files belong
// to the repository (tracked, and untracked ones that are not ignored), so
// build output and dependencies are never searched.
import type { TextHit, TextSearch } from './model';
import type { Git } from './runGit';

/** Needles per git process: well under any command-line length limit. */
const NEEDLES_PER_RUN = 500;

/**
 * A TextSearch over the working tree, or over a commit when `revision` is
 * given (what a replay of history reviews).
 */
export function gitTextSearch(git: Git, options: { revision?: string } = {}): TextSearch {
  return {
    async find(needles, { exclude, limit }) {
      const chunks: string[][] = [];
      for (let start = 0; start < needles.length; start += NEEDLES_PER_RUN) {
        const chunk = needles.slice(start, start + NEEDLES_PER_RUN).filter((needle) => needle !== '' && !/[\r\n]/.test(needle));
        if (chunk.length > 0) chunks.push(chunk);
      }
      if (chunks.length === 0) return [];
      const patterns = sharedSegments(chunks.flat());
      // One git process for every chunk: the lines holding a shared segment, searched for each chunk's needles in turn.
      const lines = patterns ? await grep(git, patterns, exclude, options.revision) : undefined;
      const hits: TextHit[] = [];
      for (const chunk of chunks) {
        if (hits.length >= limit) break;
        const found = lines ? lines.filter((hit) => chunk.some((needle) => hit.text.includes(needle))) : await grep(git, chunk, exclude, options.revision);
        for (const hit of found) {
          hits.push(hit);
          if (hits.length >= limit) break;
        }
      }
      return hits;
    },
  };
}

/** The lines of the repository's text files that hold any of `patterns`, in git's order. */
async function grep(git: Git, patterns: readonly string[], exclude: readonly string[], revision: string | undefined): Promise<TextHit[]> {
  const args = ['grep', '-z', '-n', '-I', '-F', '--no-color', ...(revision ? [] : ['--untracked'])];
  for (const pattern of patterns) args.push('-e', pattern);
  if (revision) args.push(revision);
  args.push('--', ':(top)', ...exclude.map((glob) => `:(top,exclude,glob)${glob}`));
  const result = await git.exec(args, { okExitCodes: [1] });
  return parseGrep(result.stdout.toString('utf8'), revision);
}

/** A key's last segment with its separator (`.string` of `home.title.string`): long enough to be rare in code. */
const LAST_SEGMENT = /[.:][^.:]{4,}$/;

// eslint-disable-next-line no-control-regex -- a NUL is what cannot be passed to git
const NOT_PLAIN_UTF8 = /[\u0000\uFFFD\uD800-\uDFFF]/;

/**
 * What one git grep can look for instead of the needles themselves, or
 * undefined when it would not pay: git tries every pattern on every line, so
 * 772 keys cost it some fifty times what one pattern does. A last segment
 * that several keys end in (`.string`, `.context`) is looked for once, and
 * each needle that shares none with another, as itself; every line holding a
 * needle holds one of them, and the lines found are then searched for the
 * needles. Git matches the bytes of the needles' UTF-8 and the lines come
 * back decoded, so needles whose UTF-8 is not their text (a NUL, a lone
 * surrogate, U+FFFD, which an undecodable byte decodes to) are searched by git alone.
 */
function sharedSegments(needles: string[]): string[] | undefined {
  const counts = new Map<string, number>();
  for (const needle of needles) {
    const segment = LAST_SEGMENT.exec(needle)?.[0];
    if (segment !== undefined) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  }
  const patterns = new Set<string>();
  for (const needle of needles) {
    if (NOT_PLAIN_UTF8.test(needle)) return undefined;
    const segment = LAST_SEGMENT.exec(needle)?.[0];
    patterns.add(segment !== undefined && (counts.get(segment) ?? 0) > 1 ? segment : needle);
  }
  return patterns.size * 2 <= needles.length && patterns.size <= NEEDLES_PER_RUN ? [...patterns] : undefined;
}

/** `path\0line\0text\n` records (`rev:path` when searching a commit). */
function parseGrep(output: string, revision: string | undefined): TextHit[] {
  const hits: TextHit[] = [];
  const prefix = revision ? `${revision}:` : '';
  let at = 0;
  while (at < output.length) {
    const fileEnd = output.indexOf('\0', at);
    const lineEnd = fileEnd < 0 ? -1 : output.indexOf('\0', fileEnd + 1);
    if (lineEnd < 0) break;
    const textEnd = output.indexOf('\n', lineEnd + 1);
    const file = output.slice(at, fileEnd);
    hits.push({
      file: file.startsWith(prefix) ? file.slice(prefix.length) : file,
      line: Number(output.slice(fileEnd + 1, lineEnd)),
      text: output.slice(lineEnd + 1, textEnd < 0 ? output.length : textEnd),
    });
    at = textEnd < 0 ? output.length : textEnd + 1;
  }
  return hits;
}
