import type { InlineCode, Link, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { escapeControls } from './terminal';

// The one markdown parser of the core (CommonMark with GitHub's tables, task
// lists and strikethrough, as GitHub renders CLAUDE.md, skill files and
// planning docs), and small readers over its tree. The readers are written
// here rather than pulled from mdast-util-to-string because that package is
// only a transitive dependency.

let parser: ReturnType<typeof markdownParser> | undefined;

/**
 * The parser, made on the first parse: a command answered from the policy
 * cache (`whoami`, `explain`, the guard) never runs the markdown libraries'
 * code, which a bundle then evaluates only when it is required here.
 */
function markdownParser() {
  /* eslint-disable @typescript-eslint/no-require-imports -- required on first use, see above */
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return unified().use(remarkParse).use(remarkGfm).freeze();
}

/**
 * Trees of the texts parsed last, by text. The same CLAUDE.md, skill file
 * and planning doc are parsed again on every review and every command; a
 * copy of a kept tree costs a fifteenth of a parse (0.35 ms against 5.5 ms
 * for the sample CLAUDE.md). Callers get a copy, so they may change it. A
 * tree takes some forty times its text's size, so only small texts are
 * kept, and at most 256 KB of them in all.
 */
const recentTrees = new Map<string, Root>();
const MAX_KEPT_TEXT = 32 * 1024;
const MAX_KEPT_TOTAL = 256 * 1024;
let keptTotal = 0;

export function parseMarkdown(text: string): Root {
  if (text.length > MAX_KEPT_TEXT) return (parser ??= markdownParser()).parse(text);
  let tree = recentTrees.get(text);
  if (tree) {
    recentTrees.delete(text);
  } else {
    tree = (parser ??= markdownParser()).parse(text);
    keptTotal += text.length;
    for (const oldest of recentTrees.keys()) {
      if (keptTotal <= MAX_KEPT_TOTAL) break;
      recentTrees.delete(oldest);
      keptTotal -= oldest.length;
    }
  }
  recentTrees.set(text, tree);
  return structuredClone(tree);
}

/** The text a reader sees in a node: code spans included, markup and HTML (comments, tags) dropped. */
export function plainText(node: Nodes): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
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

/** Text shown as written inside Markdown (a title, a message): the characters that would format it, escaped. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Word joiner: invisible, and it keeps GitHub from reading what follows as a mention, a reference or an address. */
const JOIN = '\u2060';

/**
 * Text from a repository or a pull request inside Markdown PM Zone writes
 * (a message quoting a file name or a link): on one line, shown as written,
 * and inert. No heading, list, link, image, HTML, emphasis or table cell can
 * start in it, and GitHub finds no @mention, #reference or web address in it.
 */
export function inertMarkdown(text: string): string {
  return escapeMarkdownText(escapeControls(text.replace(/\s*\r?\n\s*/g, ' '), { oneLine: true }).trim())
    .replace(/[!#&~]/g, '\\$&')
    .replace(/@/g, `@${JOIN}`)
    .replace(/:\/\//g, `:${JOIN}//`)
    .replace(/\b(www)\./gi, `$1${JOIN}.`);
}

/** `text` as inline code, whatever backticks it holds, control characters shown as escapes: nothing in it is read as Markdown. */
export function inlineCode(text: string): string {
  const flat = escapeControls(text, { oneLine: true });
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
