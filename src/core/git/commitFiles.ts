import type { FileSource } from '../types';
import { readBlobs } from './blobs';
import { perTurn } from './perTurn';
import { commitsSince } from './commits';
import { parseRawDiff, SYMLINK_MODE } from './diffEntries';
import { literalPathspecs } from './pathspec';
import { linksOf } from './change';
import { listedAtCommit } from './headTrees';
import type { Change, ChangedFile } from './model';
import type { Git } from './runGit';
import { binaryTextOf } from './textContent';

/** Files larger than this are not kept between their size and their text. */
const KEEP_SIZED_BYTES = 1024 * 1024;

/**
 * The repository as one commit has it, as a FileSource: what the CI gate
 * reads its policy from (the base) and the change's other files from (the
 * head). Paths are read through git's object store, never the disk, so a
 * checkout cannot stand in for the commit; a path is read through the
 * symbolic links inside the commit, as a checkout of it would be, and a link
 * that leads out of it reads as absent.
 */
export function commitFiles(git: Git, commit: string): FileSource {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new Error(`'${commit}' is not a commit id`);
  const links = commitLinks(git, commit);
  const blobs = perTurn((names) => readBlobs(git, names, { followLinks: true }));
  // A path with a line break cannot be asked in a batch: alone, it fails alone.
  const blob = (relPath: string) => {
    const name = `${commit}:${relPath}`;
    return /[\r\n]/.test(name) ? readBlobs(git, [name], { followLinks: true }).then((read) => read.get(name)) : blobs(name);
  };
  // Asking a file's size reads it whole: kept until its text is asked for, which usually comes next (CODEOWNERS).
  const sized = new Map<string, ReturnType<typeof blob>>();
  return {
    async readText(relPath) {
      const read = sized.get(relPath) ?? blob(relPath);
      sized.delete(relPath);
      return (await read)?.text;
    },
    async size(relPath) {
      const read = blob(relPath);
      sized.set(relPath, read);
      const size = (await read)?.size;
      // One asked for its size because it may be too large to read is seldom read next: not kept.
      if (size === undefined || size > KEEP_SIZED_BYTES) sized.delete(relPath);
      return size;
    },
    linkTarget: links,
    async listDirectory(relDir) {
      const listing = await git.exec(['ls-tree', '-z', '--name-only', `${commit}:${relDir}`], { okExitCodes: [128] });
      if (listing.exitCode !== 0) return undefined;
      return listing.stdout.toString('utf8').split('\0').filter((name) => name !== '');
    },
    async listFiles() {
      const listing = await git.exec(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit], { okExitCodes: [128] });
      return listing.exitCode === 0 ? listing.stdout.toString('utf8').split('\0').filter((name) => name !== '') : undefined;
    },
  };
}

/**
 * The target of a symbolic link in the commit. The paths asked for in one
 * turn of the event loop, with every folder above them, are looked up with
 * one `git ls-tree`, and each answer is kept: resolving all the policy files
 * costs one git process, whatever their number.
 */
function commitLinks(git: Git, commit: string): (relPath: string) => Promise<string | undefined> {
  const known = new Map<string, Promise<string | undefined>>();
  const lookUp = perTurn(async (paths) => {
    // A Git that keeps its cat-file reads the folders' trees there; any other, or where that cannot answer, asks `git ls-tree`.
    const fromTrees = git.keepsProcesses ? await listedAtCommit(git, commit, paths) : undefined;
    const listing = fromTrees ? [...fromTrees].map(([path, listed]) => `${listed}\t${path}`) : (await git.run(['ls-tree', '-z', '--full-tree', commit, '--', ...literalPathspecs(paths)])).split('\0');
    const linkOids = new Map<string, string>();
    for (const entry of listing) {
      const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (match?.[1] === SYMLINK_MODE) linkOids.set(match[3], match[2]);
    }
    const targets = linkOids.size === 0 ? new Map() : await readBlobs(git, [...linkOids.values()]);
    const answers = new Map<string, string>();
    for (const [path, oid] of linkOids) {
      const target = targets.get(oid)?.text;
      if (target !== undefined) answers.set(path, target);
    }
    return answers;
  });
  // Not knowing whether a path is a link is not "no link": a failed lookup fails the caller instead of guessing.
  const ask = (path: string): Promise<string | undefined> => {
    let answer = known.get(path);
    if (!answer) {
      answer = lookUp(path);
      known.set(path, answer);
    }
    return answer;
  };
  return (relPath) => {
    // The folders above it go in the same lookup: resolving a path asks for each of them next.
    const parts = relPath.split('/');
    for (let depth = 1; depth < parts.length; depth++) ask(parts.slice(0, depth).join('/')).catch(() => undefined);
    return ask(relPath);
  };
}

/**
 * What one commit changed against its first parent (a merge: what the pull
 * request brought), as the review reads a change: each file's text before and
 * after, read in one batch, and the commits it brought (for a merge, the pull
 * request's), so the checks that read commits read them as on the branch.
 */
export async function commitChange(git: Git, commit: string): Promise<Change> {
  const raw = await git.run(['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', `${commit}^1`, commit]);
  const entries = parseRawDiff(raw);
  const blobs = await readBlobs(git, entries.flatMap((entry) => [`${commit}^1:${entry.oldPath ?? entry.path}`, `${commit}:${entry.path}`]));
  const files: ChangedFile[] = entries.map((entry) => {
    const before = blobs.get(`${commit}^1:${entry.oldPath ?? entry.path}`);
    const after = blobs.get(`${commit}:${entry.path}`);
    const binary = before?.binary === true || after?.binary === true;
    const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
    const links = linksOf(entry, before, after);
    // As readChange does: a binary file carries the text that can be read in it, or the security checks cannot clear it.
    return { path: entry.path, status, oldText: before?.text, newText: after?.text, ...(binary ? { binary, binaryText: binaryTextOf(before, after) } : {}), ...(links ? { links } : {}) };
  });
  const commits = await commitsSince(git, `${commit}^1`, commit);
  // As readChange says it: a commit brought a PLANNING.md that is still there at the end.
  const planning = new Set(commits.flatMap((info) => info.files).filter((path) => path === 'PLANNING.md' || path.endsWith('/PLANNING.md')));
  const kept = planning.size === 0 ? new Map() : await readBlobs(git, [...planning].map((path) => `${commit}:${path}`));
  return { mode: 'branch', files, commits, branchHasPlanning: [...kept.values()].some((content) => content.text !== undefined) };
}
