import { GitError } from './gitError';
import type { Git } from './runGit';
import { fileContent, type FileContent } from './textContent';

interface GitObject {
  type: string;
  content: Buffer;
}

/** `followLinks`: a `rev:path` name is read through symbolic links inside the tree, as a checkout would read it. */
interface ReadOptions {
  followLinks?: boolean;
}

/**
 * Reads many objects with one `git cat-file --batch`, keyed by the name asked
 * for. Names must not contain a line break (object ids never do); missing
 * objects are absent from the result, and so, when following links, is a
 * path whose link leads out of the tree, dangles or loops.
 */
async function readObjects(git: Git, names: readonly string[], options: ReadOptions = {}): Promise<Map<string, GitObject>> {
  const objects = new Map<string, GitObject>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return objects;
  if (unique.some((name) => /[\r\n]/.test(name))) {
    throw new GitError('failed', 'An object name with a line break cannot be read in a batch.');
  }
  const args = options.followLinks ? ['cat-file', '--batch', '--follow-symlinks'] : ['cat-file', '--batch'];
  const output = (await git.exec(args, { input: unique.map((name) => `${name}\n`).join('') })).stdout;
  let offset = 0;
  for (const name of unique) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError('failed', 'git cat-file ended early.');
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    // `<oid> <type> <size>` for a found object, `<name> missing` (or `ambiguous`) otherwise.
    const found = /^[0-9a-f]+ ([a-z]+) (\d+)$/.exec(header);
    // `symlink|dangling|loop|notdir <size>` and a line of that size: a link that cannot be followed inside the tree.
    const unfollowed = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header);
    if (unfollowed) offset += Number(unfollowed[1]) + 1;
    if (!found?.[1] || !found[2]) continue;
    const size = Number(found[2]);
    objects.set(name, { type: found[1], content: output.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return objects;
}

/** The contents of many blobs (by object id or `rev:path`), in one git process. */
export async function readBlobs(git: Git, names: readonly string[], options: ReadOptions = {}): Promise<Map<string, FileContent>> {
  const contents = new Map<string, FileContent>();
  for (const [name, object] of await readObjects(git, names, options)) {
    if (object.type === 'blob') contents.set(name, fileContent(object.content));
  }
  return contents;
}

/**
 * One version of a file: `rev` is a commit-ish, or the empty string for the
 * index (`:path`). Undefined when the file does not exist there or is not a
 * file, and for HEAD before the first commit; an unknown revision throws.
 */
export async function showFile(git: Git, rev: string, relPath: string): Promise<FileContent | undefined> {
  if (rev.startsWith('-') || /[:\r\n]/.test(rev)) {
    throw new GitError('unknown-revision', `'${rev}' is not a revision that can be read.`);
  }
  const name = `${rev}:${relPath}`;
  const batchable = !/[\r\n]/.test(relPath);
  const objects = await readObjects(git, [...(rev === '' ? [] : [rev]), ...(batchable ? [name] : [])]);
  if (rev !== '' && !objects.has(rev)) {
    if (rev === 'HEAD') return undefined;
    throw new GitError('unknown-revision', `git does not know the revision '${rev}'.`);
  }
  if (batchable) {
    const object = objects.get(name);
    return object?.type === 'blob' ? fileContent(object.content) : undefined;
  }
  // A path with a line break cannot go through the batch: ask for that one blob.
  const result = await git.exec(['cat-file', 'blob', name], { okExitCodes: [128] });
  return result.exitCode === 0 ? fileContent(result.stdout) : undefined;
}

/** The sizes of many objects, by id, in one git process, without reading them; missing ones are absent. */
export async function objectSizes(git: Git, ids: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f]+$/.test(id));
  if (unique.length === 0) return sizes;
  const output = await git.run(['cat-file', '--batch-check'], { input: unique.map((id) => `${id}\n`).join('') });
  for (const line of output.split('\n')) {
    const found = /^([0-9a-f]+) [a-z]+ (\d+)$/.exec(line);
    if (found?.[1] && found[2]) sizes.set(found[1], Number(found[2]));
  }
  return sizes;
}
