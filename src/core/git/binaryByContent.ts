// Which files git counts as binary is what `git diff --numstat` prints as
// `-` counts, and to print the others' counts git diffs every line of every
// changed file: most of its CPU on a large change (a translation update of
// 41 locale files, 9 MB: about 70 ms of git's, where listing the same change
// takes 2 ms). Git decides it by the path's attributes first (`binary`,
// `-diff`, a diff driver, a filter or an encoding that changes the content
// it looks at) and, where none says, by the content: a NUL byte in the
// first 8,000 bytes of either version, or a file past core.bigFileThreshold
// (`buffer_is_binary`, `diff_filespec_is_binary`). Where no attribute file
// git would read can say anything of the kind, the content decides alone,
// and PM Zone reads every version of the change's files anyway: it decides
// as git does without asking git to diff them. Wherever that cannot be
// vouched for (an attribute file that names diff, binary, filter, encoding
// or a macro; one that is not a plain file; a change to an attribute file;
// attributes from a tree, a sparse checkout or a split index, a git folder
// elsewhere, a system file the git program does not reveal, a configuration
// not read once, an index that may hold a file git reads from it though the
// disk lacks it), git is asked as before.
import * as path from 'node:path';
import { asyncFs as fs, readDescriptorAt, withOpenFile } from './asyncFs';
import { gitFlag, systemGitFolder, userGitFile } from './gitEnvironment';
import type { Git } from './runGit';

/** What an attribute line must not hold for the content to decide: every attribute that can make git see a file as binary, or see other content. */
const MAY_DECIDE_BINARY = /diff|binary|filter|encoding|\[attr\]/i;

const ATTRIBUTES_FILE = '.gitattributes';

/**
 * Whether the attribute files git reads for every path (the system's, the
 * user's, the repository's `info/attributes` and the top folder's
 * `.gitattributes`) leave the content to decide, so that the change can be
 * listed without `--numstat`; false where that cannot be vouched for.
 */
export async function contentMayDecideBinary(git: Git, top: string): Promise<boolean> {
  const env = git.env;
  if (env.GIT_ATTR_SOURCE !== undefined || env.GIT_DIR !== undefined || env.GIT_COMMON_DIR !== undefined || env.GIT_WORK_TREE !== undefined) return false;
  const setting = async (key: string) => git.listedConfigValue(key);
  const [tree, threshold, sparse, split, attributesFile] = await Promise.all([setting('attr.tree'), setting('core.bigFileThreshold'), setting('core.sparseCheckout'), setting('core.splitIndex'), setting('core.attributesFile')]);
  // Undefined: the configuration was not read once (git would be asked for each key); any of the first four set: git is asked.
  if (tree !== null || threshold !== null || sparse !== null || split !== null || attributesFile === undefined) return false;
  const home = env.HOME;
  const user = attributesFile === null ? userGitFile(env, 'attributes') : attributesFile.startsWith('~/') && home ? path.join(home, attributesFile.slice(2)) : attributesFile;
  if (user === undefined || !path.isAbsolute(user)) return false;
  const files = [user, path.join(top, ATTRIBUTES_FILE)];
  // The git folder's own, where the folder is `.git` in the top folder (a linked worktree's is elsewhere: git is asked).
  const dotGit = await fs.lstat(path.join(top, '.git')).catch(() => undefined);
  if (!dotGit?.isDirectory()) return false;
  if (env.GIT_INDEX_FILE !== undefined || (await indexMayHideFiles(path.join(top, '.git', 'index')))) return false;
  files.push(path.join(top, '.git', 'info', 'attributes'));
  const skipSystem = gitFlag(env.GIT_ATTR_NOSYSTEM);
  if (skipSystem === undefined) return false;
  if (!skipSystem) {
    const folder = systemGitFolder(git.gitPath);
    if (folder === undefined) return false;
    files.push(path.join(folder, 'gitattributes'));
  }
  return attributeFilesSayNothing(files);
}

/**
 * Whether the `.gitattributes` files of the folders above `paths` (the top
 * folder's left out: `contentMayDecideBinary` read it) say nothing of the
 * kind either, and none of `paths` is an attribute file (a change to one
 * changes what git reads by: git is asked).
 */
export async function foldersSayNothing(top: string, paths: Iterable<string>): Promise<boolean> {
  const folders = new Set<string>();
  for (const file of paths) {
    if (path.posix.basename(file) === ATTRIBUTES_FILE) return false;
    for (let folder = path.posix.dirname(file); folder !== '.' && folder !== '/' && !folders.has(folder); folder = path.posix.dirname(folder)) folders.add(folder);
  }
  return attributeFilesSayNothing([...folders].map((folder) => path.join(top, folder, ATTRIBUTES_FILE)));
}

/**
 * Whether the index may hold an entry git takes from the index where the
 * disk lacks it (skip-worktree: an attribute file git then reads from the
 * index, which a change's listing does not show). Git writes its index in
 * format 2 unless an entry has extended flags (skip-worktree or
 * intent-to-add), which need format 3; format 4 does not say. Only a
 * format-2 index (or none) vouches that no entry is skipped.
 */
async function indexMayHideFiles(index: string): Promise<boolean> {
  const stats = await fs.lstat(index).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : undefined));
  if (stats === null) return false;
  // Anything but a plain file (a FIFO would hold the open) is not read.
  if (!stats?.isFile()) return true;
  let header: Buffer;
  try {
    header = await withOpenFile(index, (descriptor) => readDescriptorAt(descriptor, 8, 0));
  } catch {
    return true;
  }
  if (header.length < 8) return true;
  return header.toString('latin1', 0, 4) !== 'DIRC' || header.readUInt32BE(4) !== 2;
}

/** Each file missing, or a plain file none of whose text could make git see a file as binary. */
async function attributeFilesSayNothing(files: string[]): Promise<boolean> {
  const answers = await Promise.all(
    files.map(async (file) => {
      const stats = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? null : undefined));
      if (stats === null) return true;
      if (!stats?.isFile()) return false;
      const text = await fs.readText(file, 'latin1').catch(() => undefined);
      return text !== undefined && !MAY_DECIDE_BINARY.test(text);
    }),
  );
  return answers.every(Boolean);
}
