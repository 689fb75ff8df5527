import type { BashParser, ShellNode } from './shellParser';

// The tree bash's grammar (tree-sitter-bash) gives a plain command line,
// built without loading the grammar: loading it is about 30 ms of CPU, most
// of a shell call's decision, for lines such as `git add f && git commit -m
// "msg"`. Only a deliberately small form is read here; anything else is not
// this reader's (`undefined`) and goes to the grammar as before:
//
//   commands joined by `&&`, `||`, `;` and `|`, with spaces or tabs between
//   their words; each word a run of plain characters (PLAIN), a double-quoted
//   text with no `$`, backquote, backslash, `!` nor control character, not
//   blank alone, or a single-quoted text with no control character; no two
//   parts of a word side by side, no word the grammar reserves (RESERVED). A
//   command's name is a word of letters, digits, `_`, `.`, `/` and `-`, not
//   first (no `=`: an assignment), and not a number. No line breaks,
//   comments, redirections, globs, braces, `~`, `$`, `&` alone, nor an
//   operator at either end of the line. One form more, the message agents
//   give `git commit` (HEREDOC_MESSAGE): `"$(cat <<'EOF'`, lines that do not
//   hold the delimiter nor a control character (the first neither empty nor
//   starting with a blank), `EOF` alone on its line, `)"`.
//
// The tree is the grammar's node for node (type, extent, fields), which a
// test holds on a corpus of agents' lines and on generated lines inside and
// just outside this form. Where the grammar's own choices are not plain
// (three or more commands piped before `&&` or `||`), the line is declined.

/** The characters of a plain word. */
const PLAIN = /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./:@%+,=-]*$/;
/** What the grammar reads as a number where a word may stand (`-1`, `0x10`). */
const NUMBER = /^-?(0x)?[0-9]+$/;
/** The characters of a command's name (`a@x`, `a%b` there are read otherwise by the grammar). */
const NAME = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
/** Words the grammar reads as its own (every plain word among its literal tokens): a line holding one is declined. */
const RESERVED = new Set([
  'case', 'declare', 'do', 'done', 'elif', 'else', 'esac', 'export', 'fi', 'for', 'function', 'if', 'in', 'local',
  'readonly', 'select', 'then', 'typeset', 'unset', 'unsetenv', 'until', 'while',
]);
/** Inside double quotes: no expansion, escape nor history mark. */
const DOUBLE_QUOTED = /^[^"$`\\!]*$/;

/** A control character other than a tab (a line break among them). */
function holdsControl(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/**
 * `"$(cat <<'EOF'` + line break, lines, the delimiter alone on its line, then `)"`: a here-document
 * given as a double-quoted argument. The delimiter is quoted, so its lines are text as they stand.
 */
const HEREDOC_MESSAGE = /^"\$\(cat <<'([A-Za-z_][A-Za-z0-9_]*)'\n((?:[^\n]*\n)+)\1\n\)"/;

type Field = 'name' | 'argument' | 'body' | 'redirect' | undefined;

/** A node of the tree, with the members the line's reader uses. */
class PlainNode implements ShellNode {
  readonly namedChildren: PlainNode[];

  constructor(
    private readonly line: string,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: PlainNode[] = [],
    private readonly fields: Field[] = [],
  ) {
    this.namedChildren = children.filter((child) => child.isNamed);
  }

  get text(): string {
    return this.line.slice(this.startIndex, this.endIndex);
  }

  get hasError(): boolean {
    return false;
  }

  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }

  childForFieldName(name: string): PlainNode | null {
    return this.childrenForFieldName(name)[0] ?? null;
  }

  childrenForFieldName(name: string): PlainNode[] {
    return this.children.filter((_, index) => this.fields[index] === name);
  }
}

interface Token {
  kind: 'word' | 'double' | 'single' | 'operator' | 'heredoc';
  start: number;
  end: number;
  text: string;
}

const OPERATORS = ['&&', '||', ';', '|'];

/** The line's tokens, or undefined where it leaves the plain form. */
function tokens(line: string): Token[] | undefined {
  const found: Token[] = [];
  let at = 0;
  while (at < line.length) {
    const char = line[at];
    if (char === ' ' || char === '\t') {
      at++;
      continue;
    }
    const operator = OPERATORS.find((op) => line.startsWith(op, at));
    if (operator) {
      // `|&`, `;;`, `;&`, `&&&`, `|||`: the grammar's, not plain.
      if (/^[|;&]/.test(line.slice(at + operator.length, at + operator.length + 1))) return undefined;
      found.push({ kind: 'operator', start: at, end: at + operator.length, text: operator });
      at += operator.length;
      continue;
    }
    let end: number;
    let kind: Token['kind'];
    const heredoc = char === '"' ? HEREDOC_MESSAGE.exec(line.slice(at)) : null;
    if (heredoc) {
      // The grammar ends a here-document at a line that starts with its delimiter after blanks: no line may hold it.
      const [whole, delimiter, lines] = heredoc;
      if (lines.split('\n').some((one) => one.includes(delimiter) || holdsControl(one))) return undefined;
      // Nor start with a blank or an empty line: the grammar leaves those out of the body.
      if (/^\s/.test(lines)) return undefined;
      end = at + whole.length;
      kind = 'heredoc';
    } else if (char === '"' || char === "'") {
      end = line.indexOf(char, at + 1) + 1;
      if (end === 0) return undefined;
      const inner = line.slice(at + 1, end - 1);
      if (holdsControl(inner) || (char === '"' && !DOUBLE_QUOTED.test(inner))) return undefined;
      // A double-quoted text of blanks alone: the grammar keeps no content node for it.
      if (char === '"' && inner.length > 0 && /^[ \t]*$/.test(inner)) return undefined;
      kind = char === '"' ? 'double' : 'single';
    } else {
      end = at;
      while (end < line.length && /[A-Za-z0-9_./:@%+,=-]/.test(line[end])) end++;
      if (end === at) return undefined;
      kind = 'word';
    }
    // A word ends at a blank, an operator or the line's end: no concatenation.
    if (end < line.length && !/[ \t;|&]/.test(line[end])) return undefined;
    const text = line.slice(at, end);
    if (kind === 'word' && (!PLAIN.test(text) || RESERVED.has(text))) return undefined;
    found.push({ kind, start: at, end, text });
    at = end;
  }
  return found;
}

/** The grammar's tree of a plain line, or undefined: the line is the grammar's to read. */
export function plainLineTree(line: string): ShellNode | undefined {
  const all = tokens(line);
  if (!all || all.length === 0) return undefined;
  let ids = 0;
  const node = (type: string, isNamed: boolean, start: number, end: number, children: PlainNode[] = [], fields: Field[] = []) =>
    new PlainNode(line, ids++, type, isNamed, start, end, children, fields);
  const leaf = (token: Token, type = token.text, isNamed = false) => node(type, isNamed, token.start, token.end);

  let at = 0;
  const command = (): PlainNode | undefined => {
    const words: Token[] = [];
    while (at < all.length && all[at].kind !== 'operator') words.push(all[at++]);
    const [name, ...args] = words;
    if (!name || name.kind !== 'word' || !NAME.test(name.text) || NUMBER.test(name.text)) return undefined;
    const nameNode = node('command_name', true, name.start, name.end, [leaf(name, 'word', true)]);
    const argNodes = args.map((arg) => {
      if (arg.kind === 'single') return leaf(arg, 'raw_string', true);
      if (arg.kind === 'heredoc') return heredocMessage(arg);
      if (arg.kind === 'double') {
        const quote = (start: number) => node('"', false, start, start + 1);
        const content = arg.end - arg.start > 2 ? [node('string_content', true, arg.start + 1, arg.end - 1)] : [];
        return node('string', true, arg.start, arg.end, [quote(arg.start), ...content, quote(arg.end - 1)]);
      }
      return leaf(arg, NUMBER.test(arg.text) ? 'number' : 'word', true);
    });
    const last = args.at(-1) ?? name;
    return node('command', true, name.start, last.end, [nameNode, ...argNodes], ['name', ...argNodes.map((): Field => 'argument')]);
  };
  /** `"$(cat <<'EOF'…EOF\n)"` as the grammar reads it. */
  const heredocMessage = (arg: Token): PlainNode => {
    const { start, end } = arg;
    const delimiter = HEREDOC_MESSAGE.exec(arg.text)?.[1] ?? '';
    const opened = start + `"$(cat <<'${delimiter}'`.length;
    const ends = end - `\n)"`.length;
    const cat = node('command', true, start + 3, start + 6, [node('command_name', true, start + 3, start + 6, [node('word', true, start + 3, start + 6)])], ['name']);
    const redirect = node('heredoc_redirect', true, start + 7, ends, [
      node('<<', false, start + 7, start + 9),
      node('heredoc_start', true, start + 9, opened),
      node('heredoc_body', true, opened + 1, ends - delimiter.length),
      node('heredoc_end', true, ends - delimiter.length, ends),
    ]);
    const substitution = node('command_substitution', true, start + 1, end - 1, [
      node('$(', false, start + 1, start + 3),
      node('redirected_statement', true, start + 3, ends, [cat, redirect], ['body', 'redirect']),
      node(')', false, end - 2, end - 1),
    ]);
    return node('string', true, start, end, [node('"', false, start, start + 1), substitution, node('"', false, end - 1, end)]);
  };
  const pipeline = (): { node: PlainNode; commands: number } | undefined => {
    const parts: PlainNode[] = [];
    let commands = 0;
    for (;;) {
      const one = command();
      if (!one) return undefined;
      parts.push(one);
      commands++;
      if (all[at]?.text !== '|') break;
      parts.push(leaf(all[at++]));
    }
    return { node: commands === 1 ? parts[0] : node('pipeline', true, parts[0].startIndex, parts[parts.length - 1].endIndex, parts), commands };
  };
  const statement = (): PlainNode | undefined => {
    const first = pipeline();
    if (!first) return undefined;
    let tree = first.node;
    let longest = first.commands;
    let joined = false;
    while (all[at]?.text === '&&' || all[at]?.text === '||') {
      const op = leaf(all[at++]);
      const next = pipeline();
      if (!next) return undefined;
      longest = Math.max(longest, next.commands);
      joined = true;
      tree = node('list', true, tree.startIndex, next.node.endIndex, [tree, op, next.node]);
    }
    // `a | b | c && d`: the grammar nests the list inside the pipeline.
    if (joined && longest > 2) return undefined;
    return tree;
  };

  const top: PlainNode[] = [];
  for (;;) {
    const one = statement();
    if (!one) return undefined;
    top.push(one);
    if (at === all.length) break;
    if (all[at].text !== ';' || at === all.length - 1) return undefined;
    top.push(leaf(all[at++]));
  }
  return node('program', true, all[0].start, line.length, top);
}

/** Thrown where a plain reading meets a line it does not read. */
class NotPlain extends Error {}

/** A parser of plain lines alone: a line it does not read throws NotPlain (see plainLineTargets). */
const plainParser: BashParser = {
  read(text, use) {
    const root = plainLineTree(text);
    if (!root) throw new NotPlain(text);
    return use(root);
  },
};

/** `read` with the plain parser, or undefined where it meets (at any depth) a line that is not plain. */
export function readPlain<T>(read: (parser: BashParser) => T): T | undefined {
  try {
    return read(plainParser);
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}
