// The pull request body, in the order a reviewer reads it, kept under
// GitHub's limit. Long lists shrink step by step (findings per item, file
// rows); only if the body still does not fit is it cut, at a line, with a note.

import type { Finding } from '../../types';
import { energyLine } from './energy';
import type { RemoteRepository } from '../../git/remote';
import type { PlanningSummary } from '../../planning';
import type { RepositoryPolicy } from '../../repository';
import type { ChangedFile, EvaluatedItem } from '../../review';
import { aiSectionLines, type AiDisclosure } from './ai';
import { CHECKLIST_HEADING, checklistLines } from './checklistSection';
import type { SignOffs } from './people';
import { filesLines, ownersLines, planningLines, signOffLines, summaryLines } from './sections';
import type { PlanningText } from './types';

/** GitHub refuses a longer body (65,536 characters); the margin leaves room for an edit. */
export const MAX_BODY_LENGTH = 65_000;
export const FOOTER = '_Opened with PM Zone_';
export const CUT_NOTE = '_…the rest of this description was too long for GitHub: run `pm-zone review` for every finding._';

export interface BodyParts {
  summary: PlanningSummary | undefined;
  planning: PlanningText | undefined;
  remote: RemoteRepository | undefined;
  head: string;
  files: readonly ChangedFile[];
  policy: RepositoryPolicy;
  checklist: readonly EvaluatedItem[];
  findings: readonly Finding[];
  /** Checks that had something to look at: an item of none of them is not applicable. */
  applicable: readonly string[];
  ticked: ReadonlySet<string>;
  signOffs: SignOffs;
  /** Why it opens as a draft (pairing has its own note). */
  draftReason?: string;
  ai: AiDisclosure;
  understood: boolean;
  pairing: boolean;
  energy?: number;
}

interface Limits {
  findingsPerItem: number;
  fileRows: number;
  filesPerOwner: number;
  aiFiles: number;
}

/** From generous to terse; the first that fits wins. */
const LIMITS: readonly Limits[] = [
  { findingsPerItem: 25, fileRows: 300, filesPerOwner: 10, aiFiles: 300 },
  { findingsPerItem: 5, fileRows: 100, filesPerOwner: 3, aiFiles: 100 },
  { findingsPerItem: 1, fileRows: 25, filesPerOwner: 1, aiFiles: 25 },
  { findingsPerItem: 0, fileRows: 5, filesPerOwner: 0, aiFiles: 5 },
];

export function composeBody(parts: BodyParts, maxLength = MAX_BODY_LENGTH): string {
  let body = '';
  for (const limits of LIMITS) {
    body = render(parts, limits);
    if (body.length <= maxLength) return body;
  }
  return cut(body, maxLength);
}

function render(parts: BodyParts, limits: Limits): string {
  const sections: [string | undefined, string[]][] = [
    [undefined, summaryLines(parts.summary, parts.planning)],
    ...(parts.pairing ? [[undefined, [PAIRING_NOTE]] as [undefined, string[]]] : []),
    ...(parts.draftReason ? [[undefined, [`> [!NOTE]\n> ${parts.draftReason}`]] as [undefined, string[]]] : []),
    ['Planning doc', planningLines(parts.planning, parts.summary, parts.remote, parts.head)],
    ['Files by zone', filesLines(parts.files, parts.policy, limits.fileRows)],
    [CHECKLIST_HEADING, checklistLines(parts.checklist, parts.findings, parts.applicable, parts.ticked, limits.findingsPerItem)],
    ['Code owners who must review', ownersLines(parts.files, parts.policy, limits.filesPerOwner)],
    ['Sign-offs', signOffLines(parts.signOffs)],
    ['AI assistance', aiSectionLines(parts.ai, parts.understood, limits.aiFiles)],
    ...(parts.energy === undefined ? [] : [['Pilot check-in', [energyLine(parts.energy)]] as [string, string[]]]),
  ];
  const text = sections.map(([heading, lines]) => [...(heading ? [`## ${heading}`, ''] : []), ...lines].join('\n'));
  return `${[...text, '---', FOOTER].join('\n\n')}\n`;
}

const PAIRING_NOTE =
  '> [!NOTE]\n> Some files are outside the PM zone, so this opens as a draft to pair on: an engineer co-authors those files before review.';

/** The longest run of whole lines that fits with the note and the footer. */
function cut(body: string, maxLength: number): string {
  const ending = `\n\n${CUT_NOTE}\n\n---\n\n${FOOTER}\n`;
  const room = maxLength - ending.length;
  const lastBreak = body.lastIndexOf('\n', room);
  return `${body.slice(0, Math.max(0, lastBreak)).trimEnd()}${ending}`;
}
