import { isMap } from 'yaml';
import type { Problem, TextFix } from '../types';
import { yamlScalar } from './fill';
import { fieldText, frontMatterField, isCollection, type FrontMatterField } from './frontMatterFields';
import { plainText } from '../text/markdown';
import { yamlPosition, type FrontMatter, type PlanningDoc } from './planningDoc';
import { closestTier, isTier, TIER_LABELS, TIERS } from './tiers';

/** Fields every planning doc names; `tier` has its own check. */
const REQUIRED_FIELDS: ReadonlyArray<{ key: string; why: string }> = [
  { key: 'title', why: 'it becomes the pull request title' },
  { key: 'author', why: 'it says whose change this is and which flags they own' },
  { key: 'feature', why: 'it says which feature folder the change lives in' },
  { key: 'flag', why: 'every PM change is gated behind a feature flag' },
];

/**
 * The front matter: present, closed, valid YAML without tab indentation, a
 * mapping, with the required fields and a known tier. Field checks are skipped
 * while the YAML does not parse, so one typo gives one problem.
 */
export function checkFrontMatter(doc: PlanningDoc, file: string, authorHandle: string | undefined): Problem[] {
  const frontMatter = doc.frontMatter;
  if (!frontMatter) return [missingFrontMatter(doc, file, authorHandle)];
  if (!frontMatter.block.closed || !frontMatter.yaml) {
    return [problemAt(file, { line: 1, column: 1 }, 'error', 'invalid-front-matter', 'The front matter opened on line 1 is never closed: add a line `---` after it.')];
  }
  const problems = [...tabProblems(doc, frontMatter, file)];
  problems.push(...yamlErrorProblems(frontMatter, file, new Set(problems.map((problem) => problem.line))));
  if (problems.length > 0) return problems;
  const contents = frontMatter.yaml.contents;
  if (contents !== null && !isMap(contents)) {
    return [problemAt(file, { line: 2, column: 1 }, 'error', 'invalid-front-matter', 'The front matter must be `key: value` lines (title, author, feature, flag, tier, created, status).')];
  }
  for (const { key, why } of REQUIRED_FIELDS) {
    const field = frontMatterField(frontMatter, key);
    if (fieldText(field) !== undefined || (key === 'flag' && isCollection(field))) continue;
    const at = field?.keyAt ?? { line: 1, column: 1 };
    problems.push(problemAt(file, at, 'warning', 'missing-field', `The front matter has no \`${key}\`: ${why}.`));
  }
  const tierProblem = checkTier(frontMatter, file, doc.eol);
  if (tierProblem) problems.push(tierProblem);
  return problems;
}

function missingFrontMatter(doc: PlanningDoc, file: string, authorHandle: string | undefined): Problem {
  const firstHeading = doc.markdown.children.find((node) => node.type === 'heading' && node.depth === 1);
  const title = firstHeading ? plainText(firstHeading).trim() : '';
  const lines = [
    '---',
    `title: ${yamlScalar(title)}`,
    `author: ${yamlScalar(authorHandle ?? '')}`,
    'feature: ""',
    'flag: ""',
    'tier: production',
    'status: draft',
    '---',
    '',
  ];
  return {
    ...problemAt(file, { line: 1, column: 1 }, 'error', 'missing-front-matter', 'No front matter: start the doc with `---`, the fields title, author, feature, flag and tier, and `---`.'),
    fix: {
      title: 'Insert front matter (tier: production, the strictest; change it for a prototype or an internal tool)',
      start: { line: 1, column: 1 },
      end: { line: 1, column: 1 },
      text: lines.join(doc.eol),
    },
  };
}

/** YAML forbids tabs in indentation; say so at the line, with a fix, instead of the parser's follow-on errors. */
function tabProblems(doc: PlanningDoc, frontMatter: FrontMatter, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = doc.text.slice(frontMatter.block.contentStart, frontMatter.block.contentEnd).split('\n');
  lines.forEach((text, index) => {
    const indentation = /^[ \t]*/.exec(text)![0];
    const tab = indentation.indexOf('\t');
    if (tab === -1) return;
    const line = index + 2;
    problems.push({
      ...problemAt(file, { line, column: tab + 1 }, 'error', 'front-matter-tab', 'A tab indents this front-matter line; YAML allows only spaces for indentation.'),
      endColumn: indentation.length + 1,
      fix: {
        title: 'Indent with spaces',
        start: { line, column: 1 },
        end: { line, column: indentation.length + 1 },
        text: indentation.replace(/\t/g, '  '),
      },
    });
  });
  return problems;
}

function yamlErrorProblems(frontMatter: FrontMatter, file: string, linesReported: Set<number>): Problem[] {
  const problems: Problem[] = [];
  for (const error of frontMatter.yaml?.errors ?? []) {
    if (error.code === 'TAB_AS_INDENT') continue;
    const at = yamlPosition(frontMatter, error.pos[0]);
    if (linesReported.has(at.line)) continue;
    linesReported.add(at.line);
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push(problemAt(file, at, 'error', 'invalid-front-matter', `The front matter is not valid YAML: ${message}.`));
  }
  return problems;
}

function checkTier(frontMatter: FrontMatter, file: string, eol: string): Problem | undefined {
  const field = frontMatterField(frontMatter, 'tier');
  if (field && isTier(field.value)) return undefined;
  const choices = TIERS.map((tier) => `\`${tier}\` (${TIER_LABELS[tier]})`).join(', ');
  if (!field) {
    const at = { line: frontMatter.closingLine, column: 1 };
    return {
      ...problemAt(file, at, 'error', 'invalid-tier', `The front matter has no \`tier\`: add one of ${choices}.`),
      endColumn: 1,
      fix: { title: 'Add tier: production', start: at, end: at, text: `tier: production${eol}` },
    };
  }
  const written = tierAsWritten(field);
  const suggestion = closestTier(written);
  return {
    ...problemAt(file, field.valueStart, 'error', 'invalid-tier', `\`${written}\` is not a tier: use one of ${choices}.`),
    endColumn: field.valueEnd.line === field.valueStart.line ? field.valueEnd.column : undefined,
    fix: { title: `Change the tier to ${suggestion}`, start: field.valueStart, end: field.valueEnd, text: suggestion },
  };
}

function tierAsWritten(field: FrontMatterField): string {
  if (field.value === null || field.value === undefined) return '';
  return typeof field.value === 'object' ? JSON.stringify(field.value) : String(field.value);
}

function problemAt(file: string, at: { line: number; column: number }, severity: Problem['severity'], kind: string, message: string): Problem {
  return { file, line: at.line, column: at.column, severity, kind, message };
}

/**
 * One fix per tier for an `invalid-tier` problem (a problem carries a single
 * fix; the editor offers all of these as quick fixes).
 */
export function tierQuickFixes(problem: Problem): TextFix[] {
  const fix = problem.fix;
  if (problem.kind !== 'invalid-tier' || !fix) return [];
  const written = TIERS.find((tier) => fix.text.includes(tier));
  if (!written) return [];
  return TIERS.map((tier) => ({ ...fix, title: `Set the tier to ${tier} (${TIER_LABELS[tier]})`, text: fix.text.replace(written, tier) }));
}
