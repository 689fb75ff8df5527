// The shared vocabulary of PM Zone. Every front end (CLI, editor) speaks in
// these plain objects, so the editor and the command line always agree.

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a policy file or a planning doc (the shape of `check-config`). */
export interface Problem {
  /** Repository-relative path with `/`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 1-based, exclusive; absent means "to the end of the line". */
  endColumn?: number;
  severity: Severity;
  /** Stable machine-readable kind, such as `invalid-owner` or `unknown-heading`. */
  kind: string;
  message: string;
  /** An obvious edit that resolves the problem, when there is one. */
  fix?: TextFix;
}

/** Replace the text of one line range with `text`; an insert when start equals end. */
export interface TextFix {
  title: string;
  /** 1-based line and column of the start; end is exclusive. */
  start: { line: number; column: number };
  end: { line: number; column: number };
  text: string;
}

export type Zone = 'editable' | 'locked' | 'outside';

/** Why a file has its zone: one rule of one source. */
export interface Reason {
  /** The file the rule is written in (`CLAUDE.md`, `.github/CODEOWNERS`), or `built-in`. */
  source: string;
  /** 1-based line in `source`, or null for built-in rules. */
  line: number | null;
  /** The glob or pattern as written. */
  rule: string;
  /** One sentence a PM can read. */
  message: string;
}

/** A review finding: what the CLI prints and the editor turns into a diagnostic. */
export interface Finding {
  /** Stable check id, such as `zone.locked` or `security.secret`. */
  check: string;
  severity: Severity;
  /** True when this finding stops the commit or the pull request. */
  blocking: boolean;
  /** Repository-relative path, or null for change-wide findings. */
  file: string | null;
  /** 1-based line in the new version of the file, or null for file-level findings. */
  line: number | null;
  column?: number;
  message: string;
  /** The policy text behind the finding (glob, checklist item), when there is one. */
  rule?: string;
}

/**
 * Read-only access to a repository's files, relative to its root. The CLI
 * implements it over the file system, the editor over open buffers first.
 */
export interface FileSource {
  /** The text of a file, or undefined when it does not exist or is not a file. */
  readText(relPath: string): Promise<string | undefined>;
  /** Size in bytes, or undefined when it does not exist. */
  size?(relPath: string): Promise<number | undefined>;
  /**
   * The names in a repository-relative folder ('' is the root), or undefined
   * when it is absent. Optional: without it, the i18n check guesses the common
   * locale names instead of seeing every locale.
   */
  listDirectory?(relDir: string): Promise<string[] | undefined>;
  /**
   * Every file of the repository, as repository-relative paths (a working
   * tree's: tracked, and untracked files git does not ignore), or undefined
   * when it cannot be listed. Optional: without it, a PM-editable glob's
   * `[locale]` is read as the folder name it spells (the narrower reading).
   */
  listFiles?(): Promise<string[] | undefined>;
  /**
   * The target a symbolic link at this path names, as written in the link;
   * undefined when the path is not a link. Optional: without it, a policy
   * file reached through a link is known only by its own name.
   */
  linkTarget?(relPath: string): Promise<string | undefined>;
}
