import type { InlineCode, List, Node, Table } from 'mdast';
import type { GlobRule, Qualifier } from './model';
import { globError, unescapeMarkdown, unquotedGlobs, type TextToken } from './globText';
import { codeSpansIn, plainText } from '../text/markdown';
import { mergeQualifiers, qualifiersIn, restatesOutsideRule } from './qualifiers';
import { parenthesisedNote, readItemText, textOutsideCode } from './listItems';
import { startOf, type Point, type ReadContext } from './readContext';
import { readTable } from './tables';

export interface GlobBlock {
  kind: 'mayEdit' | 'engineeringOnly';
  /** Qualifiers the heading or label gives to every item below it. */
  inherited: Qualifier[];
}

export interface FoundGlob {
  glob: string;
  at: Point;
  endColumn?: number;
  /** Written with a backtick that is never closed (`` `**\/migrations/ ``): read without it, and only where that is narrower. */
  unclosed?: true;
}

const JOINER = /^\s*(,|;|or|and|&|\/)?\s*$/i;

/** The code spans that are the item's globs: the first, and those joined to it by "or", "and" or commas. */
function joinedSpans(spans: InlineCode[], source: string): InlineCode[] {
  const sorted = [...spans].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  const joined = sorted.slice(0, 1);
  for (const span of sorted.slice(1)) {
    const previousEnd = joined[joined.length - 1].position?.end.offset ?? 0;
    const between = source.slice(previousEnd, span.position?.start.offset ?? previousEnd);
    if (!JOINER.test(between)) break;
    joined.push(span);
  }
  return joined;
}

export function spanGlob(span: InlineCode): FoundGlob {
  const start = startOf(span);
  const end = span.position?.end;
  return { glob: span.value.trim(), at: start, endColumn: end && end.line === start.line ? end.column : undefined };
}

/** Globs written without backticks: accepted, with a warning and a fix that adds them. */
export function unquotedGlobsAt(
  text: string,
  offset: number,
  ctx: ReadContext,
  scan: (text: string) => TextToken[] = unquotedGlobs,
): FoundGlob[] {
  return scan(text).map((token) => {
    const start = ctx.pointAt(offset + token.offset);
    const end = ctx.pointAt(offset + token.offset + token.text.length);
    if (token.text.includes('`')) {
      // A code span opened and never closed: markdown shows the backtick as text, and the glob would match nothing.
      // A folder written with its slash (`**/migrations/`) means what is in it, as a lock must.
      const glob = unescapeMarkdown(token.text.replace(/`/g, '')).replace(/\/$/, '/**');
      ctx.report(start, 'error', 'unclosed-backtick', `\`${glob}\` has a backtick that is never closed, so markdown does not read it as a glob. PM Zone reads it without the backtick where that locks more (an engineering-only glob still locks), and not at all where it would make anything PM-editable. Close the backtick.`, {
        endColumn: end.column,
        fix: { title: `Write \`${glob}\` in backticks`, start, end, text: `\`${glob}\`` },
      });
      return { glob, at: start, endColumn: end.column, unclosed: true as const };
    }
    const glob = unescapeMarkdown(token.text);
    ctx.report(start, 'warning', 'glob-without-backticks', `Write the glob \`${glob}\` in backticks, so markdown does not read its stars as emphasis.`, {
      endColumn: end.column,
      fix: { title: `Put \`${glob}\` in backticks`, start, end, text: `\`${glob}\`` },
    });
    return { glob, at: start, endColumn: end.column };
  });
}

export function validGlobs(found: FoundGlob[], ctx: ReadContext): FoundGlob[] {
  return found.filter(({ glob, at, endColumn }) => {
    const error = globError(glob);
    const shown = glob.length > 80 ? `${glob.slice(0, 60)}…` : glob;
    if (error) ctx.report(at, 'error', 'invalid-glob', `The glob \`${shown}\` ${error}.`, endColumn ? { endColumn } : {});
    return !error;
  });
}

/**
 * An engineering-only folder written with its slash (`**\/migrations/`) locks
 * what is in it, as it does in CODEOWNERS and .gitignore: read as written it
 * would match no file and lock nothing. A PM-editable one is left as
 * written, the narrower reading (it opens nothing, and check-config says so).
 */
function lockedFolder(found: FoundGlob, block: GlobBlock): FoundGlob {
  return block.kind === 'engineeringOnly' && found.glob.endsWith('/') ? { ...found, glob: `${found.glob}**` } : found;
}

function ruleOf(found: FoundGlob, block: GlobBlock, wordsOutsideGlobs: string, note: string | undefined): GlobRule {
  const qualifiers = block.kind === 'mayEdit' ? mergeQualifiers(block.inherited, qualifiersIn(wordsOutsideGlobs)) : [];
  return note === undefined ? { glob: found.glob, line: found.at.line, qualifiers } : { glob: found.glob, line: found.at.line, qualifiers, note };
}

/** The glob rules of a list under "PMs may edit" or "Engineering only", nested lists included. */
export function readGlobList(list: List, block: GlobBlock, ctx: ReadContext): GlobRule[] {
  const rules: GlobRule[] = [];
  for (const listItem of list.children) {
    const item = readItemText(listItem, ctx);
    const spans = joinedSpans(item.codeSpans, ctx.source);
    const found = spans.length > 0 ? spans.map(spanGlob) : unquotedGlobsAt(item.text, item.offset, ctx);
    const outside = textOutsideCode(item);
    if (found.length === 0) {
      if (item.nestedLists.length > 0) {
        const inherited = mergeQualifiers(block.inherited, qualifiersIn(outside));
        for (const nested of item.nestedLists) rules.push(...readGlobList(nested, { ...block, inherited }, ctx));
      } else if (!(block.kind === 'engineeringOnly' && restatesOutsideRule(item.text))) {
        reportItemWithoutGlob(listItem, block, ctx);
      }
      continue;
    }
    const note = parenthesisedNote(outside);
    // A glob cut short by an unclosed backtick locks (failing closed), and never opens anything.
    for (const glob of validGlobs(found, ctx)) if (!(glob.unclosed && block.kind === 'mayEdit')) rules.push(ruleOf(lockedFolder(glob, block), block, outside, note));
    for (const nested of item.nestedLists) rules.push(...readGlobList(nested, block, ctx));
  }
  return rules;
}

function reportItemWithoutGlob(item: Node, block: GlobBlock, ctx: ReadContext): void {
  if (block.kind === 'engineeringOnly') {
    ctx.reportAt(item, 'error', 'item-without-glob', 'This engineering-only item has no glob, so it locks nothing. Write the paths it means as backticked globs.');
  } else {
    ctx.reportAt(item, 'warning', 'item-without-glob', 'This item has no glob, so it makes nothing PM-editable. Write the paths it means as backticked globs.');
  }
}

/** A table of globs (glob | note) under "PMs may edit" or "Engineering only". */
export function readGlobTable(table: Table, block: GlobBlock, ctx: ReadContext): GlobRule[] {
  const columns = [
    { key: 'glob' as const, header: /^(globs?|patterns?|paths?|files?|folders?)$/ },
    { key: 'note' as const, header: /^(notes?|qualifiers?|conditions?|why|what|descriptions?)$/ },
  ];
  const rules: GlobRule[] = [];
  for (const { row, cells } of readTable(table, columns, ['glob'], 'globs', ctx)) {
    const noteText = cells.note ? plainText(cells.note).trim() : '';
    const note = noteText.replace(/^\((.*)\)$/, '$1').trim() || undefined;
    const cell = cells.glob;
    const spans = cell ? codeSpansIn(cell) : [];
    const found = spans.length > 0 || !cell ? spans.map(spanGlob) : unquotedGlobsAt(ctx.sourceOf(cell), cell.position?.start.offset ?? 0, ctx);
    if (found.length === 0) {
      reportItemWithoutGlob(row, block, ctx);
      continue;
    }
    for (const glob of validGlobs(found, ctx)) rules.push(ruleOf(glob, block, noteText, note));
  }
  return rules;
}
