import type { Heading } from 'mdast';
import { parseMarkdown, plainText } from '../../text/markdown';
import type { Finding } from '../../types';
import { detectAiAssistance, type AiAssistance } from '../aiTrailers';
import { readAiStatement, type AiStatement } from '../aiStatement';
import { defineCheck, type CheckContext } from '../model';

const CHECK_ID = 'ai.undisclosed';
const PLANNING = 'PLANNING.md';
/** Reads of candidate planning docs, at most: one per folder above the changed files. */
const MAX_PLANNING_READS = 50;

/**
 * "Label what is AI-generated": when commits carry AI trailers, the planning
 * doc must say so in a filled-in AI-assistance section. Information, not a
 * blocker: the pull request discloses the trailers anyway, this asks the PM
 * to say what the AI did and what they checked.
 */
export const aiDisclosureCheck = defineCheck({
  about: {
    'ai.undisclosed': {
      title: 'AI assistance not disclosed',
      description: 'AI-generated work in the change is not labelled.',
      help: 'Say what the AI generated in the pull request (PM Zone fills the disclosure).',
      item: { section: 'AI assistance', text: 'What the AI generated is labelled, and I understand every line I ship' },
      changeWide: 'AI assistance is not disclosed',
      defaultSeverity: 'info',
      words: /\bAI\b|\bgenerated\b/i,
    },
  },
  appliesTo: (change) => change.commits.length > 0,
  async run(ctx: CheckContext): Promise<Finding[]> {
    const assisted = detectAiAssistance(ctx.change.commits);
    if (assisted.length === 0) return [];
    const docs = await planningDocs(ctx);
    if (docs.some((doc) => hasAiDisclosure(doc.text))) return [];
    const doc = docs[0];
    const where = !doc
      ? 'the change has no PLANNING.md with an "AI assistance" section'
      : aiStatementOf(doc.text) === 'not-used'
        ? `${doc.path} says no AI was used`
        : `${doc.path} has no filled-in "AI assistance" section`;
    return [
      {
        check: CHECK_ID,
        severity: 'info',
        blocking: false,
        file: doc?.path ?? null,
        line: doc ? aiSection(doc.text)?.line ?? null : null,
        message: `Commits carry AI co-author trailers (${summarise(assisted)}) but ${where} — say what the AI wrote and what you checked, so the pull request labels it honestly.`,
      },
    ];
  },
});

/**
 * True when a planning doc discloses AI assistance: it has a section whose
 * heading names AI ("AI assistance", "Use of AI") with real content, not the
 * template's, that does not say AI went unused (see `readAiStatement`).
 */
export function hasAiDisclosure(planningText: string | undefined): boolean {
  const statement = aiStatementOf(planningText);
  return statement === 'used' || statement === 'unclear';
}

/** What the planning doc's AI-assistance section says; `unwritten` without one. */
export function aiStatementOf(planningText: string | undefined): AiStatement {
  const section = planningText === undefined ? undefined : aiSection(planningText);
  return section ? readAiStatement(section.body) : 'unwritten';
}

/** Headings that name AI: "AI assistance", "AI-generated code", "Use of AI", "LLM usage". */
const AI_HEADING = /\bAI\b|\bLLMs?\b|artificial intelligence/i;

/** The first section whose heading names AI: its 1-based heading line and its text up to the next heading of its level. */
function aiSection(markdown: string): { line: number; body: string } | undefined {
  const tree = parseMarkdown(markdown);
  const blocks = tree.children;
  const index = blocks.findIndex((node) => node.type === 'heading' && AI_HEADING.test(plainText(node)));
  const heading = blocks[index] as Heading | undefined;
  if (!heading?.position) return undefined;
  const next = blocks.slice(index + 1).find((node) => node.type === 'heading' && node.depth <= heading.depth);
  const from = heading.position.end.offset ?? 0;
  const to = next?.position?.start.offset ?? markdown.length;
  return { line: heading.position.start.line, body: markdown.slice(from, to) };
}

/** The planning docs of the change: changed ones first, then existing ones above the changed files. */
async function planningDocs(ctx: CheckContext): Promise<{ path: string; text: string }[]> {
  const changed = ctx.change.files
    .filter((file) => file.status !== 'deleted' && file.newText !== undefined && isPlanning(file.path))
    .map((file) => ({ path: file.path, text: file.newText ?? '' }));
  if (changed.length > 0) return changed;
  const candidates = new Set<string>();
  for (const file of ctx.change.files) {
    const parts = file.path.split('/').slice(0, -1);
    for (let depth = parts.length; depth >= 0; depth--) candidates.add([...parts.slice(0, depth), PLANNING].join('/'));
  }
  const existing: { path: string; text: string }[] = [];
  for (const path of [...candidates].slice(0, MAX_PLANNING_READS)) {
    const text = await ctx.files.readText(path);
    if (text !== undefined) existing.push({ path, text });
  }
  return existing;
}

function isPlanning(path: string): boolean {
  return path === PLANNING || path.endsWith(`/${PLANNING}`);
}

function summarise(assisted: AiAssistance[]): string {
  const byTool = new Map<string, string[]>();
  for (const entry of assisted) byTool.set(entry.tool, [...(byTool.get(entry.tool) ?? []), entry.commit.slice(0, 7)]);
  return [...byTool].map(([tool, shas]) => `${tool} in ${shas.slice(0, 3).join(', ')}${shas.length > 3 ? ` and ${shas.length - 3} more` : ''}`).join('; ');
}
