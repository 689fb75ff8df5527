import type { RootContent } from 'mdast';
import { isCommentOnly, normaliseSource, sourceOf } from '../text/markdown';
import { readPlanningDoc, type DocSection, type PlanningDoc } from './planningDoc';
import { BUILTIN_PLANNING_TEMPLATE } from './template';

/**
 * The template's static text (prompts, example tables), normalised: a doc node
 * equal to one of these was not written by the PM. Text with placeholders is
 * pre-filled content (scope, rollback, sign-offs) and counts as written.
 */
export function templateGuidance(templateText: string = BUILTIN_PLANNING_TEMPLATE): ReadonlySet<string> {
  if (cachedGuidance?.templateText === templateText) return cachedGuidance.guidance;
  const withoutBlockTags = templateText.replace(/\{\{\s*[#^/][^{}\n]*\}\}/g, '');
  const template = readPlanningDoc(withoutBlockTags);
  const guidance = new Set<string>();
  for (const node of template.markdown.children) {
    if (node.type === 'heading' || isCommentOnly(node)) continue;
    const source = sourceOf(template.text, node);
    if (!source.includes('{{')) guidance.add(normaliseSource(source));
  }
  cachedGuidance = { templateText, guidance };
  return guidance;
}

let cachedGuidance: { templateText: string; guidance: ReadonlySet<string> } | undefined;

/** What the PM wrote in a section: its nodes without comments, rules, bare sub-headings and template text. */
export function writtenNodes(doc: PlanningDoc, section: DocSection, guidance: ReadonlySet<string>): RootContent[] {
  return section.nodes.filter((node) => {
    if (node.type === 'heading' || node.type === 'thematicBreak' || isCommentOnly(node)) return false;
    const source = normaliseSource(sourceOf(doc.text, node));
    return source.length > 0 && !guidance.has(source);
  });
}

/** The written text of a section as markdown, comments and template text left out. */
export function writtenSource(doc: PlanningDoc, section: DocSection, guidance: ReadonlySet<string>): string {
  return writtenNodes(doc, section, guidance)
    .map((node) => sourceOf(doc.text, node).trim())
    .join('\n\n');
}
