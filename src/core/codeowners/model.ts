import type { Problem } from '../types';

export type CodeownersFlavor = 'github' | 'gitlab';

/** One rule line of a CODEOWNERS file. */
export interface CodeownersRule {
  /** The pattern as written (escapes kept). */
  pattern: string;
  /** Owners in written order, verbatim (`@user`, `@org/team`, e-mail). */
  owners: string[];
  /** 1-based physical line. */
  line: number;
  /** GitLab only: the section the rule belongs to. */
  section?: string;
}

export interface GitlabSection {
  name: string;
  line: number;
  optional: boolean;
  approvals: number;
  defaultOwners: string[];
}

export interface ParsedCodeowners {
  /** Repository-relative path of the file the rules come from. */
  file: string;
  flavor: CodeownersFlavor;
  /** Valid rules in file order; invalid lines are skipped, as GitHub does. */
  rules: CodeownersRule[];
  sections: GitlabSection[];
  /** Syntax errors, GitHub-style: line, column, kind (`invalid-owner`, `invalid-pattern`, ...). */
  problems: Problem[];
}

/** The owners of one path: the last matching rule wins. */
export interface OwnersMatch {
  owners: string[];
  /** Line of the winning rule, or null when no rule matches. */
  line: number | null;
  /** The CODEOWNERS file, or null when there is none or no rule matches. */
  file: string | null;
  /** The winning pattern as written, or null. */
  pattern: string | null;
  /** GitLab only: one entry per section that matched (each section's last match). */
  sections?: { name: string; owners: string[]; line: number; pattern: string; optional: boolean; approvals: number }[];
}

/** Anything that can answer "who owns this path?" */
export interface OwnersLookup {
  ownersOf(path: string): OwnersMatch;
}
