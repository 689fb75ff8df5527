import type { FileSource } from '../types';
import { PLANNING_TEMPLATE_PATH } from './fill';
import { BUILTIN_PLANNING_TEMPLATE } from './template';

export interface PlanningTemplate {
  text: string;
  source: 'repository' | 'built-in';
}

/**
 * The repository's `.pmzone/PLANNING.template.md`, else the built-in
 * template. A file holding only whitespace counts as absent: an empty
 * PLANNING.md would help no one.
 */
export async function loadPlanningTemplate(files: FileSource): Promise<PlanningTemplate> {
  const text = await files.readText(PLANNING_TEMPLATE_PATH);
  if (text === undefined || text.trim().replace(/^\uFEFF/, '').length === 0) return { text: BUILTIN_PLANNING_TEMPLATE, source: 'built-in' };
  return { text: text.replace(/^\uFEFF/, ''), source: 'repository' };
}
