// A small strict JSON reader that remembers where every key is. JSON.parse
// neither says on which line a key sits nor, for every error, at which
// position it stopped (V8 omits it for "Unexpected token"), and strings
// files need both.
import { LineIndex } from '../contentSupport';
import type { Position } from '../contentSupport';

/** One leaf of a JSON document: its flattened key path (`a.b.0`), value and position. */
export interface JsonLeaf {
  path: string;
  value: unknown;
  /** Where the leaf's key starts (for array elements, where the value starts). */
  line: number;
  column: number;
}

export type JsonScan =
  | { ok: true; value: unknown; leaves: Map<string, JsonLeaf> }
  | { ok: false; error: Position & { message: string } };

const MAX_DEPTH = 512;
/** What a string taken as it is must not hold: an escape, or a character JSON forbids unescaped (line breaks among them). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ESCAPE_OR_CONTROL = /[\\\u0000-\u001f]/;

/**
 * `text` made one run of characters in place. A key path built by joining
 * is otherwise kept as its pieces, and each lookup of it in another
 * version's leaves (every check sweeps thousands) compares piece by piece.
 * Reading a string as a number is what makes the engine join it; the value
 * is the same string.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/**
 * Key paths as strings, by their text, shared by the readings of one
 * review: a translation drop reads both versions of dozens of locales with
 * the same thousands of keys, and each reading's own copies of them were a
 * quarter of the review's memory (a key joined from pieces of a text with
 * any character past Latin-1 takes two bytes a character). One string for
 * each also makes a lookup of a key in another version's leaves find it at
 * once. They are found by the path above them (a shared string, whose hash
 * the engine keeps), then by their key: looking a joined path up by its
 * text cost the engine more than the rest of the reading (it hashes and
 * compares the new string, which it first joins), four times a lookup of
 * a short key. Past `KEY_PATHS_KEPT` paths they start again.
 */
export class KeyPaths {
  private readonly byParent = new Map<string, Map<string, string>>();
  private paths = 0;

  /** The paths under `parent` (a path this table gave, or ''), by their last key. */
  under(parent: string): Map<string, string> {
    let children = this.byParent.get(parent);
    if (children === undefined) {
      children = new Map();
      this.byParent.set(parent, children);
    }
    return children;
  }

  /** The path of `key` under `parent`, among `children` (`under(parent)`). */
  pathOf(children: Map<string, string>, parent: string, key: string): string {
    const known = children.get(key);
    if (known !== undefined) return known;
    const joined = parent === '' ? key : flat(`${parent}.${key}`);
    // A change of thousands of strings files with keys of their own would otherwise keep every key of every one.
    if (this.paths >= KEY_PATHS_KEPT) {
      this.byParent.clear();
      children.clear();
      this.byParent.set(parent, children);
      this.paths = 0;
    }
    children.set(key, joined);
    this.paths++;
    return joined;
  }

  /** How many paths it holds (the tests). */
  get size(): number {
    return this.paths;
  }

  /** The paths it holds (the tests). */
  *held(): Iterable<string> {
    for (const children of this.byParent.values()) yield* children.values();
  }
}

/** How many key paths a `KeyPaths` holds before it starts again: many times a large app's (saleor-dashboard's locales have about 2,800). */
const KEY_PATHS_KEPT = 65_536;

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads `text` (without a byte-order mark) as strict JSON. `leavesOnly`:
 * the leaves are all that is needed, so objects and arrays are not built
 * (`value` is then undefined), which halves the work on large files.
 * `checkOnly`: whether it parses is all that is needed, so neither is
 * anything built nor a leaf kept (`leaves` is then empty).
 */
export function scanJson(text: string, options: { leavesOnly?: boolean; checkOnly?: boolean; keyPaths?: KeyPaths } = {}): JsonScan {
  const scanner = new Scanner(text, options.leavesOnly === true || options.checkOnly === true, options.checkOnly !== true, options.keyPaths);
  try {
    scanner.skipSpace();
    if (scanner.atEnd()) throw new JsonSyntaxError(0, 'The file is empty: a JSON file needs at least `{}`');
    const value = scanner.value('', 0, 0);
    scanner.skipSpace();
    if (!scanner.atEnd()) throw new JsonSyntaxError(scanner.offset, 'Unexpected text after the end of the JSON value');
    return { ok: true, value, leaves: scanner.leaves };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, error: { ...new LineIndex(text).positionOf(error.offset), message: error.message } };
  }
}

class Scanner {
  offset = 0;
  readonly leaves = new Map<string, JsonLeaf>();
  /**
   * The line of the last leaf's key, found by reading on from the one
   * before (keys come in the order of the text): its 0-based number, where
   * it starts, and the next line break after that start (-1: none).
   */
  private line = 0;
  private lineStart = 0;
  private nextBreak: number;

  constructor(
    private readonly text: string,
    private readonly leavesOnly: boolean,
    private readonly keepLeaves: boolean,
    private readonly keyPaths: KeyPaths | undefined,
  ) {
    this.nextBreak = text.indexOf('\n');
  }

  /** What `LineIndex.positionOf` gives, for offsets that never go back. */
  private positionOf(offset: number): { line: number; column: number } {
    if (offset < this.lineStart) return new LineIndex(this.text).positionOf(offset);
    while (this.nextBreak >= 0 && this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.lineStart);
    }
    return { line: this.line + 1, column: offset - this.lineStart + 1 };
  }

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.offset);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.offset++;
    }
  }

  /**
   * The key path of `key` (or an element's index) under `path`: '' where no
   * leaf is kept; the string `keyPaths` has for it, if given, among
   * `children` (`keyPaths.under(path)`, asked once for each object).
   */
  private pathOf(path: string, key: string, children: Map<string, string> | undefined): string {
    if (!this.keepLeaves) return '';
    if (children !== undefined) return this.keyPaths!.pathOf(children, path, key);
    return path === '' ? key : flat(`${path}.${key}`);
  }

  /** Where `pathOf` finds the paths under `path`, if anywhere. */
  private childrenOf(path: string): Map<string, string> | undefined {
    return this.keepLeaves ? this.keyPaths?.under(path) : undefined;
  }

  /** A value whose key path is `path` and whose key starts at `keyOffset`. */
  value(path: string, keyOffset: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.offset, 'Nested too deeply');
    const char = this.text[this.offset];
    if (char === '{') return this.object(path, depth);
    if (char === '[') return this.array(path, depth);
    const leaf = this.scalar();
    if (path !== '' && this.keepLeaves) {
      const { line, column } = this.positionOf(keyOffset);
      this.leaves.set(path, { path, value: leaf, line, column });
    }
    return leaf;
  }

  private object(path: string, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.offset++;
    this.skipSpace();
    if (this.text.charCodeAt(this.offset) === 0x7d) {
      this.offset++;
      return result;
    }
    const children = this.childrenOf(path);
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) !== 0x22) throw this.unexpected('Expected a double-quoted key');
      const keyOffset = this.offset;
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) !== 0x3a) throw this.unexpected("Expected ':' after the key");
      this.offset++;
      this.skipSpace();
      const value = this.value(this.pathOf(path, key, children), keyOffset, depth + 1);
      if (!this.leavesOnly) result[key] = value;
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) === 0x2c) {
        this.offset++;
        continue;
      }
      if (this.text.charCodeAt(this.offset) === 0x7d) {
        this.offset++;
        return result;
      }
      throw this.unexpected("Expected ',' or '}' after a value");
    }
  }

  private array(path: string, depth: number): unknown[] {
    const result: unknown[] = [];
    let index = 0;
    this.offset++;
    this.skipSpace();
    if (this.text.charCodeAt(this.offset) === 0x5d) {
      this.offset++;
      return result;
    }
    const children = this.childrenOf(path);
    for (;;) {
      this.skipSpace();
      const value = this.value(this.pathOf(path, String(index), children), this.offset, depth + 1);
      if (!this.leavesOnly) result.push(value);
      index++;
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) === 0x2c) {
        this.offset++;
        continue;
      }
      if (this.text.charCodeAt(this.offset) === 0x5d) {
        this.offset++;
        return result;
      }
      throw this.unexpected("Expected ',' or ']' after a value");
    }
  }

  private scalar(): unknown {
    const char = this.text[this.offset];
    if (char === '"') return this.string();
    const literal = /^(?:true|false|null)/.exec(this.text.slice(this.offset, this.offset + 5));
    if (literal) {
      this.offset += literal[0].length;
      return JSON.parse(literal[0]);
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (number) {
      this.offset += number[0].length;
      return Number(number[0]);
    }
    throw this.unexpected('Expected a value');
  }

  private string(): string {
    const start = this.offset;
    // Most strings hold no escape: take them as they are, without decoding.
    const close = this.text.indexOf('"', start + 1);
    if (close > start) {
      const raw = this.text.slice(start + 1, close);
      if (!ESCAPE_OR_CONTROL.test(raw)) {
        this.offset = close + 1;
        return raw;
      }
    }
    this.offset++;
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined || char === '\n' || char === '\r') throw new JsonSyntaxError(start, 'This string is not closed');
      if (char === '"') break;
      if (char < ' ') throw new JsonSyntaxError(this.offset, 'Control character inside a string: escape it');
      if (char === '\\') {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(this.offset + 1, this.offset + 6))) {
          throw new JsonSyntaxError(this.offset, 'Invalid escape in a string');
        }
        this.offset++;
      }
      this.offset++;
    }
    this.offset++;
    return JSON.parse(this.text.slice(start, this.offset)) as string;
  }

  private unexpected(expected: string): JsonSyntaxError {
    const char = this.text[this.offset];
    const found = char === undefined ? 'the end of the file' : `\`${char}\``;
    return new JsonSyntaxError(this.offset, `${expected}, found ${found}`);
  }
}
