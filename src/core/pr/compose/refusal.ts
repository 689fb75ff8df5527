// Whether the pull request may open. A blocker stops it, with one exception
// the working agreement makes: a change that is blocked only because files
// lie outside the PM zone goes back "with a request to pair", so it may open
// as a draft labelled for pairing.

import type { Finding } from '../../types';
import { aboutCheck, type CheckId } from '../../review/registry';
import { count } from './markdown';

const OUTSIDE: CheckId = 'zone.outside';
/** Blockers named in the refusal; the rest are counted. */
const MAX_NAMED = 10;

export interface Decision {
  blockers: Finding[];
  canOpen: boolean;
  refusal?: string;
  pairing: boolean;
  pairingPossible: boolean;
}

export function decide(findings: readonly Finding[], pairingRequested: boolean): Decision {
  const blockers = findings.filter((finding) => finding.blocking);
  const outsideFiles = findings.some((finding) => finding.check === OUTSIDE);
  const onlyOutside = blockers.length > 0 && blockers.every((finding) => finding.check === OUTSIDE);
  const pairingPossible = outsideFiles && (blockers.length === 0 || onlyOutside);
  const pairing = pairingRequested && pairingPossible;
  if (blockers.length === 0 || pairing) return { blockers, canOpen: true, pairing, pairingPossible };
  const pairingHint = onlyOutside ? ' Files outside the PM zone can instead open as a draft labelled for pairing with an engineer.' : '';
  return { blockers, canOpen: false, refusal: `${describeBlockers(blockers)}.${pairingHint}`, pairing: false, pairingPossible };
}

/** "2 blockers: Engineering-only file changed: src/auth/session.ts; No PLANNING.md": files first, then the change as a whole, in the checks' titles (rule ids are for engineers). */
export function describeBlockers(blockers: readonly Finding[]): string {
  const ordered = [...blockers.filter((finding) => finding.file !== null), ...blockers.filter((finding) => finding.file === null)];
  const names = [...new Set(ordered.map(blockerName))];
  const shown = names.slice(0, MAX_NAMED);
  const more = names.length > shown.length ? `; and ${names.length - shown.length} more` : '';
  return `${count(blockers.length, 'blocker')}: ${shown.join('; ')}${more}`;
}

function blockerName(finding: Finding): string {
  const title = aboutCheck(finding.check)?.title ?? finding.check;
  if (finding.file === null) return title;
  return `${title}: ${finding.file}${finding.line === null ? '' : `, line ${finding.line}`}`;
}
