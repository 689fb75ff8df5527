// A POSIX shell command line read as simple commands: their words and
// redirections, with quoting removed. Enough to see which files a command
// plainly writes; anything whose value only the shell knows (a variable, a
// command substitution) is marked dynamic rather than guessed.

export interface ShellWord {
  text: string;
  /** Holds `$…` or a backquote outside single quotes: its value is not known before the shell runs. */
  dynamic: boolean;
  /** Holds an unquoted `*`, `?` or `[`: the shell expands it to the matching files. */
  glob: boolean;
  /** Holds an unquoted `{`: the shell may expand it to several words (`{a,b}.md`). */
  braces?: boolean;
}

export interface Redirection {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<>`, `>&`, `<&` (the file descriptor number dropped). */
  op: string;
  target: ShellWord;
}

export interface SimpleCommand {
  words: ShellWord[];
  redirections: Redirection[];
  /** The command whose output this one reads through a pipe (`find … | xargs rm`). */
  pipedFrom?: SimpleCommand;
  /** The text a here-document or here-string gives it to read (`bash <<'EOF' … EOF`, `sh <<< 'rm f'`). */
  input?: string;
}

export interface ParsedShell {
  commands: SimpleCommand[];
  /** The text of `$(…)` and backquote substitutions, which run as commands of their own. */
  substitutions: string[];
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')', '\n'];
const REDIRECTIONS = ['&>>', '&>', '>>', '>|', '>&', '<&', '<>', '>', '<'];

/** The most words one brace expansion is read as: beyond, the rest is not judged, and the Stop backstop sees what it changed. */
export const MAX_BRACE_WORDS = 256;

/**
 * A word's brace expansion as bash does it: `{CLAUDE,README}.md` is two
 * words, `f{1..3}` three; a brace with no comma nor sequence is itself.
 */
export function expandBraces(text: string, limit = MAX_BRACE_WORDS): string[] {
  for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let at = open; at < text.length; at++) {
      if (text[at] === '{') depth++;
      else if (text[at] === ',' && depth === 1) commas.push(at);
      else if (text[at] === '}' && --depth === 0) {
        const inner = text.slice(open + 1, at);
        const parts = commas.length > 0
          ? [open, ...commas].map((start, index) => text.slice(start + 1, commas[index] ?? at))
          : sequence(inner);
        if (!parts) break;
        const [before, after] = [text.slice(0, open), text.slice(at + 1)];
        // Expanded only up to the limit: `x{a,b}{a,b}…` doubles with each brace, and an answer after the
        // hook's timeout lets the edit through.
        const words: string[] = [];
        for (const part of parts) {
          words.push(...expandBraces(`${before}${part}${after}`, limit - words.length));
          if (words.length >= limit) break;
        }
        return words.slice(0, limit);
      }
    }
  }
  return [text];
}

/** `1..3`, `a..c`, `10..1..3`: the words of a sequence expression; undefined for anything else. */
function sequence(inner: string): string[] | undefined {
  const numbers = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inner);
  const match = numbers ?? letters;
  if (!match) return undefined;
  const [from, to] = numbers ? [Number(match[1]), Number(match[2])] : [match[1].charCodeAt(0), match[2].charCodeAt(0)];
  const step = Math.max(1, Math.abs(Number(match[3] ?? 1)));
  const words: string[] = [];
  for (let value = from; from <= to ? value <= to : value >= to; value += from <= to ? step : -step) {
    words.push(numbers ? String(value) : String.fromCharCode(value));
    if (words.length >= MAX_BRACE_WORDS) break;
  }
  return words;
}

export function parseShell(command: string): ParsedShell {
  return new ShellReader(command).read();
}

class ShellReader {
  private at = 0;
  private readonly commands: SimpleCommand[] = [];
  private readonly substitutions: string[] = [];
  private current: SimpleCommand = { words: [], redirections: [] };
  private pendingHeredocs: { delimiter: string; stripTabs: boolean; command: SimpleCommand }[] = [];

  constructor(private readonly text: string) {}

  read(): ParsedShell {
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === ' ' || char === '\t') {
        this.at++;
      } else if (char === '\\' && this.text[this.at + 1] === '\n') {
        this.at += 2;
      } else if (char === '#') {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.at++;
      } else if (this.text.startsWith('((', this.at) && this.current.words.length === 0 && this.text[this.balanced(this.at) - 1] === ')') {
        // `(( x = 1 << 2 ))` is arithmetic: its `<<` is a shift, not a here-document. `( (cmd) )` stays two subshells.
        this.at = this.balanced(this.at) + 1;
      } else if (this.text.startsWith('<<<', this.at)) {
        this.at += 3;
        this.skipBlanks();
        this.current.input = this.readWord().text;
      } else if (this.text.startsWith('<<', this.at)) {
        this.readHeredocStart();
      } else if (this.redirectionAhead()) {
        this.readRedirection();
      } else {
        const operator = OPERATORS.find((op) => this.text.startsWith(op, this.at));
        if (operator) {
          this.at += operator.length;
          const before = this.endCommand();
          if (operator === '|' || operator === '|&') this.current.pipedFrom = before;
          if (operator === '\n') this.readHeredocBodies();
        } else {
          this.current.words.push(this.readWord());
        }
      }
    }
    this.endCommand();
    return { commands: this.commands, substitutions: this.substitutions };
  }

  /** The command just read, if it had anything. */
  private endCommand(): SimpleCommand | undefined {
    const ended = this.current;
    this.current = { words: [], redirections: [] };
    if (ended.words.length === 0 && ended.redirections.length === 0) return undefined;
    this.commands.push(ended);
    return ended;
  }

  /** A redirection operator here, after an optional file descriptor number (`2>`). */
  private redirectionAhead(): boolean {
    let at = this.at;
    while (/[0-9]/.test(this.text[at] ?? '')) at++;
    // Digits followed by a redirection are its descriptor only at the start of a word.
    return REDIRECTIONS.some((op) => this.text.startsWith(op, at)) && (at === this.at || this.atWordStart());
  }

  private atWordStart(): boolean {
    return this.at === 0 || /[\s;&|()]/.test(this.text[this.at - 1]);
  }

  private readRedirection(): void {
    while (/[0-9]/.test(this.text[this.at])) this.at++;
    const op = REDIRECTIONS.find((candidate) => this.text.startsWith(candidate, this.at)) as string;
    this.at += op.length;
    this.skipBlanks();
    const target = this.readWord();
    // `2>&1`, `>&-`: a descriptor, not a file.
    if ((op === '>&' || op === '<&') && /^(\d+|-)$/.test(target.text)) return;
    this.current.redirections.push({ op, target });
  }

  private readHeredocStart(): void {
    this.at += 2;
    const stripTabs = this.text[this.at] === '-';
    if (stripTabs) this.at++;
    this.skipBlanks();
    const word = this.readWord();
    this.pendingHeredocs.push({ delimiter: word.text, stripTabs, command: this.current });
  }

  /** After the line that opened them, each here-document's body runs to its delimiter line: the text its command reads. */
  private readHeredocBodies(): void {
    for (const { delimiter, stripTabs, command } of this.pendingHeredocs) {
      const body: string[] = [];
      while (this.at < this.text.length) {
        const end = this.text.indexOf('\n', this.at);
        const line = this.text.slice(this.at, end === -1 ? this.text.length : end);
        this.at = end === -1 ? this.text.length : end + 1;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
        body.push(stripTabs ? line.replace(/^\t+/, '') : line);
      }
      command.input ??= body.join('\n');
    }
    this.pendingHeredocs = [];
  }

  private skipBlanks(): void {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at++;
  }

  private readWord(): ShellWord {
    const word: ShellWord = { text: '', dynamic: false, glob: false };
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (/[\s;&|()<>]/.test(char)) break;
      if (char === '\\') {
        if (this.text[this.at + 1] !== '\n') word.text += this.text[this.at + 1] ?? '';
        this.at += 2;
      } else if (char === "'") {
        const end = this.closing("'", this.at + 1);
        word.text += this.text.slice(this.at + 1, end);
        this.at = end + 1;
      } else if (char === '$' && this.text[this.at + 1] === "'") {
        const end = this.closing("'", this.at + 2);
        word.text += this.text.slice(this.at + 2, end);
        this.at = end + 1;
      } else if (char === '"') {
        this.readDoubleQuoted(word);
      } else if (char === '$' || char === '`') {
        this.readExpansion(word);
      } else {
        if (char === '*' || char === '?' || char === '[') word.glob = true;
        if (char === '{') word.braces = true;
        word.text += char;
        this.at++;
      }
    }
    return word;
  }

  private readDoubleQuoted(word: ShellWord): void {
    this.at++;
    while (this.at < this.text.length && this.text[this.at] !== '"') {
      const char = this.text[this.at];
      if (char === '\\' && /[\\$`"\n]/.test(this.text[this.at + 1] ?? '')) {
        if (this.text[this.at + 1] !== '\n') word.text += this.text[this.at + 1];
        this.at += 2;
      } else if (char === '$' || char === '`') {
        this.readExpansion(word);
      } else {
        word.text += char;
        this.at++;
      }
    }
    this.at++;
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))` or a backquoted command: the word's value is the shell's to know. */
  private readExpansion(word: ShellWord): void {
    const start = this.at;
    if (this.text[this.at] === '`') {
      const end = this.closing('`', this.at + 1);
      this.substitutions.push(this.text.slice(this.at + 1, end));
      this.at = end + 1;
    } else if (this.text[this.at + 1] === '(') {
      const end = this.balanced(this.at + 1);
      if (this.text[this.at + 2] !== '(') this.substitutions.push(this.text.slice(this.at + 2, end));
      this.at = end + 1;
    } else if (this.text[this.at + 1] === '{') {
      this.at = this.closing('}', this.at + 2) + 1;
    } else if (/[A-Za-z0-9_@*#?$!-]/.test(this.text[this.at + 1] ?? '')) {
      this.at += 2;
      while (/[A-Za-z0-9_]/.test(this.text[this.at] ?? '') && /[A-Za-z_]/.test(this.text[start + 1])) this.at++;
    } else {
      // A lone `$` is itself.
      word.text += '$';
      this.at++;
      return;
    }
    word.dynamic = true;
    word.text += this.text.slice(start, this.at);
  }

  private closing(quote: string, from: number): number {
    const end = this.text.indexOf(quote, from);
    return end === -1 ? this.text.length : end;
  }

  /** The index of the parenthesis closing the one at `open`. */
  private balanced(open: number): number {
    let depth = 0;
    for (let at = open; at < this.text.length; at++) {
      if (this.text[at] === '(') depth++;
      else if (this.text[at] === ')' && --depth === 0) return at;
    }
    return this.text.length;
  }
}
