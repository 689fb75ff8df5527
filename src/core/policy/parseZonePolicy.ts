import type { Heading, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ZonePolicy } from './model';
import { isZoneHeading } from './headingWords';
import { plainText } from './markdownNodes';
import { ReadContext, startOf } from './readContext';
import { readSection } from './sectionReader';

const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

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

function readPolicy(markdown: string, policy: ZonePolicy): void {
  const ctx = new ReadContext(markdown.replace(/^\uFEFF/, ''), policy.file);
  const tree = markdownParser.parse(ctx.source) as Root;
  const blocks = tree.children;
  const headingIndexes = blocks.flatMap((block, index) => (isZoneSectionHeading(block) ? [index] : []));
  if (headingIndexes.length === 0) return;

  const [start, ...duplicates] = headingIndexes;
  const heading = blocks[start] as Heading;
  const firstLine = startOf(heading).line;
  for (const index of duplicates) {
    ctx.reportAt(blocks[index], 'warning', 'duplicate-section', `A second PM zone section: only the first one (line ${firstLine}) is read.`);
  }
  const endIndex = blocks.findIndex((block, index) => index > start && block.type === 'heading' && block.depth <= heading.depth);
  const section = readSection(blocks.slice(start + 1, endIndex === -1 ? blocks.length : endIndex), ctx);

  policy.defined = true;
  policy.line = firstLine;
  policy.mode = section.settings.mode ?? 'standard';
  policy.mayEdit = section.mayEdit;
  policy.engineeringOnly = section.engineeringOnly;
  policy.pilots = firstOfEach(section.pilots, (pilot) => pilot.handle.toLowerCase(), (pilot, first) =>
    ctx.report({ line: pilot.line, column: 1 }, 'warning', 'duplicate-pilot', `${pilot.handle} is already listed as a pilot PM on line ${first.line}; this entry is ignored.`),
  );
  if (section.pilotsLine !== undefined) policy.pilotsLine = section.pilotsLine;
  policy.ownedFlags = firstOfEach(section.ownedFlags, (flag) => flag.flag, (flag, first) =>
    ctx.report({ line: flag.line, column: 1 }, 'warning', 'duplicate-flag', `The flag \`${flag.flag}\` is already owned by ${first.owner} on line ${first.line}; this entry is ignored.`),
  );
  if (section.settings.styleGuide !== undefined) policy.styleGuide = section.settings.styleGuide;
  if (section.settings.productDri !== undefined) policy.productDri = section.settings.productDri;
  if (section.settings.sourceLocale !== undefined) policy.sourceLocale = section.settings.sourceLocale;
  if (policy.mayEdit.length === 0 && policy.engineeringOnly.length === 0) {
    ctx.reportAt(heading, 'warning', 'empty-zone', 'This PM zone section names no PM-editable and no engineering-only globs, so every file is outside the zone.');
  }
  policy.problems = [...ctx.problems].sort((a, b) => a.line - b.line || a.column - b.column);
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

