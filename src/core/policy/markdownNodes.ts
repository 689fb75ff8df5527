import type { InlineCode, Link, Nodes, Paragraph } from 'mdast';

// Small readers over mdast nodes. Written here rather than pulled from
// mdast-util-to-string because that package is only a transitive dependency.

/** The visible text of a node, code spans included, markup dropped. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child as Nodes)).join('');
  return '';
}

/** Every node of one type in `node` and below it, in document order. */
export function descendants<T extends Nodes['type']>(node: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const found: Nodes[] = [];
  const walk = (current: Nodes): void => {
    if (current.type === type) found.push(current);
    if ('children' in current) for (const child of current.children) walk(child as Nodes);
  };
  walk(node);
  return found as Extract<Nodes, { type: T }>[];
}

export function codeSpansIn(node: Nodes): InlineCode[] {
  return descendants(node, 'inlineCode');
}

export function linksIn(node: Nodes): Link[] {
  return descendants(node, 'link');
}

/**
 * The label of a paragraph that is only bold text, such as
 * `**CANNOT touch (CODEOWNERS-enforced):**`, without its trailing colon.
 */
export function boldLabel(paragraph: Paragraph): string | undefined {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && /^[\s:]*$/.test(child.value)));
  if (meaningful.length !== 1 || meaningful[0].type !== 'strong') return undefined;
  return plainText(meaningful[0]).trim().replace(/:\s*$/, '').trim();
}
