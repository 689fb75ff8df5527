import type { Finding } from '../../types';
import { defineCheck, type ChangedFile, type CheckContext } from '../model';
import { checkPlanningDoc, loadPlanningTemplate } from '../../planning';
import type { Problem } from '../../types';

const PLANNING_NAME = 'PLANNING.md';
/** A checklist item about the planning doc stands for both planning checks. */
const PLANNING_WORDS = /\bPLANNING\.md\b|\bplanning doc(?:ument)?s?\b/i;
/** Both planning checks answer the one item of the starter skill file. */
const PLANNING_ITEM = 'PLANNING.md says why, what, and how we will know it worked, with no placeholders left';
/** Problems of the planning doc that mean "not finished yet", reported as planning.incomplete. */
const INCOMPLETE_KINDS = new Set(['missing-section', 'incomplete-section', 'placeholder', 'missing-front-matter', 'invalid-front-matter', 'front-matter-tab', 'missing-field', 'invalid-tier', 'unowned-flag', 'protected-data', 'missing-signoff']);

export function isPlanningDoc(path: string): boolean {
  return path === PLANNING_NAME || path.endsWith(`/${PLANNING_NAME}`);
}

function changedPlanningDocs(ctx: CheckContext): ChangedFile[] {
  return ctx.change.files.filter((file) => isPlanningDoc(file.path) && file.status !== 'deleted' && file.newText !== undefined);
}

/** A commit message that names a PLANNING.md which exists links the change to it. */
async function linkedPlanningDoc(ctx: CheckContext): Promise<string | undefined> {
  for (const commit of ctx.change.commits) {
    for (const match of `${commit.subject}\n${commit.body}`.matchAll(/([\w./-]*PLANNING\.md)\b/g)) {
      const path = match[1].replace(/^\.?\//, '');
      if ((await ctx.files.readText(path)) !== undefined) return path;
    }
  }
  return undefined;
}

export const planningMissingCheck = defineCheck({
  about: {
    'planning.missing': {
      title: 'No PLANNING.md',
      description: 'The change has no planning doc, the justification every PM change carries.',
      help: 'Create PLANNING.md from the template (PM Zone: New planning doc) and commit it with the change.',
      item: { section: 'Planning', text: PLANNING_ITEM },
      changeWide: 'no PLANNING.md',
      defaultSeverity: 'error',
      words: PLANNING_WORDS,
    },
  },
  async run(ctx) {
    if (ctx.change.files.length === 0 || changedPlanningDocs(ctx).length > 0 || ctx.change.branchHasPlanning) return [];
    if (await linkedPlanningDoc(ctx)) return [];
    return [{
      check: 'planning.missing',
      severity: 'error',
      blocking: true,
      file: null,
      line: null,
      message: 'No PLANNING.md in this change: every PM change starts with a planning doc (run "PM Zone: New planning doc", or `pm-zone planning new`).',
    }];
  },
});

export const planningIncompleteCheck = defineCheck({
  about: {
    'planning.incomplete': {
      title: 'PLANNING.md incomplete',
      description: 'The planning doc misses a required section or still holds template placeholders.',
      help: 'Fill in every section of PLANNING.md and replace the placeholders.',
      item: { section: 'Planning', text: PLANNING_ITEM },
      defaultSeverity: 'warning',
      words: PLANNING_WORDS,
    },
  },
  appliesTo: (change) => change.files.some((file) => file.status !== 'deleted' && isPlanningDoc(file.path)),
  async run(ctx) {
    const template = await loadPlanningTemplate(ctx.files, ctx.planningTemplatePath);
    // The team's own template, as the editor checks the doc while it is written: the same gaps in both.
    const templateText = template.source === 'repository' ? template.text : undefined;
    const findings: Finding[] = [];
    for (const file of changedPlanningDocs(ctx)) {
      const problems = checkPlanningDoc(file.newText as string, { file: file.path, policy: ctx.policy, author: ctx.author, templateText });
      for (const problem of problems) {
        const finding = planningGapFinding(problem);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
});

/**
 * A problem of a planning doc as the review reports it: a gap (a section
 * missing or unwritten, a placeholder, a flag not owned…) is a
 * `planning.incomplete` finding, a warning (a note stays a note) that a
 * blocking checklist item makes a blocker. Undefined for the problems that
 * are the doc's own business (a date format), not the review's. The editor
 * shows the problems of a doc as it is written through this same function,
 * so a gap has one severity everywhere.
 */
export function planningGapFinding(problem: Problem): Finding | undefined {
  if (!INCOMPLETE_KINDS.has(problem.kind)) return undefined;
  return {
    check: 'planning.incomplete',
    severity: problem.severity === 'info' ? 'info' : 'warning',
    blocking: false,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    message: problem.message,
    rule: problem.kind,
  };
}
