import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** The text a reader sees in a node (no markup), for headings and titles. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** The markdown source of a node, as written. */
export function sourceOf(text: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

/** Whitespace-insensitive form, to compare a doc's text with a template's. */
export function normaliseSource(source: string): string {
  return source.replace(/\s+/g, ' ').trim();
}

/** An HTML block holding nothing but comments: template guidance, invisible once rendered. */
export function isCommentOnly(node: RootContent): boolean {
  return node.type === 'html' && /^(?:\s*<!--[\s\S]*?-->)+\s*$/.test(node.value);
}
