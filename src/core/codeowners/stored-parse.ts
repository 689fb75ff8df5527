// A parsed CODEOWNERS file as the policy cache keeps it: its text in place
// of its rules, with each line's needle (below). A file like nuttx's holds
// 16,717 rules; as JSON objects they were most of the cache file (2.5 MB),
// and reading them back, with the garbage they left, most of a guard
// decision that asks for one path's owners. The text is read back as one
// string, or, from a held file whose bytes are its characters, a line at a
// time as lookups ask (`TextParts`, policyCache.ts), and the rules are
// parsed from it the first time anything asks for them, by the same parse.
//
// Before that, a lookup goes through the lines from the last one up
// (`TextScan`), as rule-scan.ts goes through parsed rules: a line is read
// as a rule only when the path holds its needle, the longest run of plain
// characters of its pattern (`literalNeedle`), and the rule it gives is the
// one the parse gives for that line (`githubRuleAt`, the parse's own
// reading, problems aside). The needles are worked out when the entry is
// written, so a lookup reads no line the path cannot match. A long file's
// are kept grouped by needle and sorted (`needleIndexOf`): a lookup finds
// the lines whose needle the path holds by looking up each run of
// characters within the path's parts, instead of going through every
// line's needle. A file of up to LINES_GONE_THROUGH lines, or one where
// that grouping cannot be made, keeps one needle a line, gone through.
// GitLab's sections keep to the parsed rules.

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
  /** One per line of `text`, joined by `\n`: its needle, '' for a rule to try on every path, `/` for a line with no rule. Absent where `byNeedle` is kept. */
  needles?: string;
  /** The lines by needle (`needleIndexOf`), kept in place of `needles` where they can be. */
  byNeedle?: string;
}

/** A needle never holds a `/`: this one marks a line with no pattern (blank or comment). */
const NO_RULE = '/';

/** The text of a parse read back from a cache, with its needles: as parse.ts keeps a parse's text, by a shared symbol, so that any bundle finds it. */
const STORED = Symbol.for('pm-zone.codeowners.stored-text');

type StoredText = ({ readonly text: string; needles: string; byNeedle?: undefined } | { readonly text: string; byNeedle: string; needles?: undefined }) & {
  /** Where the text is read a line at a time as lookups need them; `text` then reads it whole, once. */
  parts?: TextParts;
};

/**
 * A stored text read in parts: a held file whose bytes are its characters
 * (policyCache.ts), of which a lookup reads the few lines it tries. Each
 * throws where the file is not as it was found good any more: what was
 * found good cannot be read back.
 */
export interface TextParts {
  /** The line that starts at `start`, without its line break. */
  lineFrom(start: number): string;
  /** The whole text. */
  whole(): string;
}

/** What to write to a cache for `parsed`: its text in place of its rules when the text is known, else `parsed` itself. */
export function toStored(parsed: ParsedCodeowners): ParsedCodeowners | StoredCodeowners {
  const stored = storedText(parsed);
  const text = parsedText(parsed) ?? stored?.text;
  if (text === undefined) return parsed;
  const byNeedle = stored?.byNeedle ?? (lineCount(text) > LINES_GONE_THROUGH ? needleIndexOf(text, stored?.needles) : undefined);
  const lookup = byNeedle !== undefined ? { byNeedle } : { needles: stored?.needles ?? needlesOf(text) };
  return { file: parsed.file, flavor: parsed.flavor, sections: parsed.sections, problems: parsed.problems, text, ...lookup };
}

/**
 * Lines up to which a file keeps its needles, one a line, and a lookup goes
 * through every one, instead of looking up each run of the path's
 * characters by needle. A path has a hundred runs or more, each looked up
 * by halving the records; a needle is one `includes`. Measured on real
 * files (riot's 153 lines, metamask-core's 368, esphome's 492), going
 * through every needle is 11-25x cheaper a path, and a process that asks
 * for two paths of the sample's 19 lines answers in 1.3 ms instead of 3.2,
 * mostly by running less code once. The records pay only where splitting
 * the text into its lines is itself the cost: nuttx's 16,819 lines.
 */
const LINES_GONE_THROUGH = 1024;

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

let lastNeedles: { text: string; needles: string } | undefined;

/**
 * The lines of `text` grouped by needle, for a lookup that finds a path's
 * candidate lines without going through every needle: the count of lines,
 * then one record a needle, `needle line.start line.start …` (each line's
 * number and the offset in `text` where it starts, from the last line up),
 * the records sorted by needle in code-unit order, all joined by `\n`.
 * Lines with no rule are left out; the rules to try on every path are the
 * record of the needle ''. Undefined where a needle holds a blank or a `/`
 * (a pattern never does: it ends at a blank, and a needle at a `/`) or the
 * file is refused whole (no rule is read from it): the needles are kept
 * then, and lookups go through every one.
 */
export function needleIndexOf(text: string, needles?: string): string | undefined {
  // The working tree's entry and the last commit's are written from the same text, as a rule.
  if (lastIndex?.text === text && lastIndex.needles === needles) return lastIndex.byNeedle;
  const byNeedle = indexOfNeedles(text, needles ?? needlesOf(text));
  lastIndex = { text, needles, byNeedle };
  return byNeedle;
}

let lastIndex: { text: string; needles: string | undefined; byNeedle: string | undefined } | undefined;

function indexOfNeedles(text: string, needles: string): string | undefined {
  const lines = ruleLines(text);
  const each = needles.split('\n');
  if (!lines || lines.length !== each.length) return undefined;
  const byNeedle = new Map<string, string[]>();
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const starts: number[] = [];
  for (const line of lines) {
    starts.push(start);
    start += line.length + 1;
  }
  for (let at = each.length - 1; at >= 0; at--) {
    const needle = each[at];
    if (needle === NO_RULE) continue;
    if (/[\t\n /]/.test(needle)) return undefined;
    let found = byNeedle.get(needle);
    if (!found) byNeedle.set(needle, (found = []));
    found.push(`${at + 1}.${starts[at]}`);
  }
  return [String(lines.length), ...[...byNeedle.keys()].sort(codeUnitOrder).map((needle) => `${needle} ${byNeedle.get(needle)!.join(' ')}`)].join('\n');
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A parse read back from a cache: one written by `toStored` gives its rules
 * when first asked (parsed from its text), one written whole is itself;
 * anything else is undefined.
 */
export function fromStored(value: unknown, parts?: TextParts): ParsedCodeowners | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stored = value as Partial<StoredCodeowners> & { rules?: unknown };
  if (typeof stored.file !== 'string' || (stored.flavor !== 'github' && stored.flavor !== 'gitlab') || !Array.isArray(stored.sections) || !Array.isArray(stored.problems)) return undefined;
  if (stored.text === undefined && parts === undefined) return Array.isArray(stored.rules) ? (value as ParsedCodeowners) : undefined;
  // One of the two forms of lookup, and only one; the text, or the parts it is read from, and only one.
  const lookup = stored.needles === undefined ? stored.byNeedle : stored.byNeedle === undefined ? stored.needles : undefined;
  if ((parts === undefined ? typeof stored.text !== 'string' : stored.text !== undefined) || typeof lookup !== 'string') return undefined;
  const { file, flavor, sections, problems, needles, byNeedle } = stored as StoredCodeowners;
  let text = stored.text;
  const textNow = () => (text ??= parts!.whole());
  let rules: CodeownersRule[] | undefined;
  const parsed: ParsedCodeowners = {
    file,
    flavor,
    get rules() {
      rules ??= parseCodeowners(textNow(), { file, flavor }).rules;
      return rules;
    },
    sections,
    problems,
  };
  // Read in parts, the text is read whole only when something asks for all of it: the rules, or an entry written from this parse.
  const read: StoredText = byNeedle !== undefined ? { text: '', byNeedle } : { text: '', needles: needles! };
  Object.defineProperty(read, 'text', { get: textNow, enumerable: true });
  if (text === undefined) read.parts = parts;
  Object.defineProperty(parsed, STORED, { value: read });
  return parsed;
}

/** The text and needles of a parse read back from a cache, whose lookups `TextScan` can answer; undefined for any other. */
export function storedText(parsed: ParsedCodeowners): StoredText | undefined {
  const stored = (parsed as { [STORED]?: StoredText })[STORED];
  // Read in parts, its text is not read to be looked at.
  return stored && (stored.parts !== undefined || typeof stored.text === 'string') && (typeof stored.needles === 'string' || typeof stored.byNeedle === 'string') ? stored : undefined;
}

interface ReadLines {
  /** The line of the text that starts at `start`, without its line break. */
  lineFrom(start: number): string;
  /** The lines by needle (`needleIndexOf`) when the entry keeps them: where its records start (after the count of lines). */
  byNeedle: { index: string; from: number } | undefined;
  /** Lines in the text. */
  count: number;
  /** Without `byNeedle`: the text's lines (null when the file is refused whole: no rules), and per line its needle (`NO_RULE` for a line with no pattern). */
  lines: string[] | null;
  needles: string[];
  /**
   * Per line (from 0), filled as a lookup first needs it: the parse's rule and its pattern, or null for a line the parse skips.
   * A map, not an array of every line: a lookup reads a few lines of nuttx's 16,819, and an array that size was copied by
   * each young-generation collection the command paid.
   */
  rules: Map<number, { rule: CodeownersRule; pattern: CompiledPattern } | null>;
  /** The winning rule of each path looked up so far (null: none), as the last decision's two policies ask the same path of one parse. */
  found: Map<string, CodeownersRule | null>;
}

/** Paths whose answer is kept, per parse: a guard decision asks a few. */
const FOUND_KEPT = 256;

/** Runs of characters a path's parts may hold for its candidate lines to be looked up one by one; past them, every record is read. */
const MAX_RUNS_LOOKED_UP = 2048;

/** Two matchers of one parse (the working tree's policy and the last commit's, read from one cache) share what they read of it. */
const readByParse = new WeakMap<ParsedCodeowners, ReadLines>();

/** The winning GitHub rule of a path, from the last line of a CODEOWNERS text up. */
export class TextScan {
  private readonly read: ReadLines;
  /** How many lines (and needles looked up) the lookups so far went through. */
  scanned = 0;

  constructor(parsed: ParsedCodeowners, stored: StoredText) {
    let read = readByParse.get(parsed);
    if (!read) {
      read = readOf(stored);
      readByParse.set(parsed, read);
    }
    this.read = read;
  }

  /** Lines in the text: what an index would be paid for by. */
  get size(): number {
    return this.read.count;
  }

  /** The matching rule with the highest line, if any: `path` as asked, `segments` its segments. */
  find(path: string, segments: readonly string[]): CodeownersRule | undefined {
    // The answer is the text's and the path's alone (`segments` are the path's): one looked up before is not looked up again.
    const known = this.read.found.get(path);
    if (known !== undefined) return known ?? undefined;
    const rule = this.read.byNeedle ? this.byNeedle(path, segments, this.read.byNeedle) : this.scan(path, segments);
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
      let rule = rules.get(at);
      if (rule === undefined) {
        const lines = this.read.lines;
        rule = lines ? (githubRuleAt(withoutCR(lines[at]), at + 1) ?? null) : null;
        rules.set(at, rule);
      }
      if (rule && matchPattern(rule.pattern, segments)) return rule.rule;
    }
    return undefined;
  }

  /**
   * As `scan`, over the lines it would try alone: those whose needle is ''
   * or held in the path. A needle holds no `/`, so it is held in the path
   * exactly when it is one of the runs of characters within one of the
   * path's `/`-separated parts: each is looked up in the records, or, for a
   * path with too many, every record is read.
   */
  private byNeedle(path: string, segments: readonly string[], { index, from }: { index: string; from: number }): CodeownersRule | undefined {
    const runs = runsOf(path);
    // Each candidate line's number and where it starts; from the last line up once sorted.
    const candidates: number[] = [];
    const take = (entries: string) => {
      for (let at = 0; at < entries.length; ) {
        let end = entries.indexOf(' ', at);
        if (end < 0) end = entries.length;
        const dot = entries.indexOf('.', at);
        candidates.push(Number(entries.slice(at, dot)), Number(entries.slice(dot + 1, end)));
        at = end + 1;
      }
    };
    if (runs) {
      for (const run of runs) {
        this.scanned++;
        const entries = recordOf(index, from, run);
        if (entries !== undefined) take(entries);
      }
    } else {
      for (let start = from; start < index.length; ) {
        this.scanned++;
        let end = index.indexOf('\n', start);
        if (end < 0) end = index.length;
        const space = index.indexOf(' ', start);
        if (space === start || path.includes(index.slice(start, space))) take(index.slice(space + 1, end));
        start = end + 1;
      }
    }
    const order = Array.from({ length: candidates.length / 2 }, (_, at) => at).sort((a, b) => candidates[2 * b] - candidates[2 * a]);
    const { lineFrom, rules } = this.read;
    for (const at of order) {
      this.scanned++;
      const line = candidates[2 * at];
      let rule = rules.get(line - 1);
      if (rule === undefined) {
        rule = githubRuleAt(withoutCR(lineFrom(candidates[2 * at + 1])), line) ?? null;
        rules.set(line - 1, rule);
      }
      if (rule && matchPattern(rule.pattern, segments)) return rule.rule;
    }
    return undefined;
  }
}

/** What a lookup reads of a stored text: its lines by needle, else its lines and needles split (needles that are not one a line, from a cache file written otherwise, worked out again). */
function readOf(stored: StoredText): ReadLines {
  if (stored.byNeedle !== undefined) {
    const header = stored.byNeedle.indexOf('\n');
    const count = Number(header < 0 ? stored.byNeedle : stored.byNeedle.slice(0, header));
    if (Number.isSafeInteger(count) && count > 0) {
      const text = stored.parts ? undefined : stored.text;
      const lineFrom = text === undefined ? (start: number) => stored.parts!.lineFrom(start) : (start: number) => lineAt(text, start);
      return { lineFrom, byNeedle: { index: stored.byNeedle, from: header < 0 ? stored.byNeedle.length : header + 1 }, count, lines: null, needles: [], rules: new Map(), found: new Map() };
    }
  }
  // Gone through line by line: the whole text.
  const text = stored.text;
  let needles = stored.needles?.split('\n') ?? [];
  const lines = ruleLines(text) ?? null;
  if (needles.length !== (lines ? lines.length : lineCount(text))) needles = needlesOf(text).split('\n');
  return { lineFrom: (start) => lineAt(text, start), byNeedle: undefined, count: needles.length, lines, needles, rules: new Map(), found: new Map() };
}

/** The line of `text` that starts at `start`, without its line break. */
export function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Every run of characters within one of the path's `/`-separated parts, '' among them; undefined past MAX_RUNS_LOOKED_UP. */
function runsOf(path: string): Set<string> | undefined {
  const runs = new Set<string>(['']);
  let count = 0;
  for (let start = 0; start <= path.length; ) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    const length = end - start;
    count += (length * (length + 1)) / 2;
    if (count > MAX_RUNS_LOOKED_UP) return undefined;
    for (let first = start; first < end; first++) for (let last = first + 1; last <= end; last++) runs.add(path.slice(first, last));
    start = end + 1;
  }
  return runs;
}

/** The entries of `needle`'s record (`line.start …`), by halving the records sorted by needle; undefined when there is none. */
function recordOf(index: string, from: number, needle: string): string | undefined {
  let low = from;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = Math.max(low, index.lastIndexOf('\n', middle - 1) + 1);
    const space = index.indexOf(' ', start);
    if (space < 0) return undefined;
    const end = index.indexOf('\n', space);
    const key = index.slice(start, space);
    if (key === needle) return index.slice(space + 1, end < 0 ? index.length : end);
    if (key < needle) low = end < 0 ? index.length : end + 1;
    else high = start;
  }
  return undefined;
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
