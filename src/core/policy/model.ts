import type { Problem } from '../types';

export type Mode = 'standard' | 'regulated';

/** Qualifiers a may-edit glob can carry (from its parenthesised note or the heading). */
export type Qualifier = 'additions-only' | 'owned-flags-only' | 'own-feature-folder' | 'non-breaking';

export interface GlobRule {
  /** The glob as written, without backticks. */
  glob: string;
  /** 1-based line in the policy file. */
  line: number;
  qualifiers: Qualifier[];
  /** The parenthesised note as written, if any. */
  note?: string;
  /** Matched instead of `glob`: a pattern that matches at least what it does, when its braces cost too much (see patternBudget.ts). */
  matchAs?: string;
  /** The file the rule is written in, when not the policy's own (CLAUDE.md's locks kept under another policy file). */
  file?: string;
}

export interface Pilot {
  /** `@handle`, always with the `@`. */
  handle: string;
  email?: string;
  /** Globs of the PM's feature folders, such as `src/features/checkout/**`. */
  featureFolders: string[];
  engineeringDri?: string;
  productDri?: string;
  line: number;
}

export interface OwnedFlag {
  flag: string;
  /** `@handle` of the owning PM. */
  owner: string;
  line: number;
}

/** The `## PM zone` section of CLAUDE.md, as understood. */
export interface ZonePolicy {
  /** Repository-relative path of the file it was read from. */
  file: string;
  /** False when the file has no PM zone section: "no PM zone defined". */
  defined: boolean;
  /** Line of the `## PM zone` heading, when defined. */
  line?: number;
  mode: Mode;
  mayEdit: GlobRule[];
  engineeringOnly: GlobRule[];
  pilots: Pilot[];
  /** Line of the "Pilot PMs" heading or label, when the section has one. */
  pilotsLine?: number;
  /**
   * Line of a pilot PMs table PM Zone cannot read (a delimiter row with too
   * few cells: markdown shows it as text). Whoever it could name is held to
   * the zone (resolveIdentity): failing closed, never binding nobody.
   */
  pilotsUnreadable?: number;
  ownedFlags: OwnedFlag[];
  /** A style guide the section links to, when it names one (path or URL). */
  styleGuide?: string;
  /** Product DRI for regulated mode, when named once for the whole zone. */
  productDri?: string;
  /** The locale translations are compared with (`Source locale: en-US`), when the section names one. */
  sourceLocale?: string;
  /** What could not be understood, each with its line. Never silently dropped. */
  problems: Problem[];
  /**
   * Of the glob segments that read one way as a name and another as a
   * pattern (`[locale]`), those a file or folder of the repository is named;
   * undefined when the repository was not listed (see globReadings.ts).
   */
  namesInRepository?: string[];
}
