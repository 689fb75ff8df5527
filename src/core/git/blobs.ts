import { isObjectId } from './objectIds';
import { GitError } from './gitError';
import type { Git } from './runGit';
import { fileContent, type FileContent } from './textContent';

export interface GitObject {
  /** The object's id, as git printed it. */
  id: string;
  type: string;
  content: Buffer;
}

/** `followLinks`: a `rev:path` name is read through symbolic links inside the tree, as a checkout would read it. */
interface ReadOptions {
  followLinks?: boolean;
}

/**
 * Reads many objects with one `git cat-file --batch`, keyed by the name asked
 * for, each as `convert` makes it (undefined leaves it out) as soon as its
 * bytes have come: a change of thousands of files never holds git's whole
 * output. Names must not contain a line break (object ids never do); missing
 * objects are absent from the result, and so, when following links, is a
 * path whose link leads out of the tree, dangles or loops.
 */
async function readObjects<T>(git: Git, names: readonly string[], options: ReadOptions, convert: (object: GitObject) => T | undefined): Promise<Map<string, T>> {
  const objects = new Map<string, T>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return objects;
  if (unique.some((name) => /[\r\n]/.test(name))) {
    throw new GitError('failed', 'An object name with a line break cannot be read in a batch.');
  }
  // git follows links only in a `tree-ish:path` name, so for object ids the two forms answer alike: ids are read by the
  // form that follows, and a command that reads both (a review: the change's blobs, the base's policy) keeps one process.
  const follow = options.followLinks === true || unique.every(isObjectId);
  const args = follow ? ['cat-file', '--batch', '--follow-symlinks'] : ['cat-file', '--batch'];
  const output = new BatchOutput(unique, (name, object) => {
    const converted = convert(object);
    if (converted !== undefined) objects.set(name, converted);
  });
  const input = unique.map((name) => `${name}\n`).join('');
  const kept = git.keptProcess(args);
  if (kept) await kept.run(input, output);
  else {
    await git.exec(args, { input, onStdout: (chunk) => output.push(chunk) });
    output.end();
  }
  return objects;
}

/**
 * The commit `name` leads to (`name^{commit}`, as `git rev-parse` peels it),
 * looked up by the process that reads objects (one a command keeps: no
 * process of its own); undefined where it leads to none, as before the first
 * commit.
 */
export async function commitNamed(git: Git, name: string): Promise<string | undefined> {
  if (name.startsWith('-') || /[\r\n]/.test(name)) return undefined;
  const asked = `${name}^{commit}`;
  return (await readObjects(git, [asked], { followLinks: true }, (object) => (object.type === 'commit' ? object.id : undefined))).get(asked);
}

/**
 * The commits of `ids` as git stores them (their text), read by the process
 * that reads objects (one a command keeps: no process of its own); an id
 * that is missing or names another type is absent.
 */
export async function readCommits(git: Git, ids: readonly string[]): Promise<Map<string, Buffer>> {
  return readObjects(git, ids, {}, (object) => (object.type === 'commit' ? object.content : undefined));
}

/** The type of each object of `ids` (`commit`, `tag`…), read as readCommits reads; a missing one is absent. */
export async function objectTypes(git: Git, ids: readonly string[]): Promise<Map<string, string>> {
  return readObjects(git, ids, {}, (object) => object.type);
}

/**
 * `git cat-file --batch`'s output for `names`, read a chunk at a time: each
 * found object is given to `found` once its content has come (a line break
 * ends it), and no more is kept than one header or one object's content.
 * For each name in turn: `<oid> <type> <size>` and that many bytes, `<name>
 * missing` (or `ambiguous`), or, following links, `symlink|dangling|loop|notdir
 * <size>` and a line of that size, a link that cannot be followed in the tree.
 */
export class BatchOutput {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The name whose answer comes next. */
  private next = 0;
  /** A found object whose content (and its line break) is still coming. */
  private object: { name: string; id: string; type: string; size: number } | undefined;
  /** Bytes of an unfollowed link's line still to pass over. */
  private skip = 0;

  constructor(private readonly names: readonly string[], private readonly found: (name: string, object: GitObject) => void) {}

  /** Every name has its answer. */
  get finished(): boolean {
    return this.next >= this.names.length && this.object === undefined && this.skip === 0;
  }

  /** Reads `chunk`; returns how many of its bytes were answers (what follows the last is not read). */
  push(chunk: Buffer): number {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skip > 0) {
        const length = Math.min(this.skip, chunk.length - offset);
        this.skip -= length;
        offset += length;
      } else if (this.object) {
        const length = Math.min(this.object.size + 1 - this.pendingBytes, chunk.length - offset);
        this.keep(chunk.subarray(offset, offset + length));
        offset += length;
        if (this.pendingBytes === this.object.size + 1) this.give();
      } else {
        // What follows the last answer is not read.
        if (this.next >= this.names.length) return offset;
        const headerEnd = chunk.indexOf(0x0a, offset);
        this.keep(chunk.subarray(offset, headerEnd < 0 ? chunk.length : headerEnd));
        if (headerEnd < 0) return chunk.length;
        offset = headerEnd + 1;
        this.header(this.taken().toString('utf8'));
      }
    }
    return offset;
  }

  /** The output is over: an object it ends within is given as far as it came; a name with no answer at all means git stopped early. */
  end(): void {
    if (this.object) this.give();
    if (this.next < this.names.length) throw new GitError('failed', 'git cat-file ended early.');
  }

  private header(header: string): void {
    const found = /^([0-9a-f]+) ([a-z]+) (\d+)$/.exec(header);
    const unfollowed = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header);
    if (unfollowed) this.skip = Number(unfollowed[1]) + 1;
    if (!found?.[1] || !found[2] || !found[3]) {
      this.next++;
      return;
    }
    this.object = { name: this.names[this.next]!, id: found[1], type: found[2], size: Number(found[3]) };
  }

  private give(): void {
    const { name, id, type, size } = this.object!;
    this.object = undefined;
    this.next++;
    this.found(name, { id, type, content: this.taken().subarray(0, size) });
  }

  private keep(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private taken(): Buffer {
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return bytes;
  }
}

/** The contents of many blobs (by object id or `rev:path`), in one git process. */
export async function readBlobs(git: Git, names: readonly string[], options: ReadOptions = {}): Promise<Map<string, FileContent>> {
  return readObjects(git, names, options, (object) => (object.type === 'blob' ? fileContent(object.content) : undefined));
}

/** The trees of many names (`rev^{tree}`, `rev:folder`), in one git process; a name that is not a tree is absent. */
export async function readTrees(git: Git, names: readonly string[]): Promise<Map<string, GitObject>> {
  return readObjects(git, names, {}, (object) => (object.type === 'tree' ? object : undefined));
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
  const objects = await readObjects(git, [...(rev === '' ? [] : [rev]), ...(batchable ? [name] : [])], {}, (object) => object);
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
