import { templateGuidance, writtenNodes, writtenSource } from './content';
import { fieldText, frontMatterField } from './frontMatterFields';
import { plainText, sourceOf } from '../text/markdown';
import { findSection, readPlanningDoc, type PlanningDoc } from './planningDoc';
import type { PlanningSectionId } from './sections';

/** What the pull request composer takes from a planning doc. Absent or empty parts are undefined. */
export interface PlanningSummary {
  /** The front matter's title, else the first `#` heading. */
  title: string | undefined;
  /** The flag; several flags are joined with ", ". */
  flag: string | undefined;
  /** The tier as written (not checked: see `checkPlanningDoc`). */
  tier: string | undefined;
  author: string | undefined;
  feature: string | undefined;
  status: string | undefined;
  /** The first written paragraph of Problem, as markdown. */
  problem: string | undefined;
  /** The first written paragraph of Intent, as markdown. */
  intent: string | undefined;
  /** The whole written AI assistance section, as markdown. */
  aiAssistance: string | undefined;
  /** The DRIs the Sign-offs section names ("Product DRI: @erin"), as `@handle`s. */
  signOffs: { engineeringDri?: string; productDri?: string };
}

/** Reads the summary of any text; never throws. Template guidance never counts as written text. */
export function readPlanningSummary(text: string, templateText?: string): PlanningSummary {
  const doc = readPlanningDoc(text);
  const guidance = templateGuidance(templateText);
  const field = (key: string) => (doc.frontMatter?.yaml ? frontMatterField(doc.frontMatter, key) : undefined);
  const flagField = field('flag');
  const flags = Array.isArray(flagField?.value) ? flagField.value.filter((item) => item !== null).map(String).join(', ') : fieldText(flagField);
  const firstParagraph = (id: PlanningSectionId) => {
    const section = findSection(doc, id);
    const paragraph = section && writtenNodes(doc, section, guidance)[0];
    return paragraph ? nonEmpty(sourceOf(doc.text, paragraph)) : undefined;
  };
  const aiSection = findSection(doc, 'ai-assistance');
  return {
    title: fieldText(field('title')) ?? firstHeading(doc),
    flag: nonEmpty(flags ?? ''),
    tier: fieldText(field('tier')),
    author: fieldText(field('author')),
    feature: fieldText(field('feature')),
    status: fieldText(field('status')),
    problem: firstParagraph('problem'),
    intent: firstParagraph('intent'),
    aiAssistance: aiSection ? nonEmpty(writtenSource(doc, aiSection, guidance)) : undefined,
    signOffs: signOffsNamed(doc, guidance),
  };
}

/** "- [ ] Product DRI: @erin" in the Sign-offs section: the handle each role line names, when it names one. */
function signOffsNamed(doc: PlanningDoc, guidance: ReadonlySet<string>): PlanningSummary['signOffs'] {
  const section = findSection(doc, 'sign-offs');
  const text = section ? writtenSource(doc, section, guidance) : '';
  const named = (role: string) => new RegExp(`\\b${role}\\s+DRI\\b[\\s:*_\\-–—]*(@[\\w-]+(?:/[\\w.-]+)?)`, 'i').exec(text)?.[1];
  const engineeringDri = named('engineering');
  const productDri = named('product');
  return { ...(engineeringDri ? { engineeringDri } : {}), ...(productDri ? { productDri } : {}) };
}

function firstHeading(doc: PlanningDoc): string | undefined {
  const heading = doc.markdown.children.find((node) => node.type === 'heading' && node.depth === 1);
  return heading ? nonEmpty(plainText(heading)) : undefined;
}

function nonEmpty(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}
