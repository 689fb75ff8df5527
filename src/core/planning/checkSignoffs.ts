import type { Mode } from '../policy/model';
import type { Problem } from '../types';
import { writtenNodes, writtenSource } from './content';
import { headingRange } from './checkSections';
import { findSection, type PlanningDoc } from './planningDoc';

export interface Dris {
  engineeringDri?: string;
  productDri?: string;
}

/**
 * The Sign-offs section names the engineering DRI, and in regulated mode the
 * product DRI too. When CLAUDE.md names the DRI, that handle must appear;
 * otherwise a "Product DRI: someone" line is enough. An empty or missing
 * section is reported by the section check, not again here.
 */
export function checkSignoffs(doc: PlanningDoc, file: string, mode: Mode, dris: Dris, guidance: ReadonlySet<string>): Problem[] {
  const section = findSection(doc, 'sign-offs');
  if (!section || writtenNodes(doc, section, guidance).length === 0) return [];
  const text = writtenSource(doc, section, guidance);
  const roles: Array<{ role: string; expected: string | undefined }> = [{ role: 'engineering', expected: dris.engineeringDri }];
  if (mode === 'regulated') roles.push({ role: 'product', expected: dris.productDri });
  const problems: Problem[] = [];
  for (const { role, expected } of roles) {
    if (namesDri(text, role, expected)) continue;
    const who = expected ? ` (${expected})` : '';
    const why = mode === 'regulated' ? 'regulated mode needs both the engineering DRI and the product DRI to sign off' : 'the engineering DRI signs off every planning doc';
    problems.push({ ...headingRange(file, section), severity: 'warning', kind: 'missing-signoff', message: `Sign-offs do not name the ${role} DRI${who}: ${why}.` });
  }
  return problems;
}

function namesDri(text: string, role: string, expected: string | undefined): boolean {
  if (expected) {
    const name = expected.replace(/^@/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w-])@?${name}(?![\\w-])`, 'i').test(text);
  }
  const line = new RegExp(`\\b${role}\\s+DRI\\b[\\s:*_\\-–—]*(.*)$`, 'im').exec(text);
  const named = line?.[1].trim() ?? '';
  return /[A-Za-z]/.test(named) && !/^(?:TBD|TODO|FIXME)\b|\{\{/i.test(named);
}
