import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { headGitTakes, objectsAndRefsGitTakes, ownerGitExpects } from './gitFolderChecks';
import { regularFileBytes } from './regularFile';

// `whoami` and `explain` start one git process, to ask where the repository's
// top folder is: about 12 ms of CPU here, as much again in node's own child
// process modules, of a command that answers in a fifth of a second. Git
// finds that folder from the file system alone, and the steps are few: from
// the folder it runs in, as the system names it, up, the first `.git` that
// is a git folder, within one file system. Every surface that asks git runs
// it without GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES or any other
// GIT_* variable that moves it (gitEnvironment.ts), so those steps are all
// there is. This answers only where they provably give git's answer, and
// leaves every other case to git, whose answer or error then stands: the
// top folder decides which CLAUDE.md is read, and a wrong one is the worst
// answer PM Zone can give.

/** The largest repository configuration read here: a larger one is left to git. */
const MAX_CONFIG_BYTES = 64 * 1024;

/**
 * The folder `git rev-parse --show-toplevel` prints when run in `folder` as
 * PM Zone runs git, found without git; undefined wherever git might answer
 * otherwise or not at all, and git is then asked:
 *
 * - Windows (git checks owners and names paths otherwise there);
 * - git run by root under sudo (git checks owners against SUDO_UID);
 * - a folder on the way up with a `HEAD` in it, which git may take for a git
 *   folder itself (a bare repository, or `.git`'s own subfolders);
 * - a `.git` that is not a folder (a linked worktree's or a submodule's
 *   `gitdir:` file, a link), or one that git may not take for a git folder
 *   (no HEAD naming a ref or a commit, no objects or refs, a `commondir`);
 * - a top folder or `.git` not owned by this user (git then reads
 *   `safe.directory`), or a way up that leaves the file system it started on
 *   (git stops there);
 * - a configuration that could move or refuse the work tree: a `worktree`
 *   key, `bare` other than false, an include or extensions section, a
 *   format version past 1, or any line this does not read at a glance
 *   (quotes, escapes, continued lines; see plainConfiguration).
 *
 * No `.git` on the way up at all is left to git too: its error is the
 * answer there.
 */
export function topAsGitFinds(folder: string, env: NodeJS.ProcessEnv = process.env, system: { platform?: NodeJS.Platform; user?: number } = {}): string | undefined {
  const user = ownerGitExpects(env, system);
  if (user === undefined) return undefined;
  try {
    // Git starts from the folder as getcwd names it: every link on the way resolved.
    let dir = realpathSync.native(folder);
    const device = statSync(dir).dev;
    for (;;) {
      const dotGit = entry(path.join(dir, '.git'));
      if (dotGit) return dotGit.isDirectory() ? verifiedTop(dir, user) : undefined;
      if (entry(path.join(dir, 'HEAD'))) return undefined;
      const parent = path.dirname(dir);
      if (parent === dir || statSync(parent).dev !== device) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}

/** `top`, whose `.git` is a folder, where git takes that folder as its repository and `top` as its work tree. */
function verifiedTop(top: string, user: number): string | undefined {
  // The command line's reading of git's answer trims it: a name with spaces at either end is git's to give.
  if (top !== top.trim()) return undefined;
  const gitFolder = path.join(top, '.git');
  if (lstatSync(top).uid !== user || lstatSync(gitFolder).uid !== user) return undefined;
  if (entry(path.join(gitFolder, 'commondir'))) return undefined;
  if (!objectsAndRefsGitTakes(gitFolder)) return undefined;
  const head = regularFileBytes(path.join(gitFolder, 'HEAD'));
  if (!Buffer.isBuffer(head) || entry(path.join(gitFolder, 'HEAD'))?.isSymbolicLink() || !headGitTakes(head)) return undefined;
  const config = regularFileBytes(path.join(gitFolder, 'config'), { maxBytes: MAX_CONFIG_BYTES });
  if (!Buffer.isBuffer(config)) return typeof config === 'object' && config.error.code === 'ENOENT' ? top : undefined;
  return config.length <= MAX_CONFIG_BYTES && plainConfiguration(config.toString('latin1')) ? top : undefined;
}

/** Sections that read another file or change how git reads the repository: `[include]`, `[includeIf "…"]`, `[extensions]`. */
const REFUSED_SECTIONS = new Set(['include', 'includeif', 'extensions']);

/**
 * Whether a repository's configuration leaves git's work tree where its
 * `.git` is: every line a section, a plain `key = value` or a comment, and
 * nothing that moves the work tree, makes the repository bare, reads another
 * file, or asks for a repository format this does not know. Names are what
 * is read, not values: a path or a remote's address may say "worktree" or
 * "include" (a hooks folder in a working tree, a repository named so)
 * without moving anything. A key named `worktree`, `bare` or
 * `repositoryformatversion` counts in any section, not only `[core]`.
 */
export function plainConfiguration(text: string): boolean {
  let section: string | undefined;
  for (const line of text.split('\n')) {
    if (/^[ \t]*(?:[#;].*)?\r?$/.test(line)) continue;
    // `[name]`, `[name "sub"]`, or the older `[name.sub]`: the name is the part before any dot.
    const header = /^[ \t]*\[([A-Za-z0-9.-]+)(?:[ \t]+"[^"\\\n]*")?\][ \t]*(?:[#;].*)?\r?$/.exec(line);
    if (header) {
      section = header[1].split('.')[0].toLowerCase();
      if (REFUSED_SECTIONS.has(section)) return false;
      continue;
    }
    const setting = /^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*(?:=[ \t]*([^"\\\n]*?))?[ \t]*\r?$/.exec(line);
    if (section === undefined || !setting) return false;
    const key = setting[1].toLowerCase();
    const value = (setting[2] ?? '').replace(/[ \t]*[#;].*$/, '');
    if (key === 'worktree') return false;
    if (key === 'bare' && !/^false$/i.test(value)) return false;
    if (key === 'repositoryformatversion' && !/^[01]$/.test(value)) return false;
  }
  return true;
}

/** What is at `file`, not following a link; undefined where nothing is. Any other failure throws. */
function entry(file: string): Stats | undefined {
  return lstatSync(file, { throwIfNoEntry: false });
}
