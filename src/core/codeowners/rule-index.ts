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
import { pushTo } from '../groups';
import { accepts, matchPattern, type CompiledPattern, type PatternSegment } from './pattern';

/** A rule ready for matching; `payload` is whatever the caller wants back. */
export interface IndexedRule<Payload> {
  line: number;
  pattern: CompiledPattern;
  payload: Payload;
}

/**
 * How a bucket's rule is tried against a path, decided when it is filed:
 * what the bucket's key already proved is not checked again.
 */
const enum Test {
  /** Only the depth is left to check after the segment the bucket is keyed by. */
  Depth,
  /** The segment must end with `suffix`, then only the depth is left. */
  Suffix,
  /** The rest of the pattern, after the literal prefix the bucket is keyed by. */
  AfterPrefix,
  /** The whole pattern against the whole path. */
  Whole,
}

/** One shape for every bucket, so one scan serves them all without a closure per lookup. */
interface Entry<Payload> {
  line: number;
  rule: IndexedRule<Payload>;
  test: Test;
  suffix: string;
}

interface TrieNode<Payload> {
  children: Map<string, TrieNode<Payload>>;
  entries: Entry<Payload>[];
}

function newNode<Payload>(): TrieNode<Payload> {
  return { children: new Map(), entries: [] };
}

export class RuleIndex<Payload> {
  private readonly prefixes: TrieNode<Payload> = newNode();
  private readonly byName = new Map<string, Entry<Payload>[]>();
  private readonly bySuffix = new Map<string, Entry<Payload>[]>();
  private readonly byRequiredName = new Map<string, Entry<Payload>[]>();
  private readonly byRequiredExtension = new Map<string, Entry<Payload>[]>();
  private readonly scanned: Entry<Payload>[] = [];

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
      node.entries.push(entry(rule, literalCount === segments.length ? Test.Depth : Test.AfterPrefix));
      return;
    }

    if (segments.length === 2 && segments[0].kind === 'globstar') {
      const last = segments[1];
      if (last.kind === 'literal') {
        pushTo(this.byName, last.text, entry(rule, Test.Depth));
        return;
      }
      const suffix = extensionSuffix(last);
      if (suffix !== undefined) {
        pushTo(this.bySuffix, extensionOf(suffix), entry(rule, Test.Suffix, suffix));
        return;
      }
    }

    for (let index = segments.length - 1; index >= 0; index--) {
      const segment = segments[index];
      if (segment.kind === 'literal') {
        pushTo(this.byRequiredName, segment.text, entry(rule, Test.Whole));
        return;
      }
    }
    for (const segment of segments) {
      const suffix = extensionSuffix(segment);
      if (suffix !== undefined) {
        pushTo(this.byRequiredExtension, extensionOf(suffix), entry(rule, Test.Whole));
        return;
      }
    }
    this.scanned.push(entry(rule, Test.Whole));
  }

  /** The matching rule with the highest line, if any. `path` is the path's segments. */
  find(path: readonly string[]): IndexedRule<Payload> | undefined {
    let best = this.findByPrefix(path);
    for (let depth = 0; depth < path.length; depth++) best = this.findBySegment(path, depth, best);
    return firstAbove(this.scanned, best, path, 0) ?? best;
  }

  /** The best rule filed under a literal prefix of `path`. */
  private findByPrefix(path: readonly string[]): IndexedRule<Payload> | undefined {
    // Deepest prefix first: its rules are the most specific, usually written
    // late, so the best line found there prunes the shallower buckets.
    const walked: TrieNode<Payload>[] = [];
    for (let node = this.prefixes.children.get(path[0]); node; node = node.children.get(path[walked.length])) {
      walked.push(node);
      if (walked.length === path.length) break;
    }
    let best: IndexedRule<Payload> | undefined;
    for (let depth = walked.length - 1; depth >= 0; depth--) best = firstAbove(walked[depth].entries, best, path, depth + 1) ?? best;
    return best;
  }

  /** `best`, or a later rule filed under the name or extension of the segment at `depth`. */
  private findBySegment(path: readonly string[], depth: number, best: IndexedRule<Payload> | undefined): IndexedRule<Payload> | undefined {
    const segment = path[depth];
    const after = depth + 1;
    best = firstAbove(this.byName.get(segment), best, path, after) ?? best;
    best = firstAbove(this.byRequiredName.get(segment), best, path, after) ?? best;
    const dot = segment.lastIndexOf('.');
    if (dot < 0) return best;
    const extension = segment.slice(dot);
    best = firstAbove(this.bySuffix.get(extension), best, path, after) ?? best;
    return firstAbove(this.byRequiredExtension.get(extension), best, path, after) ?? best;
  }
}

function entry<Payload>(rule: IndexedRule<Payload>, test: Test, suffix = ''): Entry<Payload> {
  return { line: rule.line, rule, test, suffix };
}

/**
 * In a bucket sorted by descending line, the rule of the first entry above
 * `best` that owns the path; `after` is the index of the path segment after
 * the bucket's key. The scan stops at `best`'s line: nothing below can win.
 */
function firstAbove<Payload>(bucket: readonly Entry<Payload>[] | undefined, best: IndexedRule<Payload> | undefined, path: readonly string[], after: number): IndexedRule<Payload> | undefined {
  if (!bucket) return undefined;
  const bestLine = best ? best.line : 0;
  for (const candidate of bucket) {
    if (candidate.line <= bestLine) return undefined;
    if (owns(candidate, path, after)) return candidate.rule;
  }
  return undefined;
}

function owns<Payload>({ rule, test, suffix }: Entry<Payload>, path: readonly string[], after: number): boolean {
  switch (test) {
    case Test.Depth:
      return accepts(rule.pattern, after, path.length);
    case Test.Suffix:
      return path[after - 1].endsWith(suffix) && accepts(rule.pattern, after, path.length);
    case Test.AfterPrefix:
      return matchPattern(rule.pattern, path, after, after);
    case Test.Whole:
      return matchPattern(rule.pattern, path);
  }
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
