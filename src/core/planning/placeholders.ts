/**
 * The template language, kept deliberately tiny:
 *
 * - `{{name}}` is replaced by a value (see `VALUE_PLACEHOLDERS`); spaces inside
 *   the braces are allowed.
 * - `{{#regulated}} … {{/regulated}}` is kept only in regulated mode,
 *   `{{^regulated}} … {{/regulated}}` only in standard mode;
 *   `{{#flag}} … {{/flag}}` only when the change names a flag, and
 *   `{{^flag}} … {{/flag}}` only when it has none (`flag: none`). A block tag
 *   alone on its line takes its line with it.
 * - Anything else between `{{` and `}}` is left as written and reported.
 */
import type { Mode } from '../policy/model';

export const VALUE_PLACEHOLDERS = [
  'title',
  'author',
  'feature',
  'flag',
  'tier',
  'created',
  'metric',
  'scope',
  'engineeringDri',
  'productDri',
  'mode',
] as const;

export type ValuePlaceholder = (typeof VALUE_PLACEHOLDERS)[number];

const BLOCK_NAMES = ['regulated', 'flag'] as const;

export interface Tag {
  /** Offsets in the text, end exclusive. */
  start: number;
  end: number;
  raw: string;
  kind: 'value' | 'open' | 'inverted' | 'close';
  name: string;
}

const TAG_PATTERN = /\{\{([^{}\n]*)\}\}/g;

export function findTags(text: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of text.matchAll(TAG_PATTERN)) {
    const inner = match[1].trim();
    const sigil = inner.charAt(0);
    const kind = sigil === '#' ? 'open' : sigil === '^' ? 'inverted' : sigil === '/' ? 'close' : 'value';
    const name = kind === 'value' ? inner : inner.slice(1).trim();
    tags.push({ start: match.index, end: match.index + match[0].length, raw: match[0], kind, name });
  }
  return tags;
}

export function isKnownValue(tag: Tag): tag is Tag & { name: ValuePlaceholder } {
  return tag.kind === 'value' && (VALUE_PLACEHOLDERS as readonly string[]).includes(tag.name);
}

function isKnownBlock(tag: Tag): boolean {
  return tag.kind !== 'value' && (BLOCK_NAMES as readonly string[]).includes(tag.name);
}

export interface ResolvedBlocks {
  text: string;
  /** Tags the language does not know, left in the text as written. */
  unknown: Tag[];
  /** Block tags with no partner, left in the text as written. */
  unbalanced: Tag[];
}

interface BlockPair {
  open: Tag;
  close: Tag;
}

/**
 * Keeps or drops the `regulated` blocks for `mode`, and the `flag` blocks for
 * whether the change has a flag (it has, unless told otherwise); value tags
 * are left for the caller.
 */
export function resolveBlocks(text: string, mode: Mode, options: { hasFlag?: boolean } = {}): ResolvedBlocks {
  const tags = findTags(text);
  const unknown = tags.filter((tag) => !isKnownValue(tag) && !isKnownBlock(tag));
  const { pairs, unbalanced } = pairBlocks(tags.filter(isKnownBlock));
  const removals: Array<[number, number]> = [];
  for (const { open, close } of pairs) {
    const holds = open.name === 'flag' ? options.hasFlag !== false : mode === 'regulated';
    const keep = (open.kind === 'open') === holds;
    if (keep) {
      removals.push(lineSpan(text, open), lineSpan(text, close));
    } else {
      removals.push([lineSpan(text, open)[0], lineSpan(text, close)[1]]);
    }
  }
  return { text: removeRanges(text, removals), unknown, unbalanced };
}

function pairBlocks(blockTags: Tag[]): { pairs: BlockPair[]; unbalanced: Tag[] } {
  const pairs: BlockPair[] = [];
  const unbalanced: Tag[] = [];
  const stack: Tag[] = [];
  for (const tag of blockTags) {
    if (tag.kind !== 'close') {
      stack.push(tag);
      continue;
    }
    const open = stack.at(-1);
    if (open && open.name === tag.name) {
      stack.pop();
      pairs.push({ open, close: tag });
    } else {
      unbalanced.push(tag);
    }
  }
  unbalanced.push(...stack);
  return { pairs, unbalanced: unbalanced.sort((a, b) => a.start - b.start) };
}

/** The tag's own range, widened to its whole line (with the line break) when nothing else is on it. */
function lineSpan(text: string, tag: Tag): [number, number] {
  const lineStart = text.lastIndexOf('\n', tag.start - 1) + 1;
  const newline = text.indexOf('\n', tag.end);
  const lineEnd = newline === -1 ? text.length : newline;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, tag.start)) && /^[ \t\r]*$/.test(text.slice(tag.end, lineEnd));
  if (!alone) return [tag.start, tag.end];
  return [lineStart, newline === -1 ? text.length : newline + 1];
}

function removeRanges(text: string, ranges: Array<[number, number]>): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let result = '';
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (end <= cursor) continue;
    result += text.slice(cursor, Math.max(cursor, start));
    cursor = Math.max(cursor, end);
  }
  return result + text.slice(cursor);
}

