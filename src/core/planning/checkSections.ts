import type { Mode } from '../policy/model';
import type { Problem, TextFix } from '../types';
import { writtenNodes } from './content';
import type { DocSection, PlanningDoc } from './planningDoc';
import { PLANNING_SECTIONS, type PlanningSection } from './sections';
import { sectionSkeleton } from './template';

/** The sections a doc must have in `mode`; a change with `flag: none` needs no rollout plan of a flag. */
export function requiredSections(mode: Mode, options: { noFlag?: boolean } = {}): PlanningSection[] {
  return PLANNING_SECTIONS.filter((section) => section.required && (!section.regulatedOnly || mode === 'regulated') && !(section.flagOnly && options.noFlag));
}

/**
 * Each required section present and written. Protected data, the regulated
 * variant's hard rule, reports as `protected-data` errors instead.
 */
export function checkSections(doc: PlanningDoc, file: string, mode: Mode, guidance: ReadonlySet<string>, options: { noFlag?: boolean } = {}): Problem[] {
  const problems: Problem[] = [];
  for (const section of requiredSections(mode, options)) {
    const found = doc.sections.find((entry) => entry.section?.id === section.id);
    const isProtectedData = section.id === 'protected-data';
    if (!found) {
      const fix = insertSectionFix(doc, section, mode);
      problems.push({
        file,
        line: fix.start.line,
        column: 1,
        severity: 'error',
        kind: isProtectedData ? 'protected-data' : 'missing-section',
        message: isProtectedData
          ? 'No "Protected data" section: in regulated mode the doc must state that this change touches no protected data.'
          : `No "${section.heading}" section: every planning doc needs one.`,
        fix,
      });
      continue;
    }
    if (writtenNodes(doc, found, guidance).length > 0) continue;
    problems.push({
      ...headingRange(file, found),
      severity: isProtectedData ? 'error' : 'warning',
      kind: isProtectedData ? 'protected-data' : 'incomplete-section',
      message: isProtectedData
        ? 'The "Protected data" section is empty: state that this change reads, stores and sends no protected data.'
        : `The "${found.headingText.trim()}" section is empty or still holds the template's text.`,
    });
  }
  return problems;
}

export function headingRange(file: string, section: DocSection): Pick<Problem, 'file' | 'line' | 'column' | 'endColumn'> {
  const end = section.heading.position?.end;
  return { file, line: section.line, column: 1, endColumn: end && end.line === section.line ? end.column : undefined };
}

/**
 * Inserts the section's heading and guidance before the first known section
 * that comes after it in the template's order, or at the end of the doc.
 */
function insertSectionFix(doc: PlanningDoc, missing: PlanningSection, mode: Mode): TextFix {
  const order = (section: PlanningSection) => PLANNING_SECTIONS.indexOf(section);
  const next = doc.sections.find((entry) => entry.section !== undefined && order(entry.section) > order(missing));
  const title = `Add the "${missing.heading}" section`;
  if (next) {
    const at = { line: next.line, column: 1 };
    return { title, start: at, end: at, text: sectionSkeleton(missing, mode, next.heading.depth, doc.eol) };
  }
  const depth = [...doc.sections].reverse().find((entry) => entry.section !== undefined)?.heading.depth ?? 2;
  const skeleton = sectionSkeleton(missing, mode, depth, '\n').replace(/\n+$/, '\n');
  const lines = doc.text.split('\n');
  const lastLine = lines.length;
  const at = { line: lastLine, column: lines[lastLine - 1].length + 1 };
  const separator = doc.text.length === 0 ? '' : doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
  return { title, start: at, end: at, text: (separator + skeleton).replace(/\n/g, doc.eol) };
}
