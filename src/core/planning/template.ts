import type { Mode } from '../policy/model';
import { resolveBlocks } from './placeholders';
import { PLANNING_SECTIONS, type PlanningSection } from './sections';

const FRONT_MATTER = [
  '---',
  'title: {{title}}',
  'author: {{author}}',
  'feature: {{feature}}',
  'flag: {{flag}}',
  'tier: {{tier}}',
  'created: {{created}}',
  'status: draft',
  '---',
].join('\n');

const INTRO =
  '<!-- The change-justification doc: the intent end of the audit trail (intent, implementation, deployment). Replace every comment with your own words; sections marked optional may be deleted. -->';

/**
 * The built-in PLANNING.md skeleton, used when the repository has no
 * `.pmzone/PLANNING.template.md`. Placeholders are described in `placeholders.ts`.
 */
export const BUILTIN_PLANNING_TEMPLATE = [FRONT_MATTER, '', '# {{title}}', '', INTRO, '', ...PLANNING_SECTIONS.map(sectionTemplate)].join('\n');

function sectionTemplate(section: PlanningSection): string {
  // Without a pre-filled value, two blank lines follow the guidance: the PM
  // writes on the first and the next heading keeps its blank line above.
  const body = [`## ${section.heading}`, '', section.guidance, '', ...(section.prefill ? [section.prefill, ''] : [''])].join('\n');
  const flagged = section.flagOnly ? `{{#flag}}\n${body}\n{{/flag}}` : body;
  return section.regulatedOnly ? `{{#regulated}}\n${flagged}\n{{/regulated}}` : flagged;
}

/** A section as it is inserted into an existing doc: heading and guidance, for `mode`, with no pre-filled values. */
export function sectionSkeleton(section: PlanningSection, mode: Mode, depth = 2, eol = '\n'): string {
  const text = `${'#'.repeat(depth)} ${section.heading}\n\n${resolveBlocks(section.guidance, mode).text}\n\n`;
  return text.replace(/\n/g, eol);
}
