import type { Heading, Root, RootContent } from 'mdast';
import { LineCounter, type Document } from 'yaml';
import { parseYaml } from '../text/yaml';
import { locateFrontMatter, type FrontMatterBlock } from './frontMatterBlock';
import { parseMarkdown, plainText } from '../text/markdown';
import { sectionForHeading, type PlanningSection } from './sections';

/** A planning doc read once and shared by the checker and the summary reader. */
export interface PlanningDoc {
  /** The text with any BOM removed and every line break turned into `\n`; lines and columns are unchanged. */
  text: string;
  /** The line break the doc uses, for text inserted by fixes. */
  eol: '\n' | '\r\n';
  frontMatter: FrontMatter | undefined;
  markdown: Root;
  sections: DocSection[];
}

export interface FrontMatter {
  block: FrontMatterBlock;
  /** Parsed YAML; `undefined` when the block is not closed. */
  yaml: Document.Parsed | undefined;
  /** Maps offsets in the YAML text to its lines and columns. */
  lineCounter: LineCounter;
  /** 1-based line of the closing `---` (the last line when unclosed). */
  closingLine: number;
}

export interface DocSection {
  /** The known section this heading names, if any. */
  section: PlanningSection | undefined;
  heading: Heading;
  headingText: string;
  /** 1-based line of the heading. */
  line: number;
  /** Everything under the heading until the next heading of the same or a higher level. */
  nodes: RootContent[];
}

export function readPlanningDoc(input: string): PlanningDoc {
  const eol = /\r\n/.test(input) ? '\r\n' : '\n';
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const frontMatter = readFrontMatter(text);
  const markdown = parseMarkdown(blankOut(text, frontMatter?.block));
  return { text, eol, frontMatter, markdown, sections: findSections(markdown) };
}

function readFrontMatter(text: string): FrontMatter | undefined {
  const block = locateFrontMatter(text);
  if (!block) return undefined;
  const lineCounter = new LineCounter();
  const yaml = block.closed
    ? parseYaml(text.slice(block.contentStart, block.contentEnd), { lineCounter, prettyErrors: false, uniqueKeys: true })
    : undefined;
  const closingLine = text.slice(0, block.contentEnd).split('\n').length;
  return { block, yaml, lineCounter, closingLine };
}

/**
 * Replaces the front matter with spaces, keeping line breaks, so markdown
 * positions stay those of the whole doc and the YAML is not read as a heading.
 */
function blankOut(text: string, block: FrontMatterBlock | undefined): string {
  if (!block) return text;
  const end = block.closed ? block.end : block.contentStart;
  return text.slice(0, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

function findSections(markdown: Root): DocSection[] {
  const sections: DocSection[] = [];
  const children = markdown.children;
  children.forEach((node, index) => {
    if (node.type !== 'heading' || node.depth < 2 || node.depth > 3) return;
    let end = index + 1;
    while (end < children.length && !isHeadingAtOrAbove(children[end], node.depth)) end += 1;
    const headingText = plainText(node);
    sections.push({
      section: sectionForHeading(headingText),
      heading: node,
      headingText,
      line: node.position?.start.line ?? 1,
      nodes: children.slice(index + 1, end),
    });
  });
  return sections;
}

function isHeadingAtOrAbove(node: RootContent, depth: number): boolean {
  return node.type === 'heading' && node.depth <= depth;
}

/** The first occurrence of a known section. */
export function findSection(doc: PlanningDoc, id: PlanningSection['id']): DocSection | undefined {
  return doc.sections.find((entry) => entry.section?.id === id);
}

/** 1-based doc line and column of an offset in the YAML text. */
export function yamlPosition(frontMatter: FrontMatter, offset: number): { line: number; column: number } {
  const { line, col } = frontMatter.lineCounter.linePos(offset);
  const firstYamlLine = 2;
  return { line: line + firstYamlLine - 1, column: col };
}
