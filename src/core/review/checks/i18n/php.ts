// Laravel's PHP strings files (`lang/es/messages.php`: `return ['welcome' =>
// 'Hola, :name', …];`), read, never run. A small reader of the one shape
// they have: a returned array (`[…]` or `array(…)`) of literals, nested
// arrays and strings joined with `.`; anything the file computes (a call, a
// constant, `"$x"`) is read past and left out of the comparison. php-parser
// reads all of PHP, at 30 KB of the package for this one shape.
import { LineIndex } from '../contentSupport';
import type { StringsLeaf, StringsScan } from './stringsFile';

class PhpSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Not a literal: a value the file computes. */
const COMPUTED = Symbol('computed');
type Value = string | typeof COMPUTED | Map<string, { value: Value; offset: number }>;

export function scanPhpArray(text: string): StringsScan {
  const lines = new LineIndex(text);
  const reader = new Reader(text);
  try {
    const array = reader.program();
    const leaves = new Map<string, StringsLeaf>();
    if (array) flatten(array, '', leaves, lines);
    return { ok: true, leaves, grammar: 'laravel' };
  } catch (error) {
    if (!(error instanceof PhpSyntaxError)) throw error;
    return { ok: false, error: { ...lines.positionOf(error.offset), message: error.message } };
  }
}

function flatten(array: Map<string, { value: Value; offset: number }>, path: string, leaves: Map<string, StringsLeaf>, lines: LineIndex): void {
  for (const [key, { value, offset }] of array) {
    const full = path === '' ? key : `${path}.${key}`;
    if (value instanceof Map) flatten(value, full, leaves, lines);
    else leaves.set(full, { path: full, value: value === COMPUTED ? null : value, ...lines.positionOf(offset) });
  }
}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  /** `<?php … return <array>;`: the array, or undefined when the file returns something else. */
  program(): Map<string, { value: Value; offset: number }> | undefined {
    const open = this.text.indexOf('<?php');
    if (open < 0) return undefined;
    this.at = open + 5;
    for (;;) {
      this.space();
      if (this.at >= this.text.length) return undefined;
      if (this.word('return')) {
        this.space();
        if (!this.startsArray()) return undefined;
        const array = this.array();
        this.space();
        if (this.text[this.at] !== ';') throw this.unexpected("Expected ';' after the returned array");
        return array;
      }
      // `declare(strict_types=1);`, `use …;`: statements before the return.
      this.skipStatement();
    }
  }

  private startsArray(): boolean {
    return this.text[this.at] === '[' || /^array\s*\(/i.test(this.text.slice(this.at, this.at + 12));
  }

  private array(): Map<string, { value: Value; offset: number }> {
    let close = ']';
    if (this.text[this.at] === '[') this.at++;
    else {
      this.at = this.text.indexOf('(', this.at) + 1;
      close = ')';
    }
    const entries = new Map<string, { value: Value; offset: number }>();
    let index = 0;
    for (;;) {
      this.space();
      if (this.text[this.at] === close) {
        this.at++;
        return entries;
      }
      const offset = this.at;
      let key: Value = this.value();
      this.space();
      let value: Value;
      if (this.text.startsWith('=>', this.at)) {
        this.at += 2;
        this.space();
        value = this.value();
      } else {
        value = key;
        key = String(index);
      }
      if (typeof key === 'string') {
        if (/^\d+$/.test(key)) index = Math.max(index, Number(key) + 1);
        entries.set(key, { value, offset });
      }
      this.space();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      if (this.text[this.at] !== close) throw this.unexpected(`Expected ',' or '${close}' after a value`);
    }
  }

  /** A value, with the strings `.` joins to it. */
  private value(): Value {
    let value = this.term();
    for (;;) {
      this.space();
      if (this.text[this.at] !== '.' || /\d/.test(this.text[this.at + 1] ?? '')) return value;
      this.at++;
      this.space();
      const next = this.term();
      value = typeof value === 'string' && typeof next === 'string' ? value + next : COMPUTED;
    }
  }

  private term(): Value {
    const char = this.text[this.at];
    if (char === "'") return this.singleQuoted();
    if (char === '"') return this.doubleQuoted();
    if (this.startsArray()) return this.array();
    const number = /^-?\d+(?:\.\d+)?/.exec(this.text.slice(this.at, this.at + 40));
    if (number) {
      this.at += number[0].length;
      return number[0];
    }
    if (char === undefined) throw this.unexpected('Expected a value');
    // A constant, a call, a heredoc: read past it to the next `,` or closing bracket at its depth.
    this.skipExpression();
    return COMPUTED;
  }

  private singleQuoted(): string {
    const start = this.at++;
    let out = '';
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) throw new PhpSyntaxError(start, 'This string is not closed');
      this.at++;
      if (char === "'") return out;
      if (char === '\\' && (this.text[this.at] === "'" || this.text[this.at] === '\\')) out += this.text[this.at++];
      else out += char;
    }
  }

  private doubleQuoted(): Value {
    const start = this.at++;
    let out = '';
    let computed = false;
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', e: '\x1b', $: '$', '"': '"', '\\': '\\' };
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) throw new PhpSyntaxError(start, 'This string is not closed');
      this.at++;
      if (char === '"') return computed ? COMPUTED : out;
      if (char === '\\') {
        const next = this.text[this.at];
        if (next !== undefined && next in escapes) {
          out += escapes[next];
          this.at++;
        } else out += char;
      } else {
        // `"$name"` and `"{$name}"` interpolate a variable.
        if (char === '$' && /[A-Za-z_{]/.test(this.text[this.at] ?? '')) computed = true;
        out += char;
      }
    }
  }

  private skipExpression(): void {
    let depth = 0;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) throw this.unexpected('Expected the end of the value');
      if (depth === 0 && (char === ',' || char === ']' || char === ')' || char === ';')) return;
      if (char === "'") this.singleQuoted();
      else if (char === '"') this.doubleQuoted();
      else {
        if (char === '(' || char === '[') depth++;
        else if (char === ')' || char === ']') depth--;
        this.at++;
      }
    }
  }

  private skipStatement(): void {
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) return;
      if (char === "'") this.singleQuoted();
      else if (char === '"') this.doubleQuoted();
      else {
        this.at++;
        if (char === ';') return;
      }
      this.space();
    }
  }

  private word(word: string): boolean {
    if (this.text.slice(this.at, this.at + word.length).toLowerCase() !== word || /\w/.test(this.text[this.at + word.length] ?? '')) return false;
    this.at += word.length;
    return true;
  }

  /** Whitespace and comments: `//`, `#`, `/* … *\/`. */
  private space(): void {
    for (;;) {
      const rest = this.text.slice(this.at, this.at + 2);
      if (/^\s/.test(rest)) this.at++;
      else if (rest === '//' || (rest[0] === '#' && rest !== '#[')) {
        const end = this.text.indexOf('\n', this.at);
        this.at = end < 0 ? this.text.length : end + 1;
      } else if (rest === '/*') {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) throw new PhpSyntaxError(this.at, 'This comment is not closed');
        this.at = end + 2;
      } else return;
    }
  }

  private unexpected(expected: string): PhpSyntaxError {
    const char = this.text[this.at];
    return new PhpSyntaxError(this.at, `${expected}, found ${char === undefined ? 'the end of the file' : `\`${char}\``}`);
  }
}
