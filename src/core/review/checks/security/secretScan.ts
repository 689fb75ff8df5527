// Added lines searched for credentials, a block of consecutive lines at a
// time: the change's own (secrets.ts) and each commit's (historySecrets.ts).
import type { Finding } from '../../../types';
import type { AddedLine } from '../../model';
import { redactSecret } from '../../redact';
import { LineIndex } from '../contentSupport';
import { isTestOrFixture } from '../testFiles';
import { isCopyStringsFile } from './pii';
import { quickScreen, type QuickScreen } from './quickScreen';
import { extensionOf, matchAll } from './scan';
import { SECRET_RULES, adviceOf, isCredential, type MatchContext, type SecretRule } from './secretRules';

export const CHECK_ID = 'security.secret';
/** Source code, where values are expressions unless quoted. */
const CODE = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte', '.py', '.rb', '.go', '.java', '.kt', '.cs', '.php', '.swift']);

/** One credential found: the finding the change reports, and what another report of the same secret needs. */
export interface SecretHit {
  finding: Finding;
  /** The value itself: compared, never shown. */
  secret: string;
  /** "GitHub token", or "hard-coded secret for `apiKey`". */
  what: string;
  /** The value redacted, as findings show it. */
  shown: string;
}

/** The text around the added lines, as far as it is known: a whole file, or the lines a patch shows. */
export interface LineSource {
  /** Up to `count` lines from the 1-based line `from`. */
  slice(from: number, count: number): string[];
  /** The text a rule's `fileTest` is tried on. */
  whole(): string;
}

/** A source over the whole text of a file, split into lines on first use. */
export function textSource(text: () => string[], whole: () => string): LineSource {
  return { slice: (from, count) => text().slice(from - 1, from - 1 + count), whole };
}

/** Credentials in a file's added lines. `prose`: text people read (translated copy, a commit message), where the generic rules stay out. */
export function scanAddedLines(path: string, added: readonly AddedLine[], source: LineSource, prose = isCopyStringsFile(path)): SecretHit[] {
  if (added.length === 0) return [];
  return scanBlocks(path, consecutiveBlocks(added), source, prose);
}

/**
 * `scanAddedLines` of the lines the blocks hold, given as `consecutiveBlocks`
 * makes them (the diff store reads them from where the lines are in the new
 * text, without making each line).
 */
export function scanBlocks(path: string, blocks: readonly Block[], source: LineSource, prose = isCopyStringsFile(path)): SecretHit[] {
  if (blocks.length === 0) return [];
  const options: BlockOptions = {
    inCopy: prose,
    inCode: CODE.has(extensionOf(path)),
    following: (line) => source.slice(line + 1, 3),
    nearby: (line) => {
      const from = Math.max(1, line - NEARBY);
      return source.slice(from, line + NEARBY - from + 1);
    },
    fileMatches: memoized((test) => test.test(source.whole())),
  };
  return blocks.flatMap((block) => scanBlock(path, block, options));
}

function memoized(test: (pattern: RegExp) => boolean): (pattern: RegExp) => boolean {
  const seen = new Map<RegExp, boolean>();
  return (pattern) => {
    let result = seen.get(pattern);
    if (result === undefined) seen.set(pattern, (result = test(pattern)));
    return result;
  };
}

/** Lines either side of a match that a rule may look at (an AWS key id beside its secret key). */
const NEARBY = 4;

/** Blocks stay small enough for a rule's quick test to rule most of them out. */
export const MAX_BLOCK_CHARS = 8_192;

/** Consecutive added lines, joined: each rule searches a block once instead of every line on its own. */
export interface Block {
  firstLine: number;
  text: string;
}

/** Consecutive added lines joined with LF, a block cut after the line that took it past `maxChars`. */
export function consecutiveBlocks(added: readonly AddedLine[], maxChars = MAX_BLOCK_CHARS): Block[] {
  const blocks: Block[] = [];
  let pending: AddedLine[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.map((line) => line.text).join('\n');
    blocks.push({ firstLine: pending[0].line, text });
    pending = [];
  };
  let size = 0;
  for (const line of added) {
    if (pending.length > 0 && (line.line !== pending[pending.length - 1].line + 1 || size > maxChars)) {
      flush();
      size = 0;
    }
    pending.push(line);
    size += line.text.length + 1;
  }
  flush();
  return blocks;
}

export interface BlockOptions {
  /** The file is translated copy, prose: the generic rules stay out. */
  inCopy?: boolean;
  /** The file is source code. */
  inCode?: boolean;
  /** The lines after a 1-based line of the new text. */
  following?: (line: number) => string[];
  /** The lines around a 1-based line of the new text. */
  nearby?: (line: number) => string[];
  /** Whether the whole new text of the file matches a rule's `fileTest`. */
  fileMatches?: (test: RegExp) => boolean;
}

/**
 * Which rules' quick tests could match in a block, read in one pass over it
 * (`quickScreen.ts`): most blocks of a large change (a translation drop) hold
 * the beginning of no provider's prefix, and one reading of the block says so
 * where eighty searches would. A test the screen cannot read (a backreference,
 * a lookaround, a state-keeping flag) is always tried on its own.
 */
let builtScreen: QuickScreen | undefined;
/**
 * Built once a process has scanned this many characters of blocks: before
 * that every quick test is tried, which on a small change (a one-line
 * review) costs less than building the screen (some 5 ms, a tenth of
 * node's start). The findings are the same either way: the screen only
 * leaves out tests that would not have matched.
 */
let screenAfterCharacters = 32 * 1024;
let scannedWithoutScreen = 0;

/** The screen for a block about to be scanned, once enough text has been scanned without it. */
function screenFor(text: string): QuickScreen | undefined {
  if (builtScreen) return builtScreen;
  scannedWithoutScreen += text.length;
  if (scannedWithoutScreen <= screenAfterCharacters) return undefined;
  builtScreen = quickScreen(SECRET_RULES.flatMap((rule) => (rule.quickTest ? [rule.quickTest] : [])));
  return builtScreen;
}

/** For tests: drop the screen and build it again after `characters` of blocks (0: from the next block on; Infinity: never). */
export function resetQuickScreen(characters: number): void {
  builtScreen = undefined;
  scannedWithoutScreen = 0;
  screenAfterCharacters = characters;
}

/** Credentials in a block of lines: each span of text is reported by the first rule that matches it. */
export function scanBlock(path: string, block: Block, options: BlockOptions = {}): SecretHit[] {
  const taken: [number, number][] = [];
  const hits: SecretHit[] = [];
  let inTest: boolean | undefined;
  let lines: LineIndex | undefined;
  let candidates: Set<RegExp> | undefined;
  const screen = screenFor(block.text);
  const passesScreen = (test: RegExp): boolean => !screen || !screen.screened.has(test) || (candidates ??= screen.candidates(block.text)).has(test);
  // By index: a for…of makes an iterator result for each of the 88 rules in each of a drop's thousands of blocks.
  for (let index = 0; index < SECRET_RULES.length; index++) {
    const rule = SECRET_RULES[index];
    if ((rule.notInCopy && options.inCopy) || (rule.notInCode && options.inCode)) continue;
    // Both tests only rule a block out; the block's own, cheaper, comes before the whole file's.
    if (rule.quickTest && !(passesScreen(rule.quickTest) && rule.quickTest.test(block.text))) continue;
    if (rule.fileTest && !options.fileMatches?.(rule.fileTest)) continue;
    for (const match of matchAll(rule.pattern, block.text)) {
      const secret = rule.group === undefined ? match.text : match.groups[rule.group];
      const start = rule.group === undefined ? match.start : match.groupStarts[rule.group];
      if (secret === undefined || start === undefined) continue;
      const end = start + secret.length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      // Where lines start is worked out only for a block something matched in: most blocks match nothing.
      const position = (lines ??= new LineIndex(block.text)).positionOf(start);
      const line = block.firstLine + position.line - 1;
      const lineEnd = block.text.indexOf('\n', match.start);
      const name = rule.nameGroup === undefined ? undefined : match.groups[rule.nameGroup];
      const around: MatchContext = {
        after: block.text.slice(match.start + match.text.length, lineEnd < 0 ? undefined : lineEnd),
        get following() { return options.following?.(line) ?? []; },
        get nearby() { return options.nearby?.(line) ?? block.text.split('\n'); },
      };
      if (!isCredential(rule, secret, around, name)) continue;
      taken.push([start, end]);
      hits.push(toHit(rule, path, line, position.column, secret, name, (inTest ??= isTestOrFixture(path))));
    }
  }
  return hits.sort((a, b) => (a.finding.line ?? 0) - (b.finding.line ?? 0) || (a.finding.column ?? 0) - (b.finding.column ?? 0));
}

/**
 * A test's `password: "Sup3rSecret!"` is a fixture: a value under a secret's
 * name warns there, and so does a Stripe test-mode key. A provider's live
 * token still blocks in a test: its shape says it opens something.
 */
function toHit(rule: SecretRule, path: string, line: number, column: number, secret: string, name: string | undefined, inTest: boolean): SecretHit {
  const shown = rule.shown ? rule.shown(secret) : redactSecret(secret, rule.prefix?.exec(secret)?.[0]);
  const what = name ? `${rule.kind} for \`${name}\`` : rule.kind;
  const fixture = inTest && rule.warnsInTests === true;
  const severity = fixture ? 'warning' : rule.grade ? rule.grade(secret) : rule.severity;
  const unconfirmed = severity !== rule.severity && !fixture ? ' (its checksum does not hold, so it is probably a made-up sample)' : '';
  const advice = fixture ? `in a test or fixture, where it is probably made up; if it is real, ${adviceOf(rule)}` : `— ${adviceOf(rule)}`;
  return {
    secret,
    what,
    shown,
    finding: {
      check: CHECK_ID,
      severity,
      blocking: severity === 'error',
      file: path,
      line,
      column,
      message: `Possible ${what} \`${shown}\` added${unconfirmed} ${advice}`,
    },
  };
}
