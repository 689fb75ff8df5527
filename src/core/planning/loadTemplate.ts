import { DEFAULT_PLANNING_TEMPLATE } from '../defaults';
import type { FileSource } from '../types';
import { BUILTIN_PLANNING_TEMPLATE } from './template';

export interface PlanningTemplate {
  text: string;
  source: 'repository' | 'built-in';
  /** Where the text was read from: the repository path, or `built-in`. */
  path: string;
}

/**
 * The repository's planning template (`.pmzone/PLANNING.template.md`, or
 * where the settings put it), else the built-in template. A file holding
 * only whitespace counts as absent: an empty PLANNING.md would help no one.
 */
export async function loadPlanningTemplate(files: FileSource, path: string = DEFAULT_PLANNING_TEMPLATE): Promise<PlanningTemplate> {
  const text = await files.readText(path);
  if (text === undefined || text.trim().replace(/^\uFEFF/, '').length === 0) return { text: BUILTIN_PLANNING_TEMPLATE, source: 'built-in', path: 'built-in' };
  return { text: text.replace(/^\uFEFF/, ''), source: 'repository', path };
}
