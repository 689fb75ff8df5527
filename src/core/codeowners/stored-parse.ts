// A parsed CODEOWNERS file as the policy cache keeps it: its text in place
// of its rules, with each line's needle (below). A file like nuttx's holds
// 16,717 rules; as JSON objects they were most of the cache file (2.5 MB),
// and reading them back, with the garbage they left, most of a guard
// decision that asks for one path's owners. The text is read back as one
// string, and the rules are parsed from it the first time anything asks
// for them, by the same parse.
//
// Before that, a lookup goes through the lines from the last one up
// (`TextScan`), as rule-scan.ts goes through parsed rules: a line is read
// as a rule only when the path holds its needle, the longest run of plain
// characters of its pattern (`literalNeedle`), and the rule it gives is the
// one the parse gives for that line (`githubRuleAt`, the parse's own
// reading, problems aside). The needles are worked out when the entry is
// written, so a lookup reads no line the path cannot match. GitLab's
// sections keep to the parsed rules.

import { withoutCR } from '../text/lines';
import type { Problem } from '../types';
import { rulePattern } from './line-tokens';
import type { CodeownersFlavor, CodeownersRule, GitlabSection, ParsedCodeowners } from './model';
import { githubRuleAt, parseCodeowners, parsedText, ruleLines } from './parse';
import { matchPattern, type CompiledPattern } from './pattern';
import { literalNeedle } from './rule-scan';

/** What a cache keeps of a parse. */
export interface StoredCodeowners {
  file: string;
  flavor: CodeownersFlavor;
  sections: GitlabSection[];
  problems: Problem[];
  /** The text the rules are parsed from. */
  text: string;
  /** One per line of `text`, joined by `\n`: its needle, '' for a rule to try on every path, `/` for a line with no rule. */
  needles: string;
}

/** A needle never holds a `/`: this one marks a line with no pattern (blank or comment). */
const NO_RULE = '/';

/** The text of a parse read back from a cache, with its needles: as parse.ts keeps a parse's text, by a shared symbol, so that any bundle finds it. */
const STORED = Symbol.for('pm-zone.codeowners.stored-text');

interface StoredText {
  text: string;
  needles: string;
}

/** What to write to a cache for `parsed`: its text in place of its rules when the text is known, else `parsed` itself. */
export function toStored(parsed: ParsedCodeowners): ParsedCodeowners | StoredCodeowners {
  const stored = storedText(parsed);
  const text = parsedText(parsed) ?? stored?.text;
  if (text === undefined) return parsed;
  return { file: parsed.file, flavor: parsed.flavor, sections: parsed.sections, problems: parsed.problems, text, needles: stored?.needles ?? needlesOf(text) };
}

/** Each line's needle, as `StoredCodeowners.needles` holds them. */
export function needlesOf(text: string): string {
  // The working tree's entry and the last commit's are written from the same text, as a rule.
  if (lastNeedles?.text === text) return lastNeedles.needles;
  const needles = (ruleLines(text) ?? []).map((line) => {
    const pattern = rulePattern(withoutCR(line));
    return pattern === undefined ? NO_RULE : literalNeedle(pattern);
  }).join('\n');
  lastNeedles = { text, needles };
  return needles;
}

let lastNeedles: StoredText | undefined;

/**
 * A parse read back from a cache: one written by `toStored` gives its rules
 * when first asked (parsed from its text), one written whole is itself;
 * anything else is undefined.
 */
export function fromStored(value: unknown): ParsedCodeowners | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stored = value as Partial<StoredCodeowners> & { rules?: unknown };
  if (typeof stored.file !== 'string' || (stored.flavor !== 'github' && stored.flavor !== 'gitlab') || !Array.isArray(stored.sections) || !Array.isArray(stored.problems)) return undefined;
  if (stored.text === undefined) return Array.isArray(stored.rules) ? (value as ParsedCodeowners) : undefined;
  if (typeof stored.text !== 'string' || typeof stored.needles !== 'string') return undefined;
  const { file, flavor, sections, problems, text, needles } = stored as StoredCodeowners;
  let rules: CodeownersRule[] | undefined;
  const parsed: ParsedCodeowners = {
    file,
    flavor,
    get rules() {
      rules ??= parseCodeowners(text, { file, flavor }).rules;
      return rules;
    },
    sections,
    problems,
  };
  Object.defineProperty(parsed, STORED, { value: { text, needles } satisfies StoredText });
  return parsed;
}

/** The text and needles of a parse read back from a cache, whose lookups `TextScan` can answer; undefined for any other. */
export function storedText(parsed: ParsedCodeowners): StoredText | undefined {
  const stored = (parsed as { [STORED]?: StoredText })[STORED];
  return stored && typeof stored.text === 'string' && typeof stored.needles === 'string' ? stored : undefined;
}

interface ReadLines {
  text: string;
  /** The text's lines; null when the file is refused whole (no rules). */
  lines: string[] | null;
  /** Per line: its needle (`NO_RULE` for a line with no pattern). A file refused whole has needles, but no lines to read a rule from. */
  needles: string[];
  /** Per line, filled as a lookup first needs it: the parse's rule and its pattern, or null for a line the parse skips. */
  rules: ({ rule: CodeownersRule; pattern: CompiledPattern } | null | undefined)[];
  /** The winning rule of each path looked up so far (null: none), as the last decision's two policies ask the same path of one parse. */
  found: Map<string, CodeownersRule | null>;
}

/** Paths whose answer is kept, per parse: a guard decision asks a few. */
const FOUND_KEPT = 256;

/** Two matchers of one parse (the working tree's policy and the last commit's, read from one cache) share what they read of it. */
const readByParse = new WeakMap<ParsedCodeowners, ReadLines>();

/** The winning GitHub rule of a path, from the last line of a CODEOWNERS text up. */
export class TextScan {
  private readonly read: ReadLines;
  /** How many lines the lookups so far went through. */
  scanned = 0;

  constructor(parsed: ParsedCodeowners, stored: StoredText) {
    let read = readByParse.get(parsed);
    if (!read) {
      // Needles that are not one a line (a cache file written otherwise) are worked out again. The
      // lines are split now, as the first lookup reads one: their count is the text's.
      let needles = stored.needles.split('\n');
      const lines = ruleLines(stored.text) ?? null;
      if (needles.length !== (lines ? lines.length : lineCount(stored.text))) needles = needlesOf(stored.text).split('\n');
      read = { text: stored.text, lines, needles, rules: new Array(needles.length), found: new Map() };
      readByParse.set(parsed, read);
    }
    this.read = read;
  }

  /** Lines in the text: what an index would be paid for by. */
  get size(): number {
    return this.read.needles.length;
  }

  /** The matching rule with the highest line, if any: `path` as asked, `segments` its segments. */
  find(path: string, segments: readonly string[]): CodeownersRule | undefined {
    // The answer is the text's and the path's alone (`segments` are the path's): one looked up before is not looked up again.
    const known = this.read.found.get(path);
    if (known !== undefined) return known ?? undefined;
    const rule = this.scan(path, segments);
    if (this.read.found.size >= FOUND_KEPT) this.read.found.clear();
    this.read.found.set(path, rule ?? null);
    return rule;
  }

  private scan(path: string, segments: readonly string[]): CodeownersRule | undefined {
    const { needles, rules } = this.read;
    for (let at = needles.length - 1; at >= 0; at--) {
      this.scanned++;
      const needle = needles[at];
      if (needle === NO_RULE || (needle && !path.includes(needle))) continue;
      let rule = rules[at];
      if (rule === undefined) {
        const lines = this.read.lines;
        rule = rules[at] = lines ? (githubRuleAt(withoutCR(lines[at]), at + 1) ?? null) : null;
      }
      if (rule && matchPattern(rule.pattern, segments)) return rule.rule;
    }
    return undefined;
  }
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
