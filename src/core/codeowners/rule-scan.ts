// Finding the last matching rule for a few paths without compiling every
// rule. The index (rule-index.ts) compiles and files every pattern once,
// which pays for many lookups; a guard decision or `explain` asks about one
// or two paths, and compiling all 16,693 rules of a file like nuttx's costs
// more than the rest of such a command.
//
// So the first lookups go from the last rule up, and a rule is compiled
// only when the path holds the longest run of plain characters its pattern
// has. Every plain character of a pattern must appear in a matching path as
// written: matching is case-sensitive, and no wildcard matches a `/`. A
// pattern with an escape is always compiled and tried. The patterns are
// read as GitHub reads them (GitLab's sections keep to the index).

import { compilePattern, matchPattern, type CompiledPattern } from './pattern';

const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;

export interface ScannedRule {
  line: number;
  /** The pattern as written. */
  pattern: string;
}

/** The longest run of plain characters of a pattern, or '' when it has an escape or none. */
export function literalNeedle(source: string): string {
  if (source.includes('\\')) return '';
  // By hand rather than split(): a file of 16,000 rules reads them all on its first lookup.
  let best = 0;
  let bestLength = 0;
  let start = 0;
  for (let index = 0; index <= source.length; index++) {
    const code = index < source.length ? source.charCodeAt(index) : SLASH;
    if (code !== SLASH && code !== STAR && code !== QUESTION) continue;
    if (index - start > bestLength) {
      best = start;
      bestLength = index - start;
    }
    start = index + 1;
  }
  return source.slice(best, best + bestLength);
}

interface ReadRules {
  /** The pattern each needle and compiled pattern was read from: a rule changed since is read again. */
  sources: (string | undefined)[];
  needles: (string | undefined)[];
  patterns: (CompiledPattern | null | undefined)[];
}

const readByRules = new WeakMap<readonly ScannedRule[], ReadRules>();

export class RuleScan<Rule extends ScannedRule> {
  /** Indexes into the rules, by descending line. */
  private readonly order: Int32Array;
  /** Per rule, filled as a lookup first reaches it: its needle, and its pattern (null when it does not compile: it never matches). */
  private readonly read: ReadRules;
  /** How many rules the lookups so far went through: what an index would have spared. */
  scanned = 0;

  /**
   * `rules` in any order (one per line). `compile` gives the pattern of the
   * rule at an index of `rules` (the parse's, when it kept them), by
   * default compiled here.
   */
  constructor(private readonly rules: readonly Rule[], private readonly compile: (at: number) => CompiledPattern | undefined = (at) => compiled(rules[at].pattern)) {
    const order = Int32Array.from(rules.keys());
    // A parse gives them in file order: reversed, not sorted.
    if (ascending(rules)) order.reverse();
    else order.sort((a, b) => rules[b].line - rules[a].line);
    this.order = order;
    // Two matchers of the same rules (the working tree's policy and the last commit's, read from one cache) share what they read of them.
    let read = readByRules.get(rules);
    if (!read) {
      read = { sources: new Array(rules.length), needles: new Array(rules.length), patterns: new Array(rules.length) };
      readByRules.set(rules, read);
    }
    this.read = read;
  }

  /** Rules scanned: what an index would be paid for by. */
  get size(): number {
    return this.rules.length;
  }

  /** The matching rule with the highest line, if any: `path` as asked, `segments` its segments. */
  find(path: string, segments: readonly string[]): Rule | undefined {
    const { rules, order } = this;
    const { sources, needles, patterns } = this.read;
    for (let step = 0; step < order.length; step++) {
      this.scanned++;
      const at = order[step];
      const source = rules[at].pattern;
      if (sources[at] !== source) {
        sources[at] = source;
        needles[at] = literalNeedle(source);
        patterns[at] = undefined;
      }
      const needle = needles[at];
      if (needle && !path.includes(needle)) continue;
      let pattern = patterns[at];
      if (pattern === undefined) pattern = patterns[at] = this.compile(at) ?? null;
      if (pattern && matchPattern(pattern, segments)) return rules[at];
    }
    return undefined;
  }
}

function ascending(rules: readonly ScannedRule[]): boolean {
  for (let at = 1; at < rules.length; at++) if (rules[at].line <= rules[at - 1].line) return false;
  return true;
}

function compiled(source: string): CompiledPattern | undefined {
  const check = compilePattern(source);
  return check.ok ? check.pattern : undefined;
}
