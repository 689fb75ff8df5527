import type { Finding, FileSource, Severity } from '../types';
import type { ZonePolicy, Pilot } from '../policy/model';
import type { PolicyFileEntry } from '../policy/zoneModel';
import type { OwnersLookup } from '../codeowners/model';
import type { Change, ChangedFile, CommitHistory, TextSearch } from '../git/model';
import type { StarterSection } from './checklist/starterSections';

// What git reads (the change, its commits, searching the repository's text) is git's own vocabulary.
export type { BinaryText, BranchAdditions, Change, ChangedFile, ChangeMode, CommitAdditions, CommitHistory, CommitInfo, FileAdditions, PatchLine, TextHit, TextSearch, Trailer } from '../git/model';

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

/** Consecutive added lines joined with LF, from the 1-based line `firstLine` of the new text. */
export interface AddedRun {
  firstLine: number;
  text: string;
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
  /**
   * The added lines of a text file's diff, runs of consecutive lines each
   * joined with LF, a run cut after the line that took it past `maxChars`
   * (`consecutiveBlocks` in the secret scan), read from where the lines are
   * in the new text; undefined where the diff is not kept that way. Absent
   * where the front end keeps no such diff.
   */
  addedRuns?(file: ChangedFile, maxChars: number): AddedRun[] | undefined;
  /** Searches the repository's text; absent when the front end cannot. */
  search?: TextSearch;
  /** What each of the branch's own commits added (branch reviews); absent when the review has no commits to read. */
  history?: CommitHistory;
  /** Where the team's planning template is, so a planning doc is checked as the editor checks it; the default place when absent. */
  planningTemplatePath?: string;
}

/** What one check id means, for every surface that names it. */
export interface CheckAbout {
  /** A few words: the rule's title (SARIF, the controls walkthrough). */
  title: string;
  /** One sentence: what a finding means. */
  description: string;
  /** What to do about it. */
  help: string;
  /**
   * The severity of its findings with the built-in checklist; errors block
   * (the check table in docs/policy.md says the same, and a test holds them together).
   */
  defaultSeverity: Severity;
  /**
   * The words that make a checklist item written without a `<!-- check: -->`
   * marker stand for this check: whole words, case-insensitive. An item can
   * stand for several checks.
   */
  words: RegExp;
  /** Words that mean the item speaks of something else. */
  unless?: RegExp;
  /**
   * Security and privacy: always on, always blocking, whatever the skill file
   * says. The text of the item a skill file that names no item for it gets.
   */
  alwaysOn?: string;
  /** Its findings are notes for the reviewers (who must review), never a problem with the change. */
  note?: true;
  /**
   * Its item in the starter skill file: the section, and the words a PM
   * ticks. Checks whose items have the same words share one item.
   */
  item: { section: StarterSection; text: string };
  /** How the editor's summary names a finding of it that has no file ("no PLANNING.md"); else its id. */
  changeWide?: string;
}

/**
 * A built-in check: the ids it can emit, what each means, which changes it
 * has something to look at in, and a function from the change to findings.
 */
export interface Check<Id extends string = string> {
  /** The ids this check can emit, such as `['security.secret']`: the keys of `about`, in order. */
  readonly ids: readonly Id[];
  readonly about: Readonly<Record<Id, CheckAbout>>;
  /**
   * Whether it has anything to look at in this change (every check runs
   * anyway): a checklist item whose checks all had nothing to look at is "not
   * applicable", not "passed". Absent: any change with a file.
   */
  appliesTo?(change: Change, policy: ZonePolicy): boolean;
  run(ctx: CheckContext): Finding[] | Promise<Finding[]>;
  /**
   * What the check found that answers its item, in a few plain words (a
   * copy change gated by the flag its planning doc names: "the flag
   * checkout_v2, named in PLANNING.md"), by id. An id with words had
   * something to look at, whatever `appliesTo` says: its item says what was
   * found, never "not applicable".
   */
  found?(ctx: CheckContext): Promise<Partial<Record<Id, string>>>;
}

/** A check from its definition; its ids are the keys of `about`. */
export function defineCheck<const Id extends string>(definition: Omit<Check<Id>, 'ids'>): Check<Id> {
  return { ids: Object.keys(definition.about) as Id[], ...definition };
}
