// What git access reads: a change with its files and commits, and hits of a text search.
// The review takes these as its input; they are defined here so that git/ depends on nothing above it.

export type ChangeMode = 'staged' | 'worktree' | 'branch';

export interface ChangedFile {
  /** Repository-relative path in the new version (the old one when deleted). */
  path: string;
  /** The path before a rename. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** Text before the change; undefined when added or binary. */
  oldText: string | undefined;
  /** Text after the change (unsaved buffer text in the editor); undefined when deleted or binary. */
  newText: string | undefined;
  binary?: boolean;
  /** For a binary file (not a submodule): the text that can be read in each version, for the security checks. */
  binaryText?: BinaryText;
  /** A submodule's pointer: a commit id, with no content of its own to read. */
  submodule?: boolean;
  /** The target each version names when it is a symbolic link (its text is then that target). */
  links?: { before?: string; after?: string };
  /** Gone from the working tree while the change was read (a file being rewritten): reviewed as deleted. */
  vanished?: true;
}

/**
 * What can be read in a binary file: UTF-16 decoded, else its printable runs,
 * line breaks kept. A file git calls binary may still hold a live credential.
 */
export interface BinaryText {
  before?: string;
  /** Undefined when the new version could not be read; `unread` says why. */
  after?: string;
  unread?: string;
}

export interface Trailer {
  key: string;
  value: string;
}

export interface CommitInfo {
  sha: string;
  subject: string;
  body: string;
  trailers: Trailer[];
  /** Paths the commit touched. */
  files: string[];
}

/** Everything a review looks at. Built by git access (CLI) or the editor. */
export interface Change {
  mode: ChangeMode;
  files: ChangedFile[];
  /** Commits on the branch since the merge base (empty for staged/worktree-only reviews). */
  commits: CommitInfo[];
  /** Whether a PLANNING.md already exists on the branch (committed before this change). */
  branchHasPlanning?: boolean;
  base?: string;
  /** The ref the base branch was read from (`origin/main`, else `main`; branch reviews): a commit it reaches is not the branch's own. */
  baseRef?: string;
  /** The commit the change is compared with (branch reviews): the merge base of the base branch and HEAD. */
  mergeBase?: string;
  head?: string;
  /** What the reader could not read as it was, and how it read it instead (a file that went away while it was read). */
  notes?: string[];
}

/** One line of a commit's version of a file, as its patch shows it: a line the commit added, or one beside them. */
export interface PatchLine {
  line: number;
  text: string;
  added: boolean;
}

/** What one commit added to one file. */
export interface FileAdditions {
  path: string;
  /** Text files: the lines the commit added, and up to four on either side, in the order of the file. */
  lines: PatchLine[];
  /** A file git calls binary: its readable text before (every parent's) and after the commit. */
  binaryText?: BinaryText;
  /**
   * The newest commit's text file whose added lines are each the change's
   * new text at that line (`addedAsInChange`): its `lines` are left out (a
   * 10,000-file change's patch would be held through the whole review), and
   * `read` reads them again from git, for when they must be scanned after all.
   */
  asInChange?: { read(): Promise<PatchLine[]> };
}

/** One commit of a branch: its message and what it added. */
export interface CommitAdditions {
  sha: string;
  subject: string;
  /** The whole message as git shows it, subject included. */
  message: string;
  files: FileAdditions[];
  /**
   * Where the reader did not ask git for the files the change holds as this
   * commit left them (`files` then lacks them): all the commit's files, as
   * `files` would hold them with those files' lines, read again when they
   * must be scanned after all.
   */
  allFiles?: () => Promise<FileAdditions[]>;
}

/** What the branch's own commits added, commit by commit, oldest first. */
export interface BranchAdditions {
  commits: CommitAdditions[];
  /** Why part of the history was not read (too many commits, too many bytes, a file too large); empty when all of it was. */
  unread: string[];
}

/**
 * The branch's own commits (those the base branch does not reach), read on
 * demand: a secret one commit adds and a later one deletes is gone from the
 * change, yet pushed with it and kept in history.
 */
export interface CommitHistory {
  read(): Promise<BranchAdditions>;
}

/** A line of the repository's text that holds what was searched for. */
export interface TextHit {
  file: string;
  line: number;
  text: string;
}

/**
 * Searches the repository's text files: the i18n check asks where a removed
 * key is still used. The command line and the editor search with git.
 */
export interface TextSearch {
  /** Lines holding any of `needles` literally, outside the `exclude` globs (at most `limit` lines). */
  find(needles: readonly string[], options: { exclude: readonly string[]; limit: number }): Promise<TextHit[]>;
}
