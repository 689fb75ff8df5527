import type { CommitInfo, Trailer } from './model';
import { GitError, isGitError } from './gitError';
import { isObjectId } from './objectIds';
import { headSha } from './repository';
import type { Git } from './runGit';

// Fields of one commit, separated by control characters no commit message
// uses; the body comes last so that even a stray separator in it stays there.
const FIELD = '\x1f';
const TRAILER = '\x1e';
const KEY_VALUE = '\x1d';
const FORMAT = [
  '%x00%H',
  '%s',
  '%(trailers:unfold,only,separator=%x1e,key_value_separator=%x1d)',
  '%b',
].join('%x1f');

/**
 * The commits reachable from `head` (HEAD) but not from `base`, oldest first (the
 * order a pull request lists them), with their trailers and the paths each
 * touched (both sides of a rename).
 */
export async function commitsSince(git: Git, base: string, head = 'HEAD'): Promise<CommitInfo[]> {
  if (base.startsWith('-') || head.startsWith('-')) throw new GitError('unknown-revision', `'${base.startsWith('-') ? base : head}' is not a revision.`);
  // `X..X` holds no commit: git is not asked for one id twice.
  if (base === head && isObjectId(base)) return [];
  try {
    const output = await git.run([
      'log', '-z', '--reverse', '--no-renames', '--name-only', `--format=${FORMAT}`, `${base}..${head}`, '--',
    ]);
    return parseCommitLog(output);
  } catch (error) {
    // Before the first commit git only says that `base..HEAD` is unknown.
    if (isGitError(error, 'unknown-revision') && (await headSha(git)) === null) {
      throw new GitError('no-commits', 'This repository has no commits yet: make a first commit, then try again.');
    }
    throw error;
  }
}

/**
 * Parses `git log -z --name-only` output whose format starts with NUL: each
 * commit is then an empty field, a header, and its paths (the first one
 * preceded by a line break), all NUL-terminated. Paths are never empty, so
 * the empty field marks a commit unambiguously.
 */
export function parseCommitLog(output: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  const fields = output.split('\0');
  let current: CommitInfo | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] ?? '';
    if (field === '') {
      const header = fields[index + 1];
      if (header === undefined || header === '') continue;
      current = parseHeader(header);
      commits.push(current);
      index++;
    } else if (current) {
      current.files.push(current.files.length === 0 ? field.replace(/^\n/, '') : field);
    }
  }
  return commits;
}

function parseHeader(header: string): CommitInfo {
  const [sha = '', subject = '', trailers = '', ...bodyParts] = header.split(FIELD);
  return {
    sha,
    subject,
    body: bodyParts.join(FIELD).replace(/\n+$/, ''),
    trailers: parseTrailers(trailers),
    files: [],
  };
}

function parseTrailers(text: string): Trailer[] {
  return text
    .split(TRAILER)
    .map((entry) => entry.replace(/\n$/, ''))
    .filter((entry) => entry.includes(KEY_VALUE))
    .map((entry) => {
      const at = entry.indexOf(KEY_VALUE);
      return { key: entry.slice(0, at).trim(), value: entry.slice(at + 1).trim() };
    });
}
