// Finding the last matching rule without trying every rule.
//
// Rules are filed by what can be looked up from a path's own segments:
//   - rules starting with literal segments (`/src/app/main.ts`, `/build/logs/`,
//     `docs/*`, `/boards/esp*/`) in a trie of those literal segments;
//   - unanchored names (`README.md`, `apps/`, `**/logs`) by that name;
//   - unanchored `*.ext` suffixes by the extension after their last dot;
//   - other globs holding a literal segment (`**/i18n/*.json`) by that
//     segment, which some segment of every path they match must equal, or
//     else holding a `*.ext` segment, by that extension;
//   - the remaining true globs (`*`, `Cargo.*`, `*/foo`) in one list.
// Every bucket is sorted by descending line, so each lookup stops at its
// first match or as soon as it cannot beat the best line found so far. The
// cost per path grows with its number of segments and the size of the
// buckets it meets, not with the number of rules.

import { STAR } from './glob-segment';
import { accepts, matchPattern, type CompiledPattern, type PatternSegment } from './pattern';

/** A rule ready for matching; `payload` is whatever the caller wants back. */
export interface IndexedRule<Payload> {
  line: number;
  pattern: CompiledPattern;
  payload: Payload;
}

interface PrefixEntry<Payload> {
  line: number;
  rule: IndexedRule<Payload>;
  /** No segment after the literal prefix: matching is only a question of depth. */
  literalOnly: boolean;
}

interface SuffixEntry<Payload> {
  line: number;
  rule: IndexedRule<Payload>;
  suffix: string;
}

interface TrieNode<Payload> {
  children: Map<string, TrieNode<Payload>>;
  entries: PrefixEntry<Payload>[];
}

function newNode<Payload>(): TrieNode<Payload> {
  return { children: new Map(), entries: [] };
}

export class RuleIndex<Payload> {
  private readonly prefixes: TrieNode<Payload> = newNode();
  private readonly byName = new Map<string, IndexedRule<Payload>[]>();
  private readonly bySuffix = new Map<string, SuffixEntry<Payload>[]>();
  private readonly byRequiredName = new Map<string, IndexedRule<Payload>[]>();
  private readonly byRequiredExtension = new Map<string, IndexedRule<Payload>[]>();
  private readonly scanned: IndexedRule<Payload>[] = [];

  /** `rules` in any order; ties in `line` are not expected (one rule per line). */
  constructor(rules: readonly IndexedRule<Payload>[]) {
    const descending = [...rules].sort((a, b) => b.line - a.line);
    for (const rule of descending) this.file(rule);
  }

  private file(rule: IndexedRule<Payload>): void {
    const { segments } = rule.pattern;
    let literalCount = 0;
    while (literalCount < segments.length && segments[literalCount].kind === 'literal') literalCount++;

    if (literalCount > 0) {
      let node = this.prefixes;
      for (let index = 0; index < literalCount; index++) {
        const segment = segments[index];
        const key = segment.kind === 'literal' ? segment.text : '';
        let child = node.children.get(key);
        if (!child) node.children.set(key, (child = newNode()));
        node = child;
      }
      node.entries.push({ line: rule.line, rule, literalOnly: literalCount === segments.length });
      return;
    }

    if (segments.length === 2 && segments[0].kind === 'globstar') {
      const last = segments[1];
      if (last.kind === 'literal') {
        pushTo(this.byName, last.text, rule);
        return;
      }
      const suffix = extensionSuffix(last);
      if (suffix !== undefined) {
        pushTo(this.bySuffix, extensionOf(suffix), { line: rule.line, rule, suffix });
        return;
      }
    }

    for (let index = segments.length - 1; index >= 0; index--) {
      const segment = segments[index];
      if (segment.kind === 'literal') {
        pushTo(this.byRequiredName, segment.text, rule);
        return;
      }
    }
    for (const segment of segments) {
      const suffix = extensionSuffix(segment);
      if (suffix !== undefined) {
        pushTo(this.byRequiredExtension, extensionOf(suffix), rule);
        return;
      }
    }
    this.scanned.push(rule);
  }

  /** The matching rule with the highest line, if any. `path` is the path's segments. */
  find(path: readonly string[]): IndexedRule<Payload> | undefined {
    let best = this.findByPrefix(path);
    for (let depth = 0; depth < path.length; depth++) best = this.findBySegment(path, depth, best);
    return firstAbove(this.scanned, lineOf(best), (rule) => matchPattern(rule.pattern, path)) ?? best;
  }

  /** The best rule filed under a literal prefix of `path`. */
  private findByPrefix(path: readonly string[]): IndexedRule<Payload> | undefined {
    const total = path.length;
    // Deepest prefix first: its rules are the most specific, usually written
    // late, so the best line found there prunes the shallower buckets.
    const walked: TrieNode<Payload>[] = [];
    for (let node = this.prefixes.children.get(path[0]); node; node = node.children.get(path[walked.length])) {
      walked.push(node);
      if (walked.length === total) break;
    }
    let best: IndexedRule<Payload> | undefined;
    for (let depth = walked.length - 1; depth >= 0; depth--) {
      const after = depth + 1;
      const entry = firstAbove(walked[depth].entries, lineOf(best), ({ rule, literalOnly }) =>
        literalOnly ? accepts(rule.pattern, after, total) : matchPattern(rule.pattern, path, after, after));
      if (entry) best = entry.rule;
    }
    return best;
  }

  /** `best`, or a later rule filed under the name or extension of the segment at `depth`. */
  private findBySegment(path: readonly string[], depth: number, best: IndexedRule<Payload> | undefined): IndexedRule<Payload> | undefined {
    const segment = path[depth];
    const total = path.length;
    const ownsWhole = (rule: IndexedRule<Payload>) => matchPattern(rule.pattern, path);
    best = firstAbove(this.byName.get(segment), lineOf(best), (rule) => accepts(rule.pattern, depth + 1, total)) ?? best;
    best = firstAbove(this.byRequiredName.get(segment), lineOf(best), ownsWhole) ?? best;
    const dot = segment.lastIndexOf('.');
    if (dot < 0) return best;
    const extension = segment.slice(dot);
    const suffixed = firstAbove(this.bySuffix.get(extension), lineOf(best), ({ rule, suffix }) => segment.endsWith(suffix) && accepts(rule.pattern, depth + 1, total));
    best = suffixed?.rule ?? best;
    return firstAbove(this.byRequiredExtension.get(extension), lineOf(best), ownsWhole) ?? best;
  }
}

function lineOf(rule: { line: number } | undefined): number {
  return rule ? rule.line : 0;
}

/**
 * In a bucket sorted by descending line, the first entry above `bestLine`
 * that `owns` the path. The scan stops at `bestLine`: nothing below can win.
 */
function firstAbove<Entry extends { line: number }>(bucket: readonly Entry[] | undefined, bestLine: number, owns: (entry: Entry) => boolean): Entry | undefined {
  if (!bucket) return undefined;
  for (const entry of bucket) {
    if (entry.line <= bestLine) return undefined;
    if (owns(entry)) return entry;
  }
  return undefined;
}

function pushTo<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * For a segment that is `*` followed only by literal characters holding a
 * dot (`*.js`, `*.test.ts`), those characters: a matching path segment ends
 * with them, so it has the same extension.
 */
function extensionSuffix(segment: PatternSegment): string | undefined {
  if (segment.kind !== 'glob') return undefined;
  const { codes } = segment;
  if (codes.length < 2 || codes[0] !== STAR) return undefined;
  let text = '';
  for (let index = 1; index < codes.length; index++) {
    if (codes[index] < 0) return undefined;
    text += String.fromCharCode(codes[index]);
  }
  return text.includes('.') ? text : undefined;
}

/** From the last dot on: the key shared by a suffix and every name ending with it. */
function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf('.'));
}
