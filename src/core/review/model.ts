import type { Finding, FileSource } from '../types';
import type { ZonePolicy, Pilot } from '../policy/model';
import type { PolicyFileEntry } from '../policy/zoneModel';
import type { OwnersLookup } from '../codeowners/model';
import type { Change, ChangedFile, TextSearch } from '../git/model';

// What git reads (the change, its commits, searching the repository's text) is git's own vocabulary.
export type { BinaryText, Change, ChangedFile, ChangeMode, CommitInfo, TextHit, TextSearch, Trailer } from '../git/model';

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
  policyFiles?: readonly PolicyFileEntry[];
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
