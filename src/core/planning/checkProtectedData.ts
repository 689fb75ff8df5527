import type { Problem } from '../types';
import { writtenNodes } from './content';
import { headingRange } from './checkSections';
import { sourceOf } from '../text/markdown';
import { findSection, type PlanningDoc } from './planningDoc';

const NEGATION = /\b(?:no|none|not|never|without|zero)\b|n't\b/i;
const PROTECTED = /\b(?:protected|phi|pci|pii|personal|health|cardholder|payment|sensitive)\b/i;

/**
 * Regulated mode: the written Protected data section must say that no protected
 * data is touched: a bare "None", or a sentence with both a negation and a
 * kind of protected data ("No PHI or payment data is read."). A heuristic,
 * so the message quotes what the PM should write.
 */
export function checkProtectedData(doc: PlanningDoc, file: string, guidance: ReadonlySet<string>): Problem[] {
  const section = findSection(doc, 'protected-data');
  if (!section) return [];
  const nodes = writtenNodes(doc, section, guidance);
  if (nodes.length === 0) return [];
  const text = nodes.map((node) => sourceOf(doc.text, node)).join('\n');
  if (statesNoProtectedData(text)) return [];
  return [
    {
      ...headingRange(file, section),
      severity: 'error',
      kind: 'protected-data',
      message: 'The "Protected data" section does not state that no protected data is touched; write, for example, "This change touches no protected data (PHI, PCI, personal data)."',
    },
  ];
}

export function statesNoProtectedData(text: string): boolean {
  if (/^\s*(?:none|no)\s*[.!]?\s*$/i.test(text)) return true;
  return text.split(/[.!?;\n]+/).some((sentence) => NEGATION.test(sentence) && PROTECTED.test(sentence));
}
