import type { Finding, FileSource } from '../types';
import type { ZonePolicy, Pilot } from '../policy/model';
import type { OwnersLookup } from '../codeowners/model';

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
  head?: string;
}

/** One added line, numbered in the new text. */
export interface AddedLine {
  line: number;
  text: string;
}

/** One removed line: its number in the old text and the nearest surviving line in the new text. */
export interface RemovedLine {
  oldLine: number;
  text: string;
  nearestNewLine: number;
}

export interface LineDiff {
  added: AddedLine[];
  removed: RemovedLine[];
}

export interface ReviewOptions {
  maxFiles: number;
  maxLines: number;
  /** The locale translations are compared with (a setting or `--source-locale`); wins over CLAUDE.md's `Source locale:`. */
  sourceLocale?: string;
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

/** What every check receives. */
export interface CheckContext {
  change: Change;
  policy: ZonePolicy;
  owners: OwnersLookup | undefined;
  /** The PM doing the change, when known (from `--as` or git user.email). */
  author: Pilot | undefined;
  /** Why the author is not known, in the words every surface shows. */
  unknownAuthor?: string;
  /** Files that define the rules (always locked); the defaults when absent. */
  policyFiles?: readonly string[];
  /** Reads files of the new version (other locales, the planning doc). */
  files: FileSource;
  options: ReviewOptions;
  /** Line diff of a changed file, computed once and shared. */
  diff(file: ChangedFile): LineDiff;
  /** Searches the repository's text; absent when the front end cannot. */
  search?: TextSearch;
}

/** A built-in check: a stable id family and a function from the change to findings. */
export interface Check {
  /** The ids this check can emit, such as `['security.secret']`. */
  ids: readonly string[];
  run(ctx: CheckContext): Finding[] | Promise<Finding[]>;
}
