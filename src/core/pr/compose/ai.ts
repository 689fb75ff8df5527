// The AI-assistance disclosure: what commit trailers say, what the PM
// confirms, and what the planning doc declares. A correction by the PM is
// shown next to what was detected, never in its place, so reviewers see both.

import { aiFiles as detectedAiFiles, aiStatementOf, detectAiAssistance, type AiStatement, type CommitInfo } from '../../review';
import { code, count } from './markdown';
import { UNDERSTOOD_STATEMENT } from './understood';

export { UNDERSTOOD_STATEMENT };

export interface AiDisclosure {
  /** The files the body lists as AI-generated: the PM's list, else the detected one. */
  files: string[];
  /** Detected files the PM says were not AI-generated. */
  removed: string[];
  /** Files the PM added that no trailer pointed to. */
  added: string[];
  /** "Claude in 1a2b3c4", one entry per tool. */
  tools: string[];
  /** The planning doc's AI-assistance section, as written, when it says AI helped or does not say plainly. */
  planningStatement: string | undefined;
  /** What that section means. */
  planningSays: AiStatement;
  /** The PM's own answer, asked when the section is unclear. */
  answered: boolean | undefined;
  /** Any AI involvement, declared or detected; an unclear, unanswered section counts, to be safe. */
  involved: boolean;
}

export function aiDisclosure(
  commits: readonly CommitInfo[],
  confirmed: readonly string[] | undefined,
  planning: { text: string; aiSection: string | undefined } | undefined,
  aiUsed?: boolean,
): AiDisclosure {
  const assistance = detectAiAssistance([...commits]);
  const detected = detectedAiFiles([...commits]);
  const files = confirmed === undefined ? detected : [...new Set(confirmed.map((file) => file.trim()).filter((file) => file !== ''))].sort();
  const byTool = new Map<string, string[]>();
  for (const entry of assistance) byTool.set(entry.tool, [...(byTool.get(entry.tool) ?? []), entry.commit.slice(0, 7)]);
  const planningSays = aiStatementOf(planning?.text);
  const declared = planningSays === 'used' || (planningSays === 'unclear' && aiUsed !== false);
  return {
    files,
    removed: detected.filter((file) => !files.includes(file)),
    added: files.filter((file) => !detected.includes(file)),
    tools: [...byTool].map(([tool, shas]) => `${tool} in ${shas.join(', ')}`),
    planningStatement: planningSays === 'used' || planningSays === 'unclear' ? planning?.aiSection : undefined,
    planningSays,
    answered: planningSays === 'unclear' ? aiUsed : undefined,
    involved: files.length > 0 || assistance.length > 0 || declared,
  };
}

export const NO_AI = 'No AI assistance detected or declared.';

/** The "AI assistance" section, without its heading. `maxFiles` bounds the list for the body limit. */
export function aiSectionLines(disclosure: AiDisclosure, understood: boolean, maxFiles: number): string[] {
  const lines: string[] = [];
  if (!disclosure.involved) lines.push(NO_AI, '');
  if (disclosure.files.length > 0) {
    lines.push(`AI-generated files (${count(disclosure.files.length, 'file')}):`, '');
    lines.push(...listed(disclosure.files, maxFiles), '');
  } else if (disclosure.involved) {
    lines.push('No file is listed as AI-generated.', '');
  }
  if (disclosure.tools.length > 0) lines.push(`Detected from commit trailers: ${disclosure.tools.join('; ')}.`, '');
  if (disclosure.added.length > 0) {
    lines.push(`Added by the author (no commit trailer names them): ${listInline(disclosure.added, maxFiles)}.`, '');
  }
  if (disclosure.removed.length > 0) {
    lines.push(`Detected but not AI-generated, says the author: ${listInline(disclosure.removed, maxFiles)}.`, '');
  }
  if (disclosure.planningStatement) {
    lines.push('The planning doc says:', '', ...disclosure.planningStatement.split('\n').map((line) => (line ? `> ${line}` : '>')), '');
  }
  const answer = unclearAnswer(disclosure);
  if (answer) lines.push(answer, '');
  lines.push(`- [${understood ? 'x' : ' '}] ${UNDERSTOOD_STATEMENT}`);
  return lines;
}

/** When the planning doc does not say plainly: what the author answered, or why the label is on. */
function unclearAnswer(disclosure: AiDisclosure): string | undefined {
  if (disclosure.planningSays !== 'unclear') return undefined;
  if (disclosure.answered === true) return 'Asked, the author confirms that AI helped with this change.';
  if (disclosure.answered === false) return 'Asked, the author confirms that no AI helped with this change.';
  return 'The planning doc does not say plainly whether AI helped: labelled AI-assisted until the author says otherwise.';
}

function listed(files: readonly string[], max: number): string[] {
  const shown = files.slice(0, max).map((file) => `- ${code(file)}`);
  return files.length > max ? [...shown, `- …and ${count(files.length - max, 'more file')}`] : shown;
}

function listInline(files: readonly string[], max: number): string {
  const shown = files.slice(0, max).map(code).join(', ');
  return files.length > max ? `${shown} and ${files.length - max} more` : shown;
}
