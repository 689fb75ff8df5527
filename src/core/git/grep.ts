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
      const hits: TextHit[] = [];
      for (let start = 0; start < needles.length && hits.length < limit; start += NEEDLES_PER_RUN) {
        const chunk = needles.slice(start, start + NEEDLES_PER_RUN).filter((needle) => needle !== '' && !/[\r\n]/.test(needle));
        if (chunk.length === 0) continue;
        const args = ['grep', '-z', '-n', '-I', '-F', '--no-color', ...(options.revision ? [] : ['--untracked'])];
        for (const needle of chunk) args.push('-e', needle);
        if (options.revision) args.push(options.revision);
        args.push('--', ':(top)', ...exclude.map((glob) => `:(top,exclude,glob)${glob}`));
        const result = await git.exec(args, { okExitCodes: [1] });
        for (const hit of parseGrep(result.stdout.toString('utf8'), options.revision)) {
          hits.push(hit);
          if (hits.length >= limit) break;
        }
      }
      return hits;
    },
  };
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
