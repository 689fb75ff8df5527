// One pass over a block that says which of the rules' quick tests could
// match in it: the characters every match of a test begins with (its first
// three, or two for a test whose match may be shorter) are looked up in a
// table as the block is read. A test none of whose beginnings is in the block
// cannot match there, so it is not tried; one that could is tried as before,
// and its own answer decides. The screen only ever leaves out a test that
// would have said no, so the findings are those of trying every test.

/** Characters outside ASCII are all read as this one code, in the tables and in the block alike. */
const OTHER = 0;
/** The most beginnings a test may have before it is left out of the screen (tried on its own). */
const MAX_BEGINNINGS = 4_096;

type Node =
  | { kind: 'set'; codes: number[] }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'optional'; node: Node }
  | { kind: 'plus'; node: Node };

class Unsupported extends Error {}

const WHITESPACE_ASCII = [9, 10, 11, 12, 13, 32];

/**
 * The parse of a pattern's source, in the few forms the quick tests are
 * written in: literals, escaped punctuation, `\d`, `\s`, classes without
 * negation, non-capturing groups, alternation and `?`, `+`, `*`. Anything
 * else (anchors, lookaround, `.`, counted repeats, `\b`, captures) is
 * Unsupported, and the test is tried on its own.
 */
function parse(source: string, ignoreCase: boolean): Node {
  let at = 0;
  const withCase = (codes: number[]): number[] => {
    if (!ignoreCase) return codes;
    const all = new Set(codes);
    for (const code of codes) {
      if (code >= 65 && code <= 90) all.add(code + 32);
      else if (code >= 97 && code <= 122) all.add(code - 32);
    }
    return [...all];
  };
  const code = (char: string): number => {
    const value = char.charCodeAt(0);
    return value < 128 ? value : OTHER;
  };
  const escape = (inClass: boolean): number[] => {
    const char = source[at++];
    if (char === undefined) throw new Unsupported('trailing backslash');
    if (char === 'd') return [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];
    if (char === 's') return [...WHITESPACE_ASCII, OTHER];
    if (char === 't') return [9];
    if (char === 'n') return [10];
    if (char === 'r') return [13];
    if (/[./|\\\-^$*+?()[\]{}~:'"`,]/.test(char) || (inClass && char === '-')) return [code(char)];
    throw new Unsupported(`escape \\${char}`);
  };
  const charClass = (): number[] => {
    if (source[at] === '^') throw new Unsupported('negated class');
    const codes: number[] = [];
    while (source[at] !== ']') {
      if (at >= source.length) throw new Unsupported('open class');
      let first: number[];
      if (source[at] === '\\') {
        at++;
        first = escape(true);
      } else {
        first = [code(source[at++])];
      }
      if (source[at] === '-' && source[at + 1] !== ']' && first.length === 1) {
        at++;
        const last = source[at] === '\\' ? (at++, escape(true)) : [code(source[at++])];
        if (last.length !== 1 || last[0] < first[0] || first[0] === OTHER || last[0] === OTHER) throw new Unsupported('range');
        for (let c = first[0]; c <= last[0]; c++) codes.push(c);
      } else {
        codes.push(...first);
      }
    }
    at++;
    return codes;
  };
  const alternation = (): Node => {
    const options: Node[] = [sequence()];
    while (source[at] === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      let atom: Node;
      const char = source[at++];
      if (char === '(') {
        if (source.slice(at, at + 2) !== '?:') throw new Unsupported('group other than (?:');
        at += 2;
        atom = alternation();
        if (source[at++] !== ')') throw new Unsupported('open group');
      } else if (char === '[') {
        atom = { kind: 'set', codes: withCase(charClass()) };
      } else if (char === '\\') {
        atom = { kind: 'set', codes: withCase(escape(false)) };
      } else if ('^$.*{}])'.includes(char) || char === '?' || char === '+') {
        throw new Unsupported(`syntax ${char}`);
      } else {
        atom = { kind: 'set', codes: withCase([code(char)]) };
      }
      const quantifier = source[at];
      if (quantifier === '?' || quantifier === '+' || quantifier === '*') {
        at++;
        if (source[at] === '?') throw new Unsupported('lazy quantifier');
        const repeated: Node = { kind: 'plus', node: atom };
        atom = quantifier === '+' ? repeated : { kind: 'optional', node: quantifier === '*' ? repeated : atom };
      } else if (quantifier === '{') {
        throw new Unsupported('counted repeat');
      }
      items.push(atom);
    }
    return { kind: 'seq', items };
  };
  const node = alternation();
  if (at !== source.length) throw new Unsupported('unbalanced');
  return node;
}

/**
 * Every run of `length` character codes a match of the node can begin with;
 * Unsupported when a match may be shorter than that.
 */
function beginnings(node: Node, length: number): Set<string> {
  const found = new Set<string>();
  const walk = (current: Node, prefix: number[], next: (prefix: number[]) => void): void => {
    if (prefix.length >= length) return next(prefix);
    switch (current.kind) {
      case 'set':
        for (const c of current.codes) next([...prefix, c]);
        return;
      case 'seq': {
        const step = (index: number, sofar: number[]): void => {
          if (index === current.items.length || sofar.length >= length) return next(sofar);
          walk(current.items[index], sofar, (after) => step(index + 1, after));
        };
        return step(0, prefix);
      }
      case 'alt':
        for (const option of current.options) walk(option, prefix, next);
        return;
      case 'optional':
        next(prefix);
        return walk(current.node, prefix, next);
      case 'plus':
        return walk(current.node, prefix, (after) => {
          next(after);
          if (after.length < length && after.length > prefix.length) walk(current, after, next);
        });
    }
  };
  walk(node, [], (prefix) => {
    if (prefix.length < length) throw new Unsupported('match may be shorter');
    found.add(String.fromCharCode(...prefix.slice(0, length)));
    if (found.size > MAX_BEGINNINGS) throw new Unsupported('too many beginnings');
  });
  return found;
}

/** The screen for a list of tests: which of them could match in a text. */
export interface QuickScreen {
  /** The tests the screen answers for; any other is always tried. */
  readonly screened: ReadonlySet<RegExp>;
  /** The screened tests that could match somewhere in `text`. */
  candidates(text: string): Set<RegExp>;
}

/**
 * A screen over `tests`: each one whose beginnings can be read from its
 * source (no flags but `i`) is keyed by its first three characters, or its
 * first two when a match may be two characters long; the others are left to
 * be tried on their own.
 */
export function quickScreen(tests: readonly RegExp[]): QuickScreen {
  const screened = new Set<RegExp>();
  const three = new Map<number, RegExp[]>();
  const two = new Map<number, RegExp[]>();
  const key = (text: string): number => {
    let value = 0;
    for (let i = 0; i < text.length; i++) value = (value << 7) | text.charCodeAt(i);
    return value;
  };
  const add = (table: Map<number, RegExp[]>, beginning: string, test: RegExp): void => {
    const list = table.get(key(beginning));
    if (!list) table.set(key(beginning), [test]);
    else if (!list.includes(test)) list.push(test);
  };
  for (const test of new Set(tests)) {
    if (test.flags !== '' && test.flags !== 'i') continue;
    let node: Node;
    try {
      node = parse(test.source, test.flags === 'i');
    } catch (error) {
      if (error instanceof Unsupported) continue;
      throw error;
    }
    for (const [length, table] of [[3, three], [2, two]] as const) {
      try {
        const found = beginnings(node, length);
        for (const beginning of found) add(table, beginning, test);
        screened.add(test);
        break;
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
      }
    }
  }
  // A two-character beginning is any three characters that start with it, but at the very end of a text.
  for (const [pair, pairTests] of two) {
    for (let third = 0; third < 128; third++) for (const test of pairTests) add(three, String.fromCharCode(pair >> 7, pair & 127, third), test);
  }
  const groups: RegExp[][] = [];
  const groupOf = new Int16Array(1 << 21);
  const known = new Map<string, number>();
  for (const [k, keyTests] of three) {
    const name = keyTests.map((test) => String(tests.indexOf(test))).join(',');
    let group = known.get(name);
    if (group === undefined) {
      known.set(name, (group = groups.length + 1));
      groups.push(keyTests);
    }
    groupOf[k] = group;
  }
  return {
    screened,
    candidates(text: string): Set<RegExp> {
      const hit = new Uint8Array(groups.length + 1);
      let rolling = 0;
      const end = text.length;
      for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        rolling = ((rolling << 7) | (c < 128 ? c : OTHER)) & 0x1fffff;
        hit[groupOf[rolling]] = 1;
      }
      const found = new Set<RegExp>();
      // The first two characters were read with code 0 in front of them: at worst a test more is tried.
      for (let group = 1; group <= groups.length; group++) if (hit[group] === 1) for (const test of groups[group - 1]) found.add(test);
      if (end >= 2) for (const test of two.get(rolling & 0x3fff) ?? []) found.add(test);

      return found;
    },
  };
}
