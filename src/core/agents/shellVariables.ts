// The shell variables a command line sets where it can be read (`F=path`,
// `export F=x`, `for f in a b; do`), so a write through `"$f"` is judged as
// the files it names. A variable set any other way (`read f`, `F=$(…)`) is
// unknown, and a word that uses it stays the shell's to know.
import type { ShellWord } from './shellWords';

/** The most words one variable's uses are read as: beyond, the word stays unknown. */
const MAX_VALUES = 256;

/**
 * `F=$(mktemp)`, `D=$(mktemp -d)`: a new name in the temporary folder (no
 * template, or `-t`), outside every repository, as `$TMPDIR` is placed.
 */
const TEMPORARY = /^\$\(mktemp(?: +-(?:d|q|u|-directory|-quiet|-dry-run|t +[^\s)$`]+|-tmpdir))*\)$/;
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export class ShellVariables {
  /** A variable's possible values; undefined when only the shell knows them. */
  private readonly values = new Map<string, ShellWord[] | undefined>();
  /** Set when the line changes IFS: how an unquoted value splits is then the shell's to know. */
  private splitsUnknown = false;

  /** What a subshell starts with: what it sets stays in it. */
  copy(): ShellVariables {
    const copy = new ShellVariables();
    for (const [name, values] of this.values) copy.values.set(name, values);
    copy.splitsUnknown = this.splitsUnknown;
    return copy;
  }

  /** Whether the line sets the variable (known or not). */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** `NAME=value`, as one word. */
  assign(assignment: ShellWord): void {
    const at = assignment.text.indexOf('=');
    const [name, value] = [assignment.text.slice(0, at), { ...assignment, text: assignment.text.slice(at + 1) }];
    if (name === 'IFS') this.splitsUnknown = true;
    const known = TEMPORARY.test(value.text) ? [{ text: '$TMPDIR/*', dynamic: false, glob: true }] : this.substitute(value);
    // The value's wildcards are expanded where `$F` is used unquoted: read broadly, as a pattern.
    this.values.set(name, known.length === 1 && !known[0].dynamic ? [{ ...known[0], glob: /[*?[]/.test(known[0].text) }] : undefined);
  }

  /** `for NAME in LIST`: each word of the list, as the shell expands it; undefined (`for f` alone walks "$@") when not known. */
  loop(name: string, list: ShellWord[] | undefined): void {
    const words = list?.flatMap((word) => this.substitute(word));
    this.values.set(name, words?.every((word) => !word.dynamic) ? words : undefined);
  }

  /** Set by the command as it runs (`read NAME`, `unset NAME`, `local NAME`): unknown. */
  forget(name: string): void {
    this.values.set(name, undefined);
  }

  /**
   * A word with its variables replaced by what they hold (one word per value
   * of a loop's list); the word itself, still marked dynamic, when any part
   * of it is not known.
   */
  substitute(word: ShellWord): ShellWord[] {
    if (!word.dynamic) return [word];
    // `$HOME` and `$PWD` need no assignment: the home folder and the folder the command runs in.
    const text = word.text.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~').replace(/^(\$PWD|\$\{PWD\})(?=\/|$)/, '.');
    // No variable (`<(…)`, an array), or another expansion (`$(…)`, `${f%.ts}`, `$1`, a backquote): only the shell knows it.
    if ((text === word.text && text.search(REFERENCE) < 0) || /[$`]/.test(text.replace(REFERENCE, '')) || this.splitsUnknown) return [word];
    let results: ShellWord[] = [{ text: '', dynamic: false, glob: word.glob }];
    let last = 0;
    for (const match of text.matchAll(REFERENCE)) {
      const values = this.splitWords(this.values.get(match[1] ?? match[2]));
      if (!values) return [word];
      const before = text.slice(last, match.index);
      results = results.flatMap((sofar) => values.map((value) => ({ text: sofar.text + before + value.text, dynamic: false, glob: sofar.glob || value.glob })));
      if (results.length > MAX_VALUES) return [word];
      last = match.index + match[0].length;
    }
    return results.map((result) => ({ ...result, text: result.text + text.slice(last) }));
  }

  /**
   * A value as the words it may stand for: itself (quoted, `"$F"`) and, when
   * it holds blanks, each word the shell splits it into unquoted (`$F`); the
   * quoting is gone by now, so both are judged.
   */
  private splitWords(values: ShellWord[] | undefined): ShellWord[] | undefined {
    return values?.flatMap((value) => {
      const parts = value.text.split(/[ \t\n]+/).filter(Boolean);
      return parts.length > 1 ? [value, ...parts.map((text) => ({ ...value, text, glob: /[*?[]/.test(text) }))] : [value];
    });
  }
}
