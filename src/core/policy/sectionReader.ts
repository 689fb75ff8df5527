import type { List, Paragraph, RootContent, Table } from 'mdast';
import type { GlobRule, OwnedFlag, Pilot, Qualifier } from './model';
import { readGlobList, readGlobTable } from './globItems';
import { classifyTitle, isZoneHeading, type BlockKind } from './headingWords';
import { readItemText } from './listItems';
import { boldLabel, codeSpansIn, linksIn, plainText } from '../text/markdown';
import { readFlagList, readFlagTable } from './flags';
import { readPilotList, readPilotTable } from './pilots';
import { qualifiersIn } from './qualifiers';
import { EMAIL_IN_TEXT, HANDLE_IN_TEXT } from './people';
import { startOf, type ReadContext } from './readContext';
import { readSettingLines, type ZoneSettings } from './settings';

/** What the blocks read so far are under: a known subsection, none yet, or one that was not understood. */
type Current = { kind: BlockKind; inherited: Qualifier[] } | { kind: 'none' } | { kind: 'skipped' };

export interface SectionContent {
  settings: ZoneSettings;
  mayEdit: GlobRule[];
  engineeringOnly: GlobRule[];
  pilots: Pilot[];
  /** Line of the first "Pilot PMs" heading or label. */
  pilotsLine?: number;
  /** Line of a pilot PMs table markdown does not read as a table. */
  pilotsUnreadable?: number;
  ownedFlags: OwnedFlag[];
}

/** Reads the blocks of the PM zone section, below its heading, in order. */
export function readSection(blocks: RootContent[], ctx: ReadContext): SectionContent {
  const content: SectionContent = { settings: {}, mayEdit: [], engineeringOnly: [], pilots: [], ownedFlags: [] };
  let current: Current = { kind: 'none' };
  const enter = (title: string, node: RootContent, what: string): void => {
    const kind = classifyTitle(title);
    if (kind) {
      current = { kind, inherited: qualifiersIn(title) };
      if (kind === 'pilots') content.pilotsLine ??= node.position?.start.line;
    } else {
      current = { kind: 'skipped' };
      ctx.reportAt(node, 'warning', 'unknown-heading', `The ${what} "${title}" is not one PM Zone knows (PMs may edit, Engineering only, Pilot PMs, Owned flags); what follows it is ignored.`);
    }
  };
  for (const block of blocks) {
    if (block.type === 'heading') {
      const title = plainText(block).trim();
      // A second zone heading of level 1 to 3 was reported as a duplicate section already.
      if (block.depth <= 3 && isZoneHeading(title)) current = { kind: 'skipped' };
      else enter(title, block, 'subheading');
    } else if (block.type === 'paragraph') {
      if (readSettingLines(ctx.sourceOf(block), block.position?.start.offset ?? 0, content.settings, ctx)) continue;
      const label = boldLabel(block) ?? plainLabel(block);
      if (label !== undefined) enter(label, block, 'label');
      else if ((current as Current).kind === 'pilots' && readBrokenPilotTable(block, content, ctx)) continue;
      else reportStrayGlob(block, current, ctx);
    } else if (block.type === 'list') {
      readList(block, current, content, ctx);
    } else if (block.type === 'table') {
      readTableBlock(block, current, content, ctx);
    }
    // Code blocks, HTML, quotes and rules are the author's own notes: not policy.
  }
  for (const link of blocks.flatMap((block) => linksIn(block))) {
    if (content.settings.styleGuide === undefined && /style[\s-]?guide/i.test(plainText(link))) content.settings.styleGuide = link.url;
  }
  return content;
}

/**
 * Lines that start with `|` under "Pilot PMs" that markdown did not read as a
 * table (its delimiter row has fewer cells than its header, or none): an
 * error, and never "no pilots". The handles and e-mails its rows name are
 * pilots with no feature folders, and resolveIdentity holds anyone it cannot
 * rule out to the zone.
 */
function readBrokenPilotTable(paragraph: Paragraph, content: SectionContent, ctx: ReadContext): boolean {
  const lines = ctx.sourceOf(paragraph).split('\n').map((line) => line.trim());
  if (lines.length < 2 || !lines.every((line) => line.startsWith('|'))) return false;
  const cells = (line: string) => line.replace(/^\||\|$/g, '').split('|').length;
  const [header, delimiter = ''] = lines;
  const isDelimiter = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(delimiter);
  const why = isDelimiter
    ? `its second row has ${cells(delimiter)} cell${cells(delimiter) === 1 ? '' : 's'} for ${cells(header)} columns`
    : 'its second row is not the `| --- | --- |` row a table needs';
  const line = paragraph.position?.start.line ?? 1;
  content.pilotsUnreadable ??= line;
  ctx.reportAt(paragraph, 'error', 'unreadable-pilots', `The pilot PMs table is not read as a table (${why}), so PM Zone cannot tell who the pilots are: everyone who is not shown to be someone else is held to the zone as a pilot PM would be. Give the second row one \`---\` per column.`);
  const start = startOf(paragraph).line;
  for (const [index, row] of lines.slice(isDelimiter ? 2 : 1).entries()) {
    const handle = HANDLE_IN_TEXT.exec(row)?.[0];
    const email = EMAIL_IN_TEXT.exec(row)?.[0];
    if (handle) content.pilots.push({ handle, featureFolders: [], line: start + index + (isDelimiter ? 2 : 1), ...(email ? { email } : {}) });
  }
  return true;
}

/** "PMs may edit:" on a line of its own, without bold, when its words name a subsection. */
function plainLabel(paragraph: Paragraph): string | undefined {
  const text = plainText(paragraph).trim();
  if (text.includes('\n') || !text.endsWith(':')) return undefined;
  const label = text.slice(0, -1).trim();
  return classifyTitle(label) ? label : undefined;
}

/** Prose is the author's explanation and is not read; a glob in prose looks like a rule, so it is reported. */
function reportStrayGlob(paragraph: Paragraph, current: Current, ctx: ReadContext): void {
  if (current.kind !== 'none' && current.kind !== 'mayEdit' && current.kind !== 'engineeringOnly') return;
  const globLike = codeSpansIn(paragraph).find((span) => /[*/]/.test(span.value));
  if (globLike) {
    // Under "Engineering only" an unread glob is a boundary that silently does not exist.
    const severity = current.kind === 'engineeringOnly' ? 'error' : 'warning';
    ctx.reportAt(globLike, severity, 'glob-outside-list', `\`${globLike.value}\` is in a paragraph, not a list item, so it is not read as a rule.`);
  }
}

function readList(list: List, current: Current, content: SectionContent, ctx: ReadContext): void {
  switch (current.kind) {
    case 'mayEdit':
    case 'engineeringOnly':
      content[current.kind].push(...readGlobList(list, { kind: current.kind, inherited: current.inherited }, ctx));
      return;
    case 'pilots':
      content.pilots.push(...readPilotList(list, ctx));
      return;
    case 'flags':
      content.ownedFlags.push(...readFlagList(list, ctx));
      return;
    case 'none':
      for (const listItem of list.children) {
        const item = readItemText(listItem, ctx);
        if (!readSettingLines(item.text, item.offset, content.settings, ctx)) {
          ctx.reportAt(listItem, 'warning', 'item-outside-subsection', 'This item is not under a subheading such as "PMs may edit" or "Engineering only", so it is not read.');
        }
      }
      return;
    case 'skipped':
      return;
  }
}

function readTableBlock(table: Table, current: Current, content: SectionContent, ctx: ReadContext): void {
  switch (current.kind) {
    case 'mayEdit':
    case 'engineeringOnly':
      content[current.kind].push(...readGlobTable(table, { kind: current.kind, inherited: current.inherited }, ctx));
      return;
    case 'pilots': {
      const { pilots, unreadableAt } = readPilotTable(table, ctx);
      content.pilots.push(...pilots);
      if (unreadableAt !== undefined) content.pilotsUnreadable ??= unreadableAt;
      return;
    }
    case 'flags':
      content.ownedFlags.push(...readFlagTable(table, ctx));
      return;
    case 'none':
      ctx.reportAt(table, 'warning', 'table-outside-subsection', 'This table is not under a subheading such as "Pilot PMs" or "Owned flags", so it is not read.');
      return;
    case 'skipped':
      return;
  }
}
