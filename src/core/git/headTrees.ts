import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTrees } from './blobs';
import { objectsAndRefsGitTakes, ownerGitExpects } from './gitFolderChecks';
import { objectWithoutGit, storedObject } from './looseObjects';
import { plainRefComponent, regularFileText, replacedObjects } from './refFiles';
import { canonicalMode, modeType, parseTree } from './treeObjects';
import type { Git } from './runGit';
import { isNormalRelativePath } from './pathspec';

// The guard asks git which commit HEAD is at on every decision, and after a
// commit it also needs what that commit holds at the policy files' paths (a
// second git process, `git ls-tree`). One `git cat-file --batch` answers
// both: HEAD's commit, then the trees of the folders those paths are in.
// Each line names HEAD afresh, so HEAD may move while git reads them: the
// trees are therefore found by id, from the commit's own tree down, and a
// tree read at another commit is simply not found on the way (the caller then
// asks `git ls-tree` by the commit's id, as it would have).

/** HEAD's commit, and what it holds at the paths it was read with. */
export interface HeadCommit {
  commit: string;
  /**
   * What the commit holds at each path, as `git ls-tree` prints it (`mode
   * type id`; absent where it holds nothing), or undefined when a folder on
   * the way was not read.
   */
  listed(paths: readonly string[]): Map<string, string> | undefined;
  /** The trees read, each as git stores it (`tree <size>\0…`), by id: kept, they spare reading the same trees after the next commit. */
  trees: ReadonlyMap<string, Buffer>;
}

interface TreeEntry {
  /** `mode type id`, as `git ls-tree` prints the entry. */
  listed: string;
  /** The entry's tree, when it is a folder. */
  tree?: string;
}

/**
 * HEAD's commit (undefined before the first commit, or outside a repository,
 * as `git rev-parse --verify --quiet HEAD^{commit}` answers), read with the
 * folders of `paths`, in one git process.
 */
export async function readHeadCommit(git: Git, paths: readonly string[]): Promise<HeadCommit | undefined> {
  // No path, no tree: then it asks what `git rev-parse` would, and lists nothing.
  const folders = paths.length > 0 ? ['', ...foldersAbove(paths)] : [];
  const names = ['HEAD^{commit}', ...folders.map((folder) => `HEAD:${folder}`)];
  const result = await git.exec(['cat-file', '--batch'], { input: names.map((name) => `${name}\n`).join(''), okExitCodes: [128] });
  if (result.exitCode !== 0) return undefined;
  const objects = batchObjects(result.stdout, names.length);
  const head = objects[0];
  if (head?.type !== 'commit') return undefined;
  const rootTree = /^tree ([0-9a-f]+)\n/.exec(head.content.toString('latin1', 0, 100))?.[1];
  const idBytes = head.id.length / 2;
  const trees = new Map<string, Map<string, TreeEntry>>();
  const stored = new Map<string, Buffer>();
  for (const object of objects.slice(1)) {
    const entries = object?.type === 'tree' ? treeEntries(object.content, idBytes) : undefined;
    if (object && entries) {
      trees.set(object.id, entries);
      stored.set(object.id, storedObject('tree', object.content));
    }
  }
  return { commit: head.id, listed: (asked) => listedIn(rootTree, trees, asked), trees: stored };
}

/**
 * What `readHeadCommit` reads, for the commit `commit` (HEAD as
 * `headCommitAsGitReads` read it), without git: the commit and the trees of
 * the folders of `paths` from `kept` or loose in `commonFolder`
 * (looseObjects.ts). After a commit made here, the commit and every tree it
 * changed are loose; a folder it did not change has the tree of the commit
 * before, which the caller keeps. Undefined where any of them is neither,
 * or `commit` is not a commit (a ref holding a tag's id): git is asked.
 */
export function readHeadCommitWithoutGit(commonFolder: string, commit: string, paths: readonly string[], kept: ReadonlyMap<string, Buffer>): HeadCommit | undefined {
  const head = objectWithoutGit(commonFolder, commit);
  if (head?.type !== 'commit') return undefined;
  const rootTree = /^tree ([0-9a-f]+)\n/.exec(head.content.toString('latin1', 0, 100))?.[1];
  const idBytes = commit.length / 2;
  const trees = new Map<string, Map<string, TreeEntry>>();
  const stored = new Map<string, Buffer>();
  const tree = (id: string): Map<string, TreeEntry> | undefined => {
    const known = trees.get(id);
    if (known) return known;
    const object = objectWithoutGit(commonFolder, id, kept);
    const entries = object?.type === 'tree' ? treeEntries(object.content, idBytes) : undefined;
    if (!object || !entries) return undefined;
    trees.set(id, entries);
    stored.set(id, object.stored);
    return entries;
  };
  // No path, no tree, as readHeadCommit reads none. Else each folder the paths go through, from the root down, as git
  // reads `HEAD:<folder>`: a folder that is not there ends the way.
  if (paths.length > 0 && (rootTree === undefined || !tree(rootTree))) return undefined;
  for (const folder of paths.length > 0 ? foldersAbove(paths) : []) {
    let entries = trees.get(rootTree!)!;
    for (const segment of folder.split('/')) {
      const entry = entries.get(Buffer.from(segment, 'utf8').toString('latin1'));
      if (entry?.tree === undefined) break;
      const below = tree(entry.tree);
      if (!below) return undefined;
      entries = below;
    }
  }
  return { commit, listed: (asked) => listedIn(rootTree, trees, asked), trees: stored };
}

/**
 * What `commit` holds at each of `paths`, as `git ls-tree` lists it, from the
 * trees of their folders read in one batch: for a Git that keeps its
 * cat-file (keptProcess.ts) that starts no git process, where `ls-tree`
 * starts one each time. Undefined where a path cannot be asked in a batch or
 * git cannot read the commit's tree: the caller then asks `git ls-tree`.
 */
export async function listedAtCommit(git: Git, commit: string, paths: readonly string[]): Promise<Map<string, string> | undefined> {
  if (!paths.every(isPlainPath) || !/^[0-9a-f]+$/i.test(commit)) return undefined;
  const rootName = `${commit}^{tree}`;
  const read = await readTrees(git, [rootName, ...foldersAbove(paths).map((folder) => `${commit}:${folder}`)]).catch(() => undefined);
  const root = read?.get(rootName);
  if (!read || !root) return undefined;
  const idBytes = root.id.length / 2;
  const trees = new Map<string, Map<string, TreeEntry>>();
  for (const object of read.values()) {
    const entries = treeEntries(object.content, idBytes);
    if (entries) trees.set(object.id, entries);
  }
  return listedIn(root.id, trees, paths);
}

/** Each asked path's entry, from the root tree down through the trees read; undefined when a folder on the way was not read. */
function listedIn(rootTree: string | undefined, trees: ReadonlyMap<string, Map<string, TreeEntry>>, asked: readonly string[]): Map<string, string> | undefined {
  const listed = new Map<string, string>();
  for (const relPath of asked) {
    if (!isPlainPath(relPath)) return undefined;
    let tree = rootTree === undefined ? undefined : trees.get(rootTree);
    const segments = relPath.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      if (!tree) return undefined;
      // Names are compared byte for byte, as git compares a path it is given.
      const entry = tree.get(Buffer.from(segments[depth], 'utf8').toString('latin1'));
      if (!entry) break;
      if (depth === segments.length - 1) listed.set(relPath, entry.listed);
      else if (entry.tree === undefined) break;
      else tree = trees.get(entry.tree);
    }
  }
  return listed;
}

/** The folders the plain paths among `paths` are in, each once, the top one not named. */
function foldersAbove(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const relPath of paths.filter(isPlainPath)) {
    const segments = relPath.split('/');
    for (let depth = 1; depth < segments.length; depth++) folders.add(segments.slice(0, depth).join('/'));
  }
  return [...folders];
}

/** A path as `git ls-tree` would take it literally, that a batch line can carry: no empty, `.` or `..` segment, no line break. */
function isPlainPath(relPath: string): boolean {
  return !/[\r\n]/.test(relPath) && isNormalRelativePath(relPath);
}

/** The batch's answers in the order asked: undefined for a name git did not find. */
function batchObjects(output: Buffer, count: number): ({ id: string; type: string; content: Buffer } | undefined)[] {
  const objects: ({ id: string; type: string; content: Buffer } | undefined)[] = [];
  let offset = 0;
  while (objects.length < count) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    // `<id> <type> <size>`, then the object and a line break; `<name> missing` (or `ambiguous`) alone otherwise.
    const found = /^([0-9a-f]+) ([a-z]+) (\d+)$/.exec(output.toString('latin1', offset, headerEnd));
    offset = headerEnd + 1;
    if (!found) {
      objects.push(undefined);
      continue;
    }
    const size = Number(found[3]);
    objects.push({ id: found[1], type: found[2], content: output.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return objects;
}

/** A tree's entries by name (its bytes, as latin1), each as `git ls-tree` lists it; undefined for a tree that does not parse. */
function treeEntries(content: Buffer, idBytes: number): Map<string, TreeEntry> | undefined {
  const parsed = parseTree(content, idBytes);
  if (!parsed) return undefined;
  const entries = new Map<string, TreeEntry>();
  for (const { name, mode, id } of parsed) {
    const canonical = canonicalMode(mode);
    entries.set(name, { listed: `${canonical} ${modeType(canonical)} ${id}`, ...(canonical === '040000' ? { tree: id } : {}) });
  }
  return entries;
}

/**
 * The commit HEAD names, read from the git folder without git: a hint of
 * which trees to ask git for, never an answer (git's own reading of HEAD is
 * the one used). Undefined for anything but HEAD at a loose branch ref or a
 * detached commit (a packed ref, another ref format).
 */
export function headCommitHint(gitFolder: string, commonFolder: string): string | undefined {
  // Read as they are, without a turn of the event loop each: two files of a line each.
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const head = read(path.join(gitFolder, 'HEAD'));
  const ref = /^ref: (refs\/heads\/[^\0\\]+)$/.exec(head ?? '')?.[1];
  const named = ref === undefined || ref.split('/').includes('..') ? head : read(path.join(commonFolder, ...ref.split('/')));
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(named ?? '') ? named : undefined;
}

/**
 * The commit HEAD is at, read from the git folder without git, only where
 * git run in `root` (as the guard runs it, with no GIT_DIR or other GIT_*
 * variable that moves it) provably reads the same: undefined wherever it
 * might not, and git is then asked. What is read is what git reads: `root`'s
 * `.git` folder, or the folder a linked worktree's `.git` file names (its
 * `gitdir: ` line as git takes it, with the common folder its `commondir`
 * names), owned by this user as git checks a repository's owner; HEAD there,
 * a regular file (not a link) holding a commit id or `ref: refs/heads/NAME`
 * with a name any git takes as written, and that branch's loose file in the
 * common folder (git reads a loose ref before packed-refs), a regular file
 * holding a commit id. Anything else is left to git: a packed branch, a
 * reftable repository (`extensions.refStorage` in the common config, whose
 * HEAD file is a stub git does not read), replaced objects (`refs/replace`,
 * which can make HEAD's commit another id than its ref holds), a name with
 * characters git may refuse, whitespace or case git would read otherwise,
 * Windows (where git checks the owner otherwise). The id is the ref's: a
 * ref holding a tag's id gives the tag's, which git peels to another commit
 * (the caller compares it with a commit git named).
 */
export function headCommitAsGitReads(root: string): string | undefined {
  const user = ownerGitExpects();
  if (user === undefined) return undefined;
  try {
    if (lstatSync(root).uid !== user) return undefined;
    const dotGit = path.join(root, '.git');
    const dotGitStats = lstatSync(dotGit);
    if (dotGitStats.uid !== user) return undefined;
    let gitFolder: string;
    let commonFolder: string;
    if (dotGitStats.isDirectory()) {
      gitFolder = dotGit;
      // A commondir in a repository's own folder sends git elsewhere (the guard refuses it); not read here.
      if (present(path.join(gitFolder, 'commondir'))) return undefined;
      commonFolder = gitFolder;
    } else if (dotGitStats.isFile()) {
      // git takes everything after `gitdir: ` to the end, less trailing line breaks.
      const pointer = /^gitdir: ([^\r\n\0]+)\n?$/.exec(readFileSync(dotGit, 'utf8'))?.[1];
      if (pointer === undefined) return undefined;
      gitFolder = path.resolve(root, pointer);
      const gitFolderStats = lstatSync(gitFolder);
      if (!gitFolderStats.isDirectory() || gitFolderStats.uid !== user) return undefined;
      const commondir = path.join(gitFolder, 'commondir');
      if (present(commondir)) {
        const common = /^([^\r\n\0]+)\n?$/.exec(readFileSync(commondir, 'utf8'))?.[1];
        if (common === undefined) return undefined;
        commonFolder = path.resolve(gitFolder, common);
      } else commonFolder = gitFolder;
    } else return undefined;
    // A git folder as git checks one: else git goes on to the folders above.
    if (!objectsAndRefsGitTakes(commonFolder)) return undefined;
    if (/refstorage/i.test(readFileSync(path.join(commonFolder, 'config'), 'latin1'))) return undefined;
    if (replacedObjects(commonFolder)) return undefined;
    const head = headNamedAsGitReads(gitFolder);
    if (!head) return undefined;
    if ('detached' in head) return head.detached;
    return /^([0-9a-f]{40}|[0-9a-f]{64})\n?$/.exec(regularFileText(path.join(commonFolder, ...head.ref.split('/'))) ?? '')?.[1];
  } catch {
    return undefined;
  }
}

/**
 * What the HEAD file of `gitFolder` names, read as git reads it: a branch's
 * full ref (`ref: refs/heads/NAME`, a name any git takes as written) or, when
 * detached, a commit id; undefined for anything else (a link, a ref outside
 * refs/heads, a name with characters git may refuse, whitespace git would
 * read otherwise), which is git's to read. For a folder git takes as it is
 * (no reftable, whose HEAD file is a stub): the caller has looked.
 */
export function headNamedAsGitReads(gitFolder: string): { ref: string } | { detached: string } | undefined {
  try {
    const head = /^(?:ref: (refs\/heads\/[^\n]+)|([0-9a-f]{40}|[0-9a-f]{64}))\n?$/.exec(regularFileText(path.join(gitFolder, 'HEAD')) ?? '');
    if (!head) return undefined;
    if (head[2] !== undefined) return { detached: head[2] };
    return head[1].slice('refs/heads/'.length).split('/').every(plainRefComponent) ? { ref: head[1] } : undefined;
  } catch {
    return undefined;
  }
}

function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
