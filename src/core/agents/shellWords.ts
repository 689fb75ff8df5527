// The words of a bash command line as the shell hands them to a command,
// read from the parser's tree (shellParser.ts): quoting removed, and marked
// where only the shell knows the value (a variable, a substitution), where
// it expands to the matching files (a wildcard) or to several words (braces).
import type { ShellNode } from './shellParser';

export interface ShellWord {
  text: string;
  /** Holds a variable, a substitution or any form only the shell can expand: its value is not known before the shell runs. */
  dynamic: boolean;
  /** Holds an unquoted `*`, `?` or `[`: the shell expands it to the matching files. */
  glob: boolean;
  /** Holds an unquoted `{`: the shell may expand it to several words (`{a,b}.md`). */
  braces?: boolean;
}

export interface Redirection {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `>&`, `<&` (the file descriptor number dropped). */
  op: string;
  target: ShellWord;
}

export interface SimpleCommand {
  /** `NAME=value` before the command name: set for this command alone (`GIT_WORK_TREE=… git …`). */
  assignments: ShellWord[];
  words: ShellWord[];
  redirections: Redirection[];
  /** The command whose output this one reads through a pipe (`find … | xargs rm`); one with no words when that is a compound command. */
  pipedFrom?: SimpleCommand;
  /** The text a here-document or here-string gives it to read (`bash <<'EOF' … EOF`, `sh <<< 'rm f'`). */
  input?: string;
}

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

/** A word of the tree as the shell hands it over. */
export function shellWord(node: ShellNode): ShellWord {
  const word: ShellWord = { text: '', dynamic: false, glob: false };
  appendWord(node, word);
  return word;
}

function appendWord(node: ShellNode, word: ShellWord): void {
  switch (node.type) {
    case 'word':
      appendUnquoted(node.text, word);
      return;
    case 'command_name':
    case 'concatenation':
      for (const part of node.children) appendWord(part, word);
      return;
    case 'raw_string':
      word.text += node.text.slice(1, -1);
      return;
    case 'ansi_c_string':
      word.text += ansiC(node.text.slice(2, -1));
      return;
    case 'string':
    case 'translated_string':
    {
      // Between the quotes: text where only `\\`, `\$`, `\``, `\"` and a line continuation are escapes, and expansions.
      // The grammar leaves out of its parts the line breaks (and the blanks around them) between them: taken from the text.
      const escaped = (text: string) => text.replace(/\\([\\$`"\n])/g, (_, kept: string) => (kept === '\n' ? '' : kept));
      const inner = node.children.slice(1, -1);
      let from = node.children[0]?.endIndex ?? node.startIndex;
      for (const part of inner) {
        word.text += escaped(node.text.slice(from - node.startIndex, part.startIndex - node.startIndex));
        if (part.type === 'string_content') word.text += escaped(part.text);
        else appendWord(part, word);
        from = part.endIndex;
      }
      word.text += escaped(node.text.slice(from - node.startIndex, (node.children[node.children.length - 1]?.startIndex ?? node.endIndex) - node.startIndex));
      return;
    }
    case 'brace_expression':
      word.braces = true;
      word.text += node.text;
      return;
    case 'number':
    case 'variable_name':
      word.text += node.text;
      return;
    default:
      // A lone `$` is itself; a variable, a substitution, arithmetic, or a form this reading does not know, the shell's to know.
      if (node.isNamed || node.type !== '$') word.dynamic = true;
      word.text += node.text;
  }
}

/** An unquoted word: a backslash keeps the next character as itself; an unescaped wildcard or brace is the shell's to expand. */
function appendUnquoted(text: string, word: ShellWord): void {
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') {
      if (text[at + 1] !== '\n') word.text += text[at + 1] ?? '';
      at++;
      continue;
    }
    if (char === '*' || char === '?' || char === '[') word.glob = true;
    if (char === '{') word.braces = true;
    word.text += char;
  }
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** The text of `$'…'` as bash decodes it: `\x43`, `\103`, `\u0043` and the letters of C. */
function ansiC(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (all, code: string) => {
    if (/^[xuU]./.test(code)) {
      const point = parseInt(code.slice(1), 16);
      return point <= 0x10ffff ? String.fromCodePoint(point) : all;
    }
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8) & 0xff);
    if (code.length === 2 && code[0] === 'c') return String.fromCharCode(code.charCodeAt(1) & 0x1f);
    return C_ESCAPES[code] ?? all;
  });
}

/** `NAME=value` as one word; `NAME+=x` appends, as `NAME=${NAME}x`. */
export function assignmentWord(node: ShellNode): ShellWord {
  const name = node.childForFieldName('name')?.text ?? '';
  const value = node.childForFieldName('value');
  const word = value ? shellWord(value) : { text: '', dynamic: false, glob: false };
  if (node.children.some((child) => child.type === '+=')) return { ...word, text: `${name}=\${${name}}${word.text}`, dynamic: true };
  return { ...word, text: `${name}=${word.text}` };
}

/** A `command` node as the command the shell runs (none for a compound command's redirections): its assignments, words, and redirections, with those of a statement around it. */
export function simpleCommand(node: ShellNode | undefined, around: readonly ShellNode[] = []): SimpleCommand {
  const name = node?.childForFieldName('name');
  const command: SimpleCommand = {
    assignments: node?.namedChildren.filter((child) => child.type === 'variable_assignment').map(assignmentWord) ?? [],
    words: [...(name ? [shellWord(name)] : []), ...(node?.childrenForFieldName('argument').map(shellWord) ?? [])],
    redirections: [],
  };
  for (const redirect of [...(node?.childrenForFieldName('redirect') ?? []), ...around]) redirectInto(command, redirect);
  return command;
}

/** A redirection given to a command: a file it writes or reads, or the text it reads (a here-document or here-string). */
function redirectInto(command: SimpleCommand, node: ShellNode): void {
  if (node.type === 'herestring_redirect') {
    const text = node.namedChildren.at(-1);
    if (text) command.input = shellWord(text).text;
  } else if (node.type === 'heredoc_redirect') {
    const body = node.namedChildren.find((child) => child.type === 'heredoc_body')?.text ?? '';
    // `<<-` strips each line's leading tabs.
    command.input ??= node.children.some((child) => child.type === '<<-') ? body.replace(/^\t+/gm, '') : body;
    for (const more of node.childrenForFieldName('redirect')) redirectInto(command, more);
  } else if (node.type === 'file_redirect') {
    const op = node.children.find((child) => !child.isNamed)?.type;
    const [destination, ...rest] = node.childrenForFieldName('destination');
    // Words after the file are the command's arguments (`echo > f a b`).
    command.words.push(...rest.map(shellWord));
    if (!op || !destination) return;
    const target = shellWord(destination);
    // `2>&1`, `>&-`: a descriptor, not a file.
    if ((op === '>&' || op === '<&') && /^(\d+|-)$/.test(target.text)) return;
    command.redirections.push({ op, target });
  }
}
