import type { Heading, Node, Parent, RootContent } from 'mdast';
import type { Problem } from '../types';
import { MAX_POLICY_FILE_BYTES } from '../defaults';
import type { GlobRule, ZonePolicy } from './model';
import { isZoneHeading } from './headingWords';
import { parseMarkdown, plainText } from '../text/markdown';
import { ReadContext, startOf } from './readContext';
import { engineeringOnlyLines } from './lineReader';
import { locateZoneSection, type LocatedSection, type SectionRange } from './sectionLocator';
import { readSection } from './sectionReader';
import { withinPatternBudget } from './patternBudget';

function isZoneSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth <= 3 && isZoneHeading(plainText(node));
}

/**
 * The `## PM zone` section of CLAUDE.md, as understood, with what could not
 * be understood as problems. Never throws: a CLAUDE.md is written by people.
 */
export function parseZonePolicy(markdown: string, file = 'CLAUDE.md'): ZonePolicy {
  const policy: ZonePolicy = { file, defined: false, mode: 'standard', mayEdit: [], engineeringOnly: [], pilots: [], ownedFlags: [], problems: [] };
  try {
    readPolicy(typeof markdown === 'string' ? markdown : '', policy);
  } catch (error) {
    policy.problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      kind: 'internal-error',
      message: `PM Zone could not read this file: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return policy;
}

export { MAX_POLICY_FILE_BYTES };
/** Larger than this and without an ATX `## PM zone` heading, the file is not given to the markdown parser whole. */
const MAX_FULL_PARSE_BYTES = 1024 * 1024;
/** A section longer than this is not given to the markdown parser (remark needs seconds for 40,000 list items). */
export const MAX_SECTION_LINES = 5_000;
/** More globs than this in one list are a generated file gone wrong: PM-editable ones past it are dropped (narrower). */
export const MAX_RULES = 10_000;

function readPolicy(markdown: string, policy: ZonePolicy): void {
  const text = markdown.replace(/^\uFEFF/, '');
  if (text.length > MAX_POLICY_FILE_BYTES) {
    policy.problems.push(fileProblem(policy.file, 'file-too-large', `${policy.file} is ${(text.length / 1024 / 1024).toFixed(1)} MB; PM Zone reads policy files of up to ${MAX_POLICY_FILE_BYTES / 1024 / 1024} MB, so no PM zone is read and nothing is PM-editable. Keep the PM zone section in a smaller file.`));
    return;
  }
  const located = locateZoneSection(text, policy.file);
  if (!located && text.length > MAX_FULL_PARSE_BYTES) return;
  const ctx = new ReadContext(text, policy.file);
  ctx.problems.push(...(located?.problems ?? []));
  if (located && located.lineCount > MAX_SECTION_LINES) {
    readOversizedSection(located, ctx, policy);
  } else {
    const blocks = located ? parseRange(located) : parseMarkdown(text).children;
    readSectionOf(blocks, ctx, policy, located);
  }
  policy.problems = [...ctx.problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

function readSectionOf(blocks: RootContent[], ctx: ReadContext, policy: ZonePolicy, located: LocatedSection | undefined): void {
  const headingIndexes = blocks.flatMap((block, index) => (isZoneSectionHeading(block) ? [index] : []));
  if (headingIndexes.length === 0) return;

  const [start, ...duplicates] = headingIndexes;
  const heading = blocks[start] as Heading;
  const firstLine = startOf(heading).line;
  // The line scan that located the section reported every other zone heading of the file already.
  if (!located) {
    for (const index of duplicates) {
      ctx.reportAt(blocks[index], 'warning', 'duplicate-section', `A second PM zone section: only the first one (line ${firstLine}) is read.`);
    }
  }
  const endIndex = blocks.findIndex((block, index) => index > start && block.type === 'heading' && block.depth <= heading.depth);
  const section = readSection(blocks.slice(start + 1, endIndex === -1 ? blocks.length : endIndex), ctx);

  policy.defined = true;
  policy.line = firstLine;
  policy.mode = section.settings.mode ?? 'standard';
  policy.mayEdit = capped(section.mayEdit, 'PM-editable', ctx);
  policy.engineeringOnly = [...section.engineeringOnly, ...(located?.recovered ? swallowedLocks(located.recovered, policy.file, section.engineeringOnly) : [])];
  withinPatternBudget(policy, ctx);
  policy.pilots = firstOfEach(section.pilots, (pilot) => pilot.handle.toLowerCase(), (pilot, first) =>
    ctx.report({ line: pilot.line, column: 1 }, 'warning', 'duplicate-pilot', `${pilot.handle} is already listed as a pilot PM on line ${first.line}; this entry is ignored.`),
  );
  if (section.pilotsLine !== undefined) policy.pilotsLine = section.pilotsLine;
  if (section.pilotsUnreadable !== undefined) policy.pilotsUnreadable = section.pilotsUnreadable;
  policy.ownedFlags = firstOfEach(section.ownedFlags, (flag) => flag.flag, (flag, first) =>
    ctx.report({ line: flag.line, column: 1 }, 'warning', 'duplicate-flag', `The flag \`${flag.flag}\` is already owned by ${first.owner} on line ${first.line}; this entry is ignored.`),
  );
  if (section.settings.styleGuide !== undefined) policy.styleGuide = section.settings.styleGuide;
  if (section.settings.productDri !== undefined) policy.productDri = section.settings.productDri;
  if (section.settings.sourceLocale !== undefined) policy.sourceLocale = section.settings.sourceLocale;
  if (policy.mayEdit.length === 0 && policy.engineeringOnly.length === 0) {
    ctx.reportAt(heading, 'warning', 'empty-zone', 'This PM zone section names no PM-editable and no engineering-only globs, so every file is outside the zone.');
  }
}

/** The blocks of one range of the file, parsed alone, their positions moved to where they are in the file. */
function parseRange(range: SectionRange): RootContent[] {
  const tree = parseMarkdown(range.text.slice(range.from, range.to));
  shiftPositions(tree, range.firstLine, range.from);
  return tree.children;
}

function shiftPositions(node: Node, lines: number, offset: number): void {
  const { position } = node;
  if (position) {
    position.start = { ...position.start, line: position.start.line + lines, offset: (position.start.offset ?? 0) + offset };
    position.end = { ...position.end, line: position.end.line + lines, offset: (position.end.offset ?? 0) + offset };
  }
  for (const child of (node as Parent).children ?? []) shiftPositions(child, lines, offset);
}

/** Engineering-only globs that an unclosed code fence hid from the markdown parser: they lock all the same. */
function swallowedLocks(recovered: SectionRange, file: string, read: readonly GlobRule[]): GlobRule[] {
  const ctx = new ReadContext(recovered.text, file);
  const blocks = parseRange(recovered);
  const start = blocks.findIndex(isZoneSectionHeading);
  const known = new Set(read.map((rule) => `${rule.line}\0${rule.glob}`));
  return readSection(blocks.slice(start + 1), ctx).engineeringOnly.filter((rule) => !known.has(`${rule.line}\0${rule.glob}`));
}

/**
 * A section too long for the markdown parser: its engineering-only globs are
 * read line by line and all lock; nothing is PM-editable and no pilot is
 * read, until the section is a readable size. Failing closed, and fast.
 */
function readOversizedSection(located: LocatedSection, ctx: ReadContext, policy: ZonePolicy): void {
  policy.defined = true;
  policy.line = located.line;
  policy.engineeringOnly = engineeringOnlyLines(located.text.slice(located.from, located.to).split('\n'), located.line);
  withinPatternBudget(policy, ctx);
  ctx.report({ line: located.line, column: 1 }, 'error', 'section-too-long', `This PM zone section has ${located.lineCount.toLocaleString('en-US')} lines; PM Zone reads sections of up to ${MAX_SECTION_LINES.toLocaleString('en-US')}. Its ${policy.engineeringOnly.length.toLocaleString('en-US')} engineering-only globs were read line by line and all lock; nothing is PM-editable until the section is shorter.`);
}

function capped(rules: GlobRule[], what: string, ctx: ReadContext): GlobRule[] {
  if (rules.length <= MAX_RULES) return rules;
  const first = rules[MAX_RULES];
  ctx.report({ line: first.line, column: 1 }, 'error', 'too-many-rules', `${rules.length.toLocaleString('en-US')} ${what} globs; PM Zone reads the first ${MAX_RULES.toLocaleString('en-US')}, and the rest, from this line on, make nothing PM-editable.`);
  return rules.slice(0, MAX_RULES);
}

function fileProblem(file: string, kind: string, message: string): Problem {
  return { file, line: 1, column: 1, severity: 'error', kind, message };
}

function firstOfEach<T>(items: T[], keyOf: (item: T) => string, onDuplicate: (item: T, first: T) => void): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const first = seen.get(keyOf(item));
    if (first) onDuplicate(item, first);
    else seen.set(keyOf(item), item);
  }
  return [...seen.values()];
}

