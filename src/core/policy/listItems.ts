import type { InlineCode, List, ListItem, Nodes } from 'mdast';
import { codeSpansIn } from '../text/markdown';
import type { ReadContext } from './readContext';

/** The part of a list item a reader looks at: its own text, apart from nested lists. */
export interface ItemText {
  item: ListItem;
  /** The item's markdown source, marker and nested lists excluded. */
  text: string;
  /** Offset of `text` in the whole source. */
  offset: number;
  codeSpans: InlineCode[];
  nestedLists: List[];
}

export function readItemText(item: ListItem, ctx: ReadContext): ItemText {
  const own = item.children.filter((child) => child.type !== 'list');
  const nestedLists = item.children.filter((child): child is List => child.type === 'list');
  const first = own[0]?.position?.start.offset;
  const last = own[own.length - 1]?.position?.end.offset;
  const offset = first ?? item.position?.start.offset ?? 0;
  const text = first === undefined || last === undefined ? '' : ctx.source.slice(first, last);
  const codeSpans = own.flatMap((child) => codeSpansIn(child as Nodes));
  return { item, text, offset, codeSpans, nestedLists };
}

/** The item's text with its code spans blanked out, so notes and words are read outside them. */
export function textOutsideCode(item: ItemText): string {
  let text = item.text;
  for (const span of item.codeSpans) {
    const start = (span.position?.start.offset ?? 0) - item.offset;
    const end = (span.position?.end.offset ?? 0) - item.offset;
    if (start >= 0 && end <= text.length) text = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  }
  return text;
}

/** The first parenthesised note, as written. */
export function parenthesisedNote(text: string): string | undefined {
  const note = /\(([^()]*)\)/.exec(text);
  const trimmed = note?.[1].trim();
  return trimmed ? trimmed : undefined;
}
